// How history pages describe organization events, in the reader's language (the module's manifest declares them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { organizationMessages } from './messages.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const named = (label: string, name: unknown) => (str(name) ? `${label} ${str(name)}` : label);

/** English reads the summary stored with each event; French has its own sentences. */
export function organizationWordings(locale: Locale): Record<string, EventWording> {
  if (locale !== 'fr') return {};
  return {
    'organization.created': (_b, a) => named('Organisation créée :', a.acronym),
    'organization.updated': () => 'Organisation modifiée',
    'organization.deleted': (b) => named('Organisation supprimée :', b.acronym),
  };
}

export function organizationFieldLabels(locale: Locale): Record<string, string> {
  const o = organizationMessages(locale);
  return { kind: o.kind, acronym: o.acronym, name: o.name, nameFr: o.nameFr, parentId: o.parent, website: locale === 'fr' ? 'Site web' : 'Website', description: 'Description' };
}

export function organizationValueNames(locale: Locale): Record<string, Record<string, string>> {
  return { kind: organizationMessages(locale).kinds };
}
