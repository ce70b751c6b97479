import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { apiWithToken, TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { systemActor, type Actor } from '../../platform/actor.ts';
import { createApiToken } from '../../platform/auth/accounts.ts';
import { role } from '../../platform/roles.ts';
import { events } from '../../platform/schema.ts';
import { createPerson } from '../people/people.ts';
import type { Activity } from './activities.ts';
import { createContact } from '../contacts/contacts.ts';
import { addMembership, loadActivityRoles } from './memberships.ts';
import { activities, activityMemberships, activityOrganizations, type ActivityRole, activityRoles, torVersions } from './schema.ts';
import { reviseTermsOfReference, type TorInput } from './terms-of-reference.ts';

const system = systemActor('test');

/** The fields of the edit form as a browser sends them for this activity (an empty multi-select sends nothing). */
function editForm(a: Activity, changes: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    acronym: a.acronym,
    nameEn: a.nameEn,
    nameFr: a.nameFr ?? '',
    parentOrganizationId: a.parentOrganizationId ? String(a.parentOrganizationId) : '',
    foundingDecision: a.foundingDecision ?? '',
    legalBasis: a.legalBasis ?? '',
    establishedOn: a.establishedOn ?? '',
    webPage: a.webPage ?? '',
    mailingList: a.mailingList ?? '',
    secretariatPersonId: a.secretariatPersonId ? String(a.secretariatPersonId) : '',
    secretariatEmail: a.secretariatEmail ?? '',
    secretariatPhone: a.secretariatPhone ?? '',
    visibility: a.visibility,
    status: a.status,
    ...changes,
  };
}

/** Terms of reference as the factory writes them (version 1), with some sections changed. */
function tor(changes: Partial<TorInput> = {}): TorInput {
  return {
    scope: 'Coordinate the testing of things.',
    objectives: [{ number: '1', text: 'Test everything.' }],
    participation: '',
    workingMethods: '',
    administrativeSupport: '',
    meetings: '',
    reporting: '',
    duration: '',
    changeNote: '',
    ...changes,
  };
}

