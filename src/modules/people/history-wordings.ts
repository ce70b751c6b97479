// How history pages describe people events, in the reader's language (the module's manifest declares them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { changedFieldNames } from '../../platform/event-words.ts';
import { peopleMessages } from './messages.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const named = (label: string, name: unknown) => (str(name) ? `${label} ${str(name)}` : label);

const linkWays = {
  en: { by_hand: 'by hand', invitation: 'on accepting an invitation', verified_address: 'automatically, by its confirmed address' },
  fr: { by_hand: 'manuellement', invitation: 'à l’acceptation d’une invitation', verified_address: 'automatiquement, par son adresse confirmée' },
} as const;

/** Every event kind the people module writes. */
export const personEventKinds = ['person.created', 'person.updated', 'person.deleted', 'person.account_linked', 'person.account_unlinked'] as const;
type PersonEventKind = (typeof personEventKinds)[number];

export function personWordings(locale: Locale): Record<PersonEventKind, EventWording> {
  const way = (v: unknown) => linkWays[locale][v as keyof (typeof linkWays)['en']] ?? '';
  const labels = { ...personFieldLabels(locale), ...(locale === 'fr' ? { name: 'Nom', email: 'Courriel', country: 'Pays' } : { name: 'Name', email: 'E-mail', country: 'Country' }) };
  const fr: Record<PersonEventKind, EventWording> = {
    'person.created': (_b, a) => named('Personne ajoutée :', a.name),
    'person.updated': (_b, a) => `Fiche modifiée (${changedFieldNames(a, labels, locale, 'coordonnées')})`,
    'person.deleted': (b) => named('Personne supprimée :', b.name),
    'person.account_linked': (_b, a) => `Fiche liée au compte ${str(a.account) ?? '?'} ${way(a.via)}`.trim(),
    'person.account_unlinked': (b) => `Fiche déliée du compte ${str(b.account) ?? '?'}`,
  };
  const en: Record<PersonEventKind, EventWording> = {
    'person.created': (_b, a) => named('Person added:', a.name),
    'person.updated': (_b, a) => `Record changed (${changedFieldNames(a, labels, locale, 'details')})`,
    'person.deleted': (b) => named('Person deleted:', b.name),
    'person.account_linked': (_b, a) => `Linked to the account ${str(a.account) ?? '?'} ${way(a.via)}`.trim(),
    'person.account_unlinked': (b) => `No longer linked to the account ${str(b.account) ?? '?'}`,
  };
  return locale === 'fr' ? fr : en;
}

export function personFieldLabels(locale: Locale): Record<string, string> {
  const p = peopleMessages(locale);
  return { affiliation: p.affiliation, organizationId: p.organization, phone: p.phone, notes: p.notes, isExample: p.isExample, account: p.linkedAccount };
}
