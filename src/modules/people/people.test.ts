import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { events } from '../../platform/schema.ts';
import { updateActivity } from '../activities/activities.ts';
import { addMembership } from '../activities/memberships.ts';
import { createPerson, type Person } from './people.ts';
import { people } from './schema.ts';

const system = systemActor('test');
const address = (prefix: string) => `${unique(prefix).toLowerCase()}@example.org`;

for (const engine of testEngines()) {
  describe(`people on ${engine}`, () => {
    let t: TestApp;
    let secretariat: TestClient;
    let member: TestClient;
    let chair: TestClient;
    let plain: TestClient;
    let memberUser: SignedInUser;

    const count = async (table: PgTable) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
    const counts = async () => ({ people: await count(people), events: await count(events) });
    const eventsOf = (personId: number) =>
      t.db.select().from(events).where(and(eq(events.subjectType, 'person'), eq(events.subjectId, String(personId)))).orderBy(asc(events.id));
    const makePerson = (name = 'Paula Person', extra: { email?: string | null; phone?: string | null } = {}): Promise<Person> =>
      createPerson(t.db, system, { name, email: address('paula'), ...extra }, 'en');
    const anonymous = () => new TestClient(t.app);

    before(async () => {
      t = await createTestApp(engine);
      const activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id, name: 'Sam Secretariat' })).cookie);
      memberUser = await makeUser(t.db, { role: 'member', activityId: activity.id });
      member = new TestClient(t.app, memberUser.cookie);
      chair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id })).cookie);
      plain = new TestClient(t.app, (await makeUser(t.db)).cookie);
    });
    after(() => t.close());

    it('sends anonymous visitors to sign in for the list and the pages, and answers 401 through the API', async () => {
      const person = await makePerson();
      for (const url of ['/people', '/people?q=paula', `/people/${person.id}`]) {
        const response = await anonymous().get(url);
        assert.equal(response.statusCode, 303, url);
        assert.equal(response.headers.location, `/sign-in?next=${encodeURIComponent(url)}`, url);
      }
      for (const url of ['/api/v1/people', `/api/v1/people/${person.id}`]) {
        const response = await anonymous().get(url);
        assert.equal(response.statusCode, 401, url);
        assert.equal(response.json().error.code, 'unauthenticated', url);
      }
    });

    it('shows the list, a search and a person’s page to any signed-in user', async () => {
      const person = await makePerson(unique('Quentin Quest'), { phone: '+41 22 730 0000' });
      const list = await plain.get('/people');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes(`<a href="/people/${person.id}">${person.name}</a>`));
      const found = await plain.get(`/people?q=${encodeURIComponent(person.name.toUpperCase())}`);
      assert.ok(found.body.includes(person.name));
      assert.ok(!found.body.includes('Sam Secretariat'), 'the search keeps only matching people');
      const none = await plain.get('/people?q=%25_nobody');
      assert.match(none.body, /No person yet\./, 'a % in the search is a character, not a wildcard');
      const page = await plain.get(`/people/${person.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /\+41 22 730 0000/);
      assert.ok(!page.body.includes(`href="/people/${person.id}/edit"`), 'no edit button for those who may not edit');
      const viaApi = await plain.get(`/api/v1/people?q=${encodeURIComponent(person.name)}`);
      assert.deepEqual(viaApi.json().map((p: Person) => p.id), [person.id]);
      assert.equal((await plain.get('/api/v1/people/999999')).statusCode, 404);
    });

    it('lets the secretariat add a person through the form, with the event', async () => {
      const org = await makeOrganization(t.db);
      const email = address('nina');
      const response = await secretariat.post('/people', { name: 'Nina New', email: email.toUpperCase(), affiliation: 'ETRI', country: 'Republic of Korea', organizationId: String(org.id), phone: '', notes: '', isExample: 'on' });
      assert.equal(response.statusCode, 303);
      const id = Number(/^\/people\/(\d+)$/.exec(String(response.headers.location))?.[1]);
      const [row] = await t.db.select().from(people).where(eq(people.id, id));
      assert.equal(row?.name, 'Nina New');
      assert.equal(row?.email, email, 'addresses are kept in lower case');
      assert.equal(row?.organizationId, org.id);
      assert.equal(row?.phone, null);
      assert.equal(row?.isExample, true);
      const [event] = await eventsOf(id);
      assert.equal(event?.kind, 'person.created');
      assert.equal(event?.actorName, 'Sam Secretariat');
      const page = await secretariat.get(`/people/${id}`);
      assert.match(page.body, /The person has been added\./);
      assert.ok(page.body.includes(`<a href="/organizations/${org.id}">${org.acronym}</a>`));
    });

    it('lets the secretariat edit a person through the form and the API, recording only what changed', async () => {
      const person = await makePerson('Edith Edit');
      assert.equal((await secretariat.get(`/people/${person.id}/edit`)).statusCode, 200);
      const response = await secretariat.post(`/people/${person.id}`, { name: 'Edith Edited', email: person.email ?? '', affiliation: 'CAICT', country: '', organizationId: '', phone: '', notes: '' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/people/${person.id}`);
      const patched = await secretariat.api('PATCH', `/api/v1/people/${person.id}`, { country: 'China' });
      assert.equal(patched.statusCode, 200);
      assert.equal(patched.json().name, 'Edith Edited');
      assert.equal(patched.json().country, 'China');
      const updates = (await eventsOf(person.id)).filter((e) => e.kind === 'person.updated');
      assert.deepEqual(
        updates.map((e) => [e.before, e.after]),
        [
          [{ name: 'Edith Edit', affiliation: null }, { name: 'Edith Edited', affiliation: 'CAICT' }],
          [{ country: null }, { country: 'China' }],
        ],
      );
      const created = await secretariat.api('POST', '/api/v1/people', { name: 'Api Person', email: address('api') });
      assert.equal(created.statusCode, 201);
      assert.equal(created.json().name, 'Api Person');
    });

    it('refuses an e-mail address that already belongs to someone, in any case, naming them and writing nothing', async () => {
      const owner = await makePerson('Olga Owner');
      const other = await makePerson('Oscar Other');
      const before = await counts();
      const message = 'This e-mail address already belongs to Olga Owner.';
      const form = await secretariat.post('/people', { name: 'Copy Cat', email: (owner.email ?? '').toUpperCase() });
      assert.equal(form.statusCode, 422);
      assert.ok(form.body.includes(message));
      assert.match(form.body, /name="name" type="text" value="Copy Cat"/, 'the form keeps what was typed');
      const viaApi = await secretariat.api('POST', '/api/v1/people', { name: 'Copy Cat', email: owner.email });
      assert.equal(viaApi.statusCode, 422);
      assert.deepEqual(viaApi.json().error.details.fields, { email: message });
      const onEdit = await secretariat.api('PATCH', `/api/v1/people/${other.id}`, { email: owner.email });
      assert.equal(onEdit.statusCode, 422);
      assert.deepEqual(onEdit.json().error.details.fields, { email: message });
      assert.deepEqual(await counts(), before);
    });

    it('explains invalid fields', async () => {
      const response = await secretariat.api('POST', '/api/v1/people', { name: '', email: 'nobody', organizationId: 999999 });
      assert.equal(response.statusCode, 422);
      assert.deepEqual(response.json().error.details.fields, { name: 'This field is required.', email: 'Enter an e-mail address such as name@example.org.' });
      const unknownOrg = await secretariat.api('POST', '/api/v1/people', { name: 'Orphan', organizationId: 999999 });
      assert.equal(unknownOrg.statusCode, 422);
      assert.deepEqual(unknownOrg.json().error.details.fields, { organizationId: 'This organization does not exist.' });
    });

    it('refuses to delete a person who holds a role or is an activity’s secretariat contact, and deletes one who does not', async () => {
      const activity = await makeActivity(t.db);
      const holder = await makePerson('Rita Role');
      await addMembership(t.db, system, activity.id, { personId: holder.id, role: 'observer' }, 'en');
      const contact = await makePerson('Carl Contact');
      await updateActivity(t.db, system, activity.id, { secretariatPersonId: contact.id }, 'en');
      const message = 'This person still holds roles or is named as a contact, so they cannot be deleted. Remove those first.';
      for (const person of [holder, contact]) {
        const viaApi = await secretariat.api('DELETE', `/api/v1/people/${person.id}`);
        assert.equal(viaApi.statusCode, 409, person.name);
        assert.deepEqual(viaApi.json().error, { code: 'conflict', message, details: {} });
        const viaPage = await secretariat.post(`/people/${person.id}/delete`, {});
        assert.equal(viaPage.statusCode, 409, person.name);
        assert.ok(viaPage.body.includes(message));
        assert.equal((await t.db.select().from(people).where(eq(people.id, person.id))).length, 1, person.name);
      }
      const free = await makePerson('Fred Free');
      const deleted = await secretariat.post(`/people/${free.id}/delete`, {});
      assert.equal(deleted.statusCode, 303);
      assert.equal(deleted.headers.location, '/people');
      assert.deepEqual(await t.db.select().from(people).where(eq(people.id, free.id)), []);
      assert.deepEqual((await eventsOf(free.id)).map((e) => e.kind), ['person.created', 'person.deleted']);
      assert.equal((await secretariat.api('DELETE', `/api/v1/people/${free.id}`)).statusCode, 404);
    });

    describe('who may change people', () => {
      let target: Person;
      before(async () => {
        target = await makePerson('Tina Target');
      });
      type Route = { name: string; method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: () => string; body?: Record<string, unknown> };
      const routes: Route[] = [
        { name: 'GET /people/new', method: 'GET', url: () => '/people/new' },
        { name: 'POST /people', method: 'POST', url: () => '/people', body: { name: 'Refused' } },
        { name: 'GET /people/:id/edit', method: 'GET', url: () => `/people/${target.id}/edit` },
        { name: 'POST /people/:id', method: 'POST', url: () => `/people/${target.id}`, body: { name: 'Refused' } },
        { name: 'POST /people/:id/delete', method: 'POST', url: () => `/people/${target.id}/delete`, body: {} },
        { name: 'POST /api/v1/people', method: 'POST', url: () => '/api/v1/people', body: { name: 'Refused' } },
        { name: 'PATCH /api/v1/people/:id', method: 'PATCH', url: () => `/api/v1/people/${target.id}`, body: { name: 'Refused' } },
        { name: 'DELETE /api/v1/people/:id', method: 'DELETE', url: () => `/api/v1/people/${target.id}` },
      ];
      const send = (client: TestClient, route: Route) => {
        const url = route.url();
        if (url.startsWith('/api/')) return client.api(route.method, url, route.body);
        if (route.method === 'GET') return client.get(url);
        return client.post(url, (route.body ?? {}) as Record<string, string>);
      };
      for (const route of routes) {
        it(`${route.name}: anonymous must sign in; members, chairs and users without a role get 403`, async () => {
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
          }
          for (const [who, client] of [['member', member], ['chair', chair], ['user without a role', plain]] as const) {
            const response = await send(client, route);
            assert.equal(response.statusCode, 403, who);
            if (url.startsWith('/api/')) assert.equal(response.json().error.code, 'forbidden', who);
            else assert.match(response.body, /You do not have permission to do this\./, who);
          }
          assert.deepEqual(await counts(), before);
          const [row] = await t.db.select().from(people).where(eq(people.id, target.id));
          assert.equal(row?.name, 'Tina Target');
        });
      }

      it('hides the buttons the reader may not use', async () => {
        assert.ok(!(await member.get('/people')).body.includes('href="/people/new"'));
        assert.ok((await secretariat.get('/people')).body.includes('href="/people/new"'));
        assert.ok((await secretariat.get(`/people/${target.id}`)).body.includes(`href="/people/${target.id}/edit"`));
        assert.equal(memberUser.user.isAdmin, false);
      });
    });
  });
}
