// How history pages describe people events, in the reader's language (the module's manifest declares them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { peopleMessages } from './messages.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const named = (label: string, name: unknown) => (str(name) ? `${label} ${str(name)}` : label);

/** English reads the summary stored with each event; French has its own sentences. */
export function personWordings(locale: Locale): Record<string, EventWording> {
  if (locale !== 'fr') return {};
  return {
    'person.created': (_b, a) => named('Personne ajoutée :', a.name),
    'person.updated': () => 'Fiche modifiée',
    'person.deleted': (b) => named('Personne supprimée :', b.name),
  };
}

export function personFieldLabels(locale: Locale): Record<string, string> {
  const p = peopleMessages(locale);
  return { affiliation: p.affiliation, organizationId: p.organization, phone: p.phone, notes: p.notes, isExample: p.isExample };
}
