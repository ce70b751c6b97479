// The worker threads of an all-pairs run: started once for the run, they extract the entries' terms and then compute
// the candidates, one task at a time each, the next task going to whichever finishes first.
import { Worker } from 'node:worker_threads';
import { workerFileUrl } from '../../../platform/workers/worker-url.ts';
import type { EngineReply, EngineTask } from './engine-worker.ts';

export class EnginePool {
  private readonly workers: Worker[];

  constructor(size: number) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => new Worker(workerFileUrl(new URL('./engine-worker.ts', import.meta.url), 'thread')));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs `tasks` across the threads; the replies come back in the tasks' order. A failing thread fails the whole. */
  run<R extends EngineReply>(tasks: EngineTask[]): Promise<R[]> {
    const replies: R[] = new Array(tasks.length);
    if (!tasks.length) return Promise.resolve(replies);
    return new Promise((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const cleanups: (() => void)[] = [];
      const finish = (error?: Error) => {
        for (const cleanup of cleanups) cleanup();
        if (error) reject(error);
        else resolve(replies);
      };
      const send = (worker: Worker) => {
        const at = next++;
        if (at >= tasks.length) return;
        const onMessage = (reply: R) => {
          worker.off('message', onMessage);
          replies[at] = reply;
          if (++done === tasks.length) finish();
          else if (!failed) send(worker);
        };
        worker.on('message', onMessage);
        cleanups.push(() => worker.off('message', onMessage));
        worker.postMessage(tasks[at]);
      };
      for (const worker of this.workers) {
        const onError = (error: Error) => {
          if (failed) return;
          failed = true;
          finish(new Error(`Overlap worker thread failed: ${error.message}`));
        };
        worker.on('error', onError);
        cleanups.push(() => worker.off('error', onError));
        send(worker);
      }
    });
  }

  /** Sends the same task to every thread (the matrix they share), resolving when all have taken it. */
  broadcast(task: EngineTask): Promise<void> {
    return Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const onError = (error: Error) => reject(new Error(`Overlap worker thread failed: ${error.message}`));
            worker.once('message', () => {
              worker.off('error', onError);
              resolve();
            });
            worker.once('error', onError);
            worker.postMessage(task);
          }),
      ),
    ).then(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
