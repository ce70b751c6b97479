// Incremental candidates: where the worker runs (one process per instance), the overlaps module follows the event log
// and re-scores the entries that were added, changed or removed, so a new or edited entry has its candidates within
// seconds instead of at the next full run. Woken by the event itself (this process's own writes at once, other
// processes' by the database's notification), not by a poll.
import { eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/engine.ts';
import { roadmapEntries } from '../../db/schema.ts';
import { systemActor } from '../../platform/actor.ts';
import { onEventsWritten } from '../../platform/events.ts';
import { IndexThread } from './engine/index-thread.ts';
import { candidateRow, latestRun, readRegister, runOverlaps } from './overlaps.ts';
import { overlapCandidates, overlapRuns } from './schema.ts';

type Log = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };

/** More changed entries than this at once (a bulk import): one full run is cheaper than re-scoring each. */
const bulkChange = 2000;
/** A safety net for what no event announces (a run that failed): look again this often. */
const idleCheckMs = 60_000;

/** The oldest transaction still running (or the next to start): every event below it is committed or never will be. */
const oldestRunning = sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text`;
const anyRunning = sql<boolean>`pg_snapshot_xmin(pg_current_snapshot()) <> pg_snapshot_xmax(pg_current_snapshot())`;

export class OverlapFollower {
  private thread?: IndexThread;
  private horizon = 0;
  /** Events at or above the horizon already applied (their transactions ended after older ones still running). */
  private appliedAbove = new Set<number>();
  private readonly pending = new Set<number>();
  private timer?: NodeJS.Timeout;
  private work: Promise<void> = Promise.resolve();
  private stopped = false;
  /** How many catch-ups have applied changes: tests wait on it. */
  updates = 0;

  constructor(
    private readonly db: Db,
    private readonly log: Log,
  ) {}

  /** Starts following; resolves to a function that stops (waiting for the update under way). */
  async start(database: Pick<Database, 'listen'>): Promise<() => Promise<void>> {
    const [row] = ((await this.db.execute(sql`select ${oldestRunning} as horizon`)) as unknown as { rows: { horizon: string }[] }).rows;
    this.horizon = Number(row?.horizon ?? 0);
    // Entries changed while no follower ran (the process was down): changed since the last finished run began.
    const [done] = await this.db.select({ startedAt: overlapRuns.startedAt }).from(overlapRuns).where(eq(overlapRuns.status, 'done')).orderBy(sql`${overlapRuns.id} desc`).limit(1);
    if (done) {
      const changed = await this.db.select({ id: roadmapEntries.id }).from(roadmapEntries).where(gt(roadmapEntries.updatedAt, done.startedAt));
      for (const { id } of changed) this.pending.add(id);
    }
    const stopCounting = onEventsWritten(() => this.wake());
    const stopListening = await database.listen('concord_events', () => this.wake(), () => this.wake());
    const idle = setInterval(() => this.wake(), idleCheckMs);
    // The index is built at once in its thread, so the first change after start-up does not wait for it.
    if (done) this.work = this.work.then(async () => void (await this.ensureThread())).catch((error) => this.log.error({ err: error }, 'overlap index build failed'));
    this.wake();
    return async () => {
      this.stopped = true;
      clearInterval(idle);
      clearTimeout(this.timer);
      stopCounting();
      await stopListening();
      await this.work;
      await this.thread?.close();
    };
  }

  /** Resolves when the work under way (the index's build, a catch-up) is done. */
  ready(): Promise<void> {
    return this.work;
  }

  private async ensureThread(): Promise<IndexThread> {
    if (!this.thread) {
      const started = performance.now();
      this.thread = await IndexThread.start(await readRegister(this.db));
      this.log.info({ ms: Math.round(performance.now() - started) }, 'overlap index built for incremental updates');
    }
    return this.thread;
  }

  /** Soon, once: a burst of events (an import's, or one write's before and after its commit) makes one catch-up. */
  private wake(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.work = this.work.then(() => this.catchUp()).catch((error) => this.log.error({ err: error }, 'incremental overlap update failed'));
    }, 50);
  }

  /** Reads the roadmap entries' events since the last catch-up and applies what changed. */
  async catchUp(): Promise<void> {
    if (this.stopped) return;
    const result = (await this.db.execute(sql`
      with now as (select ${oldestRunning}::bigint as horizon, ${anyRunning} as running)
      select now.horizon::text as horizon, e.id::text as "eventId", e.tx_id::text as "txId", e.subject_id as "subjectId"
      from now left join events e on e.subject_type = 'roadmap_entry' and e.tx_id >= ${this.horizon}`)) as unknown as {
      rows: { horizon: string; eventId: string | null; txId: string | null; subjectId: string | null }[];
    };
    const horizon = Number(result.rows[0]?.horizon ?? this.horizon);
    for (const r of result.rows) {
      if (r.eventId === null || this.appliedAbove.has(Number(r.eventId))) continue;
      const id = Number(r.subjectId);
      if (Number.isSafeInteger(id)) this.pending.add(id);
    }
    this.horizon = horizon;
    this.appliedAbove = new Set(result.rows.filter((r) => r.eventId !== null && Number(r.txId) >= horizon).map((r) => Number(r.eventId)));
    if (!this.pending.size) return;
    const run = await latestRun(this.db);
    // Nothing to update before the first full run; a run under way replaces the candidates from the register it
    // read, so these changes wait for it to end (its closing event wakes this).
    if (!run || run.status === 'running') return;
    const ids = [...this.pending];
    this.pending.clear();
    try {
      if (ids.length > bulkChange) await this.fullRun();
      else await this.apply(ids);
      this.updates++;
    } catch (error) {
      for (const id of ids) this.pending.add(id);
      throw error;
    }
  }

  private async fullRun(): Promise<void> {
    await this.thread?.close();
    this.thread = undefined;
    await runOverlaps(this.db, systemActor('overlaps'));
  }

  /**
   * Re-scores `ids` against the register and writes their candidates: pairs still found keep their row (and so the
   * address a reviewer may have open), new ones are added, pairs no longer found are dropped. Decisions are apart and
   * untouched. One short transaction; the scoring happens in the index's own thread.
   */
  private async apply(ids: number[]): Promise<void> {
    const changed = await readRegister(this.db, ids);
    const present = new Set(changed.map((e) => e.id));
    const removed = ids.filter((id) => !present.has(id));
    const thread = await this.ensureThread();
    const pairs = (await thread.update(changed, removed)).filter((p) => present.has(p.a) || present.has(p.b));
    const now = new Date();
    await this.db.transaction(async (tx) => {
      const existing = await tx
        .select({ id: overlapCandidates.id, a: overlapCandidates.entryAId, b: overlapCandidates.entryBId })
        .from(overlapCandidates)
        .where(or(inArray(overlapCandidates.entryAId, ids), inArray(overlapCandidates.entryBId, ids)));
      const kept = new Set(pairs.map((p) => `${p.a}-${p.b}`));
      const dropped = existing.filter((row) => !kept.has(`${row.a}-${row.b}`)).map((row) => row.id);
      if (dropped.length) await tx.delete(overlapCandidates).where(inArray(overlapCandidates.id, dropped));
      for (let i = 0; i < pairs.length; i += 500) {
        await tx
          .insert(overlapCandidates)
          .values(pairs.slice(i, i + 500).map((p) => candidateRow(p, now)))
          .onConflictDoUpdate({
            target: [overlapCandidates.entryAId, overlapCandidates.entryBId],
            set: {
              score: sql`excluded.score`,
              textScore: sql`excluded.text_score`,
              certain: sql`excluded.certain`,
              likely: sql`excluded.likely`,
              reasons: sql`excluded.reasons`,
              computedAt: sql`excluded.computed_at`,
            },
          });
      }
    });
  }
}
