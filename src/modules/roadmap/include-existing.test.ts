// An entry already in the register goes into another activity's roadmap from the add form's "already in the
// register" message, or from the entry page's "Add to a roadmap", for those who edit that roadmap.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, type SignedInUser } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { events } from '../../platform/schema.ts';
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
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: second.id })).cookie);
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
