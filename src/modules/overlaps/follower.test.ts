// Incremental candidates: a new or changed entry gets its candidates within seconds, woken by its event.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization, unique } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { createEntry, updateEntry } from '../roadmap/entries.ts';
import { OverlapFollower } from './follower.ts';
import { listOverlaps, runOverlaps } from './overlaps.ts';

const system = systemActor('test');
const quiet = { info() {}, error() {} };

/** Polls until `check` holds, answering how long it took; fails after `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`not within ${limitMs} ms`);
}

for (const engine of testEngines()) {
  describe(`incremental overlap candidates on ${engine}`, () => {
    let t: TestApp;
    let activityId: number;
    let itu: { id: number };
    let iso: { id: number };
    let follower: OverlapFollower;
    let stop: () => Promise<void>;
    const pairWith = async (identifier: string) =>
      (await listOverlaps(t.db, system)).filter((p) => p.a.identifier === identifier || p.b.identifier === identifier);

    before(async () => {
      t = await createTestApp(engine);
      itu = await makeOrganization(t.db, { acronym: unique('ITU-T-') });
      iso = await makeOrganization(t.db, { acronym: unique('ISO-IEC-') });
      activityId = (await makeActivity(t.db)).id;
      const add = (organizationId: number, identifier: string, title: string) =>
        createEntry(t.db, system, activityId, { organizationId, identifier, title, status: 'published' }, 'en');
      await add(itu.id, 'X.501', 'Information technology – Open Systems Interconnection – The Directory: Models');
      await add(itu.id, 'X.511', 'Information technology – Open Systems Interconnection – The Directory: Abstract service definition');
      await add(iso.id, 'ISO/IEC 9594-3', 'Information technology — Open Systems Interconnection — The Directory — Part 3: Abstract service definition');
      await runOverlaps(t.db, system);
      follower = new OverlapFollower(t.db, quiet);
      stop = await follower.start(t.database);
      await follower.ready();
    });
    after(async () => {
      await stop();
      await t.close();
    });

    it('finds a new entry’s twin within seconds of its creation, without a run', async () => {
      assert.deepEqual(await pairWith('ISO/IEC 9594-2'), []);
      const runsBefore = (await listOverlaps(t.db, system)).length;
      await createEntry(t.db, system, activityId, { organizationId: iso.id, identifier: 'ISO/IEC 9594-2', title: 'Information technology — Open Systems Interconnection — The Directory — Part 2: Models', status: 'published' }, 'en');
      // Woken by the event, not a poll: well within "a few seconds", even on a busy machine.
      await within(3_000, async () => (await pairWith('ISO/IEC 9594-2')).some((p) => p.likely && [p.a.identifier, p.b.identifier].includes('X.501')));
      assert.ok((await listOverlaps(t.db, system)).length > runsBefore);
    });

    it('keeps a pair’s row (and its address) when a changed entry still matches, and drops pairs that no longer do', async () => {
      const [twin] = (await pairWith('ISO/IEC 9594-3')).filter((p) => [p.a.identifier, p.b.identifier].includes('X.511'));
      assert.ok(twin?.likely);
      const entryId = twin.a.identifier === 'X.511' ? twin.a.id : twin.b.id;
      const updates = follower.updates;
      // A cosmetic change: still the same text.
      await updateEntry(t.db, system, activityId, entryId, { title: 'Information technology - Open Systems Interconnection - The Directory: Abstract Service Definition' }, 'en');
      await within(10_000, async () => follower.updates > updates);
      const still = (await pairWith('X.511')).find((p) => [p.a.identifier, p.b.identifier].includes('ISO/IEC 9594-3'));
      assert.equal(still?.id, twin.id, 'the same row');
      // Now it is another document altogether.
      await updateEntry(t.db, system, activityId, entryId, { identifier: 'Y.3800', title: 'Overview on networks supporting quantum key distribution' }, 'en');
      await within(10_000, async () => !(await pairWith('ISO/IEC 9594-3')).some((p) => p.likely && [p.a.identifier, p.b.identifier].includes('Y.3800')));
    });
  });
}
