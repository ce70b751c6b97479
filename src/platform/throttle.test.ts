// The database throttle on both engines: counts per key within a window, refuses past the limit with the wait, starts
// over when the window ends, and counts attempts made at the same time exactly.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/support/database.ts';
import { unique } from '../../test/support/factories.ts';
import type { Db } from '../db/engine.ts';
import { AppError } from './errors.ts';
import { throttles } from './schema.ts';
import { countAttempt, countAttempts, throttle } from './throttle.ts';

const rule = { limit: 3, windowSeconds: 600 };

for (const engine of testEngines()) {
  describe(`throttle on ${engine}`, () => {
    let database: TestDatabase;
    let db: Db;
    before(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
    });
    after(() => database.close());

    it('allows the limit, refuses the next with the seconds left, and keeps keys apart', async () => {
      const key = unique('key-');
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await countAttempt(db, key, rule));
      assert.deepEqual(answers.map((a) => a.allowed), [true, true, true, false]);
      assert.ok(answers[3]!.retryAfterSeconds > 590 && answers[3]!.retryAfterSeconds <= 600, String(answers[3]!.retryAfterSeconds));
      assert.equal((await countAttempt(db, unique('other-'), rule)).allowed, true);
    });

    it('starts over once the window has passed', async () => {
      const key = unique('key-');
      for (let i = 0; i < 4; i++) await countAttempt(db, key, rule);
      await db.update(throttles).set({ windowStartedAt: new Date(Date.now() - 601_000) }).where(eq(throttles.key, key));
      assert.equal((await countAttempt(db, key, rule)).allowed, true);
      const [row] = await db.select().from(throttles).where(eq(throttles.key, key));
      assert.equal(row?.hits, 1);
    });

    it('counts attempts made at the same time exactly (one upsert each)', async () => {
      const key = unique('key-');
      const answers = await Promise.all(Array.from({ length: 8 }, () => countAttempt(db, key, rule)));
      assert.equal(answers.filter((a) => a.allowed).length, 3);
      const [row] = await db.select().from(throttles).where(eq(throttles.key, key));
      assert.equal(row?.hits, 8);
    });

    it('counts attempts made together in one statement as if one after the other, each key and window apart', async () => {
      const [a, b, c] = [unique('a-'), unique('b-'), unique('c-')];
      await countAttempt(db, a, rule);
      const long = { limit: 1, windowSeconds: 3600 };
      const answers = await countAttempts(db, [
        { key: a, rule },
        { key: b, rule },
        { key: a, rule },
        { key: c, rule: long },
        { key: a, rule },
        { key: c, rule: long },
      ]);
      assert.deepEqual(
        answers.map((x) => [x.hits, x.allowed]),
        [
          [2, true],
          [1, true],
          [3, true],
          [1, true],
          [4, false],
          [2, false],
        ],
      );
      assert.ok(answers[5]!.retryAfterSeconds > 3590, String(answers[5]!.retryAfterSeconds));
      const rows = await db.select().from(throttles).where(inArray(throttles.key, [a, b, c]));
      assert.deepEqual(Object.fromEntries(rows.map((r) => [r.key, r.hits])), { [a]: 4, [b]: 1, [c]: 2 });
    });

    it('refuses with a 429 naming the wait in the reader’s language, and a refusal inside a transaction is not counted', async () => {
      const key = unique('key-');
      const tight = { limit: 1, windowSeconds: 120 };
      await throttle(db, [{ key, rule: tight }], 'en');
      await assert.rejects(throttle(db, [{ key, rule: tight }], 'en'), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.status, 429);
        assert.equal(error.message, 'Too many attempts in a short time. Please try again in 2 minutes.');
        return true;
      });
      await assert.rejects(db.transaction((tx) => throttle(tx, [{ key, rule: tight }], 'fr')), /Veuillez réessayer dans 2 minutes\./);
      const [row] = await db.select().from(throttles).where(eq(throttles.key, key));
      assert.equal(row?.hits, 2, 'the refusal inside the rolled-back transaction left the count as it was');
    });
  });
}
