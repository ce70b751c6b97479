import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/database.ts';
import { TestClient } from '../../test/support/client.ts';
import { anonymous } from '../platform/actor.ts';
import { events, users } from '../platform/schema.ts';
import { getActivity, getActivityLinks } from '../modules/activities/activities.ts';
import { listMemberships } from '../modules/activities/memberships.ts';
import { activities, activityMemberships, activityOrganizations, torVersions } from '../modules/activities/schema.ts';
import { getTorVersion, listTorVersions } from '../modules/activities/terms-of-reference.ts';
import { organizations } from '../modules/organizations/schema.ts';
import { people } from '../modules/people/schema.ts';
import { listRoadmap } from '../modules/roadmap/entries.ts';
import { type DemoResult, isEmpty, loadDemo } from './load-demo.ts';

const allActions = ['read', 'update', 'revise_tor', 'manage_roles', 'read_contacts'];
/** What each demo account may do in each activity, as the API reports it. */
const expectedActions: [email: string, qkdn: string[], mv: string[]][] = [
  ['admin@example.org', allActions, allActions],
  ['secretariat@example.org', allActions, allActions],
  ['chair@example.org', ['read', 'revise_tor', 'read_contacts'], ['read']],
  ['vicechair@example.org', ['read', 'read_contacts'], ['read']],
  ['cochair@example.org', ['read'], ['read', 'revise_tor', 'read_contacts']],
  ['member@example.org', ['read', 'read_contacts'], ['read', 'read_contacts']],
  ['observer@example.org', ['read'], ['read', 'read_contacts']],
];

