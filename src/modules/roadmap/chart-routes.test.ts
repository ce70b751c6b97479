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
import { roadmapEntries, roadmapItems, roadmapRelations } from './schema.ts';

const count = (text: string, part: string) => text.split(part).length - 1;
const amp = (url: string) => url.replaceAll('&', '&amp;');

for (const engine of testEngines()) {
  describe(`roadmap views and relations on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let closed: Activity;
    let secretariat: TestClient;
    let member: TestClient;
    let anonymous: TestClient;
    let closedSecretariat: TestClient;
    let itu: { id: number; acronym: string };
    let etsi: { id: number; acronym: string };
    const ids = { y3800: 0, y3803: 0, gs014: 0, gs020: 0, gr777: 0, secret: 0 };
    const add = async (client: TestClient, a: Activity, body: Record<string, unknown>) => {
      const response = await client.api('POST', `/api/v1/activities/${a.acronym}/roadmap`, body);
      assert.equal(response.statusCode, 201, response.body);
      return response.json().id as number;
    };
    const relate = (client: TestClient, from: number, body: Record<string, unknown>) => client.api('POST', `/api/v1/roadmap/entries/${from}/relations`, body);

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      closed = await makeActivity(t.db, { visibility: 'members' });
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      closedSecretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: closed.id })).cookie);
      anonymous = new TestClient(t.app);
      itu = await makeOrganization(t.db, { acronym: unique('ITU-T'), kind: 'itu_sector' });
      etsi = await makeOrganization(t.db, { acronym: unique('ETSI') });
      ids.y3800 = await add(secretariat, activity, { organizationId: itu.id, identifier: 'Y.3800', title: 'Overview on networks supporting QKD', status: 'published', approvedOn: '2019-10-29', topics: ['QKDN overview'] });
      ids.y3803 = await add(secretariat, activity, { organizationId: itu.id, identifier: 'Y.3803', title: 'Key management', status: 'published', year: 2020, topics: ['key management'] });
      ids.gs014 = await add(secretariat, activity, { organizationId: etsi.id, identifier: 'GS QKD 014', title: 'REST-based key delivery API', status: 'published', year: 2019, topics: ['key delivery API', 'key management'] });
      ids.gs020 = await add(secretariat, activity, { organizationId: etsi.id, identifier: 'GS QKD 020', title: 'Interoperable key management', status: 'in_development', startedOn: '2023-01-01', topics: ['key management'] });
      ids.gr777 = await add(secretariat, activity, { organizationId: etsi.id, identifier: 'GR QKD 777', title: '<script>alert("x")</script> & more', status: 'planned' });
      ids.secret = await add(closedSecretariat, closed, { organizationId: etsi.id, identifier: 'GS QKD 555', title: 'Confidential', status: 'planned', year: 2027, topics: ['secret topic'] });
    });
    after(() => t.close());

    describe('timeline', () => {
      const path = () => `/activities/${activity.acronym}/roadmap/timeline`;

      it('draws every entry of a public roadmap, grouped by organization, each linked to its page', async () => {
        const page = await anonymous.get(path());
        assert.equal(page.statusCode, 200);
        for (const id of [ids.y3800, ids.y3803, ids.gs014, ids.gs020, ids.gr777]) {
          assert.match(page.body, new RegExp(`<a class="timeline-row" href="/roadmap/entries/${id}\\?activity=${activity.acronym}" aria-label="`));
        }
        assert.match(page.body, new RegExp(`>${etsi.acronym} \\(3\\)</text>`));
        assert.match(page.body, new RegExp(`>${itu.acronym} \\(2\\)</text>`));
        assert.match(page.body, new RegExp(`aria-label="GS QKD 020 — Interoperable key management\\. ${etsi.acronym}, In development\\. started 1 January 2023, ongoing\\."`));
        assert.match(page.body, /<nav class="view-switch" aria-label="Roadmap views">/);
        assert.match(page.body, /<a href="[^"]+\/roadmap\/timeline" aria-current="page">Timeline<\/a>/);
      });

      it('shows titles with markup as text', async () => {
        const page = await anonymous.get(path());
        assert.match(page.body, /GR QKD 777 — &lt;script>alert\(&quot;x&quot;\)&lt;\/script> &amp; more\./);
        assert.doesNotMatch(page.body, /<script>alert/);
      });

      it('takes the filters of the table and keeps them in the links between views', async () => {
        const page = await anonymous.get(`${path()}?organization=${etsi.acronym}&status=published`);
        assert.equal(page.statusCode, 200);
        assert.equal(count(page.body, 'aria-label="GS QKD'), 1);
        assert.doesNotMatch(page.body, /Y\.3800/);
        assert.match(page.body, new RegExp(`href="/activities/${activity.acronym}/roadmap/matrix\\?organization=${etsi.acronym}&amp;status=published"`));
        assert.match(page.body, new RegExp(`href="/activities/${activity.acronym}/roadmap\\?organization=${etsi.acronym}&amp;status=published">Table</a>`));
        assert.match(page.body, /Filtered by/);
        const bad = await anonymous.get(`${path()}?status=finished`);
        assert.equal(bad.statusCode, 422);
      });

      it('says so when nothing matches and when the roadmap is empty', async () => {
        const none = await anonymous.get(`${path()}?q=nothing-matches-this`);
        assert.match(none.body, /<p>No entry matches these filters\.<\/p>/);
        assert.doesNotMatch(none.body, /<svg/);
        const empty = await makeActivity(t.db);
        const page = await anonymous.get(`/activities/${empty.acronym}/roadmap/timeline`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /<p>The roadmap has no entry yet\.<\/p>/);
        const fr = await anonymous.get(`/activities/${empty.acronym}/roadmap/timeline`, { 'accept-language': 'fr' });
        assert.match(fr.body, /<p>La feuille de route ne contient encore aucune entrée\.<\/p>/);
      });

      it('draws the first 500 entries of a bigger roadmap and says how many there are', async () => {
        const big = await makeActivity(t.db);
        const rows = await t.db
          .insert(roadmapEntries)
          .values(Array.from({ length: 501 }, (_, i) => ({ organizationId: itu.id, identifier: `T.${9000 + i}`, identifierKey: identifierKey(`T.${9000 + i}`), title: `Entry ${i}`, status: 'published' as const, year: 2000 + (i % 20) })))
          .returning({ id: roadmapEntries.id });
        await t.db.insert(roadmapItems).values(rows.map((r) => ({ activityId: big.id, entryId: r.id })));
        const page = await anonymous.get(`/activities/${big.acronym}/roadmap/timeline`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Showing the first 500 of 501 entries\./);
        // Each entry is a link twice: its identifier (for keyboards) and its mark (for the mouse).
        assert.equal(count(page.body, '<a class="timeline-row"'), 1000);
      });
    });

    describe('landscape matrix', () => {
      const path = () => `/activities/${activity.acronym}/roadmap/matrix`;
      const cells = (html: string) => [...html.matchAll(/<td class="matrix-(count|gap)">(?:<a href="([^"]+)"[^>]*>(\d+)<\/a>)?/g)].map((m) => (m[1] === 'gap' ? 'gap' : `${m[3]} ${m[2]}`));

      it('counts entries per topic and organization, links each count to the filtered table and marks the gaps', async () => {
        const page = await anonymous.get(path());
        assert.equal(page.statusCode, 200);
        const base = `/activities/${activity.acronym}/roadmap`;
        // Rows: key delivery API, key management, QKDN overview (alphabetical, whatever the case); columns: ETSI, ITU-T.
        assert.deepEqual(cells(page.body), [
          `1 ${amp(`${base}?organization=${etsi.acronym}&topic=key+delivery+API`)}`,
          'gap',
          `2 ${amp(`${base}?organization=${etsi.acronym}&topic=key+management`)}`,
          `1 ${amp(`${base}?organization=${itu.acronym}&topic=key+management`)}`,
          'gap',
          `1 ${amp(`${base}?organization=${itu.acronym}&topic=QKDN+overview`)}`,
        ]);
        assert.equal(count(page.body, '<span class="visually-hidden">no entry, possible gap</span>'), 2);
        assert.match(page.body, /<th scope="row">Total<\/th><td class="matrix-total">2<\/td><td class="matrix-total">2<\/td><td class="matrix-total">4<\/td>/);
        assert.match(page.body, /1 entry has no topic and is not in the matrix\./);
        assert.doesNotMatch(page.body, /secret topic/);
      });

      it('keeps every topic and organization as rows and columns under a filter, so the gaps show', async () => {
        const page = await anonymous.get(`${path()}?status=in_development`);
        assert.deepEqual(cells(page.body), ['gap', 'gap', `1 ${amp(`/activities/${activity.acronym}/roadmap?organization=${etsi.acronym}&status=in_development&topic=key+management`)}`, 'gap', 'gap', 'gap']);
        const fr = await anonymous.get(`${path()}?status=in_development`, { 'accept-language': 'fr' });
        assert.equal(count(fr.body, 'aucune entrée, lacune possible'), 5);
        assert.match(fr.body, /Matrice du paysage/);
      });

      it('follows a topic filter on its own axis', async () => {
        const page = await anonymous.get(`${path()}?topic=key+management`);
        assert.deepEqual(cells(page.body), [`2 ${amp(`/activities/${activity.acronym}/roadmap?organization=${etsi.acronym}&topic=key+management`)}`, `1 ${amp(`/activities/${activity.acronym}/roadmap?organization=${itu.acronym}&topic=key+management`)}`]);
      });
    });

    describe('members-only roadmaps', () => {
      it('answer 404 to strangers and show to their members', async () => {
        for (const view of ['timeline', 'matrix']) {
          assert.equal((await anonymous.get(`/activities/${closed.acronym}/roadmap/${view}`)).statusCode, 404, view);
          assert.equal((await member.get(`/activities/${closed.acronym}/roadmap/${view}`)).statusCode, 404, view);
          assert.equal((await closedSecretariat.get(`/activities/${closed.acronym}/roadmap/${view}`)).statusCode, 200, view);
        }
        assert.equal((await anonymous.get(`/roadmap/entries/${ids.secret}/graph`)).statusCode, 404);
        assert.equal((await member.api('GET', `/api/v1/roadmap/entries/${ids.secret}/relations`)).statusCode, 404);
        assert.equal((await closedSecretariat.get(`/roadmap/entries/${ids.secret}/graph`)).statusCode, 200);
      });
    });

    describe('relations', () => {
      it('lets the secretariat relate two entries, with an event on the entry', async () => {
        const response = await relate(secretariat, ids.y3803, { toEntryId: ids.y3800, kind: 'based_on', note: 'Builds on the overview' });
        assert.equal(response.statusCode, 201);
        const relation = response.json();
        assert.deepEqual(
          { ...relation, id: 0 },
          { id: 0, fromEntryId: ids.y3803, fromIdentifier: 'Y.3803', toEntryId: ids.y3800, toIdentifier: 'Y.3800', kind: 'based_on', note: 'Builds on the overview' },
        );
        const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'roadmap.relation_added'), eq(events.subjectId, String(ids.y3803))));
        assert.equal(event?.subjectType, 'roadmap_entry');
        assert.equal(event?.activityId, activity.id);
        assert.equal(event?.summary, 'Y.3803 is based on Y.3800');
        assert.deepEqual(event?.after, { toEntryId: ids.y3800, toIdentifier: 'Y.3800', kind: 'based_on', note: 'Builds on the overview' });
      });

      it('refuses a relation to itself, a duplicate and the same symmetric relation the other way, in plain words', async () => {
        const self = await relate(secretariat, ids.y3803, { toEntryId: ids.y3803, kind: 'references' });
        assert.equal(self.statusCode, 422);
        assert.equal(self.json().error.details.fields.toEntryId, 'An entry cannot be related to itself; choose another entry.');
        const twice = await relate(secretariat, ids.y3803, { toEntryId: ids.y3800, kind: 'based_on' });
        assert.equal(twice.statusCode, 422);
        assert.equal(twice.json().error.details.fields.kind, 'This relation already exists: Y.3803 is based on Y.3800.');
        assert.equal((await relate(secretariat, ids.gs014, { toEntryId: ids.gs020, kind: 'common_text' })).statusCode, 201);
        const reverse = await relate(secretariat, ids.gs020, { toEntryId: ids.gs014, kind: 'common_text' });
        assert.equal(reverse.statusCode, 422);
        assert.equal(reverse.json().error.details.fields.kind, 'This relation already exists: GS QKD 014 has common text with GS QKD 020.');
        // A directed relation the other way round is another statement, and allowed.
        assert.equal((await relate(secretariat, ids.y3800, { toEntryId: ids.y3803, kind: 'references' })).statusCode, 201);
        const bad = await relate(secretariat, ids.y3800, { toEntryId: ids.gs014, kind: 'cites' });
        assert.equal(bad.statusCode, 422);
        const rows = await t.db.select().from(roadmapRelations).where(eq(roadmapRelations.fromEntryId, ids.y3803));
        assert.equal(rows.length, 1);
      });

      it('lets only the secretariat and chairs of a roadmap including the entry change its relations', async () => {
        assert.equal((await relate(member, ids.y3800, { toEntryId: ids.gs014, kind: 'references' })).statusCode, 403);
        assert.equal((await relate(anonymous, ids.y3800, { toEntryId: ids.gs014, kind: 'references' })).statusCode, 401);
        assert.equal((await member.api('DELETE', `/api/v1/roadmap/entries/${ids.y3803}/relations?toEntryId=${ids.y3800}&kind=based_on`)).statusCode, 403);
        // An entry the secretariat cannot read is not found, whichever end it is at.
        assert.equal((await relate(secretariat, ids.secret, { toEntryId: ids.gs014, kind: 'references' })).statusCode, 404);
        const hidden = await relate(secretariat, ids.y3800, { toEntryId: ids.secret, kind: 'references' });
        assert.equal(hidden.statusCode, 422);
        assert.equal(hidden.json().error.details.fields.toEntryId, 'This entry does not exist or is not in a roadmap you can read.');
        const form = await member.post(`/roadmap/entries/${ids.y3800}/relations`, { toEntryId: String(ids.gs014), kind: 'references', activity: activity.acronym });
        assert.equal(form.statusCode, 403);
        const rows = await t.db.select().from(roadmapRelations).where(eq(roadmapRelations.toEntryId, ids.gs014));
        assert.equal(rows.length, 0);
      });

      it('lists an entry’s relations both ways through the API, without entries the caller cannot read', async () => {
        // The closed roadmap's secretariat may relate its entry to a public one; the public's readers do not see it.
        assert.equal((await relate(closedSecretariat, ids.secret, { toEntryId: ids.y3800, kind: 'references' })).statusCode, 201);
        const list = (await anonymous.api('GET', `/api/v1/roadmap/entries/${ids.y3800}/relations`)).json().relations;
        assert.deepEqual(
          list.map((r: { fromIdentifier: string; kind: string; toIdentifier: string }) => `${r.fromIdentifier} ${r.kind} ${r.toIdentifier}`).sort(),
          ['Y.3800 references Y.3803', 'Y.3803 based_on Y.3800'],
        );
        const insider = (await closedSecretariat.api('GET', `/api/v1/roadmap/entries/${ids.y3800}/relations`)).json().relations;
        assert.equal(insider.length, 3);
        const graph = await anonymous.get(`/roadmap/entries/${ids.y3800}/graph`);
        assert.doesNotMatch(graph.body, /GS QKD 555|Confidential/);
      });

      it('draws the graph around an entry, with the relations in words and, for editors, the form', async () => {
        const page = await secretariat.get(`/roadmap/entries/${ids.y3803}/graph?activity=${activity.acronym}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /<svg[^>]*class="chart relation-graph"[^>]*role="group" aria-labelledby="graph-title graph-desc"/);
        assert.match(page.body, /<title id="graph-title">Relations of Y\.3803<\/title>/);
        assert.match(page.body, />is based on →</);
        assert.match(page.body, new RegExp(`<a class="graph-node" href="/roadmap/entries/${ids.y3800}/graph\\?activity=${activity.acronym}"`));
        assert.match(page.body, /<strong>Y\.3803<\/strong> is based on <a href="[^"]+">Y\.3800<\/a><span class="muted"> — Builds on the overview<\/span>/);
        assert.match(page.body, /Add a relation/);
        assert.match(page.body, /aria-label="Remove the relation: Y\.3803 is based on Y\.3800"/);
        const fr = await anonymous.get(`/roadmap/entries/${ids.y3803}/graph`, { 'accept-language': 'fr' });
        assert.match(fr.body, />est fondé sur →</);
        assert.match(fr.body, /Relations de Y\.3803/);
        assert.doesNotMatch(fr.body, /Ajouter une relation|Retirer la relation/);
        const none = await anonymous.get(`/roadmap/entries/${ids.gr777}/graph`);
        assert.match(none.body, /This entry has no relation to another entry yet\./);
        assert.doesNotMatch(none.body, /<script>alert/);
        const deeper = await anonymous.get(`/roadmap/entries/${ids.y3803}/graph?depth=2`);
        assert.match(deeper.body, /aria-current="page">Relations of related entries too</);
      });

      it('adds and removes relations with the page forms, showing refusals beside the form', async () => {
        const added = await secretariat.post(`/roadmap/entries/${ids.gs020}/relations`, { toEntryId: String(ids.y3803), kind: 'references', note: '', activity: activity.acronym });
        assert.equal(added.statusCode, 303);
        assert.equal(added.headers.location, `/roadmap/entries/${ids.gs020}/graph?activity=${activity.acronym}`);
        const again = await secretariat.post(`/roadmap/entries/${ids.gs020}/relations`, { toEntryId: String(ids.y3803), kind: 'references', activity: activity.acronym });
        assert.equal(again.statusCode, 422);
        assert.match(again.body, /This relation already exists: GS QKD 020 references Y\.3803\./);
        assert.match(again.body, /<option value="references" selected>references<\/option>/);
        const removed = await secretariat.post(`/roadmap/entries/${ids.gs020}/relations/remove`, { toEntryId: String(ids.y3803), kind: 'references', activity: activity.acronym, return: String(ids.y3803) });
        assert.equal(removed.statusCode, 303);
        assert.equal(removed.headers.location, `/roadmap/entries/${ids.y3803}/graph?activity=${activity.acronym}`);
        const rows = await t.db.select().from(roadmapRelations).where(and(eq(roadmapRelations.fromEntryId, ids.gs020), eq(roadmapRelations.toEntryId, ids.y3803)));
        assert.equal(rows.length, 0);
      });

      it('removes a relation through the API, with an event, and answers 404 the second time', async () => {
        const url = `/api/v1/roadmap/entries/${ids.gs014}/relations?toEntryId=${ids.gs020}&kind=common_text`;
        assert.equal((await secretariat.api('DELETE', url)).statusCode, 204);
        const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'roadmap.relation_removed'), eq(events.subjectId, String(ids.gs014))));
        assert.equal(event?.summary, 'GS QKD 014 has common text with GS QKD 020');
        assert.deepEqual(event?.before, { toEntryId: ids.gs020, toIdentifier: 'GS QKD 020', kind: 'common_text', note: null });
        const second = await secretariat.api('DELETE', url);
        assert.equal(second.statusCode, 404);
        assert.equal(second.json().error.message, 'This relation does not exist.');
      });
    });
  });
}
