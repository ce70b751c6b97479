// One thread of the worker pool (pool.ts): it runs one task at a time, each a named function of a `*-worker.ts` file
// (its exported `tasks`), imported the first time the thread is asked for it and kept. Input and output are plain data
// (structured clone); bytes out are transferred, not copied.
import fs from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { TaskReply, TaskRequest, WorkerTasks } from './pool.ts';

// The thread runs at a lower priority than the one answering requests (nice 10; Linux gives each thread its own, and
// /proc/thread-self names this one): with as many busy threads as cores, a page request still gets a core first.
// Elsewhere, or where it is refused, the thread keeps the process's priority.
try {
  setPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // not Linux: same priority as the process
}

const loaded = new Map<string, Promise<WorkerTasks>>();

function tasksOf(url: string): Promise<WorkerTasks> {
  let tasks = loaded.get(url);
  if (!tasks) {
    tasks = import(url).then((m: { tasks?: WorkerTasks }) => {
      if (!m.tasks) throw new Error(`${url} exports no tasks`);
      return m.tasks;
    });
    loaded.set(url, tasks);
  }
  return tasks;
}

/** Buffers and typed arrays in the answer whose memory can move to the caller instead of being copied. */
function transferablesOf(value: unknown): ArrayBuffer[] {
  if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) return [value.buffer];
  return [];
}

parentPort!.on('message', async (request: TaskRequest) => {
  let reply: TaskReply;
  try {
    const task = (await tasksOf(request.module))[request.task];
    if (!task) throw new Error(`${request.module} has no task ${request.task}`);
    const value = await task(request.input as never);
    parentPort!.postMessage({ id: request.id, ok: true, value } satisfies TaskReply, transferablesOf(value));
    return;
  } catch (error) {
    // An AppError (a refused file, say) reaches the caller as the same AppError; anything else as an Error with its
    // message and stack, which the caller's error handler logs.
    reply =
      error instanceof AppError
        ? { id: request.id, ok: false, appError: { code: error.code, message: error.message, details: error.details } }
        : { id: request.id, ok: false, error: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } };
  }
  parentPort!.postMessage(reply);
});
