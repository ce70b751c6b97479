import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase, testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization } from '../../../test/support/factories.ts';
import type { Db } from '../../db/engine.ts';
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
