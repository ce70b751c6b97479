// How history pages describe contact events, in the reader's language (the module's manifest declares them).
import { changedFieldNames, inSentence, textOf } from '../../platform/event-words.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { contactMessages } from './messages.ts';

/** Every event kind the contacts module writes. */
export const contactEventKinds = [
  'contact.added',
  'contact.updated',
  'contact.removed',
  'contact.confirmation_requested',
  'contact.confirmed',
  'contact.correction_received',
] as const;
type ContactEventKind = (typeof contactEventKinds)[number];

export function contactWordings(locale: Locale): Record<ContactEventKind, EventWording> {
  const m = contactMessages(locale);
  const role = (v: unknown) => m.roles[v as keyof typeof m.roles] ?? textOf(v);
  const body = (v: unknown) => (typeof v === 'string' && v ? ` (${v})` : '');
  const labels = contactFieldLabels(locale);
  const fr: Record<ContactEventKind, EventWording> = {
    'contact.added': (_b, a) => `Contact ajouté : ${textOf(a.person)}, ${inSentence(role(a.role), locale)}${body(a.body)}`,
    'contact.updated': (_b, a) => `Fiche de contact de ${textOf(a.person)} modifiée (${changedFieldNames(a, labels, locale, 'confirmation')})`,
    'contact.removed': (b) => `Contact supprimé : ${textOf(b.person)}, ${inSentence(role(b.role), locale)}${body(b.body)}`,
    'contact.confirmation_requested': () => 'Demande annuelle de confirmation envoyée',
    'contact.confirmed': (_b, _a, _s, who) => (who ? `${who} a confirmé sa fiche` : 'Fiche confirmée par la personne'),
    'contact.correction_received': () => 'Correction reçue de la personne',
  };
  const en: Record<ContactEventKind, EventWording> = {
    'contact.added': (_b, a) => `Contact added: ${textOf(a.person)}, ${inSentence(role(a.role), locale)}${body(a.body)}`,
    'contact.updated': (_b, a) => `Contact entry of ${textOf(a.person)} changed (${changedFieldNames(a, labels, locale, 'confirmation')})`,
    'contact.removed': (b) => `Contact removed: ${textOf(b.person)}, ${inSentence(role(b.role), locale)}${body(b.body)}`,
    'contact.confirmation_requested': () => 'Yearly confirmation request sent',
    'contact.confirmed': (_b, _a, _s, who) => (who ? `${who} confirmed their entry` : 'Entry confirmed by the person'),
    'contact.correction_received': () => 'Correction received from the person',
  };
  return locale === 'fr' ? fr : en;
}

/** A contact entry's stored fields by the contact form's labels. */
export function contactFieldLabels(locale: Locale): Record<string, string> {
  const m = contactMessages(locale);
  return {
    person: m.person, role: m.role, body: m.organization, topic: m.topic, since: m.since, until: m.until,
    confirmedAt: locale === 'fr' ? 'Confirmée le' : 'Confirmed on',
    correction: locale === 'fr' ? 'Correction demandée' : 'Correction asked for',
  };
}

export function contactValueNames(locale: Locale): Record<string, Record<string, string>> {
  return { role: contactMessages(locale).roles };
}
