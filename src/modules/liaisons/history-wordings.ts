// How history pages describe liaison events, in the reader's language (the module's manifest declares them).
import { changedFieldNames, listOf, textOf } from '../../platform/event-words.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { liaisonMessages } from './messages.ts';

type Data = Record<string, unknown>;

/** Every event kind the liaisons module writes (`liaison.closed` and `.withdrawn` are the states those steps reach). */
export const liaisonEventKinds = [
  'liaison.received',
  'liaison.drafted',
  'liaison.updated',
  'liaison.attachment_added',
  'liaison.submitted',
  'liaison.approved',
  'liaison.returned',
  'liaison.sent',
  'liaison.closed',
  'liaison.withdrawn',
  'liaison.assigned',
  'liaison.action_status_changed',
  'liaison.reminder_sent',
] as const;
type LiaisonEventKind = (typeof liaisonEventKinds)[number];

export function liaisonWordings(locale: Locale): Record<LiaisonEventKind, EventWording> {
  const m = liaisonMessages(locale);
  const status = (v: unknown) => m.actionStatuses[v as keyof typeof m.actionStatuses] ?? textOf(v);
  const mode = (v: unknown) => m.approvalModes[v as keyof typeof m.approvalModes] ?? textOf(v);
  const labels = liaisonFieldLabels(locale);
  const ref = (a: Data) => textOf(a.reference, '');
  // With a person to name, each sentence says what they did; Concord's own work (a reminder job) reads without one.
  const fr: Record<LiaisonEventKind, EventWording> = {
    'liaison.received': (_b, a, _s, who) =>
      who ? `${who} a enregistré la déclaration de liaison reçue ${ref(a)} « ${textOf(a.title)} »` : `Déclaration de liaison reçue enregistrée : ${ref(a)} « ${textOf(a.title)} »`,
    'liaison.drafted': (_b, a, _s, who) =>
      who ? `${who} a rédigé le projet de déclaration de liaison sortante ${ref(a)} « ${textOf(a.title)} »` : `Projet de déclaration de liaison sortante : ${ref(a)} « ${textOf(a.title)} »`,
    'liaison.updated': (_b, a, _s, who) =>
      who ? `${who} a modifié la déclaration ${ref(a)} (${changedFieldNames(a, labels, locale, 'liens')})` : `Déclaration ${ref(a)} modifiée (${changedFieldNames(a, labels, locale, 'liens')})`,
    'liaison.attachment_added': (_b, a, _s, who) =>
      who ? `${who} a joint un fichier à ${ref(a) || 'la déclaration'} : ${textOf(a.fileName)}` : `Pièce jointe ajoutée à ${ref(a) || 'la déclaration'} : ${textOf(a.fileName)}`,
    'liaison.submitted': (_b, a, _s, who) =>
      who ? `${who} a soumis la déclaration ${ref(a)} pour approbation à ${listOf(a.approvers, locale)}` : `Déclaration ${ref(a)} soumise pour approbation à ${listOf(a.approvers, locale)}`,
    'liaison.approved': (_b, a, _s, who) =>
      who ? `${who} a approuvé la déclaration sortante ${ref(a)} (${mode(a.mode).toLowerCase()})` : `Déclaration ${ref(a)} approuvée (${mode(a.mode).toLowerCase()})`,
    'liaison.returned': (_b, a, _s, who) =>
      who ? `${who} a renvoyé la déclaration ${ref(a)} au rédacteur : ${textOf(a.reason)}` : `Déclaration ${ref(a)} renvoyée au rédacteur : ${textOf(a.reason)}`,
    'liaison.sent': (_b, a, _s, who) =>
      who ? `${who} a envoyé la déclaration ${ref(a)} à ${listOf(a.recipients, locale)}` : `Déclaration ${ref(a)} envoyée à ${listOf(a.recipients, locale)}`,
    'liaison.closed': (_b, a, _s, who) => (who ? `${who} a clos la déclaration ${ref(a)}` : `Déclaration ${ref(a)} close`),
    'liaison.withdrawn': (_b, a, _s, who) => (who ? `${who} a retiré la déclaration ${ref(a)}` : `Déclaration ${ref(a)} retirée`),
    'liaison.assigned': (_b, a, _s, who) =>
      who
        ? a.assignee
          ? `${who} a confié la déclaration ${ref(a)} à ${textOf(a.assignee)}`
          : `${who} a laissé la déclaration ${ref(a)} sans responsable`
        : a.assignee
          ? `Déclaration ${ref(a)} attribuée à ${textOf(a.assignee)}`
          : `Déclaration ${ref(a)} attribuée à personne`,
    // A reply sent answers the statements it replies to: the history names the reply.
    'liaison.action_status_changed': (_b, a, _s, who) =>
      a.reply
        ? who
          ? `${who} y a répondu par ${textOf(a.reply)}`
          : `Répondue par ${textOf(a.reply)}`
        : who
          ? `${who} a fait passer le suivi de l’action pour ${ref(a) || 'la déclaration'} à « ${status(a.actionStatus).toLowerCase()} »`
          : `Suivi de l’action pour ${ref(a) || 'la déclaration'} : ${status(a.actionStatus).toLowerCase()}`,
    'liaison.reminder_sent': (_b, a, _s, who) =>
      `${who ? `${who} a envoyé un rappel` : 'Rappel envoyé'} à ${listOf(a.to, locale)} (échéance dans ${textOf(a.daysLeft)} jour${Number(a.daysLeft) > 1 ? 's' : ''})`,
  };
  const en: Record<LiaisonEventKind, EventWording> = {
    'liaison.received': (_b, a, _s, who) =>
      who ? `${who} registered the incoming liaison statement ${ref(a)} “${textOf(a.title)}”` : `Incoming liaison statement registered: ${ref(a)} “${textOf(a.title)}”`,
    'liaison.drafted': (_b, a, _s, who) =>
      who ? `${who} drafted the outgoing liaison statement ${ref(a)} “${textOf(a.title)}”` : `Outgoing liaison statement drafted: ${ref(a)} “${textOf(a.title)}”`,
    'liaison.updated': (_b, a, _s, who) =>
      who ? `${who} changed statement ${ref(a)} (${changedFieldNames(a, labels, locale, 'links')})` : `Statement ${ref(a)} changed (${changedFieldNames(a, labels, locale, 'links')})`,
    'liaison.attachment_added': (_b, a, _s, who) =>
      who ? `${who} attached a file to ${ref(a) || 'the statement'}: ${textOf(a.fileName)}` : `Attachment added to ${ref(a) || 'the statement'}: ${textOf(a.fileName)}`,
    'liaison.submitted': (_b, a, _s, who) =>
      who ? `${who} submitted statement ${ref(a)} for approval to ${listOf(a.approvers, locale)}` : `Statement ${ref(a)} submitted for approval to ${listOf(a.approvers, locale)}`,
    'liaison.approved': (_b, a, _s, who) =>
      who ? `${who} approved the outgoing statement ${ref(a)} (${mode(a.mode).toLowerCase()})` : `Statement ${ref(a)} approved (${mode(a.mode).toLowerCase()})`,
    'liaison.returned': (_b, a, _s, who) =>
      who ? `${who} returned statement ${ref(a)} to the drafter: ${textOf(a.reason)}` : `Statement ${ref(a)} returned to the drafter: ${textOf(a.reason)}`,
    'liaison.sent': (_b, a, _s, who) =>
      who ? `${who} sent statement ${ref(a)} to ${listOf(a.recipients, locale)}` : `Statement ${ref(a)} sent to ${listOf(a.recipients, locale)}`,
    'liaison.closed': (_b, a, _s, who) => (who ? `${who} closed statement ${ref(a)}` : `Statement ${ref(a)} closed`),
    'liaison.withdrawn': (_b, a, _s, who) => (who ? `${who} withdrew statement ${ref(a)}` : `Statement ${ref(a)} withdrawn`),
    'liaison.assigned': (_b, a, _s, who) =>
      who
        ? a.assignee
          ? `${who} assigned statement ${ref(a)} to ${textOf(a.assignee)}`
          : `${who} left statement ${ref(a)} without an assignee`
        : a.assignee
          ? `Statement ${ref(a)} assigned to ${textOf(a.assignee)}`
          : `Statement ${ref(a)} no longer assigned`,
    'liaison.action_status_changed': (_b, a, _s, who) =>
      a.reply
        ? who
          ? `${who} answered it with ${textOf(a.reply)}`
          : `Answered by ${textOf(a.reply)}`
        : who
          ? `${who} set the action on ${ref(a) || 'the statement'} to “${status(a.actionStatus).toLowerCase()}”`
          : `Action on ${ref(a) || 'the statement'}: ${status(a.actionStatus).toLowerCase()}`,
    'liaison.reminder_sent': (_b, a, _s, who) =>
      `${who ? `${who} sent a reminder` : 'Reminder sent'} to ${listOf(a.to, locale)} (deadline in ${textOf(a.daysLeft)} day${Number(a.daysLeft) === 1 ? '' : 's'})`,
  };
  return locale === 'fr' ? fr : en;
}

