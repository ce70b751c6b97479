// How history pages describe liaison events, in the reader's language (spread into modules/history/messages.ts).
import type { Locale } from '../../platform/i18n/locale.ts';
import { liaisonMessages } from './messages.ts';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const names = (v: unknown) => (Array.isArray(v) ? v.map(str).join(', ') : '');

export function liaisonWordings(locale: Locale): Record<string, (before: Data, after: Data) => string | undefined> {
  const m = liaisonMessages(locale);
  const status = (v: unknown) => m.actionStatuses[v as keyof typeof m.actionStatuses] ?? str(v);
  const mode = (v: unknown) => m.approvalModes[v as keyof typeof m.approvalModes] ?? str(v);
  if (locale === 'fr') {
    return {
      'liaison.received': (_b, a) => `Déclaration reçue enregistrée : ${str(a.reference)}`,
      'liaison.drafted': (_b, a) => `Projet de déclaration sortante : ${str(a.reference)}`,
      'liaison.updated': (_b, a) => `Déclaration modifiée (${Object.keys(a).join(', ')})`,
      'liaison.attachment_added': (_b, a) => `Pièce jointe ajoutée : ${str(a.fileName)}`,
      'liaison.submitted': (_b, a) => `Soumise pour approbation à ${names(a.approvers)}`,
      'liaison.approved': (_b, a) => `Approuvée (${mode(a.mode).toLowerCase()})`,
      'liaison.returned': (_b, a) => `Renvoyée au rédacteur : ${str(a.reason)}`,
      'liaison.sent': (_b, a) => `Envoyée à ${names(a.recipients)}`,
      'liaison.closed': () => 'Close',
      'liaison.withdrawn': () => 'Retirée',
      'liaison.assigned': (_b, a) => (a.assignee ? `Attribuée à ${str(a.assignee)}` : 'Plus attribuée à personne'),
      'liaison.action_status_changed': (_b, a) => (a.reply ? `Répondue par ${str(a.reply)}` : `Suivi de l’action : ${status(a.actionStatus)}`),
      'liaison.reminder_sent': (_b, a) => `Rappel envoyé à ${names(a.to)} (échéance ${Number(a.daysLeft) === 1 ? 'demain' : `dans ${str(a.daysLeft)} jours`})`,
    };
  }
  return {
    'liaison.updated': (_b, a) => `Statement changed (${Object.keys(a).join(', ')})`,
    'liaison.approved': (_b, a) => `Approved (${mode(a.mode).toLowerCase()})`,
    'liaison.returned': (_b, a) => `Returned to the drafter: ${str(a.reason)}`,
    'liaison.action_status_changed': (_b, a) => (a.reply ? `Answered by ${str(a.reply)}` : `Action status: ${status(a.actionStatus)}`),
  };
}
