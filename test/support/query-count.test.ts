import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { activities } from '../../src/modules/activities/schema.ts';
import { openTestDatabase, type TestDatabase } from './database.ts';
import { countQueries, shapeOf } from './query-count.ts';

describe('countQueries', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase('pglite');
  });
  after(async () => {
    await database.close();
  });

  it('counts the statements of the work, inside transactions too, without begin and commit', async () => {
    const { db } = database;
    const counted = await countQueries(database, async () => {
      await db.select().from(activities);
      return db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        return (await tx.select({ n: sql<number>`count(*)::int` }).from(activities))[0]?.n;
      });
    });
    assert.equal(counted.result, 0);
    assert.equal(counted.count, 3);
    assert.deepEqual(counted.shapes, ['select activities', 'select ?', 'select activities']);
    assert.equal(counted.readsOf('activities'), 2);
    assert.equal(counted.writesOf('activities'), 0);
  });

  it('leaves out statements sent meanwhile by work it does not run', async () => {
    const { db } = database;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Started before the count and finishing during it: another request, a background job.
    const outside = gate.then(() => db.select().from(activities));
    const counted = await countQueries(db, async () => {
      release();
      await outside;
      await db.select().from(activities);
    });
    assert.equal(counted.count, 1);
  });

  it('names a statement by its verb and first table', () => {
    assert.equal(shapeOf('insert into "events" ("id") values (default)'), 'insert events');
    assert.equal(shapeOf('update "liaison_statements" set "state" = $1'), 'update liaison_statements');
    assert.equal(shapeOf('delete from "liaison_replies" where 1 = 1'), 'delete liaison_replies');
    assert.equal(shapeOf('select "id" from "people" inner join "users" on true'), 'select people');
  });
});
