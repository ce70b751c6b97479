// Overlap runs and the candidates they leave: the engine (./engine) over the whole register, its pairs swapped in at
// once, and the list of pairs with their review state for the people who may see them.
import { availableParallelism } from 'node:os';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { type Db, isEmbedded, type Tx } from '../../db/engine.ts';
import { organizations, roadmapEntries, roadmapRelations } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { Progress } from '../../platform/progress.ts';
import { overlapMessages } from './messages.ts';
import { findOverlaps, type OverlapPair, type OverlapPhase, runsOnThreads } from './engine/overlap-index.ts';
import { type RegisterJson, registerFromJson, type StoredBatches, storedBatches } from './engine/register-json.ts';
import { RunThread } from './engine/run-thread.ts';
import type { RegisterEntry } from './engine/scoring.ts';
import { canOverlaps } from './policy.ts';
import { type ListedPair, type PairFilter, queryPairs } from './queries.ts';
import { overlapCandidates, overlapRuns, type StoredReason } from './schema.ts';

export { confirmingDecisions, entryFingerprint, type ListedPair, type PairSide, type PairState } from './queries.ts';

export type OverlapRun = typeof overlapRuns.$inferSelect;

/** A run still marked running after this long was stopped with its process (a full run takes seconds). */
const staleRunMs = 10 * 60_000;
/** Entries read per statement: on PGlite a statement holds the event loop, and 100,000 entries at once held it 1.1 s. */
const registerChunk = 20_000;

/**
 * The entries of the register as the engine reads them (organization acronym, identifier, title, scope, the
 * equivalent numbers it states, which make certain twins for the engine, relations, the stored identifier key): every
 * one, or those of `ids` that still exist.
 */
export async function readRegister(tx: Tx, ids?: number[], chunk = registerChunk): Promise<RegisterEntry[]> {
  return registerFromJson(await readRegisterJson(tx, ids, chunk));
}

/** The register as `readRegister` reads it, left as the database's JSON texts (register-json.ts). */
async function readRegisterJson(tx: Tx, ids?: number[], chunk = registerChunk): Promise<RegisterJson> {
  // One JSON value per list, not a row per entry: PGlite decodes a result cell by cell in JavaScript, while one JSON
  // text is parsed natively (db/bulk.ts rowFromJson). Measured on PGlite at 100,000 entries on a loaded machine:
  // 2.6–3.9 s row by row, 2.0–2.7 s as one value. Entries as arrays, so 100,000 of them do not repeat six key names.
  // Not joined to their organizations (the few organizations are read apart), and in chunks of ids, in the order of
  // the primary key, so that no one statement holds PGlite's thread for long (an entry added meanwhile has a higher
  // id, so the last chunk takes it; one deleted meanwhile is left out by the swap).
  const entry = sql`json_build_array(e.id, e.organization_id, e.identifier, e.title, e.scope, e.equivalents, e.identifier_key)`;
  const onlyRelations = ids ? sql`and (r.from_entry_id = any(${sql.param(ids)}::int[]) or r.to_entry_id = any(${sql.param(ids)}::int[]))` : sql``;
  const lists = (
    (await tx.execute(sql`
    select
      (select coalesce(json_agg(json_build_array(o.id, coalesce(o.acronym, o.name))), '[]')::text from ${organizations} o) as organizations,
      (select coalesce(json_agg(json_build_array(r.from_entry_id, r.to_entry_id)), '[]')::text
         from ${roadmapRelations} r where r.kind = 'common_text' ${onlyRelations}) as relations`)) as unknown as { rows: { organizations: string; relations: string }[] }
  ).rows[0]!;
  const entries: string[] = [];
  let entryCount = 0;
  if (ids) {
    const [{ json, count }] = (
      (await tx.execute(sql`select coalesce(json_agg(${entry}), '[]')::text as json, count(*)::int as count from ${roadmapEntries} e where e.id = any(${sql.param(ids)}::int[])`)) as unknown as {
        rows: [{ json: string; count: number }];
      }
    ).rows;
    entries.push(json);
    entryCount += count;
  } else {
    for (let after = 0; ; ) {
      const [{ json, count, last }] = (
        (await tx.execute(sql`
          select coalesce(json_agg(${entry}), '[]')::text as json, count(*)::int as count, max(e.id) as last
          from (select * from ${roadmapEntries} where id > ${after} order by id limit ${chunk}) e`)) as unknown as { rows: [{ json: string; count: number; last: number | null }] }
      ).rows;
      if (last === null) break;
      entries.push(json);
      entryCount += count;
      after = Number(last);
    }
  }
  return { entries, entryCount, ...lists };
}

