// Overlap runs and the candidates they leave: the engine (./engine) over the whole register, its pairs swapped in at
// once, and the list of pairs with their review state for the people who may see them.
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/engine.ts';
import { activities, organizations, roadmapEntries, roadmapItems, roadmapRelations } from '../../db/schema.ts';
import { type Actor, isAdmin } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Progress } from '../../platform/progress.ts';
import { findOverlaps, type OverlapPair } from './engine/overlap-index.ts';
import type { RegisterEntry } from './engine/scoring.ts';
import { canOverlaps, readableActivityIds, reviewerActivityIds } from './policy.ts';
import { type OverlapDecision, overlapCandidates, overlapReviews, overlapRuns, type StoredReason } from './schema.ts';

export type OverlapRun = typeof overlapRuns.$inferSelect;

/** A run still marked running after this long was stopped with its process (a full run takes seconds). */
const staleRunMs = 10 * 60_000;
const insertBatch = 1000;

/** What the entries said when a pair was decided: a change to any of these reopens a "not related" pair. */
export function entryFingerprint(entry: { identifier: string; title: string; scope: string | null }): string {
  return createHash('sha256').update(JSON.stringify([entry.identifier, entry.title, entry.scope ?? ''])).digest('hex').slice(0, 32);
}

/**
 * Every entry of the register as the engine reads it: organization acronym, identifier, title, scope, the equivalent
 * numbers it states (certain twins for the engine), relations.
 */
export async function readRegister(tx: Tx): Promise<RegisterEntry[]> {
  // One JSON value per list, not a row per entry: PGlite decodes a result cell by cell in JavaScript, while one JSON
  // text is parsed natively (db/bulk.ts rowFromJson). Measured on PGlite at 100,000 entries on a loaded machine:
  // 2.6–3.9 s row by row, 2.0–2.7 s as one value. Entries as arrays, so 100,000 of them do not repeat six key names.
  const result = (await tx.execute(sql`
    select
      (select coalesce(json_agg(json_build_array(e.id, coalesce(o.acronym, o.name), e.identifier, e.title, e.scope, e.equivalents) order by e.id), '[]')::text
         from ${roadmapEntries} e join ${organizations} o on o.id = e.organization_id) as entries,
      (select coalesce(json_agg(json_build_array(r.from_entry_id, r.to_entry_id)), '[]')::text
         from ${roadmapRelations} r where r.kind = 'common_text') as relations`)) as unknown as { rows: { entries: string; relations: string }[] };
  const row = result.rows[0]!;
  const related = new Map<number, number[]>();
  for (const [from, to] of JSON.parse(row.relations) as [number, number][]) {
    related.set(from, [...(related.get(from) ?? []), to]);
    related.set(to, [...(related.get(to) ?? []), from]);
  }
  type Raw = [number, string, string, string, string | null, string[]];
  return (JSON.parse(row.entries) as Raw[]).map(([id, organization, identifier, title, scope, equivalents]) => ({
    id,
    organization,
    identifier,
    title,
    scope,
    equivalents,
    relations: related.get(id) ?? [],
  }));
}

/**
 * Takes the one running slot of the instance (a unique index): a second start while a run goes on is refused with
 * `conflict`, unless that run has been going so long that its process must have died, in which case it is marked
 * failed and this one goes ahead. Nothing else changes until `completeOverlapRun`.
 */
export async function claimOverlapRun(db: Db, actor: Actor, now = new Date()): Promise<OverlapRun> {
  if (!canOverlaps(actor, 'run')) throw new AppError('forbidden');
  const run = await db.transaction(async (tx) => {
    await tx
      .update(overlapRuns)
      .set({ status: 'failed', error: 'stopped with its process', finishedAt: now })
      .where(and(eq(overlapRuns.status, 'running'), lt(overlapRuns.startedAt, new Date(now.getTime() - staleRunMs))));
    const [started] = await tx
      .insert(overlapRuns)
      .values({ status: 'running', startedAt: now, requestedByUserId: actor.kind === 'user' ? actor.userId : null })
      .onConflictDoNothing()
      .returning();
    return started;
  });
  if (!run) throw new AppError('conflict', 'An overlap run is already under way; its results will replace the current ones when it ends.');
  return run;
}

