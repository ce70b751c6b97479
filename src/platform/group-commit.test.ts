import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, it } from 'node:test';
import { type BatchOutcome, GroupCommit } from './group-commit.ts';

/** A GroupCommit whose write records each batch and answers each item with its double, or refuses the odd ones. */
function recorder(options: { key?: (n: number) => string; maxBatch?: number; refuseOdd?: boolean; failWhen?: (items: number[]) => boolean } = {}) {
  const batches: number[][] = [];
  const group = new GroupCommit<number, number>({
    key: options.key,
    maxBatch: options.maxBatch,
    write: async (items) => {
      batches.push(items);
      if (options.failWhen?.(items)) throw new Error(`batch ${items.join(',')} failed`);
      return items.map((n): BatchOutcome<number> => (options.refuseOdd && n % 2 ? { error: new Error(`odd ${n}`) } : { value: n * 2 }));
    },
  });
  return { group, batches };
}

describe('group commit', () => {
  it('writes calls made together in one batch, and answers each with its own outcome', async () => {
    const { group, batches } = recorder({ refuseOdd: true });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => group.add(n)));
    assert.deepEqual(batches, [[1, 2, 3, 4]]);
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      ['odd 1', 4, 'odd 3', 8],
    );
  });

  it('gathers the calls that arrive while a batch is written into the next one', async () => {
    const { group, batches } = recorder();
    const first = group.add(1);
    // These come after the first batch has started: they wait for it, then go together.
    await Promise.resolve();
    const later = [2, 3, 4].map((n) => group.add(n));
    assert.equal(group.backlog, 3);
    assert.deepEqual(await Promise.all([first, ...later]), [2, 4, 6, 8]);
    assert.deepEqual(batches, [[1], [2, 3, 4]]);
    // Alone, a call is a batch of one.
    assert.equal(await group.add(5), 10);
    assert.deepEqual(batches.at(-1), [5]);
  });

  it('never puts two calls with the same key in one batch, keeps the order of the others, and bounds a batch', async () => {
    const { group, batches } = recorder({ key: (n) => String(n % 10), maxBatch: 3 });
    await Promise.all([1, 11, 2, 21, 3, 4, 5].map((n) => group.add(n)));
    // 11 and 21 share a key with 1 and with each other: each waits for a batch of its own key's turn.
    assert.deepEqual(batches, [
      [1, 2, 3],
      [11, 4, 5],
      [21],
    ]);
  });

  it('writes each call of a failed batch alone, so the failure reaches only its own call', async () => {
    const { group, batches } = recorder({ failWhen: (items) => items.includes(3) });
    const results = await Promise.allSettled([1, 2, 3].map((n) => group.add(n)));
    assert.deepEqual(batches, [[1, 2, 3], [1], [2], [3]]);
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      [2, 4, 'batch 3 failed'],
    );
  });

  it('writes a batch in the async context of its oldest call', async () => {
    const caller = new AsyncLocalStorage<string>();
    const contexts: (string | undefined)[] = [];
    const group = new GroupCommit<number, number>({
      write: async (items) => {
        contexts.push(caller.getStore());
        return items.map((n) => ({ value: n }));
      },
    });
    const first = caller.run('first', () => group.add(1));
    await Promise.resolve();
    // Both wait for the first batch; the second batch is the older one's, whoever started the first.
    const later = [caller.run('second', () => group.add(2)), caller.run('third', () => group.add(3))];
    await Promise.all([first, ...later]);
    assert.deepEqual(contexts, ['first', 'second']);
  });

  it('lets the event loop turn between two batches', async () => {
    const { group } = recorder();
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 1000) setImmediate(tick);
    };
    setImmediate(tick);
    const first = group.add(1);
    await Promise.resolve();
    const second = group.add(2).then(() => turns);
    const atFirst = await first.then(() => turns);
    assert.ok((await second) > atFirst, 'the second batch was written in a later turn');
  });
});
