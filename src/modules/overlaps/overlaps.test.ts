import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { createEntry, updateEntry } from '../roadmap/entries.ts';
import { overlapsCommand } from './commands.ts';
import { OverlapFollower } from './follower.ts';
import { listOverlaps, readRegister, runOverlaps } from './overlaps.ts';
import { overlapCandidates, overlapRuns } from './schema.ts';
import { activities, roadmapEntries } from '../../db/schema.ts';
import { eq, or } from 'drizzle-orm';

const system = systemActor('test');

/** Runs a CLI command against the test's database and returns what it printed on standard output. */
async function cli(t: TestApp, args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await overlapsCommand.run(args, {
    config: t.config,
    withDatabase: (work) => work(t.database),
    readStdin: async () => Buffer.alloc(0),
    stdout: { write: (text: string) => (out += text) },
  });
  return { code, out };
}

for (const engine of testEngines()) {
  describe(`overlaps on ${engine}`, () => {
    let t: TestApp;
    let itu: { id: number; acronym: string };
    let iso: { id: number; acronym: string };
    let activityAcronym: string;
    let activityId: number;
    let secretariat: TestClient;
    let member: TestClient;

    before(async () => {
      t = await createTestApp(engine);
      // Overlaps span the whole register, so this file's bodies carry names no other test's entries share.
      itu = await makeOrganization(t.db, { acronym: unique('ITU-T-') });
      iso = await makeOrganization(t.db, { acronym: unique('ISO-IEC-') });
      const activity = await makeActivity(t.db);
      activityAcronym = activity.acronym;
      activityId = activity.id;
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      const add = (organizationId: number, identifier: string, title: string) =>
        createEntry(t.db, system, activity.id, { organizationId, identifier, title, status: 'published' }, 'en');
      await add(itu.id, 'X.501', 'Information technology – Open Systems Interconnection – The Directory: Models');
      await add(iso.id, 'ISO/IEC 9594-2', 'Information technology — Open Systems Interconnection — The Directory — Part 2: Models');
      await add(itu.id, 'X.511', 'Information technology – Open Systems Interconnection – The Directory: Abstract service definition');
      await add(iso.id, 'ISO/IEC 9594-3', 'Information technology — Open Systems Interconnection — The Directory — Part 3: Abstract service definition');
      await add(itu.id, 'Y.3800', 'Overview on networks supporting quantum key distribution');
      await add(iso.id, 'ISO/IEC 23837-1', 'Security requirements, test and evaluation methods for quantum key distribution — Part 1: Requirements');
    });
    after(() => t.close());

    it('finds the same text under two bodies’ titles as each other’s best candidate, not a sibling of the series', async () => {
      const run = await runOverlaps(t.db, system);
      assert.equal(run.status, 'done');
      const pairs = (await listOverlaps(t.db, system)).filter((p) => [itu.acronym, iso.acronym].includes(p.a.organization));
      const best = (identifier: string) =>
        pairs.filter((p) => p.a.identifier === identifier || p.b.identifier === identifier).map((p) => (p.a.identifier === identifier ? p.b.identifier : p.a.identifier))[0];
      assert.equal(best('X.501'), 'ISO/IEC 9594-2');
      assert.equal(best('ISO/IEC 9594-2'), 'X.501');
      assert.equal(best('X.511'), 'ISO/IEC 9594-3');
      const twin = pairs.find((p) => p.a.identifier === 'X.501' || p.b.identifier === 'X.501');
      assert.equal(twin?.likely, true);
      assert.equal(twin?.state, 'open');
      const siblings = pairs.find((p) => [p.a.identifier, p.b.identifier].sort().join() === 'X.501,X.511');
      assert.ok(!siblings?.likely, 'siblings of one series are not likely twins');
    });

    it('prints the candidates as one JSON array, best first, reasons in English, and nothing else', async () => {
      const { code, out } = await cli(t, ['list', '--json']);
      assert.equal(code, 0);
      const listed = JSON.parse(out) as { a: { organization: string; identifier: string; title: string }; b: unknown; score: number; reasons: string[]; state: string }[];
      const ours = listed.filter((p) => p.a.organization === itu.acronym || p.a.organization === iso.acronym);
      assert.ok(ours.length >= 2);
      assert.deepEqual(Object.keys(ours[0]!).sort(), ['a', 'b', 'reasons', 'score', 'state']);
      assert.deepEqual(Object.keys(ours[0]!.a).sort(), ['identifier', 'organization', 'title']);
      for (let i = 1; i < listed.length; i++) assert.ok(listed[i - 1]!.score >= listed[i]!.score, 'best first');
      const twin = ours.find((p) => p.a.identifier === 'X.501' || (p.b as { identifier: string }).identifier === 'X.501');
      assert.ok(twin?.reasons.some((r) => /^Shared distinctive terms: /.test(r)), JSON.stringify(twin?.reasons));
    });

    it('shows the candidates to reviewers through the API, refuses members and strangers', async () => {
      const response = await secretariat.api('GET', '/api/v1/overlaps');
      assert.equal(response.statusCode, 200);
      const pairs = response.json() as { a: { identifier: string }; b: { identifier: string }; reasons: string[] }[];
      assert.ok(pairs.some((p) => p.a.identifier === 'X.501' && p.b.identifier === 'ISO/IEC 9594-2'));
      assert.equal((await member.api('GET', '/api/v1/overlaps')).statusCode, 403);
      assert.equal((await new TestClient(t.app).api('GET', '/api/v1/overlaps')).statusCode, 401);
      assert.equal((await member.api('POST', '/api/v1/overlaps/runs')).statusCode, 403);
      const french = await secretariat.get('/api/v1/overlaps', { 'accept-language': 'fr' });
      assert.ok((french.json() as { reasons: string[] }[]).some((p) => p.reasons.some((r) => r.startsWith('Termes distinctifs communs'))));
    });

    it('records a reviewer’s decision once for the instance, with its history, and “same text” as a common-text relation', async () => {
      const pairs = (await secretariat.api('GET', '/api/v1/overlaps')).json() as { id: number; a: { id: number; identifier: string }; b: { id: number; identifier: string } }[];
      const twin = pairs.find((p) => p.a.identifier === 'X.501' && p.b.identifier === 'ISO/IEC 9594-2')!;
      assert.equal((await member.api('POST', `/api/v1/overlaps/${twin.id}/decision`, { decision: 'same_text' })).statusCode, 403);
      const decided = await secretariat.api('POST', `/api/v1/overlaps/${twin.id}/decision`, { decision: 'same_text', note: 'Common text since 1988' });
      assert.equal(decided.statusCode, 200, decided.body);
      assert.equal((decided.json() as { decision: string }).decision, 'same_text');
      const { roadmapRelations } = await import('../../db/schema.ts');
      const { and } = await import('drizzle-orm');
      const relations = await t.db.select().from(roadmapRelations).where(and(eq(roadmapRelations.fromEntryId, twin.a.id), eq(roadmapRelations.toEntryId, twin.b.id)));
      assert.deepEqual(relations.map((r) => r.kind), ['common_text']);
      // Deciding again replaces the decision and adds no second relation.
      assert.equal((await secretariat.api('POST', `/api/v1/overlaps/${twin.id}/decision`, { decision: 'same_text' })).statusCode, 200);
      assert.equal((await t.db.select().from(roadmapRelations).where(eq(roadmapRelations.fromEntryId, twin.a.id))).length, 1);
      const state = (await listOverlaps(t.db, system)).find((p) => p.a.id === twin.a.id && p.b.id === twin.b.id)?.state;
      assert.equal(state, 'same_text');
      const history = (await member.get(`/activities/${activityAcronym}/history`)).body;
      assert.match(history, /Overlap review by [^:<]+: X\.501 and ISO\/IEC 9594-2, the same text/);
      assert.doesNotMatch((await new TestClient(t.app).get(`/activities/${activityAcronym}/history`)).body, /Overlap review/);
      const gone = await secretariat.api('POST', '/api/v1/overlaps/99999999/decision', { decision: 'unsure' });
      assert.equal(gone.statusCode, 404);
      assert.match(gone.body, /no longer among the candidates/);
      const bad = await secretariat.api('POST', `/api/v1/overlaps/${twin.id}/decision`, { decision: 'merged' });
      assert.equal(bad.statusCode, 422);
    });

    it('shows the activity’s members its confirmed overlaps only, and strangers none', async () => {
      const url = `/api/v1/activities/${activityAcronym}/overlaps`;
      const confirmed = (await member.api('GET', url)).json() as { a: { identifier: string }; b: { identifier: string }; state: string }[];
      assert.deepEqual(
        confirmed.map((p) => `${p.a.identifier} | ${p.b.identifier}: ${p.state}`),
        ['X.501 | ISO/IEC 9594-2: same_text'],
      );
      assert.equal((await new TestClient(t.app).api('GET', url)).statusCode, 401);
      const stranger = new TestClient(t.app, (await makeUser(t.db, {})).cookie);
      assert.equal((await stranger.api('GET', url)).statusCode, 403);
    });

    it('keeps “not related” dismissed until an entry changes materially, and decisions across runs', async () => {
      const pairs = await listOverlaps(t.db, system);
      // Any pair of this file's entries still open: the twins of part 3, or a weaker one.
      const ours = [itu.acronym, iso.acronym];
      const siblings = pairs.find((p) => ours.includes(p.a.organization) && ours.includes(p.b.organization) && p.state === 'open');
      assert.ok(siblings, 'another pair of this file’s entries is a candidate');
      assert.equal((await secretariat.api('POST', `/api/v1/overlaps/${siblings.id}/decision`, { decision: 'not_related' })).statusCode, 200);
      await runOverlaps(t.db, system);
      const after = await listOverlaps(t.db, system);
      const again = after.find((p) => p.a.id === siblings.a.id && p.b.id === siblings.b.id);
      assert.equal(again?.state, 'not_related', 'a new run keeps the decision');
      assert.equal(after.find((p) => p.a.identifier === 'X.501' && p.b.identifier === 'ISO/IEC 9594-2')?.state, 'same_text');
      // The queue's filters agree: decided states are found from the reviews first, and the state still tested on them.
      const filtered = async () =>
        Object.fromEntries(
          await Promise.all(
            (['open', 'not_related', 'decided'] as const).map(async (state) => [state, (await listOverlaps(t.db, system, { state })).some((p) => p.a.id === siblings.a.id && p.b.id === siblings.b.id)]),
          ),
        );
      assert.deepEqual(await filtered(), { open: false, not_related: true, decided: true });
      await updateEntry(t.db, system, activityId, siblings.a.id, { title: `${siblings.a.title} (revised)` }, 'en');
      const reopened = (await listOverlaps(t.db, system)).find((p) => p.a.id === siblings.a.id && p.b.id === siblings.b.id);
      assert.equal(reopened?.state, 'open', 'a changed title reopens a dismissed pair');
      assert.deepEqual(await filtered(), { open: true, not_related: false, decided: false }, 'and the queue’s filters say so');
    });

    it('never shows a reviewer an entry that only a members-only roadmap they may not read holds', async () => {
      const hidden = await makeActivity(t.db, { visibility: 'members' });
      const publicOne = (await t.db.select({ id: activities.id }).from(activities).where(eq(activities.acronym, activityAcronym)))[0]!;
      await createEntry(t.db, system, publicOne.id, { organizationId: itu.id, identifier: 'X.509', title: 'Information technology – Open Systems Interconnection – The Directory: Public-key and attribute certificate frameworks', status: 'published' }, 'en');
      await createEntry(t.db, system, hidden.id, { organizationId: iso.id, identifier: 'ISO/IEC 9594-8', title: 'Information technology — Open Systems Interconnection — The Directory — Part 8: Public-key and attribute certificate frameworks', status: 'published' }, 'en');
      await runOverlaps(t.db, system);
      const isTheHiddenPair = (p: { a: { identifier: string }; b: { identifier: string } }) => [p.a.identifier, p.b.identifier].sort().join() === 'ISO/IEC 9594-8,X.509';
      assert.ok((await listOverlaps(t.db, system)).some(isTheHiddenPair), 'the engine finds the pair');
      const seen = (await secretariat.api('GET', '/api/v1/overlaps')).json() as { a: { identifier: string }; b: { identifier: string } }[];
      assert.ok(!seen.some(isTheHiddenPair), 'the public activity’s secretariat does not see the members-only entry');
      assert.ok(seen.some((p) => p.a.identifier === 'X.501'), 'and still sees the pairs it may read');
      const hiddenPair = (await listOverlaps(t.db, system)).find(isTheHiddenPair)!;
      const guessed = await secretariat.api('POST', `/api/v1/overlaps/${hiddenPair.id}/decision`, { decision: 'unsure' });
      assert.equal(guessed.statusCode, 404, 'nor may decide it by guessing its id');
    });

    it('reads the register in chunks of entries as it reads it whole', async () => {
      const whole = await readRegister(t.db);
      assert.ok(whole.length >= 6);
      assert.deepEqual(await readRegister(t.db, undefined, 2), whole);
      assert.deepEqual(await readRegister(t.db, undefined, whole.length), whole);
    });

    it('computes a run in a thread of its own with the same pairs, and leaves out a pair whose entry was deleted meanwhile', async () => {
      const ours = (pairs: Awaited<ReturnType<typeof listOverlaps>>) =>
        pairs.filter((p) => [itu.acronym, iso.acronym].includes(p.a.organization)).map((p) => `${p.a.identifier}|${p.b.identifier}|${p.score}|${p.state}`);
      await runOverlaps(t.db, system);
      const here = ours(await listOverlaps(t.db, system));
      const phases: string[] = [];
      const threaded = await runOverlaps(t.db, system, { ownThreadFrom: 0, onPhase: (phase) => phases.push(phase) });
      assert.deepEqual(ours(await listOverlaps(t.db, system)), here);
      assert.equal(threaded.entryCount, (await readRegister(t.db)).length, 'the run counts the entries it read');
      assert.deepEqual(phases, ['read', 'features', 'matrix', 'candidates', 'scoring', 'swap', 'analyze'], 'the thread reports its phases');

      const add = (organizationId: number, identifier: string, title: string) =>
        createEntry(t.db, system, activityId, { organizationId, identifier, title, status: 'published' }, 'en');
      await add(itu.id, 'X.520', 'Information technology – Open Systems Interconnection – The Directory: Selected attribute types');
      const doomed = await add(iso.id, 'ISO/IEC 9594-6', 'Information technology — Open Systems Interconnection — The Directory — Part 6: Selected attribute types');
      await runOverlaps(t.db, system, { ownThreadFrom: 0 });
      assert.ok(ours(await listOverlaps(t.db, system)).some((p) => p.includes('ISO/IEC 9594-6')), 'the new twins are found');
      // Deleted once the register is read, while the thread computes: the swap must leave its pairs out, not fail.
      let deleted: Promise<unknown> = Promise.resolve();
      const run = await runOverlaps(t.db, system, {
        ownThreadFrom: 0,
        onPhase: (phase) => {
          if (phase === 'read') deleted = t.db.delete(roadmapEntries).where(eq(roadmapEntries.id, doomed.id)).execute();
        },
      });
      await deleted;
      assert.equal(run.status, 'done');
      const after = ours(await listOverlaps(t.db, system));
      assert.ok(!after.some((p) => p.includes('ISO/IEC 9594-6')), after.join('\n'));
      const dangling = await t.db.select().from(overlapCandidates).where(or(eq(overlapCandidates.entryAId, doomed.id), eq(overlapCandidates.entryBId, doomed.id)));
      assert.equal(dangling.length, 0, 'no stored pair names the deleted entry');
      assert.ok(after.some((p) => p.startsWith('X.501|ISO/IEC 9594-2|')), 'the other pairs are stored');
    });

    it('runs once at a time, and takes over from a run whose process died', async () => {
      const [running] = await t.db.insert(overlapRuns).values({ status: 'running' }).returning();
      await assert.rejects(runOverlaps(t.db, system), /already waiting or under way/);
      assert.equal((await secretariat.api('POST', '/api/v1/overlaps/runs')).statusCode, 409);
      // The same run, started an hour ago: its process is gone.
      await t.db.update(overlapRuns).set({ startedAt: new Date(Date.now() - 3600_000) }).where(eq(overlapRuns.id, running!.id));
      const next = await runOverlaps(t.db, system);
      assert.equal(next.status, 'done');
      const [dead] = await t.db.select().from(overlapRuns).where(eq(overlapRuns.id, running!.id));
      assert.equal(dead?.status, 'failed');
      assert.ok((await listOverlaps(t.db, system)).length >= 2, 'the candidates are whole after the takeover');
    });

    it('queues a run through the API, answers at once, and the worker’s process runs it', async () => {
      const started = await secretariat.api('POST', '/api/v1/overlaps/runs');
      assert.equal(started.statusCode, 202);
      assert.deepEqual(started.json(), { status: 'queued' });
      assert.equal((await secretariat.api('POST', '/api/v1/overlaps/runs')).statusCode, 409, 'asked for twice, run once');
      const follower = new OverlapFollower(t.db, { info() {}, error() {} });
      const stop = await follower.start(t.database);
      try {
        let status = 'queued';
        for (let i = 0; i < 400 && (status === 'queued' || status === 'running'); i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          status = ((await secretariat.api('GET', '/api/v1/overlaps/runs/latest')).json() as { status: string }).status;
        }
        assert.equal(status, 'done');
      } finally {
        await stop();
      }
    });

    it('starts again, when the worker’s process starts, a run its predecessor died in', async () => {
      const [dead] = await t.db.insert(overlapRuns).values({ status: 'running', runner: 'worker' }).returning();
      const follower = new OverlapFollower(t.db, { info() {}, error() {} });
      const stop = await follower.start(t.database);
      try {
        const [marked] = await t.db.select().from(overlapRuns).where(eq(overlapRuns.id, dead!.id));
        assert.equal(marked?.status, 'failed');
        let status = 'queued';
        for (let i = 0; i < 400 && (status === 'queued' || status === 'running'); i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          status = ((await secretariat.api('GET', '/api/v1/overlaps/runs/latest')).json() as { status: string }).status;
        }
        assert.equal(status, 'done', 'the run asked for again has run');
      } finally {
        await stop();
      }
    });

    it('answers the API’s latest run to reviewers', async () => {
      const latest = await secretariat.api('GET', '/api/v1/overlaps/runs/latest');
      assert.equal(latest.statusCode, 200);
      assert.equal((latest.json() as { status: string }).status, 'done');
    });
  });
}

describe('reasons in words', () => {
  it('shows each shared term once, without the engine’s own marks, in English and French', async () => {
    const { overlapMessages } = await import('./messages.ts');
    const reason = { kind: 'shared_terms', terms: [{ term: '=vocabulary', weight: 0.3 }, { term: 'vocabulary', weight: 0.2 }, { term: 'quantum', weight: 0.1 }] };
    assert.equal(overlapMessages('en').reason(reason), 'Shared distinctive terms: vocabulary, quantum');
    assert.equal(overlapMessages('fr').reason(reason), 'Termes distinctifs communs\u202f: vocabulary, quantum');
    assert.equal(overlapMessages('en').reason({ kind: 'same_series', series: 'ISO/IEC 14496', numbers: ['14496-10', '14496-12'] }), 'Two documents of the series ISO/IEC 14496: 14496-10 and 14496-12');
  });
});
