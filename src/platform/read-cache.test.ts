import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/support/database.ts';
import { type Db, openDatabase, type Tx } from '../db/engine.ts';
import { systemActor } from './actor.ts';
import { recordEvent } from './events.ts';
import { cachedRead, ReadCache, readCacheFor } from './read-cache.ts';

const actor = systemActor('test');

/** A read of one value kept in a table of its own, counting how often the database is asked. */
function counter(db: Db, name: string) {
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    read: () =>
      cachedRead(db, `test:${name}`, async () => {
        reads++;
        const result = (await db.execute(sql`select value from read_cache_test where name = ${name}`)) as unknown as { rows: { value: string }[] };
        return result.rows[0]?.value ?? null;
      }),
  };
}

/** A change as domain functions make one: the write and its event in one transaction. */
async function change(tx: Tx, name: string, value: string): Promise<void> {
  await tx.execute(sql`insert into read_cache_test (name, value) values (${name}, ${value}) on conflict (name) do update set value = excluded.value`);
  await recordEvent(tx, actor, { kind: 'test.changed', subjectType: 'test', subjectId: name, summary: `${name} = ${value}` });
}

for (const engine of testEngines()) {
  describe(`read cache on ${engine}`, () => {
    let database: TestDatabase;
    let db: Db;
    let stop: () => Promise<void>;
    before(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
      await db.execute(sql`create table read_cache_test (name text primary key, value text not null)`);
      stop = await readCacheFor(db).follow(database);
    });
    after(async () => {
      await stop();
      await database.close();
    });

    it('keeps a read until an event is written, then reads the committed change', async () => {
      await db.transaction((tx) => change(tx, 'a', 'one'));
      // On PostgreSQL the notification of that commit reaches this process a moment later, and drops kept reads too.
      if (engine === 'postgres') await new Promise((resolve) => setTimeout(resolve, 100));
      const a = counter(db, 'a');
      assert.equal(await a.read(), 'one');
      assert.equal(await a.read(), 'one');
      assert.equal(a.reads, 1, 'the second read was kept');
      await db.transaction((tx) => change(tx, 'a', 'two'));
      assert.equal(await a.read(), 'two', 'the change is seen at once by the process that made it');
      assert.equal(a.reads, 2);
    });

    it('reads afresh inside a transaction, which may hold writes of its own', async () => {
      const a = counter(db, 'inside');
      await db.transaction((tx) => change(tx, 'inside', 'committed'));
      await a.read();
      await db.transaction(async (tx) => {
        await tx.execute(sql`update read_cache_test set value = 'uncommitted' where name = 'inside'`);
        const result = await cachedRead(tx, 'test:inside', async () => ((await tx.execute(sql`select value from read_cache_test where name = 'inside'`)) as unknown as { rows: { value: string }[] }).rows[0]!.value);
        assert.equal(result, 'uncommitted');
        throw new Error('roll back');
      }).catch(() => {});
      assert.equal(await a.read(), 'committed', 'the kept value is the committed one');
    });

    it('does not keep a read that failed', async () => {
      let attempts = 0;
      const failing = () =>
        cachedRead(db, 'test:failing', async () => {
          attempts++;
          throw new Error('database unavailable');
        });
      await assert.rejects(failing(), /unavailable/);
      await assert.rejects(failing(), /unavailable/);
      assert.equal(attempts, 2, 'the failure was not served from the cache');
    });

    if (engine === 'postgres') {
      it('hears of another process’s commit through the database notification', async () => {
        await db.transaction((tx) => change(tx, 'b', 'mine'));
        const b = counter(db, 'b');
        assert.equal(await b.read(), 'mine');
        const other = await openDatabase({ engine: 'postgres', url: database.url!, poolSize: 1 });
        try {
          await other.db.transaction((tx) => change(tx, 'b', 'theirs'));
        } finally {
          await other.close();
        }
        let seen: string | null = 'mine';
        for (let attempt = 0; attempt < 50 && seen !== 'theirs'; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          seen = await b.read();
        }
        assert.equal(seen, 'theirs', 'the notification dropped the kept value');
      });

      it('never serves, after the commit, a value read while the writing transaction was still open', async () => {
        await db.transaction((tx) => change(tx, 'c', 'before'));
        const c = counter(db, 'c');
        let readDuring: string | null = null;
        await db.transaction(async (tx) => {
          await change(tx, 'c', 'after');
          // Another request of this process reads on another connection while the change is not yet committed.
          readDuring = await c.read();
        });
        assert.equal(readDuring, 'before');
        // No wait for the notification: the end of the transaction itself drops what was read during it.
        assert.equal(await c.read(), 'after');
      });
    }
  });
}

describe('read cache without notifications', () => {
  it('reads every time while it does not follow the log, and drops the oldest key when full', async () => {
    const cache = new ReadCache(2);
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    await cache.get('x', read);
    await cache.get('x', read);
    assert.equal(reads, 2, 'nothing is kept before follow');

    let listener: (() => void) | undefined;
    const stop = await cache.follow({ listen: async (_channel, onNotify) => ((listener = onNotify), async () => {}) });
    assert.equal(await cache.get('x', read), 3);
    assert.equal(await cache.get('x', read), 3, 'kept');
    await cache.get('y', read);
    await cache.get('x', read); // x is now the most recently used
    await cache.get('z', read); // full: y, the least recently used, goes
    assert.equal(cache.size, 2);
    assert.equal(await cache.get('x', read), 3, 'x stayed');
    assert.equal(await cache.get('y', read), 6, 'y was read again');
    listener!();
    assert.equal(cache.size, 0, 'a notification drops everything');
    await stop();
  });
});
