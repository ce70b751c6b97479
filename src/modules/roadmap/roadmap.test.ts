import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { events } from '../../platform/schema.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import type { Activity } from '../activities/activities.ts';
import { identifierKey } from './identifiers.ts';
import { roadmapEntries } from './schema.ts';

for (const engine of testEngines()) {
  describe(`roadmap on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let member: TestClient;
    let itu: { id: number; acronym: string };
    let sg13: { id: number };
    let etsi: { id: number; acronym: string };
    const path = () => `/api/v1/activities/${activity.acronym}/roadmap`;
    const add = (body: Record<string, unknown>) => secretariat.api('POST', path(), body);

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      itu = await makeOrganization(t.db, { acronym: unique('ITU-T'), kind: 'itu_sector' });
      sg13 = await makeOrganization(t.db, { acronym: 'SG13', kind: 'study_group', parentId: itu.id });
      etsi = await makeOrganization(t.db, { acronym: unique('ETSI') });
      const seed = [
        { organizationId: itu.id, groupId: sg13.id, identifier: 'Y.3800', title: 'Overview on networks supporting quantum key distribution', kind: 'recommendation', status: 'published', approvedOn: '2019-10-29', topics: ['QKDN overview'] },
        { organizationId: itu.id, identifier: 'Y.3803', title: 'Quantum key distribution networks - Key management', kind: 'recommendation', status: 'published', year: 2020, topics: ['key management'] },
        { organizationId: etsi.id, identifier: 'GS QKD 014', title: 'Protocol and data format of REST-based key delivery API', kind: 'technical_specification', status: 'published', year: 2019, topics: ['key delivery API', 'key management'] },
        { organizationId: etsi.id, identifier: 'GS QKD 020', title: 'Interoperable key management for QKD networks', kind: 'technical_specification', status: 'in_development', topics: ['key management'] },
      ];
      for (const body of seed) assert.equal((await add(body)).statusCode, 201);
    });
    after(() => t.close());

    it('adds an entry with its year taken from the approval date, and records the event', async () => {
      const response = await secretariat.api('GET', `${path()}?q=Y.3800`);
      const [entry] = response.json().entries;
      assert.deepEqual(
        Object.keys(entry).sort(),
        ['approvedOn', 'editors', 'equivalents', 'group', 'groupId', 'id', 'identifier', 'identifierKey', 'kind', 'organization', 'organizationId', 'scope', 'source', 'startedOn', 'status', 'targetOn', 'title', 'topics', 'url', 'version', 'year'],
        'the documented fields, and nothing else',
      );
      assert.equal(entry.identifier, 'Y.3800');
      assert.equal(entry.year, 2019);
      assert.equal(entry.group, 'SG13');
      assert.deepEqual(entry.topics, ['QKDN overview']);
      const [event] = await t.db.select().from(events).where(and(eq(events.subjectType, 'roadmap_entry'), eq(events.subjectId, String(entry.id))));
      assert.equal(event?.kind, 'roadmap.entry_added');
      assert.equal(event?.activityId, activity.id);
    });

    it('refuses the same standard under another spelling of its identifier, naming and linking the existing one', async () => {
      for (const spelling of ['Rec. ITU-T Y.3800', 'T-REC-Y.3800-201910-I', 'itu-t y.3800']) {
        const response = await add({ organizationId: itu.id, identifier: spelling, title: 'Again', status: 'published' });
        assert.equal(response.statusCode, 422, spelling);
        const error = response.json().error;
        assert.equal(error.details.fields.identifier, 'This entry is already in the register: Y.3800 — Overview on networks supporting quantum key distribution.');
        assert.match(error.details.existing.href, /^\/roadmap\/entries\/\d+$/);
      }
      const page = await secretariat.post(`/activities/${activity.acronym}/roadmap`, { organizationId: String(itu.id), identifier: 'ITU-T Y.3800', title: 'Again', kind: 'recommendation', status: 'published' });
      assert.equal(page.statusCode, 422);
      assert.match(page.body, /Open the existing entry/);
      assert.match(page.body, /value="ITU-T Y.3800"/);
      const rows = await t.db.select().from(roadmapEntries).where(and(eq(roadmapEntries.organizationId, itu.id), eq(roadmapEntries.identifierKey, identifierKey('Y.3800'))));
      assert.equal(rows.length, 1);
    });

    it('accepts the same identifier from another organization', async () => {
      const response = await add({ organizationId: etsi.id, identifier: 'Y.3800', title: 'Same number, other body', status: 'planned' });
      assert.equal(response.statusCode, 201);
    });

    it('refuses a responsible group outside the organization, and explains each bad field', async () => {
      const response = await add({ organizationId: etsi.id, groupId: sg13.id, identifier: 'GS QKD 999', title: 'x', status: 'finished', year: 1800, url: 'javascript:alert(1)' });
      assert.equal(response.statusCode, 422);
      const fields = response.json().error.details.fields;
      assert.match(fields.status, /^Choose one of: Planned, In development, Approved, Published, Superseded, Withdrawn\.$/);
      assert.equal(fields.year, 'Enter a number of at least 1900.');
      assert.equal(fields.url, 'Enter a full web address starting with https:// or http://.');
      const group = await add({ organizationId: etsi.id, groupId: sg13.id, identifier: 'GS QKD 999', title: 'x', status: 'planned' });
      assert.equal(group.json().error.details.fields.groupId, 'The responsible group must be part of the chosen organization.');
    });

    it('ranks an identifier match first and finds words in titles, with facet counts over the other filters', async () => {
      const byWords = (await secretariat.api('GET', `${path()}?q=key%20management`)).json();
      // Two by title, one by topic only.
      assert.deepEqual(byWords.entries.map((e: { identifier: string }) => e.identifier).sort(), ['GS QKD 014', 'GS QKD 020', 'Y.3803']);
      const byIdentifier = (await secretariat.api('GET', `${path()}?q=${encodeURIComponent('Rec. ITU-T Y.3803')}`)).json();
      assert.equal(byIdentifier.entries[0].identifier, 'Y.3803');
      const filtered = (await secretariat.api('GET', `${path()}?status=published&organization=${etsi.acronym}`)).json();
      assert.deepEqual(filtered.entries.map((e: { identifier: string }) => e.identifier), ['GS QKD 014']);
      // Status counts ignore the status filter itself, so the other statuses stay visible and choosable.
      assert.deepEqual(filtered.facets.status, { published: 1, in_development: 1, planned: 1 });
      assert.equal(filtered.facets.organization[itu.acronym], 2);
      const byTopic = (await secretariat.api('GET', `${path()}?topic=key%20management&sort=identifier`)).json();
      assert.equal(byTopic.total, 3);
    });

    it('shows the roadmap page with search and filters as a plain GET form, and titles with markup as text', async () => {
      await add({ organizationId: etsi.id, identifier: 'GR QKD 777', title: '<script>alert("x")</script> & more', status: 'planned' });
      const page = await t.app.inject({ method: 'GET', url: `/activities/${activity.acronym}/roadmap?q=alert` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<td[^>]*>&lt;script>alert\(&quot;x&quot;\)&lt;\/script> &amp; more<\/td>/);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.match(page.body, /<form method="get" action="\/activities\/[^"]+\/roadmap"/);
      const bad = await t.app.inject({ method: 'GET', url: `/api/v1/activities/${activity.acronym}/roadmap?status=finished` });
      assert.equal(bad.statusCode, 422);
    });

    it('records a status change as an edit with before and after, and shows it in the entry history', async () => {
      const [entry] = (await secretariat.api('GET', `${path()}?q=GS%20QKD%20020`)).json().entries;
      const response = await secretariat.api('PATCH', `${path()}/${entry.id}`, { status: 'published', year: 2024 });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().status, 'published');
      const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'roadmap.entry_updated'), eq(events.subjectId, String(entry.id))));
      assert.deepEqual(event?.before, { status: 'in_development', year: null });
      assert.deepEqual(event?.after, { status: 'published', year: 2024 });
      const history = await t.app.inject({ method: 'GET', url: `/history/roadmap_entry/${entry.id}` });
      assert.equal(history.statusCode, 200);
      assert.match(history.body, /In development/);
    });

    it('takes an entry out of the roadmap, keeping it in the register', async () => {
      const created = (await add({ organizationId: etsi.id, identifier: 'GR QKD 888', title: 'To remove', status: 'planned' })).json();
      assert.equal((await secretariat.api('DELETE', `${path()}/${created.id}`)).statusCode, 204);
      assert.equal((await secretariat.api('GET', `${path()}/${created.id}`)).statusCode, 404);
      assert.equal((await t.db.select().from(roadmapEntries).where(eq(roadmapEntries.id, created.id))).length, 1);
      assert.equal((await secretariat.api('GET', `${path()}?q=GR%20QKD%20888`)).json().total, 0);
    });

    it('offers members a proposal instead of an edit, on the roadmap and on an entry', async () => {
      const page = await member.get(`/activities/${activity.acronym}/roadmap`);
      assert.match(page.body, /Propose an entry/);
      assert.doesNotMatch(page.body, /Add an entry|Import a file/);
      const [entry] = (await member.api('GET', `${path()}?q=Y.3803`)).json().entries;
      const entryPage = await member.get(`/roadmap/entries/${entry.id}?activity=${activity.acronym}`);
      assert.match(entryPage.body, new RegExp(`href="/activities/${activity.acronym}/roadmap/${entry.id}/propose"`));
      assert.doesNotMatch(entryPage.body, /Edit the entry/);
    });

    it('lets only the secretariat and chairs change the roadmap', async () => {
      const [entry] = (await secretariat.api('GET', `${path()}?q=Y.3803`)).json().entries;
      assert.equal((await member.api('POST', path(), { organizationId: itu.id, identifier: 'Y.9999', title: 'x', status: 'planned' })).statusCode, 403);
      assert.equal((await member.api('PATCH', `${path()}/${entry.id}`, { title: 'Hijacked' })).statusCode, 403);
      assert.equal((await member.api('DELETE', `${path()}/${entry.id}`)).statusCode, 403);
      assert.equal((await member.post(`/activities/${activity.acronym}/roadmap/${entry.id}/remove`, {})).statusCode, 403);
      const anonymous = new TestClient(t.app);
      assert.equal((await anonymous.api('PATCH', `${path()}/${entry.id}`, { title: 'Hijacked' })).statusCode, 401);
      assert.equal((await anonymous.get(`/activities/${activity.acronym}/roadmap/new`)).statusCode, 303);
      const [row] = await t.db.select().from(roadmapEntries).where(eq(roadmapEntries.id, entry.id));
      assert.equal(row?.title, 'Quantum key distribution networks - Key management');
    });

    it('lists what changed since a date: additions, status changes, edits and removals', async () => {
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const changes = (await t.app.inject({ method: 'GET', url: `${path()}/changes?since=${yesterday}` })).json();
      assert.deepEqual(
        changes.added.map((c: { identifier: string }) => c.identifier),
        ['Y.3800', 'Y.3803', 'GS QKD 014', 'GS QKD 020', 'Y.3800', 'GR QKD 777', 'GR QKD 888'],
      );
      assert.deepEqual(changes.statusChanges.map((c: { identifier: string; before: unknown; after: unknown }) => [c.identifier, c.before, c.after]), [
        ['GS QKD 020', { status: 'in_development', year: null }, { status: 'published', year: 2024 }],
      ]);
      assert.deepEqual(changes.removed.map((c: { identifier: string }) => c.identifier), ['GR QKD 888']);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const none = (await t.app.inject({ method: 'GET', url: `${path()}/changes?since=${tomorrow}` })).json();
      assert.equal(none.added.length + none.statusChanges.length + none.edited.length + none.removed.length, 0);
      const page = await t.app.inject({ method: 'GET', url: `/activities/${activity.acronym}/roadmap/changes?since=${yesterday}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<del>In development<\/del> → <ins>Published<\/ins>; Year/);
      const bad = await t.app.inject({ method: 'GET', url: `${path()}/changes?since=last-week` });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().error.details.fields.since, 'Enter a date as YYYY-MM-DD.');
    });

    it('adds an entry through the page form with the optional fields left blank, as a browser sends them', async () => {
      const blank = { groupId: '', startedOn: '', targetOn: '', approvedOn: '', year: '', version: '', editors: '', scope: '', topics: '', url: '', source: '' };
      const response = await secretariat.post(`/activities/${activity.acronym}/roadmap`, { ...blank, organizationId: String(etsi.id), identifier: 'GS QKD 016', title: 'Common Criteria protection profile', kind: 'technical_specification', status: 'published' });
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      const [entry] = (await secretariat.api('GET', `${path()}?q=GS%20QKD%20016`)).json().entries;
      assert.equal(entry.year, null);
      assert.deepEqual(entry.topics, []);
    });

    it('hides a members-only roadmap and its entries from strangers', async () => {
      const closed = await makeActivity(t.db, { visibility: 'members' });
      const closedSecretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: closed.id })).cookie);
      const created = await closedSecretariat.api('POST', `/api/v1/activities/${closed.acronym}/roadmap`, { organizationId: etsi.id, identifier: 'GS QKD 555', title: 'Confidential', status: 'planned' });
      assert.equal(created.statusCode, 201);
      assert.equal((await t.app.inject({ method: 'GET', url: `/activities/${closed.acronym}/roadmap` })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: `/roadmap/entries/${created.json().id}` })).statusCode, 404);
      assert.equal((await member.get(`/roadmap/entries/${created.json().id}`)).statusCode, 404);
    });

    it('keeps an entry’s equivalent numbers, finds the entry by one of them, and words a change in the history', async () => {
      const created = await add({ organizationId: itu.id, identifier: 'X.509', title: 'The Directory: Public-key and attribute certificate frameworks', kind: 'recommendation', status: 'published', equivalents: ['ISO/IEC 9594-8', ' EN ISO/IEC 9594-8 ', 'iso/iec 9594-8'] });
      assert.equal(created.statusCode, 201);
      const entry = created.json();
      assert.deepEqual(entry.equivalents, ['ISO/IEC 9594-8', 'EN ISO/IEC 9594-8'], 'trimmed, and the same number once');
      const found = (await secretariat.api('GET', `${path()}?q=${encodeURIComponent('ISO/IEC 9594-8')}`)).json();
      assert.equal(found.entries[0].identifier, 'X.509', 'an identifier search finds the entry by its equivalent number');
      assert.deepEqual(found.entries[0].equivalents, ['ISO/IEC 9594-8', 'EN ISO/IEC 9594-8']);

      // The form takes numbers separated by "|" or ";", shows them on the entry page, and the history words the change.
      const form = await secretariat.post(`/activities/${activity.acronym}/roadmap/${entry.id}`, { organizationId: String(itu.id), identifier: 'X.509', title: entry.title, kind: 'recommendation', status: 'published', equivalents: 'ISO/IEC 9594-8 | ISO/IEC 9594-8:2020; CEN EN 9594-8' });
      assert.equal(form.statusCode, 303, form.body.slice(0, 300));
      const page = await secretariat.get(`/roadmap/entries/${entry.id}?activity=${activity.acronym}`);
      assert.match(page.body, /Equivalent numbers/);
      assert.match(page.body, /ISO\/IEC 9594-8 \| CEN EN 9594-8/);
      const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'roadmap.entry_updated'), eq(events.subjectId, String(entry.id))));
      assert.deepEqual(event?.before, { equivalents: ['ISO/IEC 9594-8', 'EN ISO/IEC 9594-8'] });
      assert.deepEqual(event?.after, { equivalents: ['ISO/IEC 9594-8', 'CEN EN 9594-8'] });
      const history = await secretariat.get(`/history/roadmap_entry/${entry.id}`, { 'accept-language': 'fr' });
      assert.match(history.body, /Numéros équivalents/);
      assert.match(history.body, /ISO\/IEC 9594-8; CEN EN 9594-8/);
    });

    it('refuses an equivalent that is no number, or the entry’s own identifier, naming the field in the reader’s language', async () => {
      const words = await add({ organizationId: itu.id, identifier: 'X.510', title: 'Protocol specifications', status: 'published', equivalents: ['the ISO one'] });
      assert.equal(words.statusCode, 422);
      assert.equal(words.json().error.details.fields.equivalents, '“the ISO one” is not a number: each equivalent number has digits, e.g. ISO/IEC 9594-8.');
      const own = await add({ organizationId: itu.id, identifier: 'X.510', title: 'Protocol specifications', status: 'published', equivalents: ['ITU-T X.510'] });
      assert.equal(own.json().error.details.fields.equivalents, '“ITU-T X.510” is this entry’s own identifier, not another body’s number for the same text.');
      const long = await add({ organizationId: itu.id, identifier: 'X.510', title: 'Protocol specifications', status: 'published', equivalents: ['9'.repeat(101)] });
      assert.equal(long.statusCode, 422);
      assert.ok(Object.keys(long.json().error.details.fields).some((field) => field.startsWith('equivalents')));
      const french = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      french.setCookie('concord_locale=fr');
      const page = await french.post(`/activities/${activity.acronym}/roadmap`, { organizationId: String(itu.id), identifier: 'X.510', title: 'Protocol specifications', kind: 'recommendation', status: 'published', equivalents: 'ISO/IEC 9594-10; voir ISO' });
      assert.equal(page.statusCode, 422);
      assert.match(page.body, /« voir ISO » n’est pas un numéro/);
      assert.match(page.body, /value="ISO\/IEC 9594-10; voir ISO"/);
    });
  });
}
