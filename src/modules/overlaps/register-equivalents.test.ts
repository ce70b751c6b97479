import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization, unique } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { createEntry, updateEntry } from '../roadmap/entries.ts';
import { listOverlaps, runOverlaps } from './overlaps.ts';

const system = systemActor('test');

for (const engine of testEngines()) {
  describe(`overlap runs read the entries' equivalent numbers on ${engine}`, () => {
    let t: TestApp;
    let itu: { id: number; acronym: string };
    let iso: { id: number; acronym: string };
    let activityId: number;
    let x667: number;

    before(async () => {
      t = await createTestApp(engine);
      // Overlaps span the whole register, so this file's bodies carry names no other test's entries share.
      itu = await makeOrganization(t.db, { acronym: unique('ITU-T-') });
      iso = await makeOrganization(t.db, { acronym: unique('ISO-IEC-') });
      activityId = (await makeActivity(t.db)).id;
      // Titles with no word in common: only the stated number can tie them.
      x667 = (await createEntry(t.db, system, activityId, { organizationId: itu.id, identifier: 'X.667', title: 'Generation of universally unique identifiers', status: 'published' }, 'en')).id;
      await createEntry(t.db, system, activityId, { organizationId: iso.id, identifier: 'ISO/IEC 9834-8', title: 'Procedures for registration authorities — Part 8: UUIDs', status: 'published' }, 'en');
    });
    after(() => t.close());

    const ours = async () => (await listOverlaps(t.db, system)).filter((p) => p.a.organization === itu.acronym || p.b.organization === itu.acronym);

    it('finds nothing certain from the titles alone', async () => {
      await runOverlaps(t.db, system);
      assert.ok(!(await ours()).some((pair) => pair.certain));
    });

    it('makes a stated equivalent number a certain twin, saying so in the reasons', async () => {
      await updateEntry(t.db, system, activityId, x667, { equivalents: ['ISO/IEC 9834-8'] }, 'en');
      await runOverlaps(t.db, system);
      const [pair] = await ours();
      assert.deepEqual([pair?.a.identifier, pair?.b.identifier].sort(), ['ISO/IEC 9834-8', 'X.667']);
      assert.equal(pair?.score, 1);
      assert.equal(pair?.certain, true);
      assert.ok(pair?.reasons.some((reason) => reason.kind === 'stated_equivalent' && reason.reference === 'iso:9834-8'));
    });
  });
}
