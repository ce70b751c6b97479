// Linking accounts to people by hand, on both engines: the person page, the list of accounts without a contact, the
// API and the CLI; the refusals name the other side; only the secretariat and admins may.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser, type SignedInUser, unique } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { createUser, createSession } from '../../platform/auth/accounts.ts';
import { events } from '../../platform/schema.ts';
import { addMembership } from '../activities/memberships.ts';
import { peopleCommand } from './commands.ts';
import { createPerson } from './people.ts';
import { people } from './schema.ts';

const system = systemActor('test');
const address = (prefix: string) => `${unique(prefix).toLowerCase()}@example.org`;

for (const engine of testEngines()) {
  describe(`account links on ${engine}`, () => {
    let t: TestApp;
    let secretariat: TestClient;
    let admin: TestClient;
    let member: TestClient;
    let activity: { id: number; acronym: string };

    /** An account with a session and no person, as an admin or a sign-up without a match leaves it. */
    const makeAccount = async (name: string) => {
      const user = await createUser(t.db, system, { email: address('account'), name });
      const session = await createSession(t.db, user.id);
      return { user, client: new TestClient(t.app, `concord_session=${session.token}`) };
    };
    const makeRoleHolder = async (name: string) => {
      const person = await createPerson(t.db, system, { name, email: address('holder'), isExample: false }, 'en');
      await addMembership(t.db, system, activity.id, { personId: person.id, role: 'member' }, 'en');
      return person;
    };
    const userIdOf = async (personId: number) => (await t.db.select().from(people).where(eq(people.id, personId)))[0]?.userId ?? null;
    const cli = async (args: string[]) => {
      let out = '';
      const code = await peopleCommand.run(args, {
        config: t.config,
        withDatabase: (work) => work(t.database),
        readStdin: async () => Buffer.alloc(0),
        stdout: { write: (text: string) => (out += text) },
      });
      return { code, out };
    };

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db, { visibility: 'members' });
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      admin = new TestClient(t.app, (await makeUser(t.db, { admin: true })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
    });
    after(() => t.close());

    it('lets the secretariat link an account from the person’s page, which gives it the roles, and unlink it', async () => {
      const person = await makeRoleHolder('Lea Linked');
      const account = await makeAccount('Lea L.');
      assert.equal((await account.client.get(`/activities/${activity.acronym}`)).statusCode, 404);
      const page = await secretariat.get(`/people/${person.id}`);
      assert.match(page.body, /No account is linked to this person\./);
      assert.ok(page.body.includes(`<option value="${account.user.id}">Lea L. — ${account.user.email}</option>`));
      const linked = await secretariat.post(`/people/${person.id}/account`, { userId: String(account.user.id) });
      assert.equal(linked.statusCode, 303);
      assert.equal(await userIdOf(person.id), account.user.id);
      assert.match((await secretariat.get(`/people/${person.id}`)).body, new RegExp(`Lea L\\. — ${account.user.email.replace('.', '\\.')} <span class="muted">\\(address not confirmed\\)</span>`));
      assert.equal((await account.client.get(`/activities/${activity.acronym}`)).statusCode, 200, 'the role works at once');

      const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'person.account_linked'), eq(events.subjectId, String(person.id))));
      assert.deepEqual(event?.after, { account: account.user.email, via: 'by_hand' });
      const history = await secretariat.get(`/history/person/${person.id}`, { 'accept-language': 'fr' });
      assert.ok(history.body.includes(`Fiche liée au compte ${account.user.email} manuellement`));

      const unlinked = await secretariat.post(`/people/${person.id}/account/unlink`, {});
      assert.equal(unlinked.statusCode, 303);
      assert.equal(await userIdOf(person.id), null);
      assert.equal((await account.client.get(`/activities/${activity.acronym}`)).statusCode, 404, 'the role is gone with the link');
      const again = await secretariat.post(`/people/${person.id}/account/unlink`, {});
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /Lea Linked has no account to unlink\./);
    });

    it('refuses to take a person or an account from another link, naming it', async () => {
      const first = await makeRoleHolder('Fay First');
      const second = await makeRoleHolder('Sid Second');
      const a = await makeAccount('Account A');
      const b = await makeAccount('Account B');
      assert.equal((await secretariat.post(`/people/${first.id}/account`, { userId: String(a.user.id) })).statusCode, 303);
      const personTaken = await secretariat.api('PUT', `/api/v1/people/${first.id}/account`, { userId: b.user.id });
      assert.equal(personTaken.statusCode, 409);
      assert.equal(personTaken.json().error.message, `Fay First is already linked to the account ${a.user.email}. Unlink it first.`);
      const accountTaken = await secretariat.post(`/people/${second.id}/account`, { userId: String(a.user.id) });
      assert.equal(accountTaken.statusCode, 409);
      assert.ok(accountTaken.body.includes(`The account ${a.user.email} is already linked to Fay First. Unlink it there first.`));
      assert.equal(await userIdOf(second.id), null);
      const empty = await secretariat.post(`/people/${second.id}/account`, { userId: '' });
      assert.equal(empty.statusCode, 422);
    });

    it('links through the API by the account’s address, reads the link, and lists accounts without a contact', async () => {
      const person = await makeRoleHolder('Andy Api');
      const account = await makeAccount('Andy Account');
      const waiting = await admin.api('GET', '/api/v1/accounts/unlinked');
      assert.equal(waiting.statusCode, 200);
      assert.ok(waiting.json().some((a: { email: string }) => a.email === account.user.email));
      const linked = await admin.api('PUT', `/api/v1/people/${person.id}/account`, { email: account.user.email.toUpperCase() });
      assert.equal(linked.statusCode, 200, linked.body);
      assert.equal(linked.json().email, account.user.email);
      assert.equal((await admin.api('GET', `/api/v1/people/${person.id}/account`)).json().id, account.user.id);
      assert.ok(!(await admin.api('GET', '/api/v1/accounts/unlinked')).json().some((a: { email: string }) => a.email === account.user.email));
      const both = await admin.api('PUT', `/api/v1/people/${person.id}/account`, { email: account.user.email, userId: account.user.id });
      assert.equal(both.statusCode, 422);
      const unknown = await admin.api('PUT', `/api/v1/people/${person.id}/account`, { email: 'nobody-at-all@example.org' });
      assert.equal(unknown.statusCode, 422);
      assert.deepEqual(unknown.json().error.details.fields, { email: 'This account does not exist.' });
      assert.equal((await admin.api('DELETE', `/api/v1/people/${person.id}/account`)).statusCode, 204);
      assert.equal(await userIdOf(person.id), null);
    });

    it('creates a contact from an account on the list of accounts without a contact', async () => {
      const account = await makeAccount('Cora Contactless');
      const list = await secretariat.get('/people/accounts');
      assert.ok(list.body.includes(`action="/people/accounts/${account.user.id}/contact"`));
      const created = await secretariat.post(`/people/accounts/${account.user.id}/contact`, {});
      assert.equal(created.statusCode, 303);
      const [person] = await t.db.select().from(people).where(eq(people.userId, account.user.id));
      assert.equal(person?.name, 'Cora Contactless');
      assert.equal(person?.email, account.user.email);
      assert.equal(created.headers.location, `/people/${person!.id}`);
    });

    it('links and unlinks from the command line, and lists what waits', async () => {
      const person = await makeRoleHolder('Cleo Cli');
      const account = await makeAccount('Cleo Account');
      const listed = await cli(['unlinked']);
      assert.equal(listed.code, 0);
      assert.ok(listed.out.includes(`${account.user.email}  Cleo Account (address not confirmed)`));
      const linked = await cli(['link', '--person', person.email!, '--account', account.user.email]);
      assert.deepEqual(linked, { code: 0, out: `Cleo Cli (person ${person.id}) is now linked to the account ${account.user.email}.\n` });
      assert.equal(await userIdOf(person.id), account.user.id);
      const json = JSON.parse((await cli(['unlinked', '--json'])).out) as { email: string }[];
      assert.ok(!json.some((a) => a.email === account.user.email));
      const unlinked = await cli(['unlink', '--person', String(person.id)]);
      assert.equal(unlinked.code, 0);
      assert.equal(await userIdOf(person.id), null);
      await assert.rejects(cli(['link', '--person', '999999', '--account', account.user.email]), /No person has the id or address "999999"\./);
      await assert.rejects(cli(['link', '--person', String(person.id), '--account', 'nobody@example.org']), /No account has the address "nobody@example\.org"\./);
      await assert.rejects(cli(['frobnicate']), /concord people link/);
    });

    describe('who may link', () => {
      let person: { id: number };
      let account: { user: { id: number } };
      let signedIn: SignedInUser;
      before(async () => {
        person = await makeRoleHolder('Guarded Person');
        account = await makeAccount('Guarded Account');
        signedIn = await makeUser(t.db, { role: 'chair', activityId: activity.id });
      });
      it('refuses members and chairs (403) on every page and endpoint, and anonymous visitors must sign in', async () => {
        const chair = new TestClient(t.app, signedIn.cookie);
        const before = (await t.db.select({ n: count() }).from(events))[0]?.n;
        const pages: [string, string][] = [
          ['GET', '/people/accounts'],
          ['POST', `/people/${person.id}/account`],
          ['POST', `/people/${person.id}/account/unlink`],
          ['POST', `/people/accounts/${account.user.id}/link`],
          ['POST', `/people/accounts/${account.user.id}/contact`],
        ];
        for (const [method, url] of pages) {
          for (const client of [member, chair]) {
            const response = method === 'GET' ? await client.get(url) : await client.post(url, { userId: String(account.user.id) });
            assert.equal(response.statusCode, 403, `${method} ${url}`);
          }
          const anonymous = method === 'GET' ? await new TestClient(t.app).get(url) : await new TestClient(t.app).post(url, {});
          assert.equal(anonymous.statusCode, method === 'GET' ? 303 : 401, `anonymous ${method} ${url}`);
        }
        const api: ['GET' | 'DELETE', string][] = [
          ['GET', '/api/v1/accounts/unlinked'],
          ['GET', `/api/v1/people/${person.id}/account`],
          ['DELETE', `/api/v1/people/${person.id}/account`],
        ];
        for (const [method, url] of api) {
          for (const client of [member, chair]) assert.equal((await client.api(method, url)).statusCode, 403, `${method} ${url}`);
          assert.equal((await new TestClient(t.app).api(method, url)).statusCode, 401, `anonymous ${method} ${url}`);
        }
        for (const client of [member, chair]) {
          assert.equal((await client.api('PUT', `/api/v1/people/${person.id}/account`, { userId: account.user.id })).statusCode, 403, 'PUT');
        }
        assert.equal((await new TestClient(t.app).api('PUT', `/api/v1/people/${person.id}/account`, { userId: account.user.id })).statusCode, 401);
        assert.equal((await t.db.select({ n: count() }).from(events))[0]?.n, before);
        assert.equal(await userIdOf(person.id), null);
        assert.ok(!(await member.get('/people')).body.includes('href="/people/accounts"'));
        assert.ok(!(await member.get(`/people/${person.id}`)).body.includes('/account/unlink'));
        assert.ok((await secretariat.get('/people')).body.includes('href="/people/accounts"'));
      });
    });
  });
}
