// The worker pool: CPU-heavy work (writing DOCX, PDF and XLSX, reading imports, checking uploaded documents) runs on
// worker threads instead of the event loop that answers requests. At most `size` tasks run at once (default: the
// machine's cores, `WORKERS`); the rest wait in one first-in, first-out line. Each task has a time limit: past it,
// its thread is terminated (the only way to stop synchronous work) and replaced, and the caller gets an AppError
// naming the work. Each thread's heap is bounded (`resourceLimits`); a thread that runs out is replaced the same way.
// Threads start when first needed and stop after a minute without work, so a process that never writes a document
// holds none. Tasks are the exported `tasks` of `*-worker.ts` files (see pool-worker.ts); what goes in and comes out is
// plain data, copied by structured clone (bytes out are moved, not copied).
import { availableParallelism } from 'node:os';
import { isMainThread, Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, type ErrorDetails } from '../errors.ts';
import type { Locale } from '../i18n/locale.ts';
import { type WorkKind, workerMessages } from './messages.ts';
import { workerFileUrl } from './worker-url.ts';

/** What a `*-worker.ts` exports as `tasks`: functions of plain data. */
export type WorkerTasks = Record<string, (input: never) => unknown>;

export type TaskRequest = { id: number; module: string; task: string; input: unknown };
export type TaskReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; appError: { code: ErrorCode; message: string; details: ErrorDetails } }
  | { id: number; ok: false; error: { message: string; stack?: string } };

export type PoolOptions = {
  /** threads at most (tasks running at once); default the machine's cores */
  size?: number;
  /** a thread's heap limit in megabytes (V8's old generation) */
  memoryMb?: number;
  /** a task's time limit when its caller gives none */
  timeoutMs?: number;
  /** a thread without work this long stops */
  idleMs?: number;
};

export type RunOptions = {
  /** what the work is, for the message the reader gets if it fails */
  work: WorkKind;
  locale?: Locale;
  timeoutMs?: number;
};

/** A task handed to the pool: its answer, and where it stands in the line. */
export type Ticket<T> = {
  result: Promise<T>;
  /** 0 while it runs (or once done), otherwise its place in the line (1: next to run) */
  position(): number;
};

type Job = TaskRequest & { options: RunOptions; resolve(value: unknown): void; reject(error: Error): void; started: boolean };
type Slot = { worker: Worker; job?: Job; timer?: NodeJS.Timeout; idleTimer?: NodeJS.Timeout };

const threadUrl = workerFileUrl(new URL('./pool-worker.ts', import.meta.url), 'thread');

