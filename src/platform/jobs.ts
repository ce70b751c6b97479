// Durable background work: a job is a row; the worker runs due jobs one by one, each inside the transaction that
// marks it done, so whatever a handler writes (mail rows above all) is written exactly once.
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/engine.ts';
import { jobs } from './schema.ts';

export type JobInput = { kind: string; payload?: Record<string, unknown>; runAt?: Date; dedupeKey?: string };

export type JobContext = { tx: Tx; config: Config; now: Date; log: JobLog };
export type JobLog = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
// Handlers get the payload as stored (JSON); each handler validates what it needs.
// biome-ignore lint/suspicious/noExplicitAny: a registry holds handlers of many payload types
export type JobHandler = (payload: any, context: JobContext) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

/** Queues a job in the caller's transaction. A job whose dedupeKey already exists is not queued again: false. */
export async function enqueueJob(tx: Tx, job: JobInput): Promise<boolean> {
  const inserted = await tx
    .insert(jobs)
    .values({ kind: job.kind, payload: job.payload ?? {}, runAt: job.runAt ?? new Date(), dedupeKey: job.dedupeKey ?? null })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return inserted.length > 0;
}

const maxAttempts = 5;
const silentLog: JobLog = { info() {}, error() {} };

/**
 * Runs every job due at `now` (up to `limit`), oldest first. Each job is claimed with FOR UPDATE SKIP LOCKED inside
 * its own transaction, and its handler runs in that transaction, which also marks it done: a crash rolls both back
 * and the job runs again later, so its effects happen once. A handler that throws is retried with backoff and
 * marked failed after the last attempt. A job of an unknown kind fails at once. Returns how many jobs ran.
 */
export async function runDueJobs(
  db: Db,
  handlers: JobHandlers,
  options: { config: Config; now?: Date; limit?: number; log?: JobLog; signal?: AbortSignal },
): Promise<number> {
  const now = options.now ?? new Date();
  const log = options.log ?? silentLog;
  let ran = 0;
  // A stopping worker finishes the job it runs and claims no other (`signal`): unclaimed jobs wait for the next worker.
  for (let i = 0; i < (options.limit ?? 100) && !options.signal?.aborted; i++) {
    let claimed: { id: number; kind: string; attempts: number } | undefined;
    try {
      const done = await db.transaction(async (tx) => {
        const result = (await tx.execute(sql`
          select id, kind, payload, attempts from ${jobs}
          where status = 'queued' and run_at <= ${now.toISOString()}::timestamptz
          order by run_at, id
          limit 1
          for update skip locked`)) as unknown as { rows: { id: number; kind: string; payload: unknown; attempts: number }[] };
        const job = result.rows[0];
        if (!job) return false;
        claimed = job;
        const handler = handlers[job.kind];
        if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
        await handler(job.payload, { tx, config: options.config, now, log });
        await tx.execute(sql`update ${jobs} set status = 'done', attempts = attempts + 1, finished_at = now(), last_error = null
          where id = ${job.id}`);
        return true;
      });
      if (!done) break;
      ran++;
    } catch (error) {
      if (!claimed) throw error;
      const job = claimed;
      const message = error instanceof Error ? error.message.slice(0, 1000) : String(error);
      const final = job.attempts + 1 >= maxAttempts || !handlers[job.kind];
      log.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed');
      await db.execute(sql`update ${jobs} set attempts = attempts + 1, last_error = ${message},
        status = ${final ? 'failed' : 'queued'},
        run_at = ${new Date(now.getTime() + 60_000 * 2 ** job.attempts).toISOString()}::timestamptz
        where id = ${job.id}`);
    }
  }
  return ran;
}
