// Reading the event log for people: each event as a sentence in the reader's language, and each changed field as
// "Label: before → after" with values in words (names instead of ids, dates formatted, yes/no, lists), never as JSON.
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { activities, meetings, organizations, people, roadmapEntries } from '../../db/schema.ts';
import { type EventRow, listEvents } from '../../platform/events.ts';
import { platformMessages } from '../../platform/i18n/messages.ts';
import { formatDate, formatDateTime, formatNumber, type Locale } from '../../platform/i18n/locale.ts';
import { wordEvent } from '../../platform/module-manifest.ts';
import { events } from '../../platform/schema.ts';
import type { HistoryVocabulary } from './vocabulary.ts';
import { readTogether } from '../../db/together.ts';

/** A value as shown: `whole` is set when `text` was shortened, so the page can offer the rest. */
export type ShownValue = { text: string; whole?: string };
export type FieldChange = { field: string; label: string; before: ShownValue; after: ShownValue };
/** `created`: the event has no "before" (a creation), so only the new values are worth showing. */
export type HistoryEntry = EventRow & { changes: FieldChange[]; created: boolean };

/** Longer values are cut at a word near this many characters, with the whole text a click away. */
export const shortenAt = 160;

/** Labels every subject shares, under the ones its modules declare. */
function commonLabels(locale: Locale): Record<string, string> {
  return locale === 'fr' ? { name: 'Nom', email: 'Courriel', country: 'Pays' } : { name: 'Name', email: 'E-mail', country: 'Country' };
}

// Stored references that read as names: organizations by their short names, people by name, meetings by number.
const organizationFields = new Set(['parentOrganizationId', 'relatedStudyGroupIds', 'cooperatingBodyIds', 'parentId', 'organizationId', 'organizationIds', 'groupId', 'fromOrganizationIds', 'toOrganizationIds']);
const personFields = new Set(['secretariatPersonId', 'personId', 'assigneePersonId', 'ownerPersonId']);
const meetingFields = new Set(['meetingId', 'approvalMeetingId']);
/** A stored reference to another record (`entryId`, `agenda_item_id`): shown only when it can be named. */
const isReference = (field: string) => /(Id|Ids|_id|_ids)$/.test(field);

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

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
// Instants (a meeting's start and deadlines, a liaison's dates…) are stored as ISO strings in UTC.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `text` cut at a word boundary before `shortenAt` characters, with the whole kept. */
export function shortened(text: string, locale: Locale): ShownValue {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= shortenAt) return { text: oneLine };
  const cut = oneLine.slice(0, shortenAt);
  const atWord = cut.lastIndexOf(' ') > shortenAt * 0.6 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return { text: platformMessages(locale).history.shortened(atWord.replace(/[\s,;:.]+$/, '')), whole: text };
}

/** The activities in which something happened to one record (an entry shared by several roadmaps). */
export function activitiesOfSubject(tx: Tx, subjectType: string, subjectId: number | string): Promise<{ id: number; visibility: 'public' | 'members' }[]> {
  return tx
    .selectDistinct({ id: activities.id, visibility: activities.visibility })
    .from(events)
    .innerJoin(activities, eq(activities.id, events.activityId))
    .where(and(eq(events.subjectType, subjectType), eq(events.subjectId, String(subjectId))));
}

/** The events of one subject or one activity, each worded in the reader's language with its changed fields. */
export async function readHistory(
  tx: Tx,
  filter: { subjectType?: string; subjectId?: string | number; activityId?: number; beforeId?: number; visible?: SQL },
  locale: Locale,
  vocabulary: HistoryVocabulary,
  /** Takes out what the reader may not see of each event (history/visibility.ts). */
  redact: (rows: EventRow[]) => EventRow[] = (rows) => rows,
): Promise<HistoryEntry[]> {
  return describeEvents(tx, redact(await listEvents(tx, filter)), locale, vocabulary);
}

