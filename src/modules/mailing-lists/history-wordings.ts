// How history pages describe mailing-list events, in the reader's language (the module's manifest declares them).
// Subscriber addresses are never in events: history pages of public activities are public.
import { listOf, textOf } from '../../platform/event-words.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';

/** Every event kind the mailing-lists module writes. */
export const mailingListEventKinds = [
  'mailing_list.created',
  'mailing_list.subscription_requested',
  'mailing_list.subscribed',
  'mailing_list.unsubscribed',
  'announcement.sent',
  'announcement.fanned_out',
  'announcement.corrected',
  'announcement.withdrawn',
] as const;
type MailingListEventKind = (typeof mailingListEventKinds)[number];

export function mailingListWordings(locale: Locale): Record<MailingListEventKind, EventWording> {
  const attached = (a: Record<string, unknown>, word: string) => (Array.isArray(a.attachments) && a.attachments.length ? ` (${word} ${listOf(a.attachments, locale)})` : '');
  const fr: Record<MailingListEventKind, EventWording> = {
    'mailing_list.created': (_b, a) => `Liste de diffusion créée : ${textOf(a.address)}`,
    'mailing_list.subscription_requested': () => 'Demande d’abonnement à la liste (en attente de confirmation)',
    'mailing_list.subscribed': () => 'Abonnement à la liste confirmé',
    'mailing_list.unsubscribed': () => 'Désabonnement de la liste',
    'announcement.sent': (_b, a) => `Annonce envoyée à la liste : « ${textOf(a.subject)} »${attached(a, 'avec')}`,
    'announcement.corrected': (_b, a) => `Annonce rectifiée (« ${textOf(a.subject)} ») : le rectificatif a été envoyé à la liste`,
    'announcement.withdrawn': (_b, a) => `Annonce « ${textOf(a.subject)} » retirée de l’archive : ${textOf(a.reason)}`,
    'announcement.fanned_out': (_b, a) => `Annonce mise en file pour ${textOf(a.recipients)} destinataire${Number(a.recipients) > 1 ? 's' : ''}`,
  };
  const en: Record<MailingListEventKind, EventWording> = {
    'mailing_list.created': (_b, a) => `Mailing list created: ${textOf(a.address)}`,
    'mailing_list.subscription_requested': () => 'Subscription to the list asked for (awaiting confirmation)',
    'mailing_list.subscribed': () => 'Subscription to the list confirmed',
    'mailing_list.unsubscribed': () => 'Unsubscribed from the list',
    'announcement.sent': (_b, a) => `Announcement sent to the list: “${textOf(a.subject)}”${attached(a, 'with')}`,
    'announcement.corrected': (_b, a) => `Announcement “${textOf(a.subject)}” corrected: the correction was sent to the list`,
    'announcement.withdrawn': (_b, a) => `Announcement “${textOf(a.subject)}” withdrawn from the archive: ${textOf(a.reason)}`,
    'announcement.fanned_out': (_b, a) => `Announcement queued for ${textOf(a.recipients)} recipient${Number(a.recipients) === 1 ? '' : 's'}`,
  };
  return locale === 'fr' ? fr : en;
}

export function announcementFieldLabels(locale: Locale): Record<string, string> {
  return locale === 'fr' ? { subject: 'Objet', attachments: 'Pièces jointes' } : { subject: 'Subject', attachments: 'Attachments' };
}

export function mailingListFieldLabels(locale: Locale): Record<string, string> {
  return locale === 'fr' ? { address: 'Adresse de la liste' } : { address: 'List address' };
}
