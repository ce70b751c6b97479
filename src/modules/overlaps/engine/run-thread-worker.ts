// The worker thread of one full run (run-thread.ts): it starts the engine's pool at once (the pool's threads load
// their code while the caller reads the register), then turns the register's JSON into entries, runs the engine and
// answers the pairs as the swap writes them, so the caller's event loop computes nothing of the run.
import { parentPort, workerData } from 'node:worker_threads';
import { findOverlaps, type OverlapPhase } from './overlap-index.ts';
import { type RegisterJson, registerFromJson, type StoredBatches, storedBatches } from './register-json.ts';
import { EnginePool } from './worker-pool.ts';

export type RunThreadData = { threads: number; batchSize: number };
export type RunThreadRequest = { register: RegisterJson };
export type RunThreadReply =
  | { kind: 'phase'; phase: OverlapPhase; milliseconds: number }
  | { kind: 'done'; result: StoredBatches }
  | { kind: 'error'; message: string };

const { threads, batchSize } = workerData as RunThreadData;
const pool = threads > 1 ? new EnginePool(threads) : undefined;
const post = (reply: RunThreadReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(reply, transfer);

parentPort!.once('message', async ({ register }: RunThreadRequest) => {
  try {
    const entries = registerFromJson(register);
    const { pairs } = await findOverlaps(entries, { threads, onPhase: (phase, milliseconds) => post({ kind: 'phase', phase, milliseconds }) }, pool);
    const result = storedBatches(pairs, batchSize);
    post({ kind: 'done', result }, [result.entries.buffer as ArrayBuffer]);
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    await pool?.close();
  }
});
