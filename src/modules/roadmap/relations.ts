// Relations between roadmap entries ("Y.3802 Amd.1 amends Y.3802"): the only code that adds or removes them, and
// the reading of the graph around one entry, limited to entries the reader may see.
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { id, optionalText } from '../../platform/validation.ts';
import { activities, organizations } from '../../db/schema.ts';
import { chartMessages, relationSentence } from './chart-messages.ts';
import { canRoadmap } from './policy.ts';
import { type EntryStatus, type RelationKind, relationKinds, roadmapEntries, roadmapItems, roadmapRelations } from './schema.ts';

export type Relation = typeof roadmapRelations.$inferSelect;
/** An entry as the relation graph draws it. */
export type GraphNode = { id: number; identifier: string; title: string; status: EntryStatus; organization: string };
export type GraphEdge = { id: number; fromEntryId: number; toEntryId: number; kind: RelationKind };

export const relationInput = z.object({
  toEntryId: id(),
  kind: z.enum(relationKinds),
  note: optionalText(1000),
});
export type RelationInput = z.output<typeof relationInput>;

export const relationKey = z.object({ toEntryId: id(), kind: z.enum(relationKinds) });
export type RelationKey = z.output<typeof relationKey>;

/** Kinds that read the same both ways: "A has common text with B" is also "B has common text with A". */
const symmetricKinds: ReadonlySet<RelationKind> = new Set(['common_text', 'related_to']);

type ActivityRow = typeof activities.$inferSelect;

/** The activities whose roadmaps include the entry. */
async function activitiesWith(tx: Tx, entryId: number): Promise<ActivityRow[]> {
  const rows = await tx
    .select({ activity: activities })
    .from(roadmapItems)
    .innerJoin(activities, eq(activities.id, roadmapItems.activityId))
    .where(eq(roadmapItems.entryId, entryId))
    .orderBy(asc(activities.acronym));
  return rows.map((r) => r.activity);
}

/**
 * The activity through which the actor may change the entry's relations: the preferred one when it qualifies,
 * else the first (by acronym) whose roadmap includes the entry and which the actor edits. An entry the actor cannot
 * read at all is not found; one they read but may not edit is forbidden.
 */
async function editingActivity(tx: Tx, actor: Actor, entryId: number, preferredActivityId?: number): Promise<ActivityRow> {
  const including = await activitiesWith(tx, entryId);
  if (!including.some((a) => canRoadmap(actor, 'read', a))) throw notFound();
  const editable = including.filter((a) => canRoadmap(actor, 'edit', a));
  const chosen = editable.find((a) => a.id === preferredActivityId) ?? editable[0];
  if (!chosen) throw forbidden();
  return chosen;
}

/** Whether the actor may see the entry: it is in a roadmap they may read. */
async function readable(tx: Tx, actor: Actor, entryId: number): Promise<boolean> {
  return (await activitiesWith(tx, entryId)).some((a) => canRoadmap(actor, 'read', a));
}

/** Whether the actor may add or remove relations from this entry (to show or hide the form). */
export async function canEditRelations(tx: Tx, actor: Actor, entryId: number): Promise<boolean> {
  return (await activitiesWith(tx, entryId)).some((a) => canRoadmap(actor, 'edit', a));
}

/**
 * Relates one entry to another (secretariat and chairs of an activity whose roadmap includes the from-entry).
 * Refuses a relation of an entry to itself, a relation that exists already (for "common text" and "related to",
 * in either direction), and a related entry the actor cannot see.
 * Side effects: a `roadmap.relation_added` event on the from-entry, in the activity the change was made through.
 */
