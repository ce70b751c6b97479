// The event log: every change writes one row, in the same transaction as the change.
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { insertMany } from '../db/bulk.ts';
import type { Tx } from '../db/engine.ts';
import { eventsWritten } from '../db/write-signals.ts';
import { type Actor, actorLabel } from './actor.ts';
import { events } from './schema.ts';

export type EventInput = {
  kind: string;
  subjectType: string;
  subjectId: string | number;
  activityId?: number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
};

export type EventRow = typeof events.$inferSelect;

// Kept in the database layer, which signals them again when a transaction ends (db/engine.ts).
export { eventsWritten, eventWriteCount, onEventsWritten } from '../db/write-signals.ts';

const eventRow = (actor: Actor, input: EventInput): typeof events.$inferInsert => ({
  actorUserId: actor.kind === 'user' ? actor.userId : null,
  actorName: actorLabel(actor),
  kind: input.kind,
  subjectType: input.subjectType,
  subjectId: String(input.subjectId),
  activityId: input.activityId ?? null,
  summary: input.summary,
  before: input.before ?? null,
  after: input.after ?? null,
});

/** Writes one event; call inside the transaction that makes the change. */
export async function recordEvent(tx: Tx, actor: Actor, input: EventInput): Promise<void> {
  eventsWritten();
  await tx.insert(events).values(eventRow(actor, input));
}

/**
 * Writes the events of changes made together (a batch of registrations), each with its actor, in one statement (the
 * rows as one JSON parameter: db/bulk.ts).
 */
export async function recordEvents(tx: Tx, written: readonly { actor: Actor; event: EventInput }[]): Promise<void> {
  if (!written.length) return;
  eventsWritten();
  await insertMany(tx, events, written.map(({ actor, event }) => eventRow(actor, event)));
}

/** Only the fields that changed, so history shows what happened and not a whole record twice. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

const pageSize = 100;

/** Newest first, one page at a time (`beforeId` is the last id of the previous page). */
export function listEvents(
  tx: Tx,
  filter: { subjectType?: string; subjectId?: string | number; activityId?: number; beforeId?: number; visible?: SQL },
  limit = pageSize,
): Promise<EventRow[]> {
  const conditions = [
    filter.visible,
    filter.subjectType ? eq(events.subjectType, filter.subjectType) : undefined,
    filter.subjectId !== undefined ? eq(events.subjectId, String(filter.subjectId)) : undefined,
    filter.activityId !== undefined ? eq(events.activityId, filter.activityId) : undefined,
    filter.beforeId ? lt(events.id, filter.beforeId) : undefined,
  ];
  return tx
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(desc(events.id))
    .limit(limit);
}
