// How history pages describe roadmap events, in the reader's language (the module's manifest declares them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { roadmapMessages } from './messages.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const named = (label: string, name: unknown) => (str(name) ? `${label} ${str(name)}` : label);

/** English reads the summary stored with each event; French has its own sentences. */
export function roadmapWordings(locale: Locale): Record<string, EventWording> {
  if (locale !== 'fr') return {};
  return {
    'roadmap.entry_added': (_b, a) => named('Entrée ajoutée à la feuille de route :', a.identifier),
    'roadmap.entry_included': () => 'Entrée reprise dans la feuille de route',
    'roadmap.entry_updated': () => 'Entrée de la feuille de route modifiée',
    'roadmap.entry_removed': (b) => named('Entrée retirée de la feuille de route :', b.identifier),
    'roadmap.relation_added': () => 'Relation ajoutée',
    'roadmap.relation_removed': () => 'Relation retirée',
    'roadmap.imported': (_b, a) =>
      `Import de la feuille de route : ${str(a.added) ?? 0} ajoutées, ${str(a.changed) ?? 0} modifiées, ${str(a.included) ?? 0} reprises, ${str(a.unchanged) ?? 0} inchangées`,
  };
}

export function entryFieldLabels(locale: Locale): Record<string, string> {
  const r = roadmapMessages(locale);
  return {
    organizationId: r.organization, groupId: r.group, identifier: r.identifier, title: r.entryTitle, kind: r.kind, status: r.status,
    startedOn: r.startedOn, targetOn: r.targetOn, approvedOn: r.approvedOn, year: r.year, version: r.version, editors: r.editors,
    scope: r.scope, url: r.url, source: r.source, topics: r.topics, equivalents: r.equivalents,
  };
}

export function entryValueNames(locale: Locale): Record<string, Record<string, string>> {
  const r = roadmapMessages(locale);
  return { status: r.statuses, kind: r.kinds };
}
