// How history pages describe roadmap events, in the reader's language (the module's manifest declares them).
import type { Locale } from '../../platform/i18n/locale.ts';
import type { EventWording } from '../../platform/module-manifest.ts';
import { changedFieldNames, textOf } from '../../platform/event-words.ts';
import { formatNumber } from '../../platform/i18n/locale.ts';
import { roadmapMessages } from './messages.ts';
import type { RelationKind } from './schema.ts';

type Data = Record<string, unknown>;

/** Every event kind the roadmap module writes. */
export const roadmapEventKinds = [
  'roadmap.entry_added',
  'roadmap.entry_included',
  'roadmap.entry_updated',
  'roadmap.entry_removed',
  'roadmap.relation_added',
  'roadmap.relation_removed',
  'roadmap.imported',
  'roadmap.proposal_submitted',
  'roadmap.proposal_accepted',
  'roadmap.proposal_rejected',
  'roadmap.proposal_withdrawn',
] as const;
type RoadmapEventKind = (typeof roadmapEventKinds)[number];

export function roadmapWordings(locale: Locale): Record<RoadmapEventKind, EventWording> {
  const r = roadmapMessages(locale);
  const labels = entryFieldLabels(locale);
  const relation = (v: unknown) => r.relationKinds[v as RelationKind] ?? textOf(v);
  const entry = (a: Data, subject: string | undefined) => textOf(a.identifier ?? subject, locale === 'fr' ? 'une entrée' : 'an entry');
  /** What a proposal is about: the identifier it proposes, or the entry it changes. */
  const proposed = (a: Data) => textOf((a.proposed as Data | undefined)?.identifier, '');
  const count = (v: unknown) => (typeof v === 'number' ? formatNumber(v, locale) : '0');
  // With a person to name, each sentence says what they did; Concord's own work (the demo, an import command) reads without one.
  const fr: Record<RoadmapEventKind, EventWording> = {
    'roadmap.entry_added': (_b, a, subject, who) =>
      who ? `${who} a ajouté ${entry(a, subject)} à la feuille de route` : `${entry(a, subject)} ajoutée à la feuille de route`,
    'roadmap.entry_included': (_b, a, subject, who) =>
      who ? `${who} a repris ${entry(a, subject)} dans la feuille de route` : `${entry(a, subject)} reprise dans la feuille de route`,
    'roadmap.entry_updated': (b, a, subject, who) =>
      who
        ? `${who} a modifié ${entry(b, subject)} (${changedFieldNames(a, labels, locale, 'thèmes')})`
        : `${entry(b, subject)} modifiée (${changedFieldNames(a, labels, locale, 'thèmes')})`,
    'roadmap.entry_removed': (b, _a, subject, who) =>
      who ? `${who} a retiré ${entry(b, subject)} de la feuille de route` : `${entry(b, subject)} retirée de la feuille de route`,
    'roadmap.relation_added': (_b, a, subject, who) =>
      `${who ? `${who} a ajouté une relation` : 'Relation ajoutée'} : ${entry({}, subject)} ${relation(a.kind)} ${textOf(a.toIdentifier)}`,
    'roadmap.relation_removed': (b, _a, subject, who) =>
      `${who ? `${who} a retiré une relation` : 'Relation retirée'} : ${entry({}, subject)} ${relation(b.kind)} ${textOf(b.toIdentifier)}`,
    'roadmap.imported': (_b, a, _s, who) =>
      `${who ? `${who} a importé la feuille de route` : 'Import de la feuille de route'} : ${count(a.added)} ajoutées, ${count(a.changed)} modifiées, ${count(a.included)} reprises, ${count(a.unchanged)} inchangées`,
    'roadmap.proposal_submitted': (_b, a, _s, who) => {
      const by = who ? `${who} a proposé` : 'Proposition';
      if (a.kind === 'new_entry') return who ? `${by} une nouvelle entrée : ${proposed(a)}` : `Proposition d’une nouvelle entrée : ${proposed(a)}`;
      if (a.kind === 'include') return `${by} de reprendre ${entry(a, undefined)} dans la feuille de route`;
      return who ? `${by} une modification de ${entry(a, undefined)}` : 'Proposition de modification d’une entrée';
    },
    'roadmap.proposal_accepted': (_b, a, _s, who) =>
      `${who ? `${who} a accepté la proposition` : 'Proposition acceptée'}${a.edited ? ' avec des modifications' : ''}`,
    'roadmap.proposal_rejected': (_b, a, _s, who) => `${who ? `${who} a refusé la proposition` : 'Proposition refusée'} : ${textOf(a.reason)}`,
    'roadmap.proposal_withdrawn': (_b, _a, _s, who) => (who ? `${who} a retiré sa proposition` : 'Proposition retirée par son auteur'),
  };
  const en: Record<RoadmapEventKind, EventWording> = {
    'roadmap.entry_added': (_b, a, subject, who) => (who ? `${who} added ${entry(a, subject)} to the roadmap` : `${entry(a, subject)} added to the roadmap`),
    'roadmap.entry_included': (_b, a, subject, who) =>
      who ? `${who} included ${entry(a, subject)} in the roadmap` : `${entry(a, subject)} included in the roadmap`,
    'roadmap.entry_updated': (b, a, subject, who) =>
      who
        ? `${who} changed ${entry(b, subject)} (${changedFieldNames(a, labels, locale, 'topics')})`
        : `${entry(b, subject)} changed (${changedFieldNames(a, labels, locale, 'topics')})`,
    'roadmap.entry_removed': (b, _a, subject, who) =>
      who ? `${who} removed ${entry(b, subject)} from the roadmap` : `${entry(b, subject)} removed from the roadmap`,
    'roadmap.relation_added': (_b, a, subject, who) =>
      `${who ? `${who} added a relation` : 'Relation added'}: ${entry({}, subject)} ${relation(a.kind)} ${textOf(a.toIdentifier)}`,
    'roadmap.relation_removed': (b, _a, subject, who) =>
      `${who ? `${who} removed a relation` : 'Relation removed'}: ${entry({}, subject)} ${relation(b.kind)} ${textOf(b.toIdentifier)}`,
    'roadmap.imported': (_b, a, _s, who) =>
      `${who ? `${who} imported the roadmap` : 'Roadmap import'}: ${count(a.added)} added, ${count(a.changed)} changed, ${count(a.included)} included, ${count(a.unchanged)} unchanged`,
    'roadmap.proposal_submitted': (_b, a, _s, who) => {
      if (a.kind === 'new_entry') return who ? `${who} proposed a new entry: ${proposed(a)}` : `New entry proposed: ${proposed(a)}`;
      if (a.kind === 'include') return who ? `${who} proposed including ${entry(a, undefined)} in the roadmap` : `Including ${entry(a, undefined)} in the roadmap proposed`;
      return who ? `${who} proposed a change to ${entry(a, undefined)}` : 'Change to an entry proposed';
    },
    'roadmap.proposal_accepted': (_b, a, _s, who) => `${who ? `${who} accepted the proposal` : 'Proposal accepted'}${a.edited ? ' with changes' : ''}`,
    'roadmap.proposal_rejected': (_b, a, _s, who) => `${who ? `${who} rejected the proposal` : 'Proposal rejected'}: ${textOf(a.reason)}`,
    'roadmap.proposal_withdrawn': (_b, _a, _s, who) => (who ? `${who} withdrew their proposal` : 'Proposal withdrawn by its author'),
  };
  return locale === 'fr' ? fr : en;
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
  // A relation's event stores its kind under the same name as an entry's kind; the codes do not collide.
  return { status: r.statuses, kind: { ...r.relationKinds, ...r.kinds } };
}