export class WorkerPool {
  readonly size: number;
  private readonly memoryMb: number;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly slots = new Set<Slot>();
  private readonly line: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
    this.memoryMb = options.memoryMb ?? 512;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.idleMs = options.idleMs ?? 60_000;
  }

  /** Tasks running now. */
  get running(): number {
    let running = 0;
    for (const slot of this.slots) if (slot.job) running++;
    return running;
  }

  /** Tasks waiting for a thread. */
  get waiting(): number {
    return this.line.length;
  }

  /** Would a task handed over now wait? */
  get busy(): boolean {
    return this.line.length > 0 || this.running >= this.size;
  }

  /** Runs `tasks[task](input)` of the `*-worker.ts` file `module` on a thread; resolves with its answer. */
  run<T>(module: URL, task: string, input: unknown, options: RunOptions): Promise<T> {
    return this.submit<T>(module, task, input, options).result;
  }

  /** As `run`, with the task's place in the line for pages that show it. */
  submit<T>(module: URL, task: string, input: unknown, options: RunOptions): Ticket<T> {
    if (this.closed) throw new Error('The worker pool is closed');
    let job!: Job;
    const result = new Promise<T>((resolve, reject) => {
      job = { id: this.nextId++, module: workerFileUrl(module, 'module').href, task, input, options, resolve: resolve as (value: unknown) => void, reject, started: false };
    });
    this.line.push(job);
    this.dispatch();
    return {
      result,
      position: () => {
        const at = this.line.indexOf(job);
        return at < 0 ? 0 : at + 1;
      },
    };
  }

  /** Stops every thread; tasks running or waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.line.splice(0)) job.reject(new Error('The worker pool closed before the task ran'));
    await Promise.all([...this.slots].map((slot) => this.retire(slot, new Error('The worker pool closed while the task ran'))));
  }

  private dispatch(): void {
    while (this.line.length) {
      let slot = [...this.slots].find((s) => !s.job);
      if (!slot) {
        if (this.slots.size >= this.size) return;
        slot = this.startThread();
      }
      this.start(slot, this.line.shift()!);
    }
  }

  private startThread(): Slot {
    const worker = new Worker(threadUrl, { resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } });
    // An idle thread does not keep the process alive (a CLI command ends when its work does).
    worker.unref();
    const slot: Slot = { worker };
    this.slots.add(slot);
    worker.on('message', (reply: TaskReply) => this.answered(slot, reply));
    worker.on('error', (error: Error & { code?: string }) => {
      const job = slot.job;
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      void this.retire(slot, outOfMemory && job ? this.failure(job, 'memory') : new Error(`A worker thread failed: ${error.message}`));
    });
    worker.on('exit', () => {
      if (this.slots.has(slot)) void this.retire(slot, new Error('A worker thread stopped unexpectedly'));
    });
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    clearTimeout(slot.idleTimer);
    slot.job = job;
    job.started = true;
    slot.worker.ref();
    const timeoutMs = job.options.timeoutMs ?? this.timeoutMs;
    slot.timer = setTimeout(() => void this.retire(slot, this.failure(job, 'time', timeoutMs)), timeoutMs);
    const { id, module, task, input } = job;
    try {
      slot.worker.postMessage({ id, module, task, input } satisfies TaskRequest);
    } catch (error) {
      // Input that structured clone cannot copy (a function, say) is the caller's mistake: say so, keep the thread.
      this.finish(slot);
      job.reject(new Error(`The ${task} task's input cannot be sent to a worker thread: ${(error as Error).message}`));
      this.dispatch();
    }
  }

  private answered(slot: Slot, reply: TaskReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    this.finish(slot);
    if (reply.ok) job.resolve(reply.value instanceof Uint8Array && !Buffer.isBuffer(reply.value) ? Buffer.from(reply.value.buffer, reply.value.byteOffset, reply.value.byteLength) : reply.value);
    else if ('appError' in reply) job.reject(new AppError(reply.appError.code, reply.appError.message, reply.appError.details));
    else job.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
    this.dispatch();
  }

  /** The slot is free again: it waits for the next task, and stops if none comes. */
  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => void this.retire(slot), this.idleMs);
    slot.idleTimer.unref();
  }

  /** Stops a thread (its task, if any, fails with `error`); the next task in line gets a new one. */
  private async retire(slot: Slot, error?: Error): Promise<void> {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    const job = slot.job;
    slot.job = undefined;
    if (job && error) job.reject(error);
    const stopped = slot.worker.terminate();
    if (!this.closed) this.dispatch();
    await stopped;
  }

  private failure(job: Job, limit: 'time' | 'memory', timeoutMs = 0): AppError {
    const words = workerMessages(job.options.locale ?? 'en');
    const work = words.work[job.options.work];
    const seconds = Math.max(1, Math.round(timeoutMs / 1000));
    return limit === 'time'
      ? new AppError('work_too_long', words.tooLong(work, seconds), { work: job.options.work, limitSeconds: seconds })
      : new AppError('work_too_large', words.tooLarge(work), { work: job.options.work, limitMb: this.memoryMb });
  }
}

let shared: WorkerPool | undefined;
let sharedOptions: PoolOptions = {};

/** Sets the process's pool's size (from WORKERS); called at start, before the first task. */
export function configureWorkerPool(options: PoolOptions): void {
  sharedOptions = options;
}

/** The process's one pool, made when first used. */
export function workerPool(): WorkerPool {
  return (shared ??= new WorkerPool(sharedOptions));
}

/**
 * Runs a task on the process's pool, or here when already on a worker thread (a task that writes a document calls
 * the same writer functions as the main thread: inside a worker they do the work themselves).
 */
export async function runOffThread<T>(module: URL, task: string, input: unknown, options: RunOptions, here: () => T | Promise<T>): Promise<T> {
  if (!isMainThread) return here();
  return workerPool().run<T>(module, task, input, options);
}
