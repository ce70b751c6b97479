// The roadmap search from the page and the API: relevance first with words, and typos forgiven with "Did you mean".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import type { Activity } from '../activities/activities.ts';

for (const engine of testEngines()) {
  describe(`roadmap search with typos on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    const api = () => `/api/v1/activities/${activity.acronym}/roadmap`;
    const page = () => `/activities/${activity.acronym}/roadmap`;

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      const itu = await makeOrganization(t.db, { acronym: unique('ITU-T'), kind: 'itu_sector' });
      const etsi = await makeOrganization(t.db, { acronym: unique('ETSI') });
      const seed = [
        // Identifier order puts the entry that only mentions the words in its scope first: relevance must not.
        { organizationId: etsi.id, identifier: 'GS QKD 004', title: 'Application interface', scope: 'Mentions quantum key distribution once.', kind: 'technical_specification', status: 'published' },
        { organizationId: itu.id, identifier: 'Y.3800', title: 'Overview on networks supporting quantum key distribution', kind: 'recommendation', status: 'published', topics: ['quantum key distribution'] },
        { organizationId: itu.id, identifier: 'Y.3803', title: 'Quantum key distribution networks - Key management', kind: 'recommendation', status: 'published', topics: ['key management'] },
        { organizationId: etsi.id, identifier: 'GS QKD 020', title: 'Interoperable key management system API', kind: 'technical_specification', status: 'in_development', topics: ['key management'] },
      ];
      for (const body of seed) assert.equal((await secretariat.api('POST', api(), body)).statusCode, 201);
    });
    after(() => t.close());

    it('ranks by relevance when there are words and no sort, in the API and on the page, whose sort box starts on relevance', async () => {
      const answer = (await secretariat.api('GET', `${api()}?q=quantum+key+distribution`)).json();
      assert.deepEqual(answer.entries.map((e: { identifier: string }) => e.identifier), ['Y.3800', 'Y.3803', 'GS QKD 004']);
      assert.equal(answer.suggestion, null);
      const html = (await secretariat.get(`${page()}?q=quantum+key+distribution`)).body;
      assert.match(html, /<option value="relevance" selected[^>]*>Best match<\/option>/);
      assert.ok(html.indexOf('>Y.3800<') < html.indexOf('>GS QKD 004<'), 'Y.3800 before the entry that only mentions the words');
      const empty = (await secretariat.get(page())).body;
      assert.match(empty, /<option value="relevance" selected[^>]*>Best match<\/option>/, 'the box starts on relevance before any words, so adding words keeps it');
      const byIdentifier = (await secretariat.api('GET', `${api()}?q=quantum+key+distribution&sort=identifier`)).json();
      assert.equal(byIdentifier.entries[0].identifier, 'GS QKD 004', 'a sort chosen on purpose still holds');
    });

    it('finds "key management" for "key managment" and says "Did you mean", in English and in French', async () => {
      const answer = (await secretariat.api('GET', `${api()}?q=key+managment`)).json();
      assert.deepEqual(answer.suggestion, { q: 'key management', applied: true });
      assert.deepEqual(answer.entries.map((e: { identifier: string }) => e.identifier).sort(), ['GS QKD 020', 'Y.3803']);
      assert.equal(answer.total, 2);
      const html = (await secretariat.get(`${page()}?q=key+managment`)).body;
      assert.match(html, /Did you mean <a href="\/activities\/[^"]+\/roadmap\?q=key\+management"><strong>key management<\/strong><\/a>\?/);
      assert.match(html, /Nothing matches “key managment”: the entries below match the suggestion\./);
      assert.match(html, />Y\.3803</);
      const french = (await secretariat.get(`${page()}?q=key+managment`, { 'accept-language': 'fr' })).body;
      assert.match(french, /Vouliez-vous dire <a href="[^"]+"><strong>key management<\/strong><\/a>\u202f\?/);
      assert.match(french, /Aucune entrée ne correspond à «\u202fkey managment\u202f»\u202f: voici celles qui correspondent à la suggestion\./);
    });

    it('finds Y.3800 for "y3800" and offers the identifier as written', async () => {
      const answer = (await secretariat.api('GET', `${api()}?q=y3800`)).json();
      assert.deepEqual(answer.suggestion, { q: 'Y.3800', applied: true });
      assert.deepEqual(answer.entries.map((e: { identifier: string }) => e.identifier), ['Y.3800']);
      const html = (await secretariat.get(`${page()}?q=y3800`)).body;
      assert.match(html, /Did you mean <a href="[^"]+\?q=Y.3800"><strong>Y.3800<\/strong><\/a>\?/);
    });

    it('suggests nothing when the words find enough, or when nothing one slip away exists', async () => {
      assert.equal((await secretariat.api('GET', `${api()}?q=key+management`)).json().suggestion, null);
      const nothing = (await secretariat.api('GET', `${api()}?q=zebra+crossing`)).json();
      assert.equal(nothing.total, 0);
      assert.equal(nothing.suggestion, null);
      assert.doesNotMatch((await secretariat.get(`${page()}?q=zebra+crossing`)).body, /Did you mean/);
    });

    it('keeps the filters on the suggestion', async () => {
      const answer = (await secretariat.api('GET', `${api()}?q=key+managment&status=in_development`)).json();
      assert.deepEqual(answer.entries.map((e: { identifier: string }) => e.identifier), ['GS QKD 020']);
      assert.deepEqual(answer.suggestion, { q: 'key management', applied: true });
    });
  });
}