for (const engine of testEngines()) {
  describe(`demo data on ${engine}`, () => {
    let t: TestApp;
    let result: DemoResult;
    const signedIn = new Map<string, TestClient>();

    const count = async (table: PgTable) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
    const counts = async () => ({
      organizations: await count(organizations),
      people: await count(people),
      users: await count(users),
      activities: await count(activities),
      memberships: await count(activityMemberships),
      relations: await count(activityOrganizations),
      torVersions: await count(torVersions),
      events: await count(events),
    });
    const rolesIn = async (acronym: string) => {
      const activity = await getActivity(t.db, anonymous, acronym);
      return (await listMemberships(t.db, activity.id)).map((m) => `${m.role}: ${m.name}`).sort();
    };

    before(async () => {
      t = await createTestApp(engine);
      assert.equal(await isEmpty(t.db), true);
      const steps: string[] = [];
      result = await loadDemo(t.db, (step) => steps.push(step));
      assert.deepEqual(steps, ['organizations', 'people', 'accounts', 'activities', 'JCA-QKDN roadmap', 'JCA-MV roadmap', 'overlaps']);
    });
    after(() => t.close());

    it('loads both shipped roadmaps through the import, with kinds told from the identifiers', async () => {
      const qkdn = await getActivity(t.db, anonymous, 'JCA-QKDN');
      const mv = await getActivity(t.db, anonymous, 'JCA-MV');
      const qkdnRoadmap = await listRoadmap(t.db, qkdn.id);
      assert.equal(qkdnRoadmap.length, 70);
      assert.equal((await listRoadmap(t.db, mv.id)).length, 84);
      const y3800 = qkdnRoadmap.find((e) => e.identifier === 'Y.3800');
      assert.equal(y3800?.organization, 'ITU-T');
      assert.equal(y3800?.kind, 'recommendation');
      assert.equal(y3800?.status, 'published');
      assert.equal(y3800?.year, 2019);
      assert.deepEqual(y3800?.topics, ['QKDN overview']);
      assert.equal(qkdnRoadmap.find((e) => e.identifier === 'ETSI GR QKD 003')?.kind, 'technical_report');
    });

    it('loads JCA-QKDN and JCA-MV with their French names, under TSAG', async () => {
      assert.equal(result.loaded, true);
      assert.equal(await isEmpty(t.db), false);
      const qkdn = await getActivity(t.db, anonymous, 'jca-qkdn');
      const mv = await getActivity(t.db, anonymous, 'JCA-MV');
      assert.equal(qkdn.acronym, 'JCA-QKDN');
      assert.equal(qkdn.nameEn, 'Joint Coordination Activity on Quantum Key Distribution Networks');
      assert.equal(qkdn.nameFr, 'Activité conjointe de coordination sur les réseaux de distribution de clés quantiques');
      assert.equal(mv.nameFr, 'Activité conjointe de coordination sur la normalisation du métavers');
      assert.equal(qkdn.establishedOn, '2022-12-16');
      assert.equal(mv.establishedOn, '2025-05-30');
      for (const activity of [qkdn, mv]) {
        const links = await getActivityLinks(t.db, activity);
        assert.equal(links.parent?.acronym, 'TSAG', activity.acronym);
        assert.equal(activity.visibility, 'public');
      }
      const qkdnLinks = await getActivityLinks(t.db, qkdn);
      assert.deepEqual(qkdnLinks.relatedStudyGroups.map((o) => o.acronym), ['SG11', 'SG13', 'SG17']);
      assert.equal(qkdnLinks.cooperatingBodies.length, 8);
      assert.equal(qkdnLinks.secretariatPerson?.name, 'Gillian Makamara');
      assert.deepEqual((await getActivityLinks(t.db, mv)).relatedStudyGroups.map((o) => o.acronym), ['SG13', 'SG16', 'SG17', 'SG20', 'SG21']);
    });

    it('names the leadership and the roles of each activity', async () => {
      assert.deepEqual(await rolesIn('JCA-QKDN'), [
        'chair: Junsen Lai',
        'member: Priya Member',
        'secretariat: Dana Secretariat',
        'secretariat: Gillian Makamara',
        'vice_chair: Mark McFadden',
      ]);
      assert.deepEqual(await rolesIn('JCA-MV'), [
        'co_chair: Muath AlRumayh',
        'co_chair: Shin-Gak Kang',
        'member: Priya Member',
        'observer: Olivier Observer',
        'secretariat: Dana Secretariat',
      ]);
    });

    it('gives each activity version 1 of its terms of reference with its eight objectives', async () => {
      for (const [acronym, numbers] of [
        ['JCA-QKDN', ['1', '2', '3', '4', '5', '6', '7', '8']],
        ['JCA-MV', ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8']],
      ] as const) {
        const activity = await getActivity(t.db, anonymous, acronym);
        assert.deepEqual((await listTorVersions(t.db, activity.id)).map((v) => [v.version, v.changeNote]), [[1, 'Terms of reference as agreed by TSAG']], acronym);
        const tor = await getTorVersion(t.db, activity.id);
        assert.deepEqual(tor?.objectives.map((o) => o.number), numbers, acronym);
        assert.equal(tor?.duration, 'Until TSAG decides otherwise.', acronym);
      }
    });

    it('shows the activities on the home page, in French too', async () => {
      const home = await new TestClient(t.app).get('/', { 'accept-language': 'fr' });
      assert.equal(home.statusCode, 200);
      assert.ok(home.body.includes('Activité conjointe de coordination sur la normalisation du métavers'));
      const page = await new TestClient(t.app).get('/activities/JCA-QKDN');
      assert.match(page.body, /Chair: <strong>Junsen Lai<\/strong>/);
    });

    it('lets every demo account sign in with the demo password, with the roles it is printed with', async () => {
      assert.equal(result.password, 'concord-demo');
      assert.deepEqual(result.accounts.map((a) => a.email), expectedActions.map(([email]) => email));
      for (const [email, qkdn, mv] of expectedActions) {
        const client = new TestClient(t.app);
        const response = await client.post('/sign-in', { email, password: 'concord-demo', next: '/activities' });
        assert.equal(response.statusCode, 303, email);
        assert.equal(response.headers.location, '/activities', email);
        signedIn.set(email, client);
        assert.deepEqual((await client.get('/api/v1/activities/JCA-QKDN')).json().allowedActions, qkdn, `${email} in JCA-QKDN`);
        assert.deepEqual((await client.get('/api/v1/activities/JCA-MV')).json().allowedActions, mv, `${email} in JCA-MV`);
      }
      const wrong = await new TestClient(t.app).post('/sign-in', { email: 'chair@example.org', password: 'not the password' });
      assert.equal(wrong.statusCode, 401);
    });

    it('changes nothing when loaded a second time', async () => {
      const before = await counts();
      // 85 bodies and groups of the demo (the groups pickers offer: JTC 1 SCs, ITU-T SGs, ETSI TCs/ISGs, IETF areas…)
      // and 8 that only the roadmap files name (ISO/IEC, W3C, Khronos…)
      // people: the 8 of demo-data.ts, the JCA-MV TSB contact and 19 invented body representatives (demo-contacts.ts)
      assert.deepEqual(before, { ...before, organizations: 93, people: 28, users: 7, activities: 2, memberships: 10, relations: 25, torVersions: 2 });
      const again = await loadDemo(t.db);
      assert.equal(again.loaded, false);
      assert.deepEqual(await counts(), before);
    });

    it('lets the demo chair revise JCA-QKDN’s terms of reference, and not the vice-chair', async () => {
      const chair = signedIn.get('chair@example.org');
      const viceChair = signedIn.get('vicechair@example.org');
      assert.ok(chair && viceChair);
      assert.equal((await chair.get('/activities/JCA-QKDN/tor/edit')).statusCode, 200);
      assert.equal((await viceChair.get('/activities/JCA-QKDN/tor/edit')).statusCode, 403);
      const current = (await chair.get('/api/v1/activities/JCA-QKDN/tor/1')).json();
      const { version: _version, createdAt: _createdAt, ...sections } = current;
      const response = await chair.api('POST', '/api/v1/activities/JCA-QKDN/tor', { ...sections, duration: 'Until the end of the study period.', changeNote: 'Duration set by TSAG' });
      assert.equal(response.statusCode, 201);
      assert.equal(response.json().version, 2);
      const diff = (await chair.get('/api/v1/activities/JCA-QKDN/tor-diff?from=1&to=2')).json();
      assert.deepEqual(diff.filter((s: { changed: boolean }) => s.changed).map((s: { section: string }) => s.section), ['duration']);
    });
  });
}