/** Events (already filtered and redacted for the reader) in the reader's words. */
export async function describeEvents(tx: Tx, rows: EventRow[], locale: Locale, vocabulary: HistoryVocabulary): Promise<HistoryEntry[]> {
  const orgIds = collectIds(rows, organizationFields);
  const personIds = collectIds(rows, personFields);
  // Meeting events (its agenda, registrations) are named by the meeting's number.
  const meetingIds = [...new Set([...collectIds(rows, meetingFields), ...rows.filter((r) => r.subjectType === 'meeting').map((r) => Number(r.subjectId)).filter(Number.isSafeInteger)])];
  // Events about an entry name it by its identifier where they do not carry it (an edit stores the changed fields).
  const entryIds = [...new Set(rows.filter((r) => r.subjectType === 'roadmap_entry').map((r) => Number(r.subjectId)).filter(Number.isSafeInteger))];
  const [orgRows, personRows, meetingRows, entryRows] = await readTogether(tx, [
    () => (orgIds.length ? tx.select({ id: organizations.id, name: organizations.acronym }).from(organizations).where(inArray(organizations.id, orgIds)) : []),
    () => (personIds.length ? tx.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds)) : []),
    () => (meetingIds.length ? tx.select({ id: meetings.id, number: meetings.number, activityId: meetings.activityId }).from(meetings).where(inArray(meetings.id, meetingIds)) : []),
    () => (entryIds.length ? tx.select({ id: roadmapEntries.id, identifier: roadmapEntries.identifier }).from(roadmapEntries).where(inArray(roadmapEntries.id, entryIds)) : []),
  ]);
  const entryNames = new Map(entryRows.map((e) => [String(e.id), e.identifier]));
  const words = platformMessages(locale);
  const meetingWord = locale === 'fr' ? 'Réunion' : 'Meeting';
  const namesOf = (field: string): Map<number, string> | undefined =>
    organizationFields.has(field)
      ? new Map(orgRows.map((o) => [o.id, o.name]))
      : personFields.has(field)
        ? new Map(personRows.map((p) => [p.id, p.name]))
        : meetingFields.has(field)
          ? new Map(meetingRows.map((m) => [m.id, `${meetingWord} ${m.number}`]))
          : undefined;

  /** One value in words; undefined when it is a reference that cannot be named (it is then not listed). */
  const show = (labels: Record<string, string>, codes: Record<string, Record<string, string>>, field: string, value: unknown, depth = 0): string | undefined => {
    if (value === null || value === undefined || value === '') return '—';
    const names = namesOf(field);
    if (names) {
      const list = (Array.isArray(value) ? value : [value]).map((id) => (typeof id === 'number' ? names.get(id) : undefined));
      if (list.some((name) => name === undefined)) return undefined;
      return list.length ? list.join(', ') : '—';
    }
    if (isReference(field)) return undefined;
    if (typeof value === 'string') {
      const named = codes[field]?.[value];
      if (named) return named;
      if (isoDate.test(value)) return formatDate(value, locale);
      if (isoInstant.test(value)) return formatDateTime(new Date(value), locale);
      return value;
    }
    if (typeof value === 'boolean') return value ? words.common.yes : words.common.no;
    // Years and numbers below 10,000 read best without a thousands separator (2027, not 2,027).
    if (typeof value === 'number') return Math.abs(value) < 10_000 ? String(value) : formatNumber(value, locale);
    if (Array.isArray(value)) {
      const items = value.map((item) => show(labels, codes, field, item, depth + 1)).filter((item): item is string => item !== undefined && item !== '—');
      return items.length ? items.join('; ') : '—';
    }
    if (typeof value === 'object' && depth < 3) {
      // A group of fields (the values a proposal applied, a recipient): each labelled one as "Label: value".
      const parts = Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => {
        const label = labels[key];
        const shown = show(labels, codes, key, inner, depth + 1);
        if (shown === undefined || shown === '—') return [];
        if (label) return [`${label}${locale === 'fr' ? ' :' : ':'} ${shown}`];
        // A recipient's name and address have no labels of their own: their values alone read well.
        return typeof inner === 'string' && !isReference(key) ? [shown] : [];
      });
      return parts.length ? parts.join(', ') : '—';
    }
    return undefined;
  };

  const common = commonLabels(locale);
  return rows.map((row) => {
    const labels = { ...common, ...vocabulary.fieldLabels(row.subjectType) };
    const codes = vocabulary.valueNames(row.subjectType);
    const before = (row.before ?? {}) as Record<string, unknown>;
    const after = (row.after ?? {}) as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changes: FieldChange[] = [];
    for (const field of fields) {
      // A field without a label is bookkeeping (an internal reference, a count the sentence already gives).
      const label = labels[field];
      if (!label) continue;
      const was = show(labels, codes, field, before[field]);
      const now = show(labels, codes, field, after[field]);
      if (was === undefined || now === undefined) continue;
      if (was === '—' && now === '—') continue;
      // An update that stores a field unchanged beside the changed ones (a version number) says nothing.
      if (row.before !== null && was === now) continue;
      changes.push({ field, label, before: shortened(was, locale), after: shortened(now, locale) });
    }
    const subject =
      row.subjectType === 'roadmap_entry'
        ? entryNames.get(row.subjectId)
        : row.subjectType === 'meeting'
          ? namesOf('meetingId')?.get(Number(row.subjectId))
          : undefined;
    return { ...row, summary: wordEvent(row, vocabulary.wordings, subject, locale), changes, created: row.before === null };
  });
}
