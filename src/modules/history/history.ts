// Reading the event log for people: field names become labels, ids become names, newest first.
import { inArray, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { type EventRow, listEvents } from '../../platform/events.ts';
import { formatDate, formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { activityMessages } from '../activities/messages.ts';
import { meetingFieldLabels, meetingRuleLabels, meetingValueNames } from '../meetings/history-wordings.ts';
import { organizationMessages } from '../organizations/messages.ts';
import { organizations } from '../organizations/schema.ts';
import { peopleMessages } from '../people/messages.ts';
import { people } from '../people/schema.ts';
import { roadmapMessages } from '../roadmap/messages.ts';
import { describeEvent } from './messages.ts';

export type FieldChange = { field: string; label: string; before: string; after: string };
/** `created`: the event has no "before" (a creation), so only the new values are worth showing. */
export type HistoryEntry = EventRow & { changes: FieldChange[]; created: boolean };

function fieldLabels(subjectType: string, locale: Locale): Record<string, string> {
  const a = activityMessages(locale);
  const o = organizationMessages(locale);
  const p = peopleMessages(locale);
  const common: Record<string, string> = { name: locale === 'fr' ? 'Nom' : 'Name', email: locale === 'fr' ? 'Courriel' : 'E-mail', country: locale === 'fr' ? 'Pays' : 'Country' };
  switch (subjectType) {
    case 'activity':
      return {
        acronym: a.acronym, nameEn: a.nameEn, nameFr: a.nameFr, parentOrganizationId: a.parent, foundingDecision: a.foundingDecision,
        legalBasis: a.legalBasis, establishedOn: a.establishedOn, webPage: a.webPage, mailingList: a.mailingList,
        secretariatPersonId: a.secretariat, secretariatEmail: a.secretariatEmail, secretariatPhone: a.secretariatPhone,
        visibility: a.visibility, status: a.status, relatedStudyGroupIds: a.relatedStudyGroups, cooperatingBodyIds: a.cooperatingBodies,
        version: a.torVersionColumn, changeNote: a.changeNote, person: a.person, role: a.role, since: a.since,
        ...meetingRuleLabels(locale).labels,
      };
    case 'organization':
      return { ...common, kind: o.kind, acronym: o.acronym, name: o.name, nameFr: o.nameFr, parentId: o.parent, website: locale === 'fr' ? 'Site web' : 'Website', description: 'Description' };
    case 'person':
      return { ...common, affiliation: p.affiliation, organizationId: p.organization, phone: p.phone, notes: p.notes, isExample: p.isExample };
    case 'roadmap_entry': {
      const r = roadmapMessages(locale);
      return {
        organizationId: r.organization, groupId: r.group, identifier: r.identifier, title: r.entryTitle, kind: r.kind, status: r.status,
        startedOn: r.startedOn, targetOn: r.targetOn, approvedOn: r.approvedOn, year: r.year, version: r.version, editors: r.editors,
        scope: r.scope, url: r.url, source: r.source, topics: r.topics,
      };
    }
    case 'meeting':
      return { ...common, ...meetingFieldLabels(locale) };
    default:
      return common;
  }
}

const organizationFields = new Set(['parentOrganizationId', 'relatedStudyGroupIds', 'cooperatingBodyIds', 'parentId', 'organizationId', 'groupId']);
const personFields = new Set(['secretariatPersonId']);

function collectIds(entries: EventRow[], fields: Set<string>): number[] {
  const ids = new Set<number>();
  for (const e of entries) {
    for (const side of [e.before, e.after] as Record<string, unknown>[]) {
      if (!side || typeof side !== 'object') continue;
      for (const [k, v] of Object.entries(side)) {
        if (!fields.has(k)) continue;
        for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'number') ids.add(id);
      }
    }
  }
  return [...ids];
}

/** The events of one subject or one activity, with each changed field labelled and each id named. */
export async function readHistory(
  tx: Tx,
  filter: { subjectType?: string; subjectId?: string | number; activityId?: number; beforeId?: number; visible?: SQL },
  locale: Locale,
): Promise<HistoryEntry[]> {
  const rows = await listEvents(tx, filter);
  const orgIds = collectIds(rows, organizationFields);
  const personIds = collectIds(rows, personFields);
  const orgNames = new Map(
    (orgIds.length ? await tx.select({ id: organizations.id, acronym: organizations.acronym }).from(organizations).where(inArray(organizations.id, orgIds)) : []).map((o) => [o.id, o.acronym]),
  );
  const personNames = new Map(
    (personIds.length ? await tx.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds)) : []).map((p) => [p.id, p.name]),
  );
  const words = activityMessages(locale);
  const roadmapWords = roadmapMessages(locale);
  // Stored values are codes; people read their names. The same field name means different things per subject.
  const valueNames: Record<string, Record<string, Record<string, string>>> = {
    activity: { role: words.roles, status: words.statuses, visibility: words.visibilities, ...meetingRuleLabels(locale).values },
    organization: { kind: organizationMessages(locale).kinds },
    roadmap_entry: { status: roadmapWords.statuses, kind: roadmapWords.kinds },
    meeting: meetingValueNames(locale),
  };
  const show = (subjectType: string, field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    const named = typeof value === 'string' ? valueNames[subjectType]?.[field]?.[value] : undefined;
    if (named) return named;
    const names = organizationFields.has(field) ? orgNames : personFields.has(field) ? personNames : undefined;
    if (names) {
      const list = (Array.isArray(value) ? value : [value]).map((id) => names.get(id as number) ?? `#${id}`);
      return list.length ? list.join(', ') : '—';
    }
    if (typeof value === 'boolean') return value ? '✓' : '✗';
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale);
    // Instants (a meeting's start and deadlines, a liaison's dates…) are stored as ISO strings in UTC.
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return formatDateTime(new Date(value), locale);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length ? value.join('; ') : '—';
    if (Array.isArray(value) || typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  return rows.map((row) => {
    const labels = fieldLabels(row.subjectType, locale);
    const before = (row.before ?? {}) as Record<string, unknown>;
    const after = (row.after ?? {}) as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return {
      ...row,
      summary: describeEvent(row, locale),
      changes: fields
        .map((field) => ({ field, label: labels[field] ?? field, before: show(row.subjectType, field, before[field]), after: show(row.subjectType, field, after[field]) }))
        .filter((c) => c.before !== '—' || c.after !== '—'),
      created: row.before === null,
    };
  });
}
