// Reading the event log for people: field names become labels, ids become names, newest first.
import { inArray, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { type EventRow, listEvents } from '../../platform/events.ts';
import { formatDate, formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { organizations, people } from '../../db/schema.ts';
import { wordEvent } from '../../platform/module-manifest.ts';
import type { HistoryVocabulary } from './vocabulary.ts';

export type FieldChange = { field: string; label: string; before: string; after: string };
/** `created`: the event has no "before" (a creation), so only the new values are worth showing. */
export type HistoryEntry = EventRow & { changes: FieldChange[]; created: boolean };

/** Labels every subject shares, under the ones its modules declare. */
function commonLabels(locale: Locale): Record<string, string> {
  return locale === 'fr' ? { name: 'Nom', email: 'Courriel', country: 'Pays' } : { name: 'Name', email: 'E-mail', country: 'Country' };
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
  vocabulary: HistoryVocabulary,
  /** Takes out what the reader may not see of each event (history/visibility.ts). */
  redact: (rows: EventRow[]) => EventRow[] = (rows) => rows,
): Promise<HistoryEntry[]> {
  const rows = redact(await listEvents(tx, filter));
  const orgIds = collectIds(rows, organizationFields);
  const personIds = collectIds(rows, personFields);
  const orgNames = new Map(
    (orgIds.length ? await tx.select({ id: organizations.id, acronym: organizations.acronym }).from(organizations).where(inArray(organizations.id, orgIds)) : []).map((o) => [o.id, o.acronym]),
  );
  const personNames = new Map(
    (personIds.length ? await tx.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds)) : []).map((p) => [p.id, p.name]),
  );
  const show = (subjectType: string, field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    const named = typeof value === 'string' ? vocabulary.valueNames(subjectType)[field]?.[value] : undefined;
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
  const common = commonLabels(locale);
  return rows.map((row) => {
    const labels = { ...common, ...vocabulary.fieldLabels(row.subjectType) };
    const before = (row.before ?? {}) as Record<string, unknown>;
    const after = (row.after ?? {}) as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return {
      ...row,
      summary: wordEvent(row, vocabulary.wordings),
      changes: fields
        .map((field) => ({ field, label: labels[field] ?? field, before: show(row.subjectType, field, before[field]), after: show(row.subjectType, field, after[field]) }))
        .filter((c) => c.before !== '—' || c.after !== '—'),
      created: row.before === null,
    };
  });
}
