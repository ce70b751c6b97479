// Which workers are alive, so that mail a dead worker claimed is sent by another at once instead of after its
// two-minute lease (issue 13: after a crash, 981 mails waited 96 s). Each worker keeps a row in worker_heartbeats
// fresh; a claim whose worker's row is stale or gone is free to take (platform/mail/outbox.ts). A worker starting on a
// machine removes the rows of that machine's dead processes first, so a restarted worker takes over at once; a worker
// that died on another machine is taken over once its row is `staleSeconds` old.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { mailOutbox, workerHeartbeats } from './schema.ts';

/** A worker whose row is older than this is taken for dead: six missed beats, so a busy event loop is not mistaken for one. */
export const staleSeconds = 30;
const beatMs = 5000;

export type WorkerPresence = { id: string; stop(): Promise<void> };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Registers this process as a live worker and keeps its row fresh until `stop`. Rows left on this machine by processes
 * that no longer run (or by an earlier process with this pid: a container restarts as pid 1) are removed first.
 * Side effects: `stop` removes the row and puts back in the queue any mail this worker still held.
 */
export async function announceWorker(db: Db, host = os.hostname()): Promise<WorkerPresence> {
  const id = randomUUID();
  const here = await db.select({ id: workerHeartbeats.id, pid: workerHeartbeats.pid }).from(workerHeartbeats).where(eq(workerHeartbeats.host, host));
  const dead = here.filter((row) => row.pid === process.pid || !isAlive(row.pid)).map((row) => row.id);
  if (dead.length) await db.delete(workerHeartbeats).where(inArray(workerHeartbeats.id, dead));
  await db.insert(workerHeartbeats).values({ id, host, pid: process.pid });
  const beat = async () => {
    // Upserted: a row removed by another worker that took this one for dead (a long pause) comes back.
    await db
      .insert(workerHeartbeats)
      .values({ id, host, pid: process.pid })
      .onConflictDoUpdate({ target: workerHeartbeats.id, set: { beatAt: sql`now()` } });
  };
  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beating = beat().catch(() => {});
  }, beatMs);
  timer.unref();
  return {
    id,
    stop: async () => {
      clearInterval(timer);
      await beating;
      await db.delete(workerHeartbeats).where(eq(workerHeartbeats.id, id));
      await db
        .update(mailOutbox)
        .set({ status: 'queued', lockedUntil: null, claimedBy: null })
        .where(and(eq(mailOutbox.claimedBy, id), eq(mailOutbox.status, 'sending')));
    },
  };
}
