// How history pages describe mailing-list events, in the reader's language (spread into modules/history/messages.ts).
// Subscriber addresses are never in events: history pages of public activities are public.
import type { Locale } from '../../platform/i18n/locale.ts';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function mailingListWordings(locale: Locale): Record<string, (before: Data, after: Data) => string | undefined> {
  if (locale === 'fr') {
    return {
      'mailing_list.created': (_b, a) => `Liste de diffusion créée : ${str(a.address)}`,
      'mailing_list.subscription_requested': () => 'Demande d’abonnement à la liste (en attente de confirmation)',
      'mailing_list.subscribed': () => 'Abonnement à la liste confirmé',
      'mailing_list.unsubscribed': () => 'Désabonnement de la liste',
      'announcement.sent': (_b, a) => `Annonce envoyée à la liste : « ${str(a.subject)} »`,
      'announcement.fanned_out': (_b, a) => `Annonce mise en file pour ${str(a.recipients)} destinataires`,
      'announcement.corrected': (_b, a) => `Annonce rectifiée («\u00a0${str(a.subject)}\u00a0»)\u00a0: le rectificatif a été envoyé à la liste`,
      'announcement.withdrawn': (_b, a) => `Annonce «\u00a0${str(a.subject)}\u00a0» retirée de l’archive\u00a0: ${str(a.reason)}`,
    };
  }
  return {
    'announcement.sent': (_b, a) => `Announcement sent to the list: “${str(a.subject)}”`,
    'announcement.fanned_out': (_b, a) => `Announcement queued for ${str(a.recipients)} recipients`,
    'announcement.corrected': (_b, a) => `Announcement “${str(a.subject)}” corrected: the correction was sent to the list`,
    'announcement.withdrawn': (_b, a) => `Announcement “${str(a.subject)}” withdrawn from the archive: ${str(a.reason)}`,
  };
}
