// "What changed in the roadmap since…": additions, status changes, other edits and removals, read from the event log.
import { and, asc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { events } from '../../platform/schema.ts';
import { roadmapEntries, roadmapItems } from './schema.ts';

export type RoadmapChange = {
  eventId: number;
  at: Date;
  actorName: string;
  entryId: number;
  identifier: string;
  title: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};

export type RoadmapChanges = {
  added: RoadmapChange[];
  statusChanges: RoadmapChange[];
  edited: RoadmapChange[];
  removed: RoadmapChange[];
};

/**
 * The changes to an activity's roadmap since an instant, oldest first. Edits made from another activity's roadmap to
 * an entry this one includes count too: the facts are shared. An edit that changes the status is listed as a status
 * change (with its other fields), not twice.
 */
export async function roadmapChangesSince(tx: Tx, activityId: number, since: Date): Promise<RoadmapChanges> {
  const inRoadmap = tx.select({ id: sql`${roadmapItems.entryId}::text` }).from(roadmapItems).where(eq(roadmapItems.activityId, activityId));
  const rows = await tx
    .select({ event: events, identifier: roadmapEntries.identifier, title: roadmapEntries.title })
    .from(events)
    .leftJoin(roadmapEntries, sql`${roadmapEntries.id}::text = ${events.subjectId}`)
    .where(
      and(
        eq(events.subjectType, 'roadmap_entry'),
        gte(events.at, since),
        or(
          eq(events.activityId, activityId),
          and(eq(events.kind, 'roadmap.entry_updated'), inArray(events.subjectId, inRoadmap)),
        ),
      ),
    )
    .orderBy(asc(events.id));
  const changes: RoadmapChanges = { added: [], statusChanges: [], edited: [], removed: [] };
  for (const { event, identifier, title } of rows) {
    const before = (event.before ?? {}) as Record<string, unknown>;
    const after = (event.after ?? {}) as Record<string, unknown>;
    const change: RoadmapChange = {
      eventId: event.id,
      at: event.at,
      actorName: event.actorName,
      entryId: Number(event.subjectId),
      identifier: identifier ?? String(before.identifier ?? after.identifier ?? ''),
      title: title ?? String(before.title ?? after.title ?? ''),
      before,
      after,
    };
    if (event.kind === 'roadmap.entry_added' || event.kind === 'roadmap.entry_included') changes.added.push(change);
    else if (event.kind === 'roadmap.entry_removed') changes.removed.push(change);
    else if (event.kind === 'roadmap.entry_updated') ('status' in after ? changes.statusChanges : changes.edited).push(change);
  }
  return changes;
}
