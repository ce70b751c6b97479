import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase, testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization } from '../../../test/support/factories.ts';
import { type Db, openDatabase } from '../../db/engine.ts';
import { systemActor } from '../../platform/actor.ts';
import { createEntry, updateEntry } from './entries.ts';
import { RoadmapSearch } from './search.ts';
import type { RoadmapQuery } from './query.ts';

const actor = systemActor('test');
const query = (q: string): RoadmapQuery => ({ q, organization: [], status: [], kind: [], topic: [], page: 1, pageSize: 50 });

for (const engine of testEngines()) {
  describe(`roadmap search copy on ${engine}`, () => {
    let database: TestDatabase;
    let db: Db;
    before(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
    });
    after(() => database.close());

    const titles = async (search: RoadmapSearch, activityId: number, q: string) =>
      (await search.search(activityId, query(q))).entries.map((e) => e.title);

    it('is built before the first search by warm, and follows later changes from the event log', async () => {
      const activity = await makeActivity(db);
      const org = await makeOrganization(db);
      await createEntry(db, actor, activity.id, { organizationId: org.id, identifier: 'Y.1', title: 'Alpha networks', kind: 'recommendation', status: 'published' }, 'en');
      const search = new RoadmapSearch(db);
      await search.warm();
      assert.deepEqual(await titles(search, activity.id, 'alpha'), ['Alpha networks']);
      const entry = await createEntry(db, actor, activity.id, { organizationId: org.id, identifier: 'Y.2', title: 'Beta networks', kind: 'recommendation', status: 'published' }, 'en');
      assert.deepEqual(await titles(search, activity.id, 'beta'), ['Beta networks']);
      await updateEntry(db, actor, activity.id, entry.id, { title: 'Gamma networks' }, 'en');
      assert.deepEqual(await titles(search, activity.id, 'beta'), []);
      assert.deepEqual(await titles(search, activity.id, 'gamma'), ['Gamma networks']);
    });

    if (engine === 'postgres') {
      it('hears of another process’s commit through the database notification', async () => {
        const activity = await makeActivity(db);
        const org = await makeOrganization(db);
        const entry = await createEntry(db, actor, activity.id, { organizationId: org.id, identifier: 'N.1', title: 'Quiet title', kind: 'recommendation', status: 'planned' }, 'en');
        const search = new RoadmapSearch(db);
        const stop = await search.follow(database);
        const other = await openDatabase({ engine: 'postgres', url: database.url!, poolSize: 1 });
        try {
          await search.warm([activity.id]);
          await search.search(activity.id, query('quiet'));
          // Another process changes the entry and writes its event: nothing in this process is told directly.
          await other.db.transaction(async (tx) => {
            await tx.execute(sql`update roadmap_entries set title = 'Loud title' where id = ${entry.id}`);
            await tx.execute(sql`insert into events (actor_name, kind, subject_type, subject_id, summary)
              values ('other process', 'roadmap_entry.updated', 'roadmap_entry', ${String(entry.id)}, 'title changed')`);
          });
          let found: string[] = [];
          for (let attempt = 0; attempt < 50 && !found.length; attempt++) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            found = await titles(search, activity.id, 'loud');
          }
          assert.deepEqual(found, ['Loud title'], 'the notification led to a catch-up');
        } finally {
          await other.close();
          await stop();
        }
      });

      it('misses no change committed after a later one was already read (event ids out of commit order)', async () => {
        const activity = await makeActivity(db);
        const org = await makeOrganization(db);
        const early = await createEntry(db, actor, activity.id, { organizationId: org.id, identifier: 'Z.1', title: 'Early draft', kind: 'recommendation', status: 'planned' }, 'en');
        const late = await createEntry(db, actor, activity.id, { organizationId: org.id, identifier: 'Z.2', title: 'Late draft', kind: 'recommendation', status: 'planned' }, 'en');
        const search = new RoadmapSearch(db);
        await search.warm([activity.id]);

        let commitSlow!: () => void;
        let slowWrote!: () => void;
        const wrote = new Promise<void>((resolve) => (slowWrote = resolve));
        const released = new Promise<void>((resolve) => (commitSlow = resolve));
        // The slow transaction writes its event first (the lower event id), then waits before committing.
        const slow = db.transaction(async (tx) => {
          await updateEntry(tx as unknown as Db, actor, activity.id, early.id, { title: 'Early final' }, 'en');
          slowWrote();
          await released;
        });
        await wrote;
        await updateEntry(db, actor, activity.id, late.id, { title: 'Late final' }, 'en');
        // The copy reads the log while the slow transaction is still open.
        await search.search(activity.id, query('final'));
        commitSlow();
        await slow;
        const [check] = ((await db.execute(sql`select count(*)::int as n from events where subject_type = 'roadmap_entry' and subject_id in (${String(early.id)}, ${String(late.id)}) and kind like '%updated%'`)) as unknown as { rows: { n: number }[] }).rows;
        assert.equal(check?.n, 2, 'both updates wrote an event');
        assert.deepEqual((await titles(search, activity.id, 'final')).sort(), ['Early final', 'Late final']);
        assert.deepEqual(await titles(search, activity.id, 'draft'), []);
      });
    }
  });
}