/** A proposal's stored fields: what it proposed, the decision and its reasons (values labelled as the entry's). */
export function proposalFieldLabels(locale: Locale): Record<string, string> {
  const fr = locale === 'fr';
  return {
    ...entryFieldLabels(locale),
    proposed: fr ? 'Valeurs proposées' : 'Proposed values',
    applied: fr ? 'Valeurs appliquées' : 'Values applied',
    edited: fr ? 'Ajustée par le secrétariat' : 'Adjusted by the secretariat',
    note: fr ? 'Motif de la proposition' : 'Why this proposal',
    comment: fr ? 'Commentaire' : 'Comment',
    reason: fr ? 'Motif du refus' : 'Reason for rejecting',
  };
}

/** The roadmap import's figures and the agenda template, recorded on the activity. */
export function importFieldLabels(locale: Locale): Record<string, string> {
  return locale === 'fr'
    ? { added: 'Entrées ajoutées', changed: 'Entrées modifiées', included: 'Entrées reprises', unchanged: 'Entrées inchangées', newOrganizations: 'Organisations créées' }
    : { added: 'Entries added', changed: 'Entries changed', included: 'Entries included', unchanged: 'Entries unchanged', newOrganizations: 'Organizations created' };
}

export function relationFieldLabels(locale: Locale): Record<string, string> {
  return locale === 'fr' ? { toIdentifier: 'Entrée liée', note: 'Note' } : { toIdentifier: 'Related entry', note: 'Note' };
}