/** A command's run still marked running after `staleRunMs` died with its process: it frees the slot. */
function releaseStaleRuns(tx: Tx, now: Date) {
  return tx
    .update(overlapRuns)
    .set({ status: 'failed', error: 'stopped with its process', finishedAt: now })
    .where(and(eq(overlapRuns.status, 'running'), eq(overlapRuns.runner, 'command'), lt(overlapRuns.startedAt, new Date(now.getTime() - staleRunMs))));
}

const requester = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/**
 * Takes the one slot of the instance (a unique index) for a run this process does at once (`concord overlaps run`):
 * refused with `conflict` while another run waits or goes on, unless a command's run has been going so long that its
 * process must have died, in which case it is marked failed and this one goes ahead. Nothing else changes until
 * `completeOverlapRun`.
 */
export async function claimOverlapRun(db: Db, actor: Actor, now = new Date(), locale: Locale = 'en'): Promise<OverlapRun> {
  if (!canOverlaps(actor, 'run')) throw new AppError('forbidden');
  const run = await db.transaction(async (tx) => {
    await releaseStaleRuns(tx, now);
    const [started] = await tx.insert(overlapRuns).values({ status: 'running', runner: 'command', startedAt: now, requestedByUserId: requester(actor) }).onConflictDoNothing().returning();
    return started;
  });
  if (!run) throw new AppError('conflict', overlapMessages(locale).runUnderWay);
  return run;
}

/**
 * Asks for a run from the pages or the API: a queued run, which the worker's process starts (follower.ts), woken by
 * the `overlaps.run_requested` event. Durable: a request outlives the process that took it. Refused with `conflict`
 * while another run waits or goes on.
 */
export async function requestOverlapRun(db: Db, actor: Actor, locale: Locale = 'en', now = new Date()): Promise<OverlapRun> {
  if (!canOverlaps(actor, 'run')) throw new AppError('forbidden');
  const run = await db.transaction(async (tx) => {
    await releaseStaleRuns(tx, now);
    const [queued] = await tx.insert(overlapRuns).values({ status: 'queued', runner: 'worker', startedAt: now, requestedByUserId: requester(actor) }).onConflictDoNothing().returning();
    if (queued) await recordEvent(tx, actor, { kind: 'overlaps.run_requested', subjectType: 'overlap_run', subjectId: queued.id, summary: 'overlap run requested' });
    return queued;
  });
  if (!run) throw new AppError('conflict', overlapMessages(locale).runUnderWay);
  return run;
}

/** The worker's process starts the queued run, if one waits (and no other process started it first). */
export async function startQueuedRun(db: Db, now = new Date()): Promise<OverlapRun | undefined> {
  const [run] = await db.update(overlapRuns).set({ status: 'running', startedAt: now }).where(eq(overlapRuns.status, 'queued')).returning();
  return run;
}

/**
 * When the worker's process starts, the worker runs still marked running died with the one before it (one worker per
 * instance): each is marked failed and asked for again, so it starts over from the register as it is.
 */
