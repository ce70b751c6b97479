// A full run of the engine in a thread of its own: the caller reads the register and writes the pairs, the thread
// does everything between (entries from JSON, terms, matrix, candidates, scoring, the swap's batches). Scoring and
// the index's facts take seconds of one thread at 100,000 entries; on the calling thread they held the event loop,
// and with it every page of the process (and, on the embedded engine, the database's one connection).
import { Worker } from 'node:worker_threads';
import { workerFileUrl } from '../../../platform/workers/worker-url.ts';
import type { OverlapPhase } from './overlap-index.ts';
import type { RegisterJson, StoredBatches } from './register-json.ts';
import type { RunThreadData, RunThreadReply, RunThreadRequest } from './run-thread-worker.ts';

export type RunThreadOptions = { threads: number; batchSize: number };

export class RunThread {
  private readonly worker: Worker;

  /** Starts the thread and its engine pool: start it before reading the register, so both load while it is read. */
  constructor(options: RunThreadOptions) {
    const workerData: RunThreadData = options;
    this.worker = new Worker(workerFileUrl(new URL('./run-thread-worker.ts', import.meta.url), 'thread'), { workerData });
  }

  /** Runs the engine over `register`; `onPhase` is told each phase's time. */
  run(register: RegisterJson, onPhase?: (phase: OverlapPhase, milliseconds: number) => void): Promise<StoredBatches> {
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void) => {
        this.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        outcome();
      };
      const onError = (error: Error) => settle(() => reject(new Error(`The overlap run's thread failed: ${error.message}`)));
      const onExit = () => settle(() => reject(new Error("The overlap run's thread stopped before it finished.")));
      const onMessage = (reply: RunThreadReply) => {
        if (reply.kind === 'phase') onPhase?.(reply.phase, reply.milliseconds);
        else if (reply.kind === 'done') settle(() => resolve(reply.result));
        else settle(() => reject(new Error(reply.message)));
      };
      this.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      this.worker.postMessage({ register } satisfies RunThreadRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