/**
 * Runs the engine for a claimed run and replaces the candidates with its pairs. The register is read in one short
 * query and the pairs are computed outside any transaction; the swap (delete, insert, mark done, event
 * `overlaps.run_finished`) is one transaction, so a run stopped half-way leaves the previous candidates whole. A
 * failure marks the run failed. Reviews are kept apart and never touched.
 */
export async function completeOverlapRun(db: Db, actor: Actor, run: OverlapRun, options: { onProgress?: Progress } = {}): Promise<OverlapRun> {
  const now = run.startedAt;
  try {
    const register = await readRegister(db);
    options.onProgress?.(0, register.length);
    const { pairs } = await findOverlaps(register);
    return await db.transaction(async (tx) => {
      await tx.delete(overlapCandidates);
      for (let i = 0; i < pairs.length; i += insertBatch) {
        await tx.insert(overlapCandidates).values(pairs.slice(i, i + insertBatch).map((p) => candidateRow(p, now)));
        options.onProgress?.(Math.round(register.length * Math.min(1, (i + insertBatch) / Math.max(1, pairs.length))), register.length);
      }
      const [done] = await tx
        .update(overlapRuns)
        .set({ status: 'done', entryCount: register.length, pairCount: pairs.length, finishedAt: new Date() })
        .where(eq(overlapRuns.id, run.id))
        .returning();
      await recordEvent(tx, actor, {
        kind: 'overlaps.run_finished',
        subjectType: 'overlap_run',
        subjectId: run.id,
        summary: `overlap run over ${register.length} entries: ${pairs.length} candidate pairs`,
        after: { entries: register.length, pairs: pairs.length },
      });
      options.onProgress?.(register.length, register.length);
      return done!;
    });
  } catch (error) {
    await db.update(overlapRuns).set({ status: 'failed', error: error instanceof Error ? error.message.slice(0, 1000) : String(error), finishedAt: new Date() }).where(eq(overlapRuns.id, run.id));
    throw error;
  }
}

/** A whole run, claimed and completed (the CLI and tests; the API claims, answers, and completes in the background). */
export async function runOverlaps(db: Db, actor: Actor, options: { onProgress?: Progress; now?: Date } = {}): Promise<OverlapRun> {
  return completeOverlapRun(db, actor, await claimOverlapRun(db, actor, options.now), options);
}

function candidateRow(pair: OverlapPair, now: Date) {
  // The engine gives each pair once with a < b, from a's side.
  return { entryAId: pair.a, entryBId: pair.b, score: pair.score, textScore: pair.textScore, certain: pair.certain, likely: pair.likely, reasons: pair.reasons as StoredReason[], computedAt: now };
}

/** The last run, finished or not. */
export async function latestRun(tx: Tx): Promise<OverlapRun | undefined> {
  const [run] = await tx.select().from(overlapRuns).orderBy(desc(overlapRuns.id)).limit(1);
  return run;
}

export type PairSide = { id: number; organization: string; identifier: string; title: string };
/** `open`: not decided, or "not related" and one entry has changed materially since. */
export type PairState = 'open' | OverlapDecision;
export type ListedPair = { id: number; a: PairSide; b: PairSide; score: number; certain: boolean; likely: boolean; reasons: StoredReason[]; state: PairState };

/** Decisions that confirm an overlap: what members see and what reaches the reports. */
export const confirmingDecisions = ['same_text', 'duplicated_work', 'overlapping'] as const satisfies readonly OverlapDecision[];

/**
 * The candidate pairs `actor` may see, best first: site admins and Concord itself all of them; the secretariat and
 * chairs of an activity the pairs where its roadmap holds either entry; nobody else any. With `confirmedIn`, the
 * confirmed overlaps touching that activity's roadmap, which its participants read (the caller checks they may).
 * Both entries must be readable by the actor. Decided pairs carry their decision; a "not related" pair whose entries
 * changed since reads as open again.
 */