export async function requeueOrphanedRuns(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const orphans = await tx
      .update(overlapRuns)
      .set({ status: 'failed', error: 'stopped with its process; started again', finishedAt: now })
      .where(and(eq(overlapRuns.status, 'running'), eq(overlapRuns.runner, 'worker')))
      .returning();
    if (orphans.length) await tx.insert(overlapRuns).values({ status: 'queued', runner: 'worker', startedAt: now, requestedByUserId: orphans[0]!.requestedByUserId }).onConflictDoNothing();
    return orphans.length;
  });
}

/**
 * Runs the engine for a claimed run and replaces the candidates with its pairs. The register is read in one short
 * query and the pairs are computed outside any transaction; the swap (delete, insert, mark done, event
 * `overlaps.run_finished`) is one transaction, so a run stopped half-way leaves the previous candidates whole. A
 * failure marks the run failed. Reviews are kept apart and never touched.
 */
/** The steps of a run with its database work: the register read, the engine's phases, the swap, the statistics. */
export type RunPhase = 'read' | OverlapPhase | 'swap' | 'analyze';
export type RunOptions = {
  onProgress?: Progress;
  onPhase?: (phase: RunPhase, milliseconds: number) => void;
  /** From this many entries the engine runs in a thread of its own (run-thread.ts); tests lower it. */
  ownThreadFrom?: number;
};

/** Pairs written per statement by a run's swap, as one JSON parameter (db/bulk.ts says why). */
const insertBatch = 5000;

export async function completeOverlapRun(db: Db, actor: Actor, run: OverlapRun, options: RunOptions = {}): Promise<OverlapRun> {
  const now = run.startedAt;
  let thread: RunThread | undefined;
  try {
    let started = performance.now();
    // A register large enough for the engine's threads is computed in a thread of its own, started before the
    // register is read: it and the engine's pool load their code while this thread reads (on the embedded engine the
    // read is this thread's work, leaving the other cores idle), and this thread's event loop keeps serving pages.
    const [{ count }] = ((await db.execute(sql`select count(*)::int as count from ${roadmapEntries}`)) as unknown as { rows: [{ count: number }] }).rows;
    if (options.ownThreadFrom !== undefined ? count >= options.ownThreadFrom : runsOnThreads(count)) thread = new RunThread({ threads: availableParallelism(), batchSize: insertBatch });
    const register = await readRegisterJson(db);
    const { entryCount } = register;
    options.onPhase?.('read', performance.now() - started);
    options.onProgress?.(0, entryCount);
    // The run's row says how far it is, for the queue page: the register read (entries), then the pairs found.
    await db.update(overlapRuns).set({ entryCount }).where(eq(overlapRuns.id, run.id));
    let found: StoredBatches;
    if (thread) {
      found = await thread.run(register, options.onPhase);
      void thread.close();
      thread = undefined;
    } else {
      found = storedBatches((await findOverlaps(registerFromJson(register), { onPhase: options.onPhase })).pairs, insertBatch);
    }
    const { pairCount } = found;
    await db.update(overlapRuns).set({ pairCount }).where(eq(overlapRuns.id, run.id));
    started = performance.now();
    return await db.transaction(async (tx) => {
      await replaceCandidates(tx, found, now, (written) => options.onProgress?.(Math.round(entryCount * (written / Math.max(1, pairCount))), entryCount));
      const [done] = await tx
        .update(overlapRuns)
        .set({ status: 'done', entryCount, pairCount, finishedAt: new Date() })
        .where(eq(overlapRuns.id, run.id))
        .returning();
      await recordEvent(tx, actor, {
        kind: 'overlaps.run_finished',
        subjectType: 'overlap_run',
        subjectId: run.id,
        summary: `overlap run over ${entryCount} entries: ${pairCount} candidate pairs`,
        after: { entries: entryCount, pairs: pairCount },
      });
      options.onProgress?.(entryCount, entryCount);
      return done!;
    }).then(async (done) => {
      options.onPhase?.('swap', performance.now() - started);
      started = performance.now();
      // Fresh statistics for the queue's plans: the embedded engine has no autovacuum to gather them.
      await db.execute(sql`analyze ${overlapCandidates}`);
      options.onPhase?.('analyze', performance.now() - started);
      return done;
    });
  } catch (error) {
    void thread?.close();
    await db.update(overlapRuns).set({ status: 'failed', error: error instanceof Error ? error.message.slice(0, 1000) : String(error), finishedAt: new Date() }).where(eq(overlapRuns.id, run.id));
    throw error;
  }
}

