// How history pages describe contact events, in the reader's language (spread into modules/history/messages.ts).
import type { Locale } from '../../platform/i18n/locale.ts';
import { contactMessages } from './messages.ts';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function contactWordings(locale: Locale): Record<string, (before: Data, after: Data) => string | undefined> {
  const m = contactMessages(locale);
  const role = (v: unknown) => m.roles[v as keyof typeof m.roles] ?? str(v);
  const body = (v: unknown) => (str(v) ? ` (${str(v)})` : '');
  if (locale === 'fr') {
    return {
      'contact.added': (_b, a) => `Contact ajouté : ${str(a.person)}, ${role(a.role).toLowerCase()}${body(a.body)}`,
      'contact.updated': (_b, a) => `Fiche de contact modifiée (${Object.keys(a).join(', ')})`,
      'contact.removed': (b) => `Contact supprimé : ${str(b.person)}, ${role(b.role).toLowerCase()}${body(b.body)}`,
      'contact.confirmation_requested': () => 'Demande annuelle de confirmation envoyée',
      'contact.confirmed': () => 'Fiche confirmée par la personne',
      'contact.correction_received': () => 'Correction reçue de la personne',
    };
  }
  return {
    'contact.added': (_b, a) => `Contact added: ${str(a.person)}, ${role(a.role).toLowerCase()}${body(a.body)}`,
    'contact.removed': (b) => `Contact removed: ${str(b.person)}, ${role(b.role).toLowerCase()}${body(b.body)}`,
  };
}
