// The review pages through the real app: queue, pair page with its decision form and undo, groups, an activity's
// confirmed overlaps and who may see each.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { createEntry } from '../roadmap/entries.ts';
import { OverlapFollower } from './follower.ts';
import { listOverlaps, runOverlaps } from './overlaps.ts';
import { queryPairs } from './queries.ts';

const system = systemActor('test');
const decisionPath = (location: string | undefined) => new URL(location ?? '/', 'http://x').pathname;

for (const engine of testEngines()) {
  describe(`overlap review pages on ${engine}`, () => {
    let t: TestApp;
    let acronym: string;
    let secretariat: TestClient;
    let member: TestClient;
    let otherChair: TestClient;
    const pairOf = async (x: string, y: string) => (await listOverlaps(t.db, system)).find((p) => [p.a.identifier, p.b.identifier].sort().join() === [x, y].sort().join())!;

    before(async () => {
      t = await createTestApp(engine);
      // Overlaps span the whole register: this file's bodies carry names no other test's entries share.
      const itu = await makeOrganization(t.db, { acronym: unique('ITU-T-') });
      const iso = await makeOrganization(t.db, { acronym: unique('ISO-IEC-') });
      const cen = await makeOrganization(t.db, { acronym: unique('CEN-') });
      const activity = await makeActivity(t.db);
      acronym = activity.acronym;
      const elsewhere = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      otherChair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: elsewhere.id })).cookie);
      const add = (organizationId: number, identifier: string, title: string, scope?: string) =>
        createEntry(t.db, system, activity.id, { organizationId, identifier, title, status: 'published', scope }, 'en');
      await add(itu.id, 'X.501', 'Information technology – Open Systems Interconnection – The Directory: Models', 'Models of the Directory.');
      await add(iso.id, 'ISO/IEC 9594-2', 'Information technology — Open Systems Interconnection — The Directory — Part 2: Models');
      await add(itu.id, 'X.511', 'Information technology – Open Systems Interconnection – The Directory: Abstract service definition');
      await add(iso.id, 'ISO/IEC 9594-3', 'Information technology — Open Systems Interconnection — The Directory — Part 3: Abstract service definition');
      await add(itu.id, 'X.509', 'Information technology – Open Systems Interconnection – The Directory: Public-key and attribute certificate frameworks');
      await add(iso.id, 'ISO/IEC 9594-8', 'Information technology — Open Systems Interconnection — The Directory — Part 8: Public-key and attribute certificate frameworks');
      await add(cen.id, 'EN ISO/IEC 9594-8', 'Information technology — Open Systems Interconnection — The Directory — Part 8: Public-key and attribute certificate frameworks (ISO/IEC 9594-8)');
      await runOverlaps(t.db, system);
    });
    after(() => t.close());

    it('shows reviewers the queue best first with the last run, and refuses members, other activities’ chairs and strangers', async () => {
      const page = await secretariat.get('/overlaps');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Overlap review/);
      assert.match(page.body, /Finished .*entries compared/);
      assert.match(page.body, /X\.501/);
      assert.match(page.body, /Run now/);
      assert.equal((await member.get('/overlaps')).statusCode, 403);
      // A chair elsewhere reviews, but none of these pairs touches their roadmap.
      const elsewhere = await otherChair.get('/overlaps');
      assert.equal(elsewhere.statusCode, 200);
      assert.doesNotMatch(elsewhere.body, /X\.501/);
      assert.notEqual((await new TestClient(t.app).get('/overlaps')).statusCode, 200);
      assert.equal((await secretariat.get('/overlaps?activity=NO-SUCH')).statusCode, 404);
      assert.equal((await secretariat.get('/overlaps?state=merged')).statusCode, 422);
    });

    it('shows one pair side by side with the shared words marked and a button per decision with its key', async () => {
      const pair = await pairOf('X.501', 'ISO/IEC 9594-2');
      const page = await secretariat.get(`/overlaps/${pair.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<mark>Models<\/mark>/);
      assert.match(page.body, /<mark>Directory<\/mark>/);
      for (const [decision, key] of Object.entries({ same_text: 's', duplicated_work: 'd', overlapping: 'o', complementary: 'c', not_related: 'n', unsure: 'u' })) {
        assert.match(page.body, new RegExp(`value="${decision}"[^>]*data-key="${key}"`));
      }
      assert.match(page.body, /<script src="\/assets\/overlap-review.js" defer/);
      assert.match(page.body, /In the roadmaps of/);
      assert.equal((await member.get(`/overlaps/${pair.id}`)).statusCode, 403);
      assert.equal((await otherChair.get(`/overlaps/${pair.id}`)).statusCode, 404);
      const gone = await secretariat.get('/overlaps/99999999');
      assert.equal(gone.statusCode, 404);
      assert.match(gone.body, /no longer among the candidates/);
      const script = await secretariat.get('/assets/overlap-review.js');
      assert.equal(script.statusCode, 200);
      assert.match(String(script.headers['content-type']), /javascript/);
    });

    it('records a decision from the form, moves to the next pair, and takes it back with Undo', async () => {
      const pair = await pairOf('X.501', 'ISO/IEC 9594-2');
      await secretariat.get(`/overlaps/${pair.id}`);
      const decided = await secretariat.post(`/overlaps/${pair.id}/decision`, { decision: 'duplicated_work', note: 'Seen at the last meeting' });
      assert.equal(decided.statusCode, 303);
      const location = String(decided.headers.location);
      assert.match(location, new RegExp(`decided=${pair.id}`));
      assert.notEqual(decisionPath(location), `/overlaps/${pair.id}`, 'on to the next open pair');
      assert.equal((await pairOf('X.501', 'ISO/IEC 9594-2')).state, 'duplicated_work');
      const next = await secretariat.get(location);
      assert.match(next.body, /Recorded: X\.501 and ISO\/IEC 9594-2, Duplicated work\./);
      assert.match(next.body, new RegExp(`action="/overlaps/${pair.id}/undo"`));
      const undone = await secretariat.post(`/overlaps/${pair.id}/undo`, {});
      assert.equal(undone.statusCode, 303);
      assert.equal((await pairOf('X.501', 'ISO/IEC 9594-2')).state, 'open', 'back to undecided');
      // Twice: a second decision, then one step back returns to the first.
      await secretariat.post(`/overlaps/${pair.id}/decision`, { decision: 'overlapping' });
      await secretariat.post(`/overlaps/${pair.id}/decision`, { decision: 'same_text' });
      await secretariat.post(`/overlaps/${pair.id}/undo`, {});
      assert.equal((await pairOf('X.501', 'ISO/IEC 9594-2')).state, 'overlapping');
      const nothing = await secretariat.post(`/overlaps/${(await pairOf('X.511', 'ISO/IEC 9594-3')).id}/undo`, {});
      assert.equal(nothing.statusCode, 303);
      const flash = await secretariat.get(String(nothing.headers.location));
      assert.match(flash.body, /no decision to undo/);
      const history = (await member.get(`/activities/${acronym}/history`)).body;
      assert.match(history, /the decision on X\.501 and ISO\/IEC 9594-2 was undone/);
    });

    it('takes away, with an undone "same text" decision, the common-text relation that decision added, and says so', async () => {
      const pair = await pairOf('X.509', 'ISO/IEC 9594-8');
      const relation = async () =>
        (
          (await t.db.execute(
            sql`select count(*)::int as n from roadmap_relations where kind = 'common_text' and ((from_entry_id = ${pair.a.id} and to_entry_id = ${pair.b.id}) or (from_entry_id = ${pair.b.id} and to_entry_id = ${pair.a.id}))`,
          )) as unknown as { rows: { n: number }[] }
        ).rows[0]!.n;
      assert.equal(await relation(), 0);
      await secretariat.post(`/overlaps/${pair.id}/decision`, { decision: 'same_text' });
      assert.equal(await relation(), 1, 'the decision adds the relation');
      const undone = await secretariat.post(`/overlaps/${pair.id}/undo`, {});
      assert.equal(undone.statusCode, 303);
      assert.equal(await relation(), 0, 'undoing it takes the relation away');
      assert.match((await secretariat.get(String(undone.headers.location))).body, /The decision was undone, and the “common text” relation it had added between the two entries was removed\./);
      // A relation that was there before the decision is not the decision's to take away.
      await secretariat.post(`/overlaps/${pair.id}/decision`, { decision: 'same_text' });
      await secretariat.post(`/overlaps/${pair.id}/decision`, { decision: 'same_text', note: 'Again' });
      const again = await secretariat.post(`/overlaps/${pair.id}/undo`, {});
      assert.equal(await relation(), 1);
      assert.match((await secretariat.get(String(again.headers.location))).body, /The decision was undone\./);
    });

    it('refuses undo, groups and the pair API to members, strangers and another activity’s chair, and changes nothing', async () => {
      const pair = await pairOf('X.501', 'ISO/IEC 9594-2');
      const before = pair.state;
      const anonymous = new TestClient(t.app);
      assert.equal((await member.post(`/overlaps/${pair.id}/undo`, {})).statusCode, 403);
      // Both entries are in a public roadmap: the pair is no secret, but it is not theirs to decide.
      assert.equal((await otherChair.post(`/overlaps/${pair.id}/undo`, {})).statusCode, 403);
      assert.notEqual((await anonymous.post(`/overlaps/${pair.id}/undo`, {})).statusCode, 303);
      assert.equal((await member.api('POST', `/api/v1/overlaps/${pair.id}/undo`)).statusCode, 403);
      assert.equal((await otherChair.api('POST', `/api/v1/overlaps/${pair.id}/undo`)).statusCode, 403);
      assert.equal((await anonymous.api('POST', `/api/v1/overlaps/${pair.id}/undo`)).statusCode, 401);
      assert.equal((await member.api('GET', '/api/v1/overlaps/groups')).statusCode, 403);
      assert.equal((await anonymous.api('GET', '/api/v1/overlaps/groups')).statusCode, 401);
      assert.equal((await anonymous.api('GET', `/api/v1/overlaps/${pair.id}`)).statusCode, 401);
      assert.equal((await otherChair.post(`/overlaps/${pair.id}/decision`, { decision: 'unsure' })).statusCode, 403);
      assert.equal((await pairOf('X.501', 'ISO/IEC 9594-2')).state, before, 'nothing changed');
    });

    it('shows the form again with a message for a decision that does not exist, and keeps the pair as it was', async () => {
      const pair = await pairOf('X.511', 'ISO/IEC 9594-3');
      await secretariat.get(`/overlaps/${pair.id}`);
      const refused = await secretariat.post(`/overlaps/${pair.id}/decision`, { decision: 'merged' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /error-summary/);
      assert.match(refused.body, /Your decision/);
      assert.equal((await pairOf('X.511', 'ISO/IEC 9594-3')).state, 'open');
      assert.equal((await member.post(`/overlaps/${pair.id}/decision`, { decision: 'unsure' })).statusCode, 403);
    });

    it('filters the queue by state, and keeps the filter from pair to pair', async () => {
      const decidedPair = /aria-label="Review: X\.501 and ISO\/IEC 9594-2"/;
      const decided = await secretariat.get('/overlaps?state=decided');
      assert.match(decided.body, decidedPair);
      assert.doesNotMatch(decided.body, /aria-label="Review: X\.511 and ISO\/IEC 9594-3"/);
      const open = await secretariat.get('/overlaps');
      assert.doesNotMatch(open.body, decidedPair);
      assert.match(open.body, /aria-label="Review: X\.511 and ISO\/IEC 9594-3"/);
      const pair = await pairOf('X.501', 'ISO/IEC 9594-2');
      const page = await secretariat.get(`/overlaps/${pair.id}?state=decided`);
      assert.match(page.body, /Back to the queue/);
      assert.match(page.body, /href="\/overlaps\?state=decided"/);
    });

    it('pages the queue from a neighbouring page’s pair as by offset, both ways, and names a bad neighbour', async () => {
      const all = await queryPairs(t.db, system, { state: 'all' }, { limit: 1000 });
      assert.ok(all.length >= 5);
      const ids = (pairs: { id: number }[]) => pairs.map((p) => p.id);
      assert.deepEqual(ids(await queryPairs(t.db, system, { state: 'all' }, { limit: 2, after: all[1]!.id })), ids(all.slice(2, 4)));
      assert.deepEqual(ids(await queryPairs(t.db, system, { state: 'all' }, { limit: 2, before: all[4]!.id })), ids(all.slice(2, 4)));
      assert.deepEqual(ids(await queryPairs(t.db, system, { state: 'all' }, { limit: 2, offset: 2 })), ids(all.slice(2, 4)));
      // The page after the first pair: every pair but the first, and "Previous" back to the queue's first page.
      const page = await secretariat.get(`/overlaps?state=all&page=2&after=${all[0]!.id}`);
      assert.equal(page.statusCode, 200);
      assert.equal((page.body.match(/aria-label="Review: /g) ?? []).length, all.length - 1);
      assert.match(page.body, /<a href="\/overlaps\?state=all">Previous pair<\/a>/);
      const bad = await secretariat.get('/overlaps?after=first');
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /after/);
    });

    it('shows three bodies’ versions of one text as a group', async () => {
      const page = await secretariat.get('/overlaps/groups');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /3 entries from 3 bodies/);
      assert.match(page.body, /EN ISO\/IEC 9594-8/);
      assert.equal((await member.get('/overlaps/groups')).statusCode, 403);
    });

    it('shows an activity’s confirmed overlaps to its members, and to everyone once it publishes them', async () => {
      const url = `/activities/${acronym}/overlaps`;
      const seen = await member.get(url);
      assert.equal(seen.statusCode, 200);
      assert.match(seen.body, /Confirmed overlaps/);
      assert.match(seen.body, /X\.501/);
      assert.doesNotMatch(seen.body, /X\.511/, 'open pairs are not confirmed');
      assert.doesNotMatch(seen.body, /to review/, 'members do not review');
      assert.match((await secretariat.get(url)).body, /Review the candidates<\/a> \(\d+ to review\)/);
      const anonymous = new TestClient(t.app);
      assert.notEqual((await anonymous.get(url)).statusCode, 200);
      assert.doesNotMatch((await anonymous.get(`/activities/${acronym}`)).body, /\/overlaps"/, 'no tab to a page they may not open');
      const patched = await secretariat.api('PATCH', `/api/v1/activities/${acronym}`, { publishOverlaps: true });
      assert.equal(patched.statusCode, 200, patched.body);
      const published = await anonymous.get(url);
      assert.equal(published.statusCode, 200);
      assert.match(published.body, /X\.501/);
      assert.match((await anonymous.get(`/activities/${acronym}`)).body, new RegExp(`/activities/${acronym}/overlaps"`));
    });

    it('serves the same through the API: a pair in full, the queue filtered, groups, and undo', async () => {
      const pair = await pairOf('X.511', 'ISO/IEC 9594-3');
      const detail = await secretariat.api('GET', `/api/v1/overlaps/${pair.id}`);
      assert.equal(detail.statusCode, 200, detail.body);
      const body = detail.json() as { a: { identifier: string; activities: { acronym: string }[] }; review: unknown; reasons: string[] };
      assert.equal(body.a.identifier, 'X.511');
      assert.deepEqual(body.a.activities.map((a) => a.acronym), [acronym]);
      assert.equal(body.review, null);
      assert.equal((await member.api('GET', `/api/v1/overlaps/${pair.id}`)).statusCode, 403);
      assert.equal((await otherChair.api('GET', `/api/v1/overlaps/${pair.id}`)).statusCode, 404);
      await secretariat.api('POST', `/api/v1/overlaps/${pair.id}/decision`, { decision: 'unsure' });
      const unsure = (await secretariat.api('GET', `/api/v1/overlaps?state=unsure&activity=${acronym}`)).json() as { id: number }[];
      assert.deepEqual(unsure.map((p) => p.id), [pair.id]);
      const undone = await secretariat.api('POST', `/api/v1/overlaps/${pair.id}/undo`);
      assert.deepEqual(undone.json(), { state: 'open', commonTextRemoved: false });
      assert.equal((await secretariat.api('POST', `/api/v1/overlaps/${pair.id}/undo`)).statusCode, 409);
      const groups = (await secretariat.api('GET', '/api/v1/overlaps/groups')).json() as { entries: { identifier: string }[] }[];
      assert.ok(groups.some((g) => g.entries.map((e) => e.identifier).sort().join() === 'EN ISO/IEC 9594-8,ISO/IEC 9594-8,X.509'));
    });

    it('queues a run from the queue page’s button, says so, and the worker’s process runs it', async () => {
      await secretariat.get('/overlaps');
      const started = await secretariat.post('/overlaps/runs', {});
      assert.equal(started.statusCode, 303);
      const page = await secretariat.get('/overlaps');
      assert.match(page.body, /The run is queued/);
      assert.match(page.body, /the worker starts it in a moment/);
      assert.doesNotMatch(page.body, /Run now/, 'no second request while one waits');
      const again = await secretariat.post('/overlaps/runs', {});
      assert.match((await secretariat.get(String(again.headers.location))).body, /already waiting or under way/);
      assert.equal((await member.post('/overlaps/runs', {})).statusCode, 403);
      // The worker's process (here, a follower started by the test) picks it up, woken by the request's event.
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
  });
}