/** A statement's stored fields by the statement form's labels. */
export function liaisonFieldLabels(locale: Locale): Record<string, string> {
  const m = liaisonMessages(locale);
  return {
    title: m.statementTitle, purpose: m.purposeLabel, deadline: m.deadline, body: m.text, theirReference: m.theirReference,
    fromContactName: m.fromContactName, fromContactEmail: m.fromContactEmail, receivedOn: m.receivedOn, meetingId: m.meeting,
    assigneePersonId: m.assignee, assignee: m.assignee, access: m.accessLabel, fromOrganizationIds: m.fromOrganizations,
    toOrganizationIds: m.toOrganizations, recipients: m.recipients, actionStatus: m.actionStatusLabel, mode: m.approvalModeLabel,
    reason: locale === 'fr' ? 'Motif' : 'Reason', state: m.state, attachments: locale === 'fr' ? 'Pièces jointes' : 'Attachments',
    fileName: locale === 'fr' ? 'Fichier' : 'File', approvers: locale === 'fr' ? 'Approbateurs' : 'Approvers',
    objectionDeadline: locale === 'fr' ? 'Objections jusqu’au' : 'Objections until', approvalMeetingId: locale === 'fr' ? 'Réunion d’approbation' : 'Approved at the meeting',
    daysLeft: locale === 'fr' ? 'Jours restants' : 'Days left', to: locale === 'fr' ? 'Destinataires' : 'Sent to',
  };
}

export function liaisonValueNames(locale: Locale): Record<string, Record<string, string>> {
  const m = liaisonMessages(locale);
  return { purpose: m.purposes, actionStatus: m.actionStatuses, access: m.access, mode: m.approvalModes, state: { ...m.states, incoming: m.directions.in } };
}
