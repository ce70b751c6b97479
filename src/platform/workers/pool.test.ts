import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AppError } from '../errors.ts';
import { WorkerPool } from './pool.ts';

const fixture = new URL('../../../test/support/pool-fixture-worker.ts', import.meta.url);

describe('worker pool', () => {
  // Two threads, a short time limit and a small heap: one pool for the whole file (threads take a moment to start).
  const pool = new WorkerPool({ size: 2, timeoutMs: 15_000, memoryMb: 48 });
  after(() => pool.close());

  it('runs a task on a thread and gives its answer back; bytes come back as a Buffer', async () => {
    // Two at once, so that both threads have started (and loaded the fixture) before the tests that time them.
    const [answer] = await Promise.all([0, 1].map(() => pool.run<{ value: unknown; threadId: number }>(fixture, 'echo', { value: { a: [1, 'two'] }, waitMs: 50 }, { work: 'test' })));
    assert.deepEqual(answer!.value, { a: [1, 'two'] });
    assert.ok(answer!.threadId > 0);
    // Below the thread that answers requests, where the system gives threads their own priority.
    if (process.platform === 'linux') assert.equal(await pool.run(fixture, 'priority', {}, { work: 'test' }), 10);
    const bytes = await pool.run<Buffer>(fixture, 'bytes', { length: 100_000 }, { work: 'test' });
    assert.ok(Buffer.isBuffer(bytes));
    assert.equal(bytes.length, 100_000);
    assert.equal(bytes[99_999], 7);
  });

  it('runs at most `size` tasks at once; the others wait in order, each told its place', async () => {
    const finished: number[] = [];
    const tickets = [0, 1, 2, 3, 4].map((n) => pool.submit<{ value: number }>(fixture, 'echo', { value: n, waitMs: 150 }, { work: 'test' }));
    assert.equal(pool.running, 2);
    assert.equal(pool.waiting, 3);
    assert.equal(pool.busy, true);
    assert.deepEqual(tickets.map((t) => t.position()), [0, 0, 1, 2, 3]);
    await Promise.all(tickets.map((t) => t.result.then((answer) => finished.push(answer.value))));
    // Two at a time, first in first out: the first two end before the third starts.
    assert.deepEqual(finished.slice(0, 2).sort(), [0, 1]);
    assert.deepEqual(finished.slice(2, 4).sort(), [2, 3]);
    assert.equal(finished[4], 4);
    assert.deepEqual(tickets.map((t) => t.position()), [0, 0, 0, 0, 0]);
    assert.equal(pool.busy, false);
  });

  it('stops a task past its time limit, with an AppError naming the work, and replaces the thread', async () => {
    const before = await pool.run<{ threadId: number }>(fixture, 'echo', { value: 1 }, { work: 'test' });
    const started = Date.now();
    const [stuck, other] = await Promise.allSettled([
      pool.run(fixture, 'spin', {}, { work: 'document', timeoutMs: 300 }),
      pool.run(fixture, 'spin', {}, { work: 'import', locale: 'fr', timeoutMs: 300 }),
    ]);
    assert.ok(Date.now() - started < 3000, 'stopped at the limit, not later');
    assert.equal(stuck.status, 'rejected');
    const error = (stuck as PromiseRejectedResult).reason as AppError;
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'work_too_long');
    assert.equal(error.status, 503);
    assert.equal(error.message, 'Writing the document took more than 1 s and was stopped. Please try again later, or with less data.');
    assert.equal((other as PromiseRejectedResult).reason.message, 'La lecture du fichier importé a duré plus de 1\u00a0s et a été interrompue. Veuillez réessayer plus tard, ou avec moins de données.');
    // The pool works on with new threads.
    const after = await Promise.all([0, 1].map(() => pool.run<{ threadId: number }>(fixture, 'echo', { value: 1, waitMs: 20 }, { work: 'test' })));
    assert.ok(after.every((a) => a.threadId !== before.threadId));
  });

  it("gives an AppError thrown on the thread back as the same AppError, and another error as an Error with its message", async () => {
    await assert.rejects(pool.run(fixture, 'refuse', {}, { work: 'import' }), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'validation_failed');
      assert.equal(error.message, 'The file is not a roadmap');
      assert.deepEqual(error.details, { fields: { file: 'The file is not a roadmap' } });
      return true;
    });
    await assert.rejects(pool.run(fixture, 'fail', {}, { work: 'import' }), (error: unknown) => {
      assert.ok(error instanceof Error && !(error instanceof AppError));
      assert.equal(error.message, 'cannot read the thing');
      assert.match(error.stack ?? '', /pool-fixture-worker/);
      return true;
    });
    await assert.rejects(pool.run(fixture, 'nothing', {}, { work: 'test' }), /has no task nothing/);
    await assert.rejects(pool.run(fixture, 'echo', { value: () => 1 }, { work: 'test' }), /cannot be sent to a worker thread/);
    assert.deepEqual((await pool.run<{ value: number }>(fixture, 'echo', { value: 5 }, { work: 'test' })).value, 5);
  });

  it('stops a thread that outgrows its heap, with an AppError, and goes on', async () => {
    await assert.rejects(pool.run(fixture, 'hoard', {}, { work: 'spreadsheet' }), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'work_too_large');
      assert.equal(error.message, 'Writing the spreadsheet needed more memory than the server allows and was stopped. Please try again with less data.');
      return true;
    });
    assert.equal((await pool.run<{ value: number }>(fixture, 'echo', { value: 6 }, { work: 'test' })).value, 6);
  });
});