export async function addRelation(
  db: Db,
  actor: Actor,
  fromEntryId: number,
  input: RelationInput,
  locale: Locale,
  options: { activityId?: number } = {},
): Promise<Relation> {
  const words = chartMessages(locale);
  const sentence = async (tx: Tx) => {
    const rows = await tx.select().from(roadmapEntries).where(inArray(roadmapEntries.id, [fromEntryId, input.toEntryId]));
    const from = rows.find((r) => r.id === fromEntryId);
    const to = rows.find((r) => r.id === input.toEntryId);
    return { from, to, text: relationSentence(from ?? { identifier: '?' }, input.kind, to ?? { identifier: '?' }, locale) };
  };
  try {
    return await db.transaction(async (tx) => {
      const activity = await editingActivity(tx, actor, fromEntryId, options.activityId);
      if (input.toEntryId === fromEntryId) throw invalid({ toEntryId: words.selfRelation });
      const { from, to, text } = await sentence(tx);
      if (!from) throw notFound();
      if (!to || !(await readable(tx, actor, to.id))) throw invalid({ toEntryId: words.relatedMissing });
      const pairs = [and(eq(roadmapRelations.fromEntryId, fromEntryId), eq(roadmapRelations.toEntryId, to.id))];
      if (symmetricKinds.has(input.kind)) pairs.push(and(eq(roadmapRelations.fromEntryId, to.id), eq(roadmapRelations.toEntryId, fromEntryId)));
      const [existing] = await tx
        .select()
        .from(roadmapRelations)
        .where(and(eq(roadmapRelations.kind, input.kind), or(...pairs)));
      if (existing) {
        const shown = existing.fromEntryId === fromEntryId ? text : relationSentence(to, input.kind, from, locale);
        throw invalid({ kind: words.duplicateRelation(shown) });
      }
      const [relation] = await tx
        .insert(roadmapRelations)
        .values({ fromEntryId, toEntryId: to.id, kind: input.kind, note: input.note ?? null })
        .returning();
      if (!relation) throw new Error('insert returned nothing');
      await recordEvent(tx, actor, {
        kind: 'roadmap.relation_added',
        subjectType: 'roadmap_entry',
        subjectId: fromEntryId,
        activityId: activity.id,
        summary: relationSentence(from, input.kind, to, 'en'),
        after: { toEntryId: to.id, toIdentifier: to.identifier, kind: input.kind, note: input.note ?? null },
      });
      return relation;
    });
  } catch (error) {
    // Two people adding the same relation at once: the second meets the unique constraint.
    if (isUniqueViolation(error)) throw invalid({ kind: words.duplicateRelation((await sentence(db)).text) });
    throw error;
  }
}

/**
 * Removes the relation (from-entry, related entry, kind); the same people as addRelation may.
 * Side effects: a `roadmap.relation_removed` event on the from-entry.
 */
export async function removeRelation(
  db: Db,
  actor: Actor,
  fromEntryId: number,
  key: RelationKey,
  locale: Locale,
  options: { activityId?: number } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    const activity = await editingActivity(tx, actor, fromEntryId, options.activityId);
    const [removed] = await tx
      .delete(roadmapRelations)
      .where(and(eq(roadmapRelations.fromEntryId, fromEntryId), eq(roadmapRelations.toEntryId, key.toEntryId), eq(roadmapRelations.kind, key.kind)))
      .returning();
    if (!removed) throw notFound(chartMessages(locale).relationMissing);
    const rows = await tx.select().from(roadmapEntries).where(inArray(roadmapEntries.id, [fromEntryId, key.toEntryId]));
    const from = rows.find((r) => r.id === fromEntryId) ?? { identifier: String(fromEntryId) };
    const to = rows.find((r) => r.id === key.toEntryId) ?? { identifier: String(key.toEntryId) };
    await recordEvent(tx, actor, {
      kind: 'roadmap.relation_removed',
      subjectType: 'roadmap_entry',
      subjectId: fromEntryId,
      activityId: activity.id,
      summary: relationSentence(from, key.kind, to, 'en'),
      before: { toEntryId: key.toEntryId, toIdentifier: to.identifier, kind: key.kind, note: removed.note },
    });
  });
}

export type RelationGraphData = { nodes: GraphNode[]; edges: (GraphEdge & { note: string | null })[]; truncated: boolean };

/**
 * The entry and the entries related to it up to `depth` steps (1 or 2), with the relations between them. Entries the
 * actor may not read are left out, and so is whatever is reached only through them. At most `limit` entries.
 */
