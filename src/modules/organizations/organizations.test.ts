import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { events } from '../../platform/schema.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { apiWithToken, TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import { createApiToken } from '../../platform/auth/accounts.ts';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { ensureOrganizations } from './organizations.ts';
import { organizations } from './schema.ts';

for (const engine of testEngines()) {
  describe(`organizations on ${engine}`, () => {
    let t: TestApp;
    let secretariat: TestClient;
    let member: TestClient;
    before(async () => {
      t = await createTestApp(engine);
      const activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
    });
    after(() => t.close());

    it('lets the secretariat create a nested group, shown with its full path, and records the event', async () => {
      const itu = await makeOrganization(t.db, { acronym: unique('ITU'), kind: 'itu_sector' });
      const response = await secretariat.post('/organizations', { kind: 'study_group', acronym: 'SG13', name: 'Future networks', parentId: String(itu.id) });
      assert.equal(response.statusCode, 303);
      const id = Number(response.headers.location?.toString().split('/').pop());
      const page = await secretariat.get(`/organizations/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`<h1>${itu.acronym} SG13 `));
      const [event] = await t.db.select().from(events).where(and(eq(events.subjectType, 'organization'), eq(events.subjectId, String(id))));
      assert.equal(event?.kind, 'organization.created');
      assert.equal(event?.actorName, 'Test secretariat');
    });

    it('ensureOrganizations creates only the names the register lacks, with their events, for those the policy allows', async () => {
      const known = await makeOrganization(t.db, { acronym: unique('KNOWN') });
      const fresh = unique('FRESH');
      const created = await t.db.transaction((tx) => ensureOrganizations(tx, systemActor('test'), [known.acronym.toLowerCase(), fresh, ` ${fresh} `, fresh.toLowerCase()], 'a test'));
      assert.deepEqual(created.map((o) => [o.acronym, o.kind, o.parentId]), [[fresh, 'standards_body', null]]);
      const [event] = await t.db.select().from(events).where(and(eq(events.subjectType, 'organization'), eq(events.subjectId, String(created[0]!.id))));
      assert.equal(event?.kind, 'organization.created');
      assert.equal(event?.summary, `Organization ${fresh} created by a test`);

      const activity = await makeActivity(t.db);
      const chair = await makeUser(t.db, { role: 'chair', activityId: activity.id });
      const chairActor: Actor = { kind: 'user', userId: chair.user.id, name: 'Chair', email: chair.user.email, isAdmin: false, locale: null, personId: chair.personId, roles: new Map([[activity.id, new Set(['chair'])]]) };
      const other = unique('OTHER');
      await assert.rejects(
        t.db.transaction((tx) => ensureOrganizations(tx, chairActor, [other], 'a test')),
        (error: unknown) => error instanceof AppError && error.code === 'forbidden',
      );
      assert.equal((await t.db.select().from(organizations).where(eq(organizations.acronym, other))).length, 0);
      assert.deepEqual(await t.db.transaction((tx) => ensureOrganizations(tx, chairActor, [known.acronym], 'a test')), [], 'nothing to create needs no right');
    });

    it('refuses a duplicate short name under the same parent with a field message, and writes nothing', async () => {
      const parent = await makeOrganization(t.db);
      await makeOrganization(t.db, { acronym: 'Q16', parentId: parent.id, kind: 'question' });
      const before = await t.db.select().from(organizations);
      const response = await secretariat.post('/organizations', { kind: 'question', acronym: 'q16', name: 'Again', parentId: String(parent.id) });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /An organization with this short name already exists here: [A-Z0-9]+ Q16\./);
      assert.match(response.body, /value="q16"/, 'the form keeps what was typed');
      assert.equal((await t.db.select().from(organizations)).length, before.length);
    });

    it('explains each invalid field: missing name, bad web address, unknown kind', async () => {
      const response = await secretariat.api('POST', '/api/v1/organizations', { kind: 'planet', acronym: 'X', name: '', website: 'ftp://x' });
      assert.equal(response.statusCode, 422);
      const body = response.json();
      assert.equal(body.error.code, 'validation_failed');
      assert.equal(body.error.details.fields.name, 'This field is required.');
      assert.equal(body.error.details.fields.website, 'Enter a full web address starting with https:// or http://.');
      assert.match(body.error.details.fields.kind, /^Choose one of: ITU sector, /);
    });

    it('refuses to make an organization part of its own group', async () => {
      const top = await makeOrganization(t.db);
      const child = await makeOrganization(t.db, { parentId: top.id });
      const response = await secretariat.api('PATCH', `/api/v1/organizations/${top.id}`, { parentId: child.id });
      assert.equal(response.statusCode, 422);
      assert.equal(response.json().error.details.fields.parentId, 'An organization cannot be part of itself or of one of its own groups.');
    });

    it('refuses to delete an organization that still has groups', async () => {
      const top = await makeOrganization(t.db);
      await makeOrganization(t.db, { parentId: top.id });
      const response = await secretariat.api('DELETE', `/api/v1/organizations/${top.id}`);
      assert.equal(response.statusCode, 409);
      assert.equal(response.json().error.message, 'This organization still has groups. Delete or move them first.');
    });

    it('is public to read, but only the secretariat and admins change it', async () => {
      const org = await makeOrganization(t.db);
      const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${org.id}` });
      assert.equal(anonymous.statusCode, 200);
      assert.equal(anonymous.json().acronym, org.acronym);
      const anonymousWrite = await new TestClient(t.app).api('PATCH', `/api/v1/organizations/${org.id}`, { name: 'Hijacked' });
      assert.equal(anonymousWrite.statusCode, 401);
      const memberWrite = await member.api('PATCH', `/api/v1/organizations/${org.id}`, { name: 'Hijacked' });
      assert.equal(memberWrite.statusCode, 403);
      const memberPage = await member.post(`/organizations/${org.id}/delete`, {});
      assert.equal(memberPage.statusCode, 403);
      const [row] = await t.db.select().from(organizations).where(eq(organizations.id, org.id));
      assert.equal(row?.name, 'Test body');
    });

    it('accepts API tokens without cookies or CSRF token', async () => {
      const admin = await makeUser(t.db, { admin: true });
      const { token } = await createApiToken(t.db, { kind: 'user', userId: admin.user.id, name: 'a', email: admin.user.email, isAdmin: true, locale: null, personId: null, roles: new Map() }, 'script');
      const response = await apiWithToken(t.app, token, 'POST', '/api/v1/organizations', { kind: 'forum', acronym: unique('F'), name: 'A forum' });
      assert.equal(response.statusCode, 201);
      assert.equal(response.json().kind, 'forum');
      const bad = await apiWithToken(t.app, 'cnc_wrong', 'GET', '/api/v1/organizations');
      assert.equal(bad.statusCode, 401);
      assert.equal(bad.json().error.code, 'unauthenticated');
    });
  });
}
