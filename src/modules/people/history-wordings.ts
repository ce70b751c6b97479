// How history pages describe people events, in the reader's language (the module's manifest declares them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { peopleMessages } from './messages.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const named = (label: string, name: unknown) => (str(name) ? `${label} ${str(name)}` : label);

const linkWays = {
  en: { by_hand: 'by hand', invitation: 'on accepting an invitation', verified_address: 'automatically, by its confirmed address' },
  fr: { by_hand: 'manuellement', invitation: 'à l’acceptation d’une invitation', verified_address: 'automatiquement, par son adresse confirmée' },
} as const;

/** English reads the summary stored with most events; French has its own sentences. */
export function personWordings(locale: Locale): Record<string, EventWording> {
  const way = (v: unknown) => linkWays[locale][v as keyof (typeof linkWays)['en']] ?? '';
  if (locale !== 'fr') {
    return {
      'person.account_linked': (_b, a) => `Linked to the account ${str(a.account) ?? '?'} ${way(a.via)}`.trim(),
      'person.account_unlinked': (b) => `No longer linked to the account ${str(b.account) ?? '?'}`,
    };
  }
  return {
    'person.created': (_b, a) => named('Personne ajoutée :', a.name),
    'person.updated': () => 'Fiche modifiée',
    'person.deleted': (b) => named('Personne supprimée :', b.name),
    'person.account_linked': (_b, a) => `Fiche liée au compte ${str(a.account) ?? '?'} ${way(a.via)}`.trim(),
    'person.account_unlinked': (b) => `Fiche déliée du compte ${str(b.account) ?? '?'}`,
  };
}

export function personFieldLabels(locale: Locale): Record<string, string> {
  const p = peopleMessages(locale);
  return { affiliation: p.affiliation, organizationId: p.organization, phone: p.phone, notes: p.notes, isExample: p.isExample, account: p.linkedAccount };
}
