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

  /** Runs the engine over `register`; `onRead` is told how many entries it holds, `onPhase` each phase's time. */
  run(register: RegisterJson, hooks: { onRead?: (entryCount: number) => void; onPhase?: (phase: OverlapPhase, milliseconds: number) => void } = {}): Promise<StoredBatches> {
    return new Promise((resolve, reject) => {
      const stop = (error: Error) => {
        this.worker.off('message', onMessage);
        reject(error);
      };
      const onError = (error: Error) => stop(new Error(`The overlap run's thread failed: ${error.message}`));
      const onExit = () => stop(new Error("The overlap run's thread stopped before it finished."));
      const onMessage = (reply: RunThreadReply) => {
        if (reply.kind === 'read') hooks.onRead?.(reply.entryCount);
        else if (reply.kind === 'phase') hooks.onPhase?.(reply.phase, reply.milliseconds);
        else {
          this.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
          if (reply.kind === 'done') resolve(reply.result);
          else reject(new Error(reply.message));
        }
      };
      this.worker.on('message', onMessage).once('error', onError).once('exit', onExit);
      this.worker.postMessage({ register } satisfies RunThreadRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