/**
 * The swap of a run, inside its transaction: every candidate replaced by the run's pairs, one batch of 5,000 a
 * statement, each batch one JSON parameter, read as jsonb (parsed once; as json, each of a row's seven fields parsed
 * its element again). A pair whose entry was deleted since the register was read is left out (it would fail the
 * foreign key and with it the run).
 * On the embedded engine nothing runs beside this transaction: the table is truncated (it runs no autovacuum to
 * reclaim 100,000s of deleted rows), the entries that exist are read once and the batches checked against them here
 * (testing both entries of each row in SQL was a third of the swap: 1.2 of 3.6 s for 86,000 pairs), and the
 * foreign-key triggers (two per row, run one by one) are skipped, as the roadmap import does. On a server the rows
 * are deleted, so readers see the previous candidates until the commit, and both the test and the checks stay in
 * SQL, where a concurrent delete meets them.
 */
async function replaceCandidates(tx: Tx, found: StoredBatches, now: Date, onProgress: (written: number) => void): Promise<void> {
  const embedded = isEmbedded(tx);
  let batches = found.batches;
  if (embedded) {
    await tx.execute(sql`truncate ${overlapCandidates}`);
    await tx.execute(sql`set local session_replication_role = replica`);
    const [{ ids }] = ((await tx.execute(sql`select coalesce(json_agg(id), '[]')::text as ids from ${roadmapEntries}`)) as unknown as { rows: [{ ids: string }] }).rows;
    batches = withoutDeletedEntries(found, new Set(JSON.parse(ids) as number[]));
  } else {
    await tx.delete(overlapCandidates);
  }
  const stillThere = embedded ? sql`` : sql`where exists (select 1 from ${roadmapEntries} e where e.id = p.a) and exists (select 1 from ${roadmapEntries} e where e.id = p.b)`;
  for (const [i, batch] of batches.entries()) {
    await tx.execute(sql`
      insert into ${overlapCandidates} (entry_a_id, entry_b_id, score, text_score, certain, likely, reasons, computed_at)
      select p.a, p.b, p.score, p.text_score, p.certain, p.likely, p.reasons, ${now.toISOString()}::timestamptz
      from (select (r->>0)::int as a, (r->>1)::int as b, (r->>2)::real as score, (r->>3)::real as text_score,
                   (r->>4)::boolean as certain, (r->>5)::boolean as likely, r->6 as reasons
            from jsonb_array_elements(${batch}::jsonb) r) p
      ${stillThere}`);
    onProgress(Math.min(found.pairCount, (i + 1) * found.size));
  }
  if (embedded) await tx.execute(sql`set local session_replication_role = origin`);
}

/** The run's batches without the rows whose entry is not in `existing` (parsed again only where one is missing). */
function withoutDeletedEntries(found: StoredBatches, existing: Set<number>): string[] {
  return found.batches.map((batch, b) => {
    const from = b * found.size * 2;
    const to = Math.min(found.entries.length, from + found.size * 2);
    for (let i = from; i < to; i++) {
      if (!existing.has(found.entries[i]!)) {
        type Row = [number, number, ...unknown[]];
        return JSON.stringify((JSON.parse(batch) as Row[]).filter(([a, b]) => existing.has(a) && existing.has(b)));
      }
    }
    return batch;
  });
}

/** A whole run, claimed and completed (the CLI and tests; the API claims, answers, and completes in the background). */
export async function runOverlaps(db: Db, actor: Actor, options: RunOptions & { now?: Date } = {}): Promise<OverlapRun> {
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
