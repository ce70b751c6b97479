// An entry already in the register goes into another activity's roadmap from the add form's "already in the
// register" message, from the entry page's "Add to a roadmap", or through the API, for those who edit that roadmap;
// members propose it (from the propose form, the entry page or the API) and the secretariat's approval includes it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, type SignedInUser } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { events } from '../../platform/schema.ts';
import { roadmapProposals } from './schema.ts';
import { roadmapWordings } from './history-wordings.ts';
import { addMembership } from '../activities/memberships.ts';
import type { Activity } from '../activities/activities.ts';
import { listRoadmap } from './entries.ts';

for (const engine of testEngines()) {
  describe(`including an existing entry in another roadmap on ${engine}`, () => {
    let t: TestApp;
    let first: Activity;
    let second: Activity;
    let third: Activity;
    let hidden: Activity;
    let editorUser: SignedInUser;
    let editor: TestClient;
    let member: TestClient;
    let memberUser: SignedInUser;
    let stranger: TestClient;
    let itu: { id: number };
    let entryId: number;
    let hiddenEntryId: number;
    const form = (identifier: string, topics = '') => ({ organizationId: String(itu.id), groupId: '', identifier, title: 'Again', equivalents: '', kind: 'recommendation', status: 'published', startedOn: '', targetOn: '', approvedOn: '', year: '', version: '', editors: '', scope: '', url: '', source: '', topics });

    before(async () => {
      t = await createTestApp(engine);
      [first, second, third] = [await makeActivity(t.db), await makeActivity(t.db), await makeActivity(t.db)];
      hidden = await makeActivity(t.db, { visibility: 'members' });
      itu = await makeOrganization(t.db, { kind: 'itu_sector' });
      // One person, secretariat of the first three activities: edits their roadmaps, and nothing of the hidden one.
      editorUser = await makeUser(t.db, { role: 'secretariat', activityId: first.id });
      for (const activity of [second, third]) await addMembership(t.db, systemActor('test'), activity.id, { personId: editorUser.personId, role: 'secretariat' }, 'en');
      editor = new TestClient(t.app, editorUser.cookie);
      memberUser = await makeUser(t.db, { role: 'member', activityId: second.id, name: 'Mia Member' });
      member = new TestClient(t.app, memberUser.cookie);
      stranger = new TestClient(t.app, (await makeUser(t.db)).cookie);
      const created = await editor.api('POST', `/api/v1/activities/${first.acronym}/roadmap`, { organizationId: itu.id, identifier: 'Y.3800', title: 'Overview on networks supporting quantum key distribution', status: 'published' });
      assert.equal(created.statusCode, 201, created.body);
      entryId = created.json().id;
      const hiddenSecretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: hidden.id })).cookie);
      const secret = await hiddenSecretariat.api('POST', `/api/v1/activities/${hidden.acronym}/roadmap`, { organizationId: itu.id, identifier: 'Y.9999', title: 'Not for everyone', status: 'in_development' });
      assert.equal(secret.statusCode, 201, secret.body);
      hiddenEntryId = secret.json().id;
    });
    after(() => t.close());

    it('offers to include the existing entry from the add form, and includes it with the topics typed', async () => {
      const refused = await editor.post(`/activities/${second.acronym}/roadmap`, form('ITU-T Y.3800', 'QKDN overview; key management'));
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /This entry is already in the register: Y\.3800/);
      assert.match(refused.body, new RegExp(`<form method="post" action="/activities/${second.acronym}/roadmap/include"`));
      assert.match(refused.body, new RegExp(`<input type="hidden" name="entryId" value="${entryId}"/>`));
      assert.match(refused.body, /<input type="hidden" name="topics" value="QKDN overview; key management"\/>/);
      assert.match(refused.body, /<button type="submit">Include Y\.3800 in this roadmap<\/button>/);

      const included = await editor.post(`/activities/${second.acronym}/roadmap/include`, { entryId: String(entryId), topics: 'QKDN overview; key management' });
      assert.equal(included.statusCode, 303, included.body);
      assert.equal(included.headers.location, `/roadmap/entries/${entryId}?activity=${encodeURIComponent(second.acronym)}`);
      const [row] = await listRoadmap(t.db, second.id, [entryId]);
      assert.deepEqual(row?.topics.sort(), ['QKDN overview', 'key management']);
      const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'roadmap.entry_included'), eq(events.activityId, second.id), eq(events.subjectId, String(entryId))));
      assert.ok(event, 'the inclusion is an event of the second activity');
      assert.equal((await listRoadmap(t.db, first.id, [entryId])).length, 1, 'the first roadmap keeps it');

      const again = await editor.post(`/activities/${second.acronym}/roadmap`, form('Y.3800'));
      assert.equal(again.statusCode, 422);
      assert.match(again.body, /It is already in this roadmap\./);
      assert.doesNotMatch(again.body, /Include Y\.3800 in this roadmap/);
      const french = await editor.get(`/roadmap/entries/${entryId}`, { 'accept-language': 'fr' });
      assert.match(french.body, /Ajouter à une feuille de route/);
    });

    it('adds the entry to another roadmap the reader edits from the entry page', async () => {
      const page = await editor.get(`/roadmap/entries/${entryId}?activity=${first.acronym}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h2 id="add-to-roadmap">Add to a roadmap<\/h2>/);
      const options = [...page.body.matchAll(/<option value="([^"]+)"[^>]*>/g)].map((m) => m[1]);
      assert.ok(options.includes(third.acronym), 'the third roadmap is offered');
      assert.ok(!options.includes(first.acronym) && !options.includes(second.acronym), 'not those that have it');
      assert.ok(!options.includes(hidden.acronym), 'not a roadmap the reader does not edit');
      const added = await editor.post(`/roadmap/entries/${entryId}/include`, { activity: third.acronym });
      assert.equal(added.statusCode, 303, added.body);
      const landed = await editor.get(String(added.headers.location));
      assert.match(landed.body, new RegExp(`The entry is now in the roadmap of ${third.acronym}\\.`));
      assert.equal((await listRoadmap(t.db, third.id, [entryId])).length, 1);
      assert.doesNotMatch((await editor.get(`/roadmap/entries/${entryId}`)).body, /Add to a roadmap/, 'nothing left to add it to');
    });

    it('nests the organization and group pickers under each body, with a filter box where JavaScript runs', async () => {
      const child = await makeOrganization(t.db, { acronym: 'SC 42', kind: 'technical_committee', parentId: itu.id });
      const page = await editor.get(`/activities/${second.acronym}/roadmap/new`);
      assert.equal(page.statusCode, 200);
      const select = /<select id="field-groupId"[\s\S]*?<\/select>/.exec(page.body)?.[0] ?? '';
      assert.match(select, /data-filter-label="Filter the list"/);
      const group = new RegExp(`<optgroup label="([^"]+)"><option value="${itu.id}">[^<]+</option><option value="${child.id}">[^<]+ SC 42</option>`).exec(select);
      assert.ok(group, 'the body heads its own optgroup, its group nested under it');
      assert.match(page.body, /<script src="\/assets\/select-filter.js" defer><\/script>/);
      const script = await editor.get('/assets/select-filter.js');
      assert.equal(script.statusCode, 200);
      assert.match(String(script.headers['content-type']), /^text\/javascript/);
      const proposal = await member.get(`/activities/${second.acronym}/roadmap/proposals/new`);
      assert.match(proposal.body, new RegExp(`<option value="${child.id}">[^<]+ SC 42</option>`));
    });

    it('lets a member propose including an existing entry from the propose form; the approval includes it', async () => {
      // A fourth roadmap where the member proposes and the editor decides.
      const fourth = await makeActivity(t.db);
      await addMembership(t.db, systemActor('test'), fourth.id, { personId: memberUser.personId, role: 'member' }, 'en');
      await addMembership(t.db, systemActor('test'), fourth.id, { personId: editorUser.personId, role: 'secretariat' }, 'en');
      const refused = await member.post(`/activities/${fourth.acronym}/roadmap/proposals`, { ...form('ITU-T Y.3800', 'QKD'), note: 'We rely on it.' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /This entry is already in the register: Y\.3800/);
      assert.match(refused.body, new RegExp(`<form method="post" action="/activities/${fourth.acronym}/roadmap/proposals/include"`));
      assert.match(refused.body, new RegExp(`<input type="hidden" name="entryId" value="${entryId}"/>`));
      assert.match(refused.body, /<input type="hidden" name="note" value="We rely on it\."\/>/);
      assert.match(refused.body, /<button type="submit">Propose including Y\.3800 in this roadmap<\/button>/);

      const proposed = await member.post(`/activities/${fourth.acronym}/roadmap/proposals/include`, { entryId: String(entryId), topics: 'QKD', note: 'We rely on it.' });
      assert.equal(proposed.statusCode, 303, proposed.body);
      const [proposal] = await t.db.select().from(roadmapProposals).where(and(eq(roadmapProposals.activityId, fourth.id), eq(roadmapProposals.entryId, entryId)));
      assert.equal(proposal?.kind, 'include');
      assert.deepEqual(proposal?.proposed, { topics: ['QKD'] });
      assert.equal(proposed.headers.location, `/activities/${fourth.acronym}/roadmap/proposals/${proposal!.id}`);
      assert.equal((await listRoadmap(t.db, fourth.id, [entryId])).length, 0, 'nothing is included before the decision');
      const page = await member.get(String(proposed.headers.location));
      assert.match(page.body, /Entry of the register to include/);
      const again = await member.post(`/activities/${fourth.acronym}/roadmap/proposals/include`, { entryId: String(entryId) });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, new RegExp(`already proposed \\(proposal #${proposal!.id}\\)`));

      const work = await editor.get('/my-work');
      assert.match(work.body, new RegExp(`Roadmap proposals[\\s\\S]*href="/activities/${fourth.acronym}/roadmap/proposals/${proposal!.id}"`));
      assert.match(work.body, /Entry of the register to include: Y\.3800/);

      const accepted = await editor.post(`/activities/${fourth.acronym}/roadmap/proposals/${proposal!.id}/accept`, { comment: '' });
      assert.equal(accepted.statusCode, 303, accepted.body);
      const [row] = await listRoadmap(t.db, fourth.id, [entryId]);
      assert.deepEqual(row?.topics, ['QKD']);
      const kinds = (await t.db.select().from(events).where(eq(events.activityId, fourth.id))).map((e) => e.kind);
      assert.ok(kinds.includes('roadmap.entry_included') && kinds.includes('roadmap.proposal_accepted'), kinds.join());
      const [submitted] = await t.db.select().from(events).where(and(eq(events.kind, 'roadmap.proposal_submitted'), eq(events.subjectId, String(proposal!.id))));
      const words = (locale: 'en' | 'fr') => roadmapWordings(locale)['roadmap.proposal_submitted']({}, submitted!.after as Record<string, unknown>, undefined, 'Mia Member');
      assert.equal(words('en'), 'Mia Member proposed including Y.3800 in the roadmap');
      assert.equal(words('fr'), 'Mia Member a proposé de reprendre Y.3800 dans la feuille de route');
    });

    it('offers a member to propose the entry for their roadmap from the entry page, and takes proposals through the API', async () => {
      const fifth = await makeActivity(t.db);
      await addMembership(t.db, systemActor('test'), fifth.id, { personId: memberUser.personId, role: 'member' }, 'en');
      const page = await member.get(`/roadmap/entries/${entryId}`);
      assert.match(page.body, /<h2 id="propose-for-roadmap">Propose for a roadmap<\/h2>/);
      assert.match(page.body, new RegExp(`<option value="${fifth.acronym}"`));
      assert.doesNotMatch(page.body, /Add to a roadmap/);
      const sent = await member.post(`/roadmap/entries/${entryId}/propose-include`, { activity: fifth.acronym, note: '' });
      assert.equal(sent.statusCode, 303, sent.body);
      assert.match(String(sent.headers.location), new RegExp(`^/activities/${fifth.acronym}/roadmap/proposals/\\d+$`));

      const sixth = await makeActivity(t.db);
      await addMembership(t.db, systemActor('test'), sixth.id, { personId: memberUser.personId, role: 'member' }, 'en');
      const api = (client: TestClient, body: Record<string, unknown>) => client.api('POST', `/api/v1/activities/${sixth.acronym}/roadmap/proposals`, body);
      const viaApi = await api(member, { kind: 'include', entryId, topics: ['relay'], note: 'For the relay work.' });
      assert.equal(viaApi.statusCode, 201, viaApi.body);
      assert.equal(viaApi.json().kind, 'include');
      assert.equal(viaApi.json().identifier, 'Y.3800');
      assert.deepEqual(viaApi.json().allowedActions, ['withdraw']);
      assert.equal((await api(stranger, { kind: 'include', entryId })).statusCode, 403);
      assert.equal((await api(new TestClient(t.app), { kind: 'include', entryId })).statusCode, 401);
      assert.equal((await api(member, { kind: 'include', entryId: hiddenEntryId })).statusCode, 404, 'an entry the member cannot read');
      const inFirst = await member.api('POST', `/api/v1/activities/${second.acronym}/roadmap/proposals`, { kind: 'include', entryId });
      assert.equal(inFirst.statusCode, 422, 'the second roadmap has it already');
      assert.match(inFirst.body, /It is already in this roadmap\./);
    });

    it('includes through the API for the secretariat, and refuses every other role', async () => {
      const seventh = await makeActivity(t.db);
      await addMembership(t.db, systemActor('test'), seventh.id, { personId: editorUser.personId, role: 'secretariat' }, 'en');
      await addMembership(t.db, systemActor('test'), seventh.id, { personId: memberUser.personId, role: 'member' }, 'en');
      const url = `/api/v1/activities/${seventh.acronym}/roadmap/include`;
      assert.equal((await member.api('POST', url, { entryId })).statusCode, 403, 'a member proposes instead');
      assert.equal((await stranger.api('POST', url, { entryId })).statusCode, 403);
      assert.equal((await new TestClient(t.app).api('POST', url, { entryId })).statusCode, 401);
      assert.equal((await editor.api('POST', url, { entryId: hiddenEntryId })).statusCode, 404);
      const bad = await editor.api('POST', url, { entryId: 'twelve' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /entryId/);
      const created = await editor.api('POST', url, { entryId, topics: ['QKD network'] });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().identifier, 'Y.3800');
      assert.deepEqual(created.json().topics, ['QKD network']);
      const again = await editor.api('POST', url, { entryId });
      assert.equal(again.statusCode, 200, 'already there: nothing changes');
    });

    it('refuses those who do not edit the roadmap, and an entry the reader cannot see', async () => {
      const fresh = await makeActivity(t.db);
      assert.doesNotMatch((await member.get(`/roadmap/entries/${entryId}`)).body, /Add to a roadmap/);
      assert.equal((await member.post(`/activities/${second.acronym}/roadmap/include`, { entryId: String(entryId) })).statusCode, 403);
      assert.equal((await member.post(`/roadmap/entries/${entryId}/include`, { activity: second.acronym })).statusCode, 403);
      assert.equal((await stranger.post(`/activities/${fresh.acronym}/roadmap/include`, { entryId: String(entryId) })).statusCode, 403);
      assert.equal((await stranger.post(`/roadmap/entries/${entryId}/include`, { activity: fresh.acronym })).statusCode, 403);
      assert.equal((await new TestClient(t.app).post(`/roadmap/entries/${entryId}/include`, { activity: fresh.acronym })).statusCode, 401);
      const unseen = await editor.post(`/activities/${third.acronym}/roadmap/include`, { entryId: String(hiddenEntryId) });
      assert.equal(unseen.statusCode, 404, 'an entry in no roadmap the reader may read does not exist for them');
      assert.equal((await listRoadmap(t.db, third.id, [hiddenEntryId])).length, 0);
      const bad = await editor.post(`/activities/${third.acronym}/roadmap/include`, { entryId: 'twelve' });
      assert.equal(bad.statusCode, 422);
    });
  });
}
