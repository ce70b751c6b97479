// How history pages describe organization events, in the reader's language (the module's manifest declares them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { organizationMessages } from './messages.ts';

import { changedFieldNames, textOf } from '../../platform/event-words.ts';

/** Every event kind the organizations module writes. */
export const organizationEventKinds = ['organization.created', 'organization.updated', 'organization.deleted'] as const;
type OrganizationEventKind = (typeof organizationEventKinds)[number];

export function organizationWordings(locale: Locale): Record<OrganizationEventKind, EventWording> {
  const labels = organizationFieldLabels(locale);
  const fr: Record<OrganizationEventKind, EventWording> = {
    'organization.created': (_b, a) => `Organisation ${textOf(a.acronym)} créée`,
    'organization.updated': (b, a) => `Organisation ${textOf(a.acronym ?? b.acronym, '')} modifiée (${changedFieldNames(a, labels, locale, 'fiche')})`.replace('  ', ' '),
    'organization.deleted': (b) => `Organisation ${textOf(b.acronym)} supprimée`,
  };
  const en: Record<OrganizationEventKind, EventWording> = {
    'organization.created': (_b, a) => `Organization ${textOf(a.acronym)} created`,
    'organization.updated': (b, a) => `Organization ${textOf(a.acronym ?? b.acronym, '')} changed (${changedFieldNames(a, labels, locale, 'record')})`.replace('  ', ' '),
    'organization.deleted': (b) => `Organization ${textOf(b.acronym)} deleted`,
  };
  return locale === 'fr' ? fr : en;
}

export function organizationFieldLabels(locale: Locale): Record<string, string> {
  const o = organizationMessages(locale);
  return { kind: o.kind, acronym: o.acronym, name: o.name, nameFr: o.nameFr, parentId: o.parent, website: locale === 'fr' ? 'Site web' : 'Website', description: 'Description' };
}

export function organizationValueNames(locale: Locale): Record<string, Record<string, string>> {
  return { kind: organizationMessages(locale).kinds };
}
