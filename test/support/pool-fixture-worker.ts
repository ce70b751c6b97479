// Tasks for the worker pool's own tests (src/platform/workers/pool.test.ts): each misbehaves in one way.
import { AppError } from '../../src/platform/errors.ts';

export const tasks = {
  /** The input back, with the thread's id, so a test sees which thread ran it. */
  echo: async (input: { value: unknown; waitMs?: number }) => {
    if (input.waitMs) await new Promise((resolve) => setTimeout(resolve, input.waitMs));
    const { threadId } = await import('node:worker_threads');
    return { value: input.value, threadId };
  },
  /** This thread's priority (Linux: its own nice value). */
  priority: async () => {
    const fs = await import('node:fs');
    const { getPriority } = await import('node:os');
    return getPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()));
  },
  /** Bytes made on the thread, moved back. */
  bytes: (input: { length: number }) => Buffer.alloc(input.length, 7),
  /** Spins the thread's CPU and never answers: only terminating it stops this. */
  spin: () => {
    for (;;);
  },
  refuse: () => {
    throw new AppError('validation_failed', 'The file is not a roadmap', { fields: { file: 'The file is not a roadmap' } });
  },
  fail: () => {
    throw new TypeError('cannot read the thing');
  },
  /** Keeps allocating until the heap limit stops the thread. */
  hoard: () => {
    const kept: number[][] = [];
    for (;;) kept.push(new Array(100_000).fill(kept.length));
  },
};