for (const engine of testEngines()) {
  describe(`activities on ${engine}`, () => {
    let t: TestApp;
    /** One activity where each client holds the role it is named after. */
    let shared: Activity;
    let admin: TestClient;
    let secretariat: TestClient;
    let chair: TestClient;
    let member: TestClient;
    let observer: TestClient;
    let outsider: TestClient;
    let memberUser: SignedInUser;
    let adminUser: SignedInUser;
    /** One account per role, holding that role in the shared activity and in any activity given to withRole. */
    const byRole = new Map<ActivityRole, { user: SignedInUser; client: TestClient }>();

    const count = async (table: PgTable) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
    const counts = async () => ({
      activities: await count(activities),
      torVersions: await count(torVersions),
      memberships: await count(activityMemberships),
      relations: await count(activityOrganizations),
      events: await count(events),
    });
    const eventsOf = (activityId: number, kind: string) =>
      t.db.select().from(events).where(and(eq(events.activityId, activityId), eq(events.kind, kind))).orderBy(asc(events.id));
    const anonymous = () => new TestClient(t.app);
    const path = (a: Activity, rest = '') => `/activities/${encodeURIComponent(a.acronym)}${rest}`;
    const api = (a: Activity, rest = '') => `/api/v1/activities/${encodeURIComponent(a.acronym)}${rest}`;
    /** The client of the account holding `role`, given that role in `activity` too (roles are read on each request). */
    const withRole = async (activity: Activity, role: ActivityRole) => {
      const holder = byRole.get(role);
      assert.ok(holder);
      await addMembership(t.db, system, activity.id, { personId: holder.user.personId, role }, 'en');
      return holder.client;
    };

    before(async () => {
      t = await createTestApp(engine);
      shared = await makeActivity(t.db);
      // Accounts cost an argon2 hash each, so the suite makes them once and hands out roles in new activities.
      for (const role of activityRoles) {
        const user = await makeUser(t.db, { role, activityId: shared.id, name: role === 'member' ? 'Mia Member' : undefined });
        byRole.set(role, { user, client: new TestClient(t.app, user.cookie) });
      }
      const client = (role: ActivityRole) => byRole.get(role)?.client ?? assert.fail(role);
      [secretariat, chair, member, observer] = [client('secretariat'), client('chair'), client('member'), client('observer')];
      memberUser = byRole.get('member')?.user ?? assert.fail('member');
      adminUser = await makeUser(t.db, { admin: true, name: 'Test admin' });
      admin = new TestClient(t.app, adminUser.cookie);
      outsider = new TestClient(t.app, (await makeUser(t.db, { name: 'Otto Outsider' })).cookie);
    });
    after(() => t.close());

    describe('creating', () => {
      it('lets an admin create an activity through the form, with version 1 of its terms of reference and its events', async () => {
        const tsag = await makeOrganization(t.db, { acronym: unique('TSAG'), kind: 'itu_group' });
        const sg13 = await makeOrganization(t.db, { acronym: unique('SG13-'), kind: 'study_group' });
        const sg17 = await makeOrganization(t.db, { acronym: unique('SG17-'), kind: 'study_group' });
        const acronym = unique('JCA-');
        const form = await admin.get('/activities/new');
        assert.equal(form.statusCode, 200);
        const response = await admin.post('/activities', {
          acronym: ` ${acronym} `,
          nameEn: 'Joint Coordination Activity on Testing',
          nameFr: 'Activité conjointe de coordination sur les essais',
          parentOrganizationId: String(tsag.id),
          establishedOn: '2022-12-16',
          mailingList: 'JCA-Test@Lists.example.org',
          relatedStudyGroupIds: [String(sg17.id), String(sg13.id)],
          visibility: 'public',
          status: 'active',
          scope: 'Coordination of testing.',
        });
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, `/activities/${acronym}`);
        const [row] = await t.db.select().from(activities).where(eq(activities.acronym, acronym));
        assert.ok(row);
        assert.equal(row.nameFr, 'Activité conjointe de coordination sur les essais');
        assert.equal(row.parentOrganizationId, tsag.id);
        assert.equal(row.establishedOn, '2022-12-16');
        assert.equal(row.mailingList, 'jca-test@lists.example.org');
        assert.equal(row.foundingDecision, null);
        const relations = await t.db.select().from(activityOrganizations).where(eq(activityOrganizations.activityId, row.id));
        assert.deepEqual(relations.map((r) => [r.organizationId, r.relation]).sort(), [
          [sg13.id, 'related_study_group'],
          [sg17.id, 'related_study_group'],
        ]);
        const versions = await t.db.select().from(torVersions).where(eq(torVersions.activityId, row.id));
        assert.deepEqual(versions.map((v) => [v.version, v.scope, v.objectives, v.createdByUserId]), [[1, 'Coordination of testing.', [], adminUser.user.id]]);
        const written = await t.db.select().from(events).where(eq(events.activityId, row.id)).orderBy(asc(events.id));
        assert.deepEqual(written.map((e) => [e.kind, e.actorName, e.summary]), [
          ['activity.created', 'Test admin', `Activity ${acronym} created`],
          ['tor.revised', 'Test admin', `Terms of reference of ${acronym}: version 1`],
        ]);
        const page = await admin.get(response.headers.location);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /The activity has been created\./);
        assert.match(page.body, new RegExp(`<a href="/organizations/${tsag.id}">${tsag.acronym}</a>`));
        assert.match(page.body, /Coordination of testing\./);
      });

      it('lets an admin create an activity through the API, and a script through an API token', async () => {
        const sg11 = await makeOrganization(t.db, { acronym: unique('SG11-'), kind: 'study_group' });
        const acronym = unique('JCA-');
        const response = await admin.api('POST', '/api/v1/activities', {
          acronym,
          nameEn: 'Joint Coordination Activity on APIs',
          relatedStudyGroupIds: [sg11.id],
          termsOfReference: { scope: 'Coordination of APIs.', objectives: [{ number: '2.1', text: 'Coordinate.' }] },
        });
        assert.equal(response.statusCode, 201);
        const body = response.json();
        assert.equal(body.acronym, acronym);
        assert.equal(body.visibility, 'public');
        assert.equal(body.status, 'active');
        assert.deepEqual(body.relatedStudyGroups, [{ id: sg11.id, acronym: sg11.acronym, name: 'Test body' }]);
        assert.deepEqual(body.cooperatingBodies, []);
        assert.deepEqual(body.allowedActions, ['read', 'update', 'revise_tor', 'manage_roles', 'read_contacts']);
        const [version] = await t.db.select().from(torVersions).where(eq(torVersions.activityId, body.id));
        assert.deepEqual(version?.objectives, [{ number: '2.1', text: 'Coordinate.' }]);

        const adminActor: Actor = { kind: 'user', userId: adminUser.user.id, name: 'Test admin', email: adminUser.user.email, isAdmin: true, locale: null, personId: adminUser.personId, roles: new Map() };
        const { token } = await createApiToken(t.db, adminActor, 'script');
        const viaToken = await apiWithToken(t.app, token, 'POST', '/api/v1/activities', { acronym: unique('JCA-'), nameEn: 'Created by a script' });
        assert.equal(viaToken.statusCode, 201);
        assert.equal(viaToken.json().nameEn, 'Created by a script');
      });

      it('refuses an acronym already used in another case, naming the existing one, and writes nothing', async () => {
        const existing = await makeActivity(t.db);
        const before = await counts();
        const response = await admin.post('/activities', { acronym: existing.acronym.toLowerCase(), nameEn: 'Again', visibility: 'public', status: 'active', scope: 'Again.' });
        assert.equal(response.statusCode, 422);
        const message = `The acronym ${existing.acronym} is already used by another activity.`;
        assert.ok(response.body.includes(message), 'the form names the activity that holds the acronym');
        assert.match(response.body, new RegExp(`name="acronym" type="text" value="${existing.acronym.toLowerCase()}"`), 'the form keeps what was typed');
        const viaApi = await admin.api('POST', '/api/v1/activities', { acronym: existing.acronym.toLowerCase(), nameEn: 'Again' });
        assert.equal(viaApi.statusCode, 422);
        assert.deepEqual(viaApi.json().error.details.fields, { acronym: message });
        assert.deepEqual(await counts(), before);
      });

      it('explains each invalid field on the form, keeps the values and writes nothing', async () => {
        const sg = await makeOrganization(t.db, { kind: 'study_group' });
        const before = await counts();
        const longName = 'N'.repeat(301);
        const response = await admin.post('/activities', {
          acronym: '-JCA',
          nameEn: longName,
          nameFr: 'Nom gardé',
          mailingList: 'not an address',
          relatedStudyGroupIds: [String(sg.id)],
          visibility: 'public',
          status: 'active',
          scope: 'Scope kept.',
        });
        assert.equal(response.statusCode, 422);
        assert.match(response.body, /<p class="error-message" id="error-acronym">Use 2 to 30 letters, digits or hyphens, starting with a letter or digit\.<\/p>/);
        assert.match(response.body, /<p class="error-message" id="error-nameEn">Use at most 300 characters\.<\/p>/);
        assert.match(response.body, /<p class="error-message" id="error-mailingList">Enter an e-mail address such as name@example.org\.<\/p>/);
        assert.match(response.body, /name="acronym" type="text" value="-JCA"/);
        assert.ok(response.body.includes(`value="${longName}"`));
        assert.match(response.body, /name="nameFr" type="text" value="Nom gardé"/);
        assert.match(response.body, /name="mailingList" type="email" value="not an address"/);
        assert.match(response.body, new RegExp(`<option value="${sg.id}" selected>`));
        assert.match(response.body, />Scope kept\.<\/textarea>/);
        assert.deepEqual(await counts(), before);
      });

      it('refuses an organization that does not exist, on the form and through the API', async () => {
        const before = await counts();
        const form = await admin.post('/activities', { acronym: unique('JCA-'), nameEn: 'Orphan', parentOrganizationId: '999999', visibility: 'public', status: 'active', scope: 'Orphan.' });
        assert.equal(form.statusCode, 422);
        assert.match(form.body, /<p class="error-message" id="error-parentOrganizationId">One of the chosen organizations does not exist\.<\/p>/);
        const viaApi = await admin.api('POST', '/api/v1/activities', { acronym: unique('JCA-'), nameEn: 'Orphan', cooperatingBodyIds: [999999] });
        assert.equal(viaApi.statusCode, 422);
        assert.deepEqual(viaApi.json().error.details.fields, { cooperatingBodyIds: 'One of the chosen organizations does not exist.' });
        assert.deepEqual(await counts(), before);
      });

      it('gives the same field messages through the API as on the form', async () => {
        const response = await admin.api('POST', '/api/v1/activities', { acronym: '-JCA', nameEn: 'N'.repeat(301), mailingList: 'not an address' });
        assert.equal(response.statusCode, 422);
        assert.deepEqual(response.json().error.details.fields, {
          acronym: 'Use 2 to 30 letters, digits or hyphens, starting with a letter or digit.',
          nameEn: 'Use at most 300 characters.',
          mailingList: 'Enter an e-mail address such as name@example.org.',
        });
      });
    });

    describe('editing', () => {
      it('lets the secretariat set and clear related bodies through the multi-selects, with one event holding only what changed', async () => {
        const activity = await makeActivity(t.db);
        const editor = await withRole(activity, 'secretariat');
        const [sgA, sgB, body] = [await makeOrganization(t.db, { kind: 'study_group' }), await makeOrganization(t.db, { kind: 'study_group' }), await makeOrganization(t.db)];
        assert.equal((await editor.get(path(activity, '/edit'))).statusCode, 200);

        const set = await editor.post(path(activity), editForm(activity, { relatedStudyGroupIds: [String(sgB.id), String(sgA.id)], cooperatingBodyIds: String(body.id) }));
        assert.equal(set.statusCode, 303);
        assert.equal(set.headers.location, path(activity));
        let updates = await eventsOf(activity.id, 'activity.updated');
        assert.equal(updates.length, 1);
        assert.deepEqual(updates[0]?.before, { relatedStudyGroupIds: [], cooperatingBodyIds: [] });
        assert.deepEqual(updates[0]?.after, { relatedStudyGroupIds: [sgA.id, sgB.id].sort((a, b) => a - b), cooperatingBodyIds: [body.id] });
        const editPage = await editor.get(path(activity, '/edit'));
        assert.match(editPage.body, new RegExp(`<option value="${sgA.id}" selected>`));
        assert.match(editPage.body, new RegExp(`<option value="${body.id}" selected>`));

        const cleared = await editor.post(path(activity), editForm(activity, { nameEn: 'Renamed activity' }));
        assert.equal(cleared.statusCode, 303);
        updates = await eventsOf(activity.id, 'activity.updated');
        assert.equal(updates.length, 2);
        assert.deepEqual(updates[1]?.before, { nameEn: 'Test coordination activity', relatedStudyGroupIds: [sgA.id, sgB.id].sort((a, b) => a - b), cooperatingBodyIds: [body.id] });
        assert.deepEqual(updates[1]?.after, { nameEn: 'Renamed activity', relatedStudyGroupIds: [], cooperatingBodyIds: [] });
        assert.deepEqual(await t.db.select().from(activityOrganizations).where(eq(activityOrganizations.activityId, activity.id)), []);
        const [row] = await t.db.select().from(activities).where(eq(activities.id, activity.id));
        assert.equal(row?.nameEn, 'Renamed activity');

        const unchanged = await editor.post(path(activity), editForm({ ...activity, nameEn: 'Renamed activity' }));
        assert.equal(unchanged.statusCode, 303);
        assert.equal((await eventsOf(activity.id, 'activity.updated')).length, 2, 'saving without a change writes no event');
      });

      it('lets the secretariat change some fields through the API, leaving the others as they were', async () => {
        const activity = await makeActivity(t.db);
        const editor = await withRole(activity, 'secretariat');
        const sg = await makeOrganization(t.db, { kind: 'study_group' });
        await editor.api('PATCH', api(activity), { relatedStudyGroupIds: [sg.id] });
        const response = await editor.api('PATCH', api(activity), { webPage: 'https://example.org/jca', status: 'closed' });
        assert.equal(response.statusCode, 200);
        assert.equal(response.json().webPage, 'https://example.org/jca');
        assert.equal(response.json().status, 'closed');
        assert.deepEqual(response.json().relatedStudyGroups.map((o: { id: number }) => o.id), [sg.id], 'relations not sent are kept');
        const [last] = (await eventsOf(activity.id, 'activity.updated')).reverse();
        assert.deepEqual(last?.before, { webPage: null, status: 'active' });
        assert.deepEqual(last?.after, { webPage: 'https://example.org/jca', status: 'closed' });
      });

      it('keeps a members-only, closed activity so when a patch names neither field', async () => {
        const activity = await makeActivity(t.db, { visibility: 'members' });
        const editor = await withRole(activity, 'secretariat');
        assert.equal((await editor.api('PATCH', api(activity), { status: 'closed' })).statusCode, 200);
        const response = await editor.api('PATCH', api(activity), { nameEn: 'Renamed' });
        assert.equal(response.statusCode, 200);
        assert.equal(response.json().visibility, 'members');
        assert.equal(response.json().status, 'closed');
      });

      it('refuses to rename an activity to another one’s acronym in another case', async () => {
        const [first, second] = [await makeActivity(t.db), await makeActivity(t.db)];
        const response = await admin.api('PATCH', api(second), { acronym: first.acronym.toLowerCase() });
        assert.equal(response.statusCode, 422);
        assert.deepEqual(response.json().error.details.fields, { acronym: `The acronym ${first.acronym} is already used by another activity.` });
      });
    });

    describe('members-only activities', () => {
      let hidden: Activity;
      let insider: TestClient;
      before(async () => {
        hidden = await makeActivity(t.db, { visibility: 'members' });
        insider = await withRole(hidden, 'observer');
      });

      const urls = () => [path(hidden), path(hidden, '/tor'), path(hidden, '/members'), path(hidden, '/history'), api(hidden), api(hidden, '/tor'), api(hidden, '/tor/1'), api(hidden, '/memberships'), api(hidden, '/history')];

      it('is not found for anonymous visitors and for users without a role in it, and not listed', async () => {
        for (const [who, client] of [['anonymous', anonymous()], ['outsider', outsider], ['secretariat of another activity', secretariat]] as const) {
          for (const url of urls()) assert.equal((await client.get(url)).statusCode, 404, `${who}: ${url}`);
          assert.ok(!(await client.get('/activities')).body.includes(hidden.acronym), `${who}: the list`);
          assert.ok(!(await client.get('/api/v1/activities')).json().some((a: { id: number }) => a.id === hidden.id), `${who}: the API list`);
        }
      });

      it('is visible to its members and to admins', async () => {
        for (const [who, client] of [['observer', insider], ['admin', admin]] as const) {
          for (const url of urls()) assert.equal((await client.get(url)).statusCode, 200, `${who}: ${url}`);
          assert.ok((await client.get('/activities')).body.includes(hidden.acronym), `${who}: the list`);
        }
      });
    });

    describe('terms of reference', () => {
      it('lets the secretariat revise through the form: version 2, then the diff page', async () => {
        const activity = await makeActivity(t.db);
        const editor = await withRole(activity, 'secretariat');
        const form = await editor.get(path(activity, '/tor/edit'));
        assert.equal(form.statusCode, 200);
        assert.match(form.body, />1 Test everything\.<\/textarea>/);
        const response = await editor.post(path(activity, '/tor'), {
          scope: 'Coordinate the careful testing of devices.',
          objectives: '1 Test everything.\n2 Report to TSAG.',
          changeNote: 'Scope narrowed to devices',
        });
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, `${path(activity, '/tor/diff')}?from=1&to=2`);
        const versions = await t.db.select().from(torVersions).where(eq(torVersions.activityId, activity.id)).orderBy(asc(torVersions.version));
        assert.deepEqual(versions.map((v) => v.version), [1, 2]);
        assert.deepEqual(versions[1]?.objectives, [{ number: '1', text: 'Test everything.' }, { number: '2', text: 'Report to TSAG.' }]);
        const [event] = (await eventsOf(activity.id, 'tor.revised')).reverse();
        assert.equal(event?.summary, `Terms of reference of ${activity.acronym}: version 2 (Scope narrowed to devices)`);
        assert.deepEqual([event?.before, event?.after], [{ version: 1 }, { version: 2, changeNote: 'Scope narrowed to devices' }]);

        const diff = await editor.get(response.headers.location);
        assert.equal(diff.statusCode, 200);
        assert.match(diff.body, /Version 2 of the terms of reference has been saved\./);
        assert.match(diff.body, /Terms of reference: version 1 → version 2/);
        assert.match(diff.body, /Coordinate the <ins>careful <\/ins>testing of <del>things<\/del><ins>devices<\/ins>\./);
        assert.match(diff.body, /<ins>2 Report to TSAG\.<\/ins>/);
        assert.match(diff.body, /Sections without change: Participation, Working methods, Administrative support, Meetings, Reporting, Duration, Scope \(French\)/);
      });

      it('keeps the French text of each section in the version, edited beside the English, and shows it to French readers', async () => {
        const activity = await makeActivity(t.db);
        const editor = await withRole(activity, 'secretariat');
        const form = await editor.get(path(activity, '/tor/edit'));
        assert.match(form.body, /<label for="field-scopeFr">Scope \(French\)/);
        assert.match(form.body, /<label for="field-objectivesFr">Objectives \(French\)/);
        const response = await editor.post(path(activity, '/tor'), {
          scope: 'Coordinate the testing of things.',
          objectives: '1 Test everything.',
          scopeFr: 'Coordonner les essais.',
          objectivesFr: '1 Tout essayer.',
          durationFr: 'Jusqu’à nouvel ordre.',
          changeNote: 'French text',
        });
        assert.equal(response.statusCode, 303, response.body);
        const [version] = await t.db.select().from(torVersions).where(and(eq(torVersions.activityId, activity.id), eq(torVersions.version, 2)));
        assert.deepEqual([version?.scopeFr, version?.objectivesFr, version?.durationFr, version?.participationFr], ['Coordonner les essais.', [{ number: '1', text: 'Tout essayer.' }], 'Jusqu’à nouvel ordre.', '']);
        const diff = await editor.get(response.headers.location!);
        assert.match(diff.body, /<ins>Coordonner les essais\.<\/ins>/);
        assert.equal((await anonymous().get(api(activity, '/tor/2'))).json().scopeFr, 'Coordonner les essais.');
        const french = anonymous();
        french.setCookie('concord_locale=fr');
        const page = (await french.get(path(activity, '/tor'))).body;
        assert.match(page, /Coordonner les essais\./);
        assert.match(page, /Tout essayer\./);
        assert.doesNotMatch(page, /Coordinate the testing/);
        // The same text again, French included, is no new version.
        const again = await editor.post(path(activity, '/tor'), { scope: 'Coordinate the testing of things.', objectives: '1 Test everything.', scopeFr: 'Coordonner les essais.', objectivesFr: '1 Tout essayer.', durationFr: 'Jusqu’à nouvel ordre.' });
        assert.equal(again.statusCode, 422);
      });

      it('lets the chair revise through the API, and lists versions newest first', async () => {
        const activity = await makeActivity(t.db);
        const chairOfIt = await withRole(activity, 'chair');
        const coChair = await withRole(activity, 'co_chair');
        const second = await chairOfIt.api('POST', api(activity, '/tor'), tor({ meetings: 'Three times a year.' }));
        assert.equal(second.statusCode, 201);
        assert.equal(second.json().version, 2);
        const third = await coChair.api('POST', api(activity, '/tor'), tor({ meetings: 'Twice a year.', changeNote: 'Fewer meetings' }));
        assert.equal(third.statusCode, 201);
        assert.equal(third.json().version, 3);
        const list = await anonymous().get(api(activity, '/tor'));
        assert.equal(list.statusCode, 200);
        assert.deepEqual(list.json().map((v: { version: number; changeNote: string }) => [v.version, v.changeNote]), [[3, 'Fewer meetings'], [2, ''], [1, '']]);
        const page = await anonymous().get(path(activity, '/tor'));
        assert.equal(page.statusCode, 200);
        const order = [...page.body.matchAll(/tor\?version=(\d+)/g)].map((m) => Number(m[1]));
        assert.deepEqual(order, [3, 2, 1]);
        assert.match(page.body, /Twice a year\./, 'the current version is shown');
        const old = await anonymous().get(`${path(activity, '/tor')}?version=2`);
        assert.match(old.body, /Three times a year\./);
        assert.equal((await anonymous().get(api(activity, '/tor/2'))).json().meetings, 'Three times a year.');
      });

      it('refuses members, observers and vice-chairs (403) and anonymous visitors (sign in / 401), writing nothing', async () => {
        const activity = await makeActivity(t.db);
        const before = await counts();
        for (const role of ['member', 'observer', 'vice_chair'] as const) {
          const client = await withRole(activity, role);
          const after = await counts();
          assert.equal((await client.get(path(activity, '/tor/edit'))).statusCode, 403, role);
          assert.equal((await client.post(path(activity, '/tor'), { scope: 'Hijacked.' })).statusCode, 403, role);
          assert.equal((await client.api('POST', api(activity, '/tor'), tor({ scope: 'Hijacked.' }))).statusCode, 403, role);
          assert.deepEqual(await counts(), after, role);
        }
        const visitor = anonymous();
        const page = await visitor.get(path(activity, '/tor/edit'));
        assert.equal(page.statusCode, 303);
        assert.equal(page.headers.location, `/sign-in?next=${encodeURIComponent(path(activity, '/tor/edit'))}`);
        const viaApi = await visitor.api('POST', api(activity, '/tor'), tor({ scope: 'Hijacked.' }));
        assert.equal(viaApi.statusCode, 401);
        assert.equal(viaApi.json().error.code, 'unauthenticated');
        assert.equal((await visitor.post(path(activity, '/tor'), { scope: 'Hijacked.' })).statusCode, 401);
        const versions = await t.db.select().from(torVersions).where(eq(torVersions.activityId, activity.id));
        assert.deepEqual(versions.map((v) => v.scope), ['Coordinate the testing of things.']);
        assert.equal((await counts()).events - before.events, 3, 'only the three roles given were written');
      });

      it('refuses a revision identical to the current version, whatever its change note', async () => {
        const activity = await makeActivity(t.db);
        const editor = await withRole(activity, 'secretariat');
        const before = await counts();
        const form = await editor.post(path(activity, '/tor'), { scope: 'Coordinate the testing of things.', objectives: '1. Test everything.', changeNote: 'No real change' });
        assert.equal(form.statusCode, 422);
        assert.match(form.body, /Nothing has changed compared with the current version\./);
        assert.match(form.body, /name="changeNote" type="text" value="No real change"/);
        const viaApi = await editor.api('POST', api(activity, '/tor'), tor({ changeNote: 'Still nothing' }));
        assert.equal(viaApi.statusCode, 422);
        assert.deepEqual(viaApi.json().error.details.fields, { scope: 'Nothing has changed compared with the current version.' });
        assert.deepEqual(await counts(), before);
      });

      it('shows the words added and removed between two versions, on the page and through the API', async () => {
        const activity = await makeActivity(t.db);
        await reviseTermsOfReference(t.db, system, activity.id, tor({ scope: 'Coordinate the careful testing of devices.' }), 'en');
        const response = await anonymous().get(`${api(activity, '/tor-diff')}?from=1&to=2`);
        assert.equal(response.statusCode, 200);
        const sections = response.json();
        assert.deepEqual(sections[0], {
          section: 'scope',
          changed: true,
          parts: [
            { value: 'Coordinate the ' },
            { value: 'careful ', added: true },
            { value: 'testing of ' },
            { value: 'things', removed: true },
            { value: 'devices', added: true },
            { value: '.' },
          ],
        });
        assert.deepEqual(sections.filter((s: { changed: boolean }) => s.changed).map((s: { section: string }) => s.section), ['scope']);
        const backwards = await anonymous().get(`${path(activity, '/tor/diff')}?from=2&to=1`);
        assert.equal(backwards.statusCode, 200);
        assert.match(backwards.body, /Coordinate the <del>careful <\/del>testing of <del>devices<\/del><ins>things<\/ins>\./);
        const same = await anonymous().get(`${path(activity, '/tor/diff')}?from=2&to=2`);
        assert.match(same.body, /No difference\./);
      });

      it('answers 404, not a server error, for an acronym longer than any activity’s', async () => {
        const long = 'JCA-'.padEnd(31, 'X');
        for (const rest of ['', '/tor', '/tor/diff?from=1&to=2', '/members', '/history', '/edit']) {
          assert.equal((await anonymous().get(`/activities/${long}${rest}`)).statusCode, 404, rest);
        }
      });

      it('answers 404 for a version that does not exist', async () => {
        const activity = await makeActivity(t.db);
        for (const url of [`${path(activity, '/tor')}?version=9`, `${path(activity, '/tor')}?version=one`, `${path(activity, '/tor/diff')}?from=1&to=9`, `${path(activity, '/tor/diff')}?from=1`]) {
          const response = await anonymous().get(url);
          assert.equal(response.statusCode, 404, url);
          assert.match(response.body, /This version does not exist\./, url);
        }
        for (const url of [api(activity, '/tor/9'), `${api(activity, '/tor-diff')}?from=9&to=1`]) {
          const response = await anonymous().get(url);
          assert.equal(response.statusCode, 404, url);
          assert.deepEqual(response.json().error, { code: 'not_found', message: 'This version does not exist.', details: {} }, url);
        }
      });

      it('numbers two concurrent revisions 2 and 3, never the same', async () => {
        const activity = await makeActivity(t.db);
        const saved = await Promise.all([
          reviseTermsOfReference(t.db, system, activity.id, tor({ reporting: 'To TSAG.' }), 'en'),
          reviseTermsOfReference(t.db, system, activity.id, tor({ reporting: 'To the study groups.' }), 'en'),
        ]);
        assert.deepEqual(saved.map((v) => v.version).sort(), [2, 3]);
        const versions = await t.db.select().from(torVersions).where(eq(torVersions.activityId, activity.id)).orderBy(asc(torVersions.version));
        assert.deepEqual(versions.map((v) => v.version), [1, 2, 3]);
        assert.deepEqual(new Set(versions.slice(1).map((v) => v.reporting)), new Set(['To TSAG.', 'To the study groups.']));
        assert.equal((await eventsOf(activity.id, 'tor.revised')).length, 3);
      });
    });

    describe('roles', () => {
      it('reads a user’s roles: their memberships, and representative while named for a body on a contacts list', async () => {
        const own = await makeActivity(t.db);
        const ended = await makeActivity(t.db);
        const staff = await makeActivity(t.db);
        const body = await makeOrganization(t.db);
        const someone = await makeUser(t.db, { role: 'member', activityId: own.id });
        await createContact(t.db, system, own.id, { role: 'external_body_representative', personId: someone.personId, organizationId: body.id }, 'en');
        // A mandate that has ended, and the TSB contact (ITU staff, who represents no body): not representatives.
        await createContact(t.db, system, ended.id, { role: 'external_body_representative', personId: someone.personId, organizationId: body.id, until: '2020-12-31' }, 'en');
        await createContact(t.db, system, staff.id, { role: 'tsb_contact', personId: someone.personId }, 'en');
        const { personId, roles } = await loadActivityRoles(t.db, someone.user.id);
        assert.equal(personId, someone.personId);
        assert.deepEqual(
          [...roles].map(([activityId, held]) => [activityId, [...held].sort()]),
          [[own.id, [role.member, role.representative]]],
        );
      });

      it('lets the secretariat give and take roles through the form and the API, with events', async () => {
        const activity = await makeActivity(t.db);
        const editor = await withRole(activity, 'secretariat');
        const person = await createPerson(t.db, system, { name: 'Rosa Representative', email: `${unique('rosa').toLowerCase()}@example.org` }, 'en');
        const viaForm = await editor.post(path(activity, '/members'), { personId: String(person.id), role: 'member', since: '2025-03-22' });
        assert.equal(viaForm.statusCode, 303);
        assert.equal(viaForm.headers.location, path(activity, '/members'));
        const viaApi = await editor.api('POST', api(activity, '/memberships'), { personId: person.id, role: 'vice_chair' });
        assert.equal(viaApi.statusCode, 201);
        const held = await t.db.select().from(activityMemberships).where(and(eq(activityMemberships.activityId, activity.id), eq(activityMemberships.personId, person.id))).orderBy(asc(activityMemberships.id));
        assert.deepEqual(held.map((m) => [m.role, m.since]), [['member', '2025-03-22'], ['vice_chair', null]]);
        assert.deepEqual(
          (await eventsOf(activity.id, 'membership.added')).slice(-2).map((e) => e.after),
          [{ person: 'Rosa Representative', role: 'member', since: '2025-03-22' }, { person: 'Rosa Representative', role: 'vice_chair', since: null }],
        );

        const removedByForm = await editor.post(path(activity, `/members/${held[0]?.id}/remove`), {});
        assert.equal(removedByForm.statusCode, 303);
        const removedByApi = await editor.api('DELETE', api(activity, `/memberships/${held[1]?.id}`));
        assert.equal(removedByApi.statusCode, 204);
        assert.deepEqual(await t.db.select().from(activityMemberships).where(eq(activityMemberships.personId, person.id)), []);
        assert.deepEqual(
          (await eventsOf(activity.id, 'membership.removed')).map((e) => [e.summary, e.before]),
          [
            ['Rosa Representative no longer member', { person: 'Rosa Representative', role: 'member', since: '2025-03-22' }],
            ['Rosa Representative no longer vice_chair', { person: 'Rosa Representative', role: 'vice_chair', since: null }],
          ],
        );
        assert.equal((await editor.api('DELETE', api(activity, `/memberships/${held[1]?.id}`))).statusCode, 404, 'a role already taken away');
      });

      it('refuses the same role twice with a readable 409, on the form and through the API', async () => {
        const before = await counts();
        const again = await secretariat.api('POST', api(shared, '/memberships'), { personId: memberUser.personId, role: 'member' });
        assert.equal(again.statusCode, 409);
        assert.deepEqual(again.json().error, { code: 'conflict', message: 'Mia Member already has the role Member in this activity.', details: {} });
        const form = await secretariat.post(path(shared, '/members'), { personId: String(memberUser.personId), role: 'member' });
        assert.equal(form.statusCode, 409);
        assert.match(form.body, /Mia Member already has the role Member in this activity\./);
        assert.deepEqual(await counts(), before);
      });

      it('does not let an activity’s secretariat take away a role in another activity through its own address', async () => {
        const other = await makeActivity(t.db);
        await withRole(other, 'observer');
        const [elsewhere] = await t.db.select().from(activityMemberships).where(eq(activityMemberships.activityId, other.id));
        assert.ok(elsewhere);
        assert.equal((await secretariat.api('DELETE', api(shared, `/memberships/${elsewhere.id}`))).statusCode, 404);
        assert.equal((await secretariat.post(path(shared, `/members/${elsewhere.id}/remove`), {})).statusCode, 404);
        assert.equal((await t.db.select().from(activityMemberships).where(eq(activityMemberships.id, elsewhere.id))).length, 1);
      });

      it('refuses a person who does not exist', async () => {
        const response = await secretariat.api('POST', api(shared, '/memberships'), { personId: 999999, role: 'member' });
        assert.equal(response.statusCode, 422);
        assert.deepEqual(response.json().error.details.fields, { personId: 'This person does not exist.' });
      });

      it('shows e-mail addresses of the roles only to those who hold a role in the activity', async () => {
        const emails = async (client: TestClient) => {
          const response = await client.get(api(shared, '/memberships'));
          assert.equal(response.statusCode, 200);
          return response.json().map((m: { name: string; email: string | null }) => m.email);
        };
        const memberEmail = memberUser.user.email;
        assert.ok((await emails(member)).includes(memberEmail));
        assert.ok((await emails(observer)).includes(memberEmail));
        assert.ok((await emails(admin)).includes(memberEmail));
        for (const client of [anonymous(), outsider]) {
          const seen = await emails(client);
          assert.deepEqual(seen, [null, null, null, null, null, null], 'one person per role, without addresses');
        }
        const page = await outsider.get(path(shared, '/members'));
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Mia Member/);
        assert.ok(!page.body.includes(memberEmail), 'the members page hides addresses too');
        assert.ok((await member.get(path(shared, '/members'))).body.includes(memberEmail));
      });
    });

    describe('who may change what', () => {
      type Route = { name: string; method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: () => string; body?: () => Record<string, unknown>; refused: [string, () => TestClient][] };
      const memberOnly: [string, () => TestClient][] = [['member', () => member], ['observer', () => observer], ['outsider', () => outsider]];
      const notSecretariat: [string, () => TestClient][] = [...memberOnly, ['chair', () => chair]];
      const notAdmin: [string, () => TestClient][] = [['secretariat', () => secretariat], ['outsider', () => outsider]];
      let membershipId: number;
      before(async () => {
        const [row] = await t.db.select().from(activityMemberships).where(eq(activityMemberships.personId, memberUser.personId));
        membershipId = row?.id ?? 0;
      });
      const routes: Route[] = [
        { name: 'GET /activities/new', method: 'GET', url: () => '/activities/new', refused: notAdmin },
        { name: 'POST /activities', method: 'POST', url: () => '/activities', body: () => ({ acronym: unique('JCA-'), nameEn: 'Refused', visibility: 'public', status: 'active', scope: 'Refused.' }), refused: notAdmin },
        { name: 'GET /activities/:acronym/edit', method: 'GET', url: () => path(shared, '/edit'), refused: notSecretariat },
        { name: 'POST /activities/:acronym', method: 'POST', url: () => path(shared), body: () => editForm(shared, { nameEn: 'Refused' }), refused: notSecretariat },
        { name: 'GET /activities/:acronym/tor/edit', method: 'GET', url: () => path(shared, '/tor/edit'), refused: memberOnly },
        { name: 'POST /activities/:acronym/tor', method: 'POST', url: () => path(shared, '/tor'), body: () => ({ scope: 'Refused.' }), refused: memberOnly },
        { name: 'POST /activities/:acronym/members', method: 'POST', url: () => path(shared, '/members'), body: () => ({ personId: String(memberUser.personId), role: 'observer' }), refused: notSecretariat },
        { name: 'POST /activities/:acronym/members/:id/remove', method: 'POST', url: () => path(shared, `/members/${membershipId}/remove`), body: () => ({}), refused: notSecretariat },
        { name: 'POST /api/v1/activities', method: 'POST', url: () => '/api/v1/activities', body: () => ({ acronym: unique('JCA-'), nameEn: 'Refused' }), refused: notAdmin },
        { name: 'PATCH /api/v1/activities/:acronym', method: 'PATCH', url: () => api(shared), body: () => ({ nameEn: 'Refused' }), refused: notSecretariat },
        { name: 'POST /api/v1/activities/:acronym/tor', method: 'POST', url: () => api(shared, '/tor'), body: () => tor({ scope: 'Refused.' }), refused: memberOnly },
        { name: 'POST /api/v1/activities/:acronym/memberships', method: 'POST', url: () => api(shared, '/memberships'), body: () => ({ personId: memberUser.personId, role: 'observer' }), refused: notSecretariat },
        { name: 'DELETE /api/v1/activities/:acronym/memberships/:id', method: 'DELETE', url: () => api(shared, `/memberships/${membershipId}`), refused: notSecretariat },
      ];

      const send = (client: TestClient, route: Route) => {
        const url = route.url();
        if (url.startsWith('/api/')) return client.api(route.method, url, route.body?.());
        if (route.method === 'GET') return client.get(url);
        return client.post(url, (route.body?.() ?? {}) as Record<string, string>);
      };

      for (const route of routes) {
        it(`${route.name}: anonymous must sign in, under-privileged users get 403`, async () => {
          const before = await counts();
          const url = route.url();
          const visitor = await send(anonymous(), route);
          if (url.startsWith('/api/')) {
            assert.equal(visitor.statusCode, 401);
            assert.equal(visitor.json().error.code, 'unauthenticated');
          } else if (route.method === 'GET') {
            assert.equal(visitor.statusCode, 303);
            assert.equal(visitor.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
          } else {
            assert.equal(visitor.statusCode, 401);
            assert.match(visitor.body, /Please sign in to continue\./);
          }
          for (const [who, client] of route.refused) {
            const response = await send(client(), route);
            assert.equal(response.statusCode, 403, who);
            if (url.startsWith('/api/')) assert.equal(response.json().error.code, 'forbidden', who);
          }
          assert.deepEqual(await counts(), before);
        });
      }

      it('refuses a page form posted without its CSRF token', async () => {
        const response = await secretariat.post(path(shared), editForm(shared, { nameEn: 'Forged' }), { csrf: null });
        assert.equal(response.statusCode, 403);
        assert.match(response.body, /This form has expired or did not come from Concord\./);
        const [row] = await t.db.select().from(activities).where(eq(activities.id, shared.id));
        assert.equal(row?.nameEn, 'Test coordination activity');
      });
    });
  });
}