export async function readRelationGraph(tx: Tx, actor: Actor, entryId: number, depth: number, limit = 40): Promise<RelationGraphData> {
  const readableActivityIds = (await tx.select().from(activities)).filter((a) => canRoadmap(actor, 'read', a)).map((a) => a.id);
  const visible = async (ids: number[]): Promise<Set<number>> => {
    if (!ids.length || !readableActivityIds.length) return new Set();
    const rows = await tx
      .selectDistinct({ id: roadmapItems.entryId })
      .from(roadmapItems)
      .where(and(inArray(roadmapItems.entryId, ids), inArray(roadmapItems.activityId, readableActivityIds)));
    return new Set(rows.map((r) => r.id));
  };
  const shown = new Set<number>([entryId]);
  let frontier = [entryId];
  let truncated = false;
  for (let step = 0; step < depth && frontier.length; step++) {
    const rows = await tx
      .select()
      .from(roadmapRelations)
      .where(or(inArray(roadmapRelations.fromEntryId, frontier), inArray(roadmapRelations.toEntryId, frontier)));
    const candidates = [...new Set(rows.flatMap((r) => [r.fromEntryId, r.toEntryId]))].filter((id) => !shown.has(id)).sort((a, b) => a - b);
    const allowed = await visible(candidates);
    frontier = [];
    for (const id of candidates) {
      if (!allowed.has(id)) continue;
      if (shown.size >= limit) {
        truncated = true;
        break;
      }
      shown.add(id);
      frontier.push(id);
    }
  }
  const ids = [...shown];
  const nodes = await tx
    .select({
      id: roadmapEntries.id,
      identifier: roadmapEntries.identifier,
      title: roadmapEntries.title,
      status: roadmapEntries.status,
      organization: organizations.acronym,
    })
    .from(roadmapEntries)
    .innerJoin(organizations, eq(organizations.id, roadmapEntries.organizationId))
    .where(inArray(roadmapEntries.id, ids));
  const edges = await tx
    .select({ id: roadmapRelations.id, fromEntryId: roadmapRelations.fromEntryId, toEntryId: roadmapRelations.toEntryId, kind: roadmapRelations.kind, note: roadmapRelations.note })
    .from(roadmapRelations)
    .where(and(inArray(roadmapRelations.fromEntryId, ids), inArray(roadmapRelations.toEntryId, ids)))
    .orderBy(asc(roadmapRelations.id));
  return { nodes, edges, truncated };
}

/**
 * Records that two entries are one text published by two bodies (a common-text relation), unless they are already
 * so related either way; for another module's decision taken in `tx` (an overlap review confirming a pair), whose
 * own policy has allowed it. Side effects: the relation and a `roadmap.relation_added` event in each activity given.
 * Returns whether a relation was added.
 */
export async function ensureCommonText(tx: Tx, actor: Actor, entryIds: [number, number], activityIds: readonly number[], note: string): Promise<boolean> {
  const [a, b] = entryIds;
  const [existing] = await tx
    .select({ id: roadmapRelations.id })
    .from(roadmapRelations)
    .where(
      and(
        eq(roadmapRelations.kind, 'common_text'),
        or(and(eq(roadmapRelations.fromEntryId, a), eq(roadmapRelations.toEntryId, b)), and(eq(roadmapRelations.fromEntryId, b), eq(roadmapRelations.toEntryId, a))),
      ),
    );
  if (existing) return false;
  const rows = await tx.select().from(roadmapEntries).where(inArray(roadmapEntries.id, [a, b]));
  const from = rows.find((r) => r.id === a);
  const to = rows.find((r) => r.id === b);
  if (!from || !to) throw notFound();
  await tx.insert(roadmapRelations).values({ fromEntryId: a, toEntryId: b, kind: 'common_text', note });
  for (const activityId of activityIds) {
    await recordEvent(tx, actor, {
      kind: 'roadmap.relation_added',
      subjectType: 'roadmap_entry',
      subjectId: a,
      activityId,
      summary: relationSentence(from, 'common_text', to, 'en'),
      after: { toEntryId: to.id, toIdentifier: to.identifier, kind: 'common_text', note },
    });
  }
  return true;
}

/**
 * Removes the common-text relation between two entries (either direction), as a decision that had added it is undone
 * (overlap review). Returns whether there was one. Side effects: a `roadmap.relation_removed` event on its from-entry
 * in each of `activityIds`.
 */
export async function withdrawCommonText(tx: Tx, actor: Actor, entryIds: [number, number], activityIds: readonly number[]): Promise<boolean> {
  const [a, b] = entryIds;
  const [removed] = await tx
    .delete(roadmapRelations)
    .where(
      and(
        eq(roadmapRelations.kind, 'common_text'),
        or(and(eq(roadmapRelations.fromEntryId, a), eq(roadmapRelations.toEntryId, b)), and(eq(roadmapRelations.fromEntryId, b), eq(roadmapRelations.toEntryId, a))),
      ),
    )
    .returning();
  if (!removed) return false;
  const rows = await tx.select().from(roadmapEntries).where(inArray(roadmapEntries.id, [a, b]));
  const from = rows.find((r) => r.id === removed.fromEntryId) ?? { identifier: String(removed.fromEntryId) };
  const to = rows.find((r) => r.id === removed.toEntryId) ?? { identifier: String(removed.toEntryId) };
  for (const activityId of activityIds) {
    await recordEvent(tx, actor, {
      kind: 'roadmap.relation_removed',
      subjectType: 'roadmap_entry',
      subjectId: removed.fromEntryId,
      activityId,
      summary: relationSentence(from, 'common_text', to, 'en'),
      before: { toEntryId: removed.toEntryId, toIdentifier: to.identifier, kind: 'common_text', note: removed.note },
    });
  }
  return true;
}
