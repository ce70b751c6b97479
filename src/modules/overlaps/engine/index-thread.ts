// An overlap index kept in a worker thread for incremental updates: built once from the register, then told of new,
// changed and removed entries, answering each changed entry's candidates. The index of 100,000 entries takes
// seconds to build and hundreds of megabytes to hold; in its own thread the process's pages never wait for it.
import { Worker } from 'node:worker_threads';
import { workerFileUrl } from '../../../platform/workers/worker-url.ts';
import type { IndexReply, IndexRequest } from './index-thread-worker.ts';
import type { OverlapOptions, OverlapPair } from './overlap-index.ts';
import type { RegisterEntry } from './scoring.ts';

type Pending = { resolve(pairs: OverlapPair[]): void; reject(error: Error): void };
type Request = IndexRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export class IndexThread {
  private readonly worker = new Worker(workerFileUrl(new URL('./index-thread-worker.ts', import.meta.url), 'thread'));
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  private constructor() {
    this.worker.on('message', (reply: IndexReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.pairs ?? []);
    });
    this.worker.on('error', (error: Error) => this.failAll(error));
    this.worker.on('exit', () => this.failAll(new Error('The overlap index thread stopped.')));
  }

  /** A thread holding the index of `entries`, ready when the promise resolves. */
  static async start(entries: readonly RegisterEntry[], options: OverlapOptions = {}): Promise<IndexThread> {
    const thread = new IndexThread();
    try {
      await thread.ask({ kind: 'build', entries: [...entries], options });
    } catch (error) {
      await thread.close();
      throw error;
    }
    return thread;
  }

  /** Applies the changes to the index and answers the changed entries' candidates, each pair once (a < b). */
  update(changed: RegisterEntry[], removed: number[]): Promise<OverlapPair[]> {
    return this.ask({ kind: 'update', changed, removed });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private ask(request: Request): Promise<OverlapPair[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as IndexRequest);
    });
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