export async function listOverlaps(tx: Tx, actor: Actor, options: { limit?: number; confirmedIn?: number } = {}): Promise<ListedPair[]> {
  const seesAll = isAdmin(actor) && options.confirmedIn === undefined;
  const activityIds = options.confirmedIn !== undefined ? [options.confirmedIn] : seesAll ? [] : reviewerActivityIds(actor);
  if (!seesAll && !activityIds.length) return [];
  const entryA = alias(roadmapEntries, 'entry_a');
  const entryB = alias(roadmapEntries, 'entry_b');
  const orgA = alias(organizations, 'org_a');
  const orgB = alias(organizations, 'org_b');
  const inTheirRoadmaps = (entryId: typeof overlapCandidates.entryAId | typeof overlapCandidates.entryBId) =>
    sql`exists (select 1 from ${roadmapItems} where ${roadmapItems.entryId} = ${entryId} and ${inArray(roadmapItems.activityId, activityIds)})`;
  // Both entries must be readable by the reviewer: an entry that only a members-only roadmap holds stays hidden from
  // those who may not read that roadmap, even when its twin is in their own.
  const readableByThem = (entryId: typeof overlapCandidates.entryAId | typeof overlapCandidates.entryBId) =>
    sql`exists (select 1 from ${roadmapItems} join ${activities} on ${activities.id} = ${roadmapItems.activityId}
      where ${roadmapItems.entryId} = ${entryId} and (${activities.visibility} = 'public' or ${inArray(activities.id, readableActivityIds(actor))}))`;
  const rows = await tx
    .select({
      id: overlapCandidates.id,
      score: overlapCandidates.score,
      certain: overlapCandidates.certain,
      likely: overlapCandidates.likely,
      reasons: overlapCandidates.reasons,
      a: { id: entryA.id, identifier: entryA.identifier, title: entryA.title, scope: entryA.scope, organization: sql<string>`coalesce(${orgA.acronym}, ${orgA.name})` },
      b: { id: entryB.id, identifier: entryB.identifier, title: entryB.title, scope: entryB.scope, organization: sql<string>`coalesce(${orgB.acronym}, ${orgB.name})` },
      decision: overlapReviews.decision,
      fingerprintA: overlapReviews.fingerprintA,
      fingerprintB: overlapReviews.fingerprintB,
    })
    .from(overlapCandidates)
    .innerJoin(entryA, eq(entryA.id, overlapCandidates.entryAId))
    .innerJoin(entryB, eq(entryB.id, overlapCandidates.entryBId))
    .innerJoin(orgA, eq(orgA.id, entryA.organizationId))
    .innerJoin(orgB, eq(orgB.id, entryB.organizationId))
    .leftJoin(overlapReviews, and(eq(overlapReviews.entryAId, overlapCandidates.entryAId), eq(overlapReviews.entryBId, overlapCandidates.entryBId)))
    .where(
      seesAll
        ? undefined
        : and(
            or(inTheirRoadmaps(overlapCandidates.entryAId), inTheirRoadmaps(overlapCandidates.entryBId)),
            isAdmin(actor) ? undefined : readableByThem(overlapCandidates.entryAId),
            isAdmin(actor) ? undefined : readableByThem(overlapCandidates.entryBId),
            options.confirmedIn !== undefined ? inArray(overlapReviews.decision, [...confirmingDecisions]) : undefined,
          ),
    )
    .orderBy(desc(overlapCandidates.score), overlapCandidates.entryAId, overlapCandidates.entryBId)
    .limit(options.limit ?? 100_000);
  return rows.map((row) => {
    const side = (e: typeof row.a): PairSide => ({ id: e.id, organization: e.organization, identifier: e.identifier, title: e.title });
    const changed = row.decision === 'not_related' && (row.fingerprintA !== entryFingerprint(row.a) || row.fingerprintB !== entryFingerprint(row.b));
    return { id: row.id, a: side(row.a), b: side(row.b), score: row.score, certain: row.certain, likely: row.likely, reasons: row.reasons, state: !row.decision || changed ? 'open' : row.decision };
  });
}
