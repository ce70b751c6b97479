// Overlap runs and the candidates they leave: the engine (./engine) over the whole register, its pairs swapped in at
// once, and the list of pairs with their review state for the people who may see them.
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/engine.ts';
import { organizations, roadmapEntries, roadmapRelations } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Progress } from '../../platform/progress.ts';
import { findOverlaps, type OverlapPair } from './engine/overlap-index.ts';
import type { RegisterEntry } from './engine/scoring.ts';
import { canOverlaps } from './policy.ts';
import { type ListedPair, type PairFilter, queryPairs } from './queries.ts';
import { overlapCandidates, overlapRuns, type StoredReason } from './schema.ts';

export { confirmingDecisions, entryFingerprint, type ListedPair, type PairSide, type PairState } from './queries.ts';

export type OverlapRun = typeof overlapRuns.$inferSelect;

/** A run still marked running after this long was stopped with its process (a full run takes seconds). */
const staleRunMs = 10 * 60_000;
const insertBatch = 1000;

/**
 * The entries of the register as the engine reads them (organization acronym, identifier, title, scope, relations):
 * every one, or those of `ids` that still exist.
 */
export async function readRegister(tx: Tx, ids?: number[]): Promise<RegisterEntry[]> {
  const rows = await tx
    .select({ id: roadmapEntries.id, organization: sql<string>`coalesce(${organizations.acronym}, ${organizations.name})`, identifier: roadmapEntries.identifier, title: roadmapEntries.title, scope: roadmapEntries.scope })
    .from(roadmapEntries)
    .innerJoin(organizations, eq(organizations.id, roadmapEntries.organizationId))
    .where(ids ? inArray(roadmapEntries.id, ids) : undefined);
  const commonText = await tx
    .select({ from: roadmapRelations.fromEntryId, to: roadmapRelations.toEntryId })
    .from(roadmapRelations)
    .where(and(eq(roadmapRelations.kind, 'common_text'), ids ? or(inArray(roadmapRelations.fromEntryId, ids), inArray(roadmapRelations.toEntryId, ids)) : undefined));
  const related = new Map<number, number[]>();
  for (const { from, to } of commonText) {
    related.set(from, [...(related.get(from) ?? []), to]);
    related.set(to, [...(related.get(to) ?? []), from]);
  }
  return rows.map((row) => ({ ...row, relations: related.get(row.id) ?? [] }));
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
    // The run's row says how far it is, for the queue page: the register read (entries), then the pairs found.
    await db.update(overlapRuns).set({ entryCount: register.length }).where(eq(overlapRuns.id, run.id));
    const { pairs } = await findOverlaps(register);
    await db.update(overlapRuns).set({ pairCount: pairs.length }).where(eq(overlapRuns.id, run.id));
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

export function candidateRow(pair: OverlapPair, now: Date) {
  // The engine gives each pair once with a < b, from a's side.
  return { entryAId: pair.a, entryBId: pair.b, score: pair.score, textScore: pair.textScore, certain: pair.certain, likely: pair.likely, reasons: pair.reasons as StoredReason[], computedAt: now };
}

/** The last run, finished or not. */
export async function latestRun(tx: Tx): Promise<OverlapRun | undefined> {
  const [run] = await tx.select().from(overlapRuns).orderBy(desc(overlapRuns.id)).limit(1);
  return run;
}

/**
 * The candidate pairs `actor` may see, best first (queries.ts visiblePairs says which): every pair for site admins and
 * Concord itself; for the secretariat and chairs of an activity, the pairs touching its roadmap; with `confirmedIn`,
 * the confirmed overlaps touching that activity's roadmap. Decided pairs carry their decision; a "not related" pair
 * whose entries changed since reads as open again.
 */
export async function listOverlaps(tx: Tx, actor: Actor, options: { limit?: number; offset?: number; confirmedIn?: number } & Omit<PairFilter, 'confirmedIn'> = {}): Promise<ListedPair[]> {
  const { limit, offset, ...filter } = { offset: 0, ...options };
  return queryPairs(tx, actor, filter, { limit: limit ?? 100_000, offset });
}
