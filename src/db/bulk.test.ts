// copyRows: values COPY's text format would misread (backslashes, tabs, newlines, JSON with escapes, nulls) arrive
// as they were sent, on both engines, in chunks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/support/database.ts';
import { copyRows } from './bulk.ts';

const probe = pgTable('copy_probe', {
  id: integer('id').notNull(),
  label: text('label'),
  flag: boolean('flag'),
  data: jsonb('data'),
  at: timestamp('at', { withTimezone: true }),
});

const awkward = ['back\\slash', 'tab\there', 'two\nlines', 'carriage\rreturn', '\\N', 'naïve « guillemets »', ''];

for (const engine of testEngines()) {
  describe(`copyRows on ${engine}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openTestDatabase(engine);
    });
    after(async () => database.close());

    it('writes every value back as sent, a chunk a statement', async () => {
      const at = new Date('2026-12-07T06:30:00.000Z');
      const rows = Array.from({ length: 23 }, (_, i) => [
        i,
        i < awkward.length ? awkward[i]! : `row ${i}`,
        i % 2 === 0,
        i < awkward.length ? { text: awkward[i], list: [i, null, 'a"b\\c'] } : { i },
        i === 1 ? null : at,
      ]);
      const chunks: number[] = [];
      const read = await database.db.transaction(async (tx) => {
        await tx.execute(sql`create temporary table copy_probe (id int not null, label text, flag boolean, data jsonb, at timestamptz) on commit drop`);
        assert.equal(await copyRows(tx, probe, ['id', 'label', 'flag', 'data', 'at'], rows, { chunkRows: 10, onChunk: (done) => chunks.push(done) }), rows.length);
        return tx.select().from(probe).where(sql`${probe.id} < ${awkward.length} or ${probe.id} = 22`).orderBy(probe.id);
      });
      assert.deepEqual(chunks, [10, 20, 23]);
      assert.deepEqual(
        read.map((r) => [r.id, r.label, r.flag, r.data, r.at?.toISOString() ?? null]),
        [...awkward.map((label, i) => [i, label, i % 2 === 0, { text: label, list: [i, null, 'a"b\\c'] }, i === 1 ? null : at.toISOString()]), [22, 'row 22', true, { i: 22 }, at.toISOString()]],
      );
    });

    it('refuses a row of the wrong width, naming the counts', async () => {
      await assert.rejects(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`create temporary table copy_probe (id int not null, label text, flag boolean, data jsonb, at timestamptz) on commit drop`);
          await copyRows(tx, probe, ['id', 'label'], [[1, 'a', true]]);
        }),
        /a row of 3 values for 2 columns/,
      );
    });
  });
}
