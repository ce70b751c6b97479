// Sign-up on both engines: closed unless the instance opens it; when open, no account exists until the mailed link is
// opened; then the account is linked automatically when exactly one person has the address, and otherwise waits
// for the secretariat.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count, eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser, unique } from '../../../test/support/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { systemActor } from '../../platform/actor.ts';
import { createSmtpTransport, deliverDueMail } from '../../platform/mail/outbox.ts';
import { events, users } from '../../platform/schema.ts';
import { people } from '../../db/schema.ts';
import { addMembership } from '../activities/memberships.ts';
import { createPerson } from '../people/index.ts';
import { signUps } from './schema.ts';

const system = systemActor('test');
const address = (prefix: string) => `${unique(prefix).toLowerCase()}@example.org`;
const password = 'my own long passphrase';

for (const engine of testEngines()) {
  describe(`sign-up on ${engine}`, () => {
    describe('by default', () => {
      let t: TestApp;
      before(async () => {
        t = await createTestApp(engine);
      });
      after(() => t.close());

      it('is closed: the pages and the form answer 404 with the reason, and nothing is written', async () => {
        const visitor = new TestClient(t.app);
        const page = await visitor.get('/sign-up');
        assert.equal(page.statusCode, 404);
        assert.match(page.body, /This Concord does not let visitors create accounts\. Ask the secretariat of your activity for an invitation\./);
        const posted = await visitor.post('/sign-up', { name: 'Eve Eager', email: address('eve'), password });
        assert.equal(posted.statusCode, 404);
        assert.equal((await t.db.select({ n: count() }).from(signUps))[0]?.n, 0);
        assert.ok(!(await visitor.get('/sign-in')).body.includes('href="/sign-up"'), 'no sign-up link on the sign-in page');
      });
    });

    describe('when the instance opens it', () => {
      let t: TestApp;
      let smtp: TestSmtpServer;
      let secretariat: TestClient;
      let activityAcronym: string;
      let activityId: number;

      /** Delivers due mail and returns the confirmation token mailed to `to` (or undefined when none was). */
      const mailedToken = async (to: string): Promise<string | undefined> => {
        const transport = createSmtpTransport(smtp.url);
        try {
          await deliverDueMail(t.db, transport, { from: t.config.mailFrom, dataDir: t.config.dataDir });
        } finally {
          transport.close();
        }
        const mail = smtp.received.filter((m) => m.envelopeTo.includes(to)).at(-1);
        return mail ? /http:\/\/concord\.test\/sign-up\/confirm\/([\w-]{43})\n/.exec(mail.text)?.[1] : undefined;
      };
      const signUp = (email: string, name = 'New Comer') => new TestClient(t.app).post('/sign-up', { name, email, password });

      before(async () => {
        [t, smtp] = await Promise.all([createTestApp(engine, { SIGN_UP: 'true' }), startSmtpServer()]);
        const activity = await makeActivity(t.db, { visibility: 'members' });
        activityAcronym = activity.acronym;
        activityId = activity.id;
        secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId })).cookie);
      });
      after(async () => {
        await t.close();
        await smtp.close();
      });

      it('creates the account only once the mailed link is confirmed, then links it to the one person with the address', async () => {
        const email = address('carla');
        const person = await createPerson(t.db, system, { name: 'Carla Contact', email, isExample: false }, 'en');
        await addMembership(t.db, system, activityId, { personId: person.id, role: 'member' }, 'en');
        const visitor = new TestClient(t.app);
        assert.match((await visitor.get('/sign-in')).body, /<a href="\/sign-up">Create one<\/a>/);
        const form = await visitor.get('/sign-up');
        assert.equal(form.statusCode, 200);
        const asked = await visitor.post('/sign-up', { name: 'Carla C.', email: email.toUpperCase(), password });
        assert.equal(asked.statusCode, 200);
        assert.match(asked.body, new RegExp(`We have sent a message to ${email.replace('.', '\\.')}\\.`));

        // No account yet: signing in fails until the address is confirmed.
        assert.equal((await new TestClient(t.app).post('/sign-in', { email, password })).statusCode, 401);
        assert.equal((await t.db.select().from(users).where(eq(users.email, email))).length, 0);
        const [pending] = await t.db.select().from(signUps).where(eq(signUps.email, email));
        assert.ok(pending?.passwordHash.startsWith('$argon2id$'), 'the password is kept only hashed');

        const token = await mailedToken(email);
        assert.ok(token);
        assert.notEqual(pending!.tokenHash, token);
        const confirmPage = await visitor.get(`/sign-up/confirm/${token}`);
        assert.equal(confirmPage.statusCode, 200, 'opening the link (as a mail scanner would) creates nothing');
        assert.equal((await t.db.select().from(users).where(eq(users.email, email))).length, 0);
        const confirmed = await visitor.post(`/sign-up/confirm/${token}`, {});
        assert.equal(confirmed.statusCode, 303);
        assert.equal(confirmed.headers.location, '/account');
        const account = await visitor.get('/account');
        assert.match(account.body, /Your address is confirmed and your account is ready\. It is linked to the contact record of Carla Contact, with its roles\./);
        const [user] = await t.db.select().from(users).where(eq(users.email, email));
        assert.ok(user?.emailVerifiedAt);
        assert.equal(user.name, 'Carla C.');
        assert.equal((await t.db.select().from(people).where(eq(people.id, person.id)))[0]?.userId, user.id);
        assert.equal((await visitor.get(`/activities/${activityAcronym}`)).statusCode, 200, 'the linked person’s role works at once');
        assert.equal((await new TestClient(t.app).post('/sign-in', { email, password })).statusCode, 303);

        const kinds = (await t.db.select({ kind: events.kind }).from(events).where(sql`(${events.subjectType} = 'sign_up' and ${events.subjectId} = ${String(pending!.id)}) or (${events.kind} = 'person.account_linked' and ${events.subjectId} = ${String(person.id)})`).orderBy(events.id)).map((e) => e.kind);
        assert.deepEqual(kinds, ['sign_up.requested', 'person.account_linked', 'sign_up.confirmed']);

        const reused = await new TestClient(t.app).post(`/sign-up/confirm/${token}`, {});
        assert.equal(reused.statusCode, 410);
        assert.match(reused.body, /This address has already been confirmed\. Sign in to use your account\./);
      });

      it('refuses an expired or unknown confirmation link with its own sentence', async () => {
        const email = address('slow');
        await signUp(email);
        const token = await mailedToken(email);
        await t.db.update(signUps).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(signUps.email, email));
        const page = await new TestClient(t.app).get(`/sign-up/confirm/${token}`);
        assert.equal(page.statusCode, 410);
        assert.match(page.body, /This confirmation link has expired\. Sign up again to get a new one\./);
        assert.equal((await new TestClient(t.app).post(`/sign-up/confirm/${token}`, {})).statusCode, 410);
        assert.equal((await t.db.select().from(users).where(eq(users.email, email))).length, 0);
        const unknown = await new TestClient(t.app).get('/sign-up/confirm/unknown-token-unknown-token-unknown-token0');
        assert.equal(unknown.statusCode, 404);
        assert.match(unknown.body, /This confirmation link is not valid\./);
      });

      it('leaves an account unlinked when no person has its address, and the secretariat links it by hand', async () => {
        const email = address('nobody');
        await signUp(email, 'Nico Nobody');
        const visitor = new TestClient(t.app);
        await visitor.post(`/sign-up/confirm/${await mailedToken(email)}`, {});
        assert.match((await visitor.get('/account')).body, /No contact record could be matched to your address, so you have no role yet/);
        const [user] = await t.db.select().from(users).where(eq(users.email, email));
        const list = await secretariat.get('/people/accounts');
        assert.equal(list.statusCode, 200);
        assert.ok(list.body.includes(email));
        assert.match(list.body, /No person has this address\./);
        const person = await createPerson(t.db, system, { name: 'Nicolas Nobody', email: address('nicolas'), isExample: false }, 'en');
        await addMembership(t.db, system, activityId, { personId: person.id, role: 'observer' }, 'en');
        const linked = await secretariat.post(`/people/accounts/${user!.id}/link`, { [`personId-${user!.id}`]: String(person.id) });
        assert.equal(linked.statusCode, 303);
        assert.equal((await t.db.select().from(people).where(eq(people.id, person.id)))[0]?.userId, user!.id);
        assert.equal((await visitor.get(`/activities/${activityAcronym}`)).statusCode, 200);
        assert.ok(!(await secretariat.get('/people/accounts')).body.includes(email), 'no longer waiting');
      });

      it('never takes a person away from the account they have', async () => {
        const owner = await makeUser(t.db, { name: 'Olivia Owner' });
        const ownerEmail = owner.user.email;
        // Someone signs up with the address after the owner's account changed address: the person keeps their account.
        await t.db.update(users).set({ email: address('moved') }).where(eq(users.id, owner.user.id));
        await signUp(ownerEmail, 'Impostor');
        const visitor = new TestClient(t.app);
        await visitor.post(`/sign-up/confirm/${await mailedToken(ownerEmail)}`, {});
        assert.equal((await t.db.select().from(people).where(eq(people.id, owner.personId)))[0]?.userId, owner.user.id);
        const list = await secretariat.get('/people/accounts');
        assert.match(list.body, /Olivia Owner has this address but is linked to another account\./);
      });

      it('mails a note instead of a link to an address that has an account, answering the visitor the same', async () => {
        const existing = await makeUser(t.db, { name: 'Erin Existing' });
        const before = (await t.db.select({ n: count() }).from(signUps))[0]?.n;
        const response = await signUp(existing.user.email, 'Erin Again');
        assert.equal(response.statusCode, 200);
        assert.match(response.body, /We have sent a message to/);
        assert.equal((await t.db.select({ n: count() }).from(signUps))[0]?.n, before);
        assert.equal(await mailedToken(existing.user.email), undefined);
        const mail = smtp.received.filter((m) => m.envelopeTo.includes(existing.user.email)).at(-1);
        assert.equal(mail?.headers.get('subject'), 'Concord: you already have an account');
        assert.match(mail!.text, /http:\/\/concord\.test\/password\/forgot/);
      });

      it('explains bad fields and throttles mail to one address (the fourth in an hour is refused)', async () => {
        const bad = await new TestClient(t.app).post('/sign-up', { name: '', email: 'nope', password: 'short' });
        assert.equal(bad.statusCode, 422);
        assert.match(bad.body, /Name: This field is required\./);
        assert.match(bad.body, /E-mail: Enter an e-mail address such as name@example\.org\./);
        const short = await new TestClient(t.app).post('/sign-up', { name: 'Sam', email: address('short'), password: 'short' });
        assert.equal(short.statusCode, 422);
        assert.match(short.body, /Password: Use at least 10 characters\./);
        assert.ok(!short.body.includes('value="short"'), 'the password is never sent back');
        const email = address('hammer');
        for (let i = 0; i < 3; i++) assert.equal((await signUp(email)).statusCode, 200);
        const refused = await signUp(email);
        assert.equal(refused.statusCode, 429);
        assert.match(refused.body, /Too many attempts in a short time\. Please try again in \d+ minutes\./);
        assert.equal((await t.db.select({ n: count() }).from(signUps).where(eq(signUps.email, email)))[0]?.n, 3);
      });
    });
  });
}
