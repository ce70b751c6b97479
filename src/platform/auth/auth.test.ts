import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { apiWithToken, TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeUser, type SignedInUser, testPassword, unique } from '../../../test/support/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { createActivity } from '../../modules/activities/activities.ts';
import { activities } from '../../modules/activities/schema.ts';
import { systemActor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { createSmtpTransport, deliverDueMail } from '../mail/outbox.ts';
import { apiTokens, events, mailOutbox, passwordResets, sessions, users } from '../schema.ts';
import { createSession, createUser, resetPassword, type User } from './accounts.ts';
import { jobHandlers } from '../../../test/support/jobs.ts';
import { runDueJobs } from '../jobs.ts';

const system = systemActor('test');
const badCredentials = 'The e-mail address or password is not correct.';
const linkSent = 'If an account exists for this address, a message with a link has been sent. The link is valid for one hour.';
const resetInvalid = 'This link is not valid or has expired. Ask for a new one.';
const newPassword = 'a brand new passphrase';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An account with a session but no password, for tests that never type one: each password costs an argon2 hash,
 * the slowest thing in this file.
 */
async function makeAccount(db: TestApp['db'], options: { admin?: boolean; name?: string } = {}): Promise<{ user: User; cookie: string }> {
  const email = `${unique('account').toLowerCase()}@example.org`;
  const user = await createUser(db, system, { email, name: options.name ?? 'Test account', isAdmin: options.admin ?? false });
  const session = await createSession(db, user.id);
  return { user, cookie: `concord_session=${session.token}` };
}

for (const engine of testEngines()) {
  describe(`accounts on ${engine}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
    });
    after(() => t.close());

    /** GET /api/v1/me with only this session cookie: 200 while the session lives, 401 after. */
    const meWithCookie = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    const sessionCookieOf = (response: { cookies: { name: string; value: string }[] }) =>
      response.cookies.find((c) => c.name === 'concord_session');
    const eventCount = async () => (await t.db.select({ n: count() }).from(events))[0]?.n;
    const userCount = async () => (await t.db.select({ n: count() }).from(users))[0]?.n;

    describe('sign-in and sign-out', () => {
      let account: SignedInUser;
      before(async () => {
        account = await makeUser(t.db, { name: 'Signing In' });
      });

      it('refuses a wrong password with a 401 page that keeps the e-mail address, and opens no session', async () => {
        const browser = new TestClient(t.app);
        await browser.get('/sign-in');
        const response = await browser.post('/sign-in', { email: account.user.email, password: 'not the password', next: '/organizations' });
        assert.equal(response.statusCode, 401);
        assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
        assert.match(response.body, new RegExp(escapeRegExp(badCredentials)));
        assert.match(response.body, new RegExp(`name="email" type="email" value="${escapeRegExp(account.user.email)}"`));
        assert.match(response.body, /name="next" value="\/organizations"/);
        assert.equal(sessionCookieOf(response), undefined);
        const unknown = await browser.post('/sign-in', { email: 'nobody@example.org', password: testPassword });
        assert.equal(unknown.statusCode, 401, 'an unknown address gets the very same answer');
        assert.match(unknown.body, new RegExp(escapeRegExp(badCredentials)));
      });

      it('signs in with the right password (any case of the address) with an httpOnly, SameSite=Lax session cookie', async () => {
        const browser = new TestClient(t.app);
        await browser.get('/sign-in');
        const response = await browser.post('/sign-in', { email: account.user.email.toUpperCase(), password: testPassword, next: '/organizations' });
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, '/organizations');
        const cookie = response.cookies.find((c) => c.name === 'concord_session');
        assert.ok(cookie?.value);
        assert.equal(cookie.httpOnly, true);
        assert.equal(cookie.sameSite, 'Lax');
        assert.equal(cookie.path, '/');
        assert.equal(cookie.secure, undefined, 'plain http in tests: the cookie is not marked Secure');
        assert.ok(cookie.expires && Math.abs(cookie.expires.getTime() - (Date.now() + 30 * 86_400_000)) < 60_000, 'lasts 30 days');
        const me = await browser.get('/api/v1/me');
        assert.equal(me.statusCode, 200);
        assert.equal(me.json().email, account.user.email);
      });

      it('ends the session on sign-out: the old cookie no longer works', async () => {
        const browser = new TestClient(t.app);
        await browser.get('/sign-in');
        const signIn = await browser.post('/sign-in', { email: account.user.email, password: testPassword });
        const token = sessionCookieOf(signIn)?.value;
        assert.ok(token);
        assert.equal((await meWithCookie(`concord_session=${token}`)).statusCode, 200);

        const signOut = await browser.post('/sign-out', {});
        assert.equal(signOut.statusCode, 303);
        assert.equal(signOut.headers.location, '/');
        const cleared = sessionCookieOf(signOut);
        assert.equal(cleared?.value, '');
        const stolen = await meWithCookie(`concord_session=${token}`);
        assert.equal(stolen.statusCode, 401);
        assert.deepEqual(stolen.json(), { error: { code: 'unauthenticated', message: 'Please sign in to continue.', details: {} } });
        assert.equal((await meWithCookie(account.cookie)).statusCode, 200, 'other sessions of the user stay open');
      });

      it('follows `next` only to a path on this site', async () => {
        const browser = new TestClient(t.app);
        const page = await browser.get('/sign-in?next=%2F%2Fevil.example');
        assert.match(page.body, /name="next" value="\/"/);
        // Each sign-in costs a password check; every other shape of address is tried on /locale in http.test.ts.
        for (const next of ['//evil.example', '/\t/evil.example']) {
          const response = await browser.post('/sign-in', { email: account.user.email, password: testPassword, next });
          assert.equal(response.statusCode, 303);
          assert.equal(response.headers.location, '/', JSON.stringify(next));
        }
        const same = await browser.post('/sign-in', { email: account.user.email, password: testPassword, next: '/activities?status=active' });
        assert.equal(same.headers.location, '/activities?status=active');
      });

      it('refuses a disabled account, and its open sessions stop working', async () => {
        const disabled = await makeUser(t.db);
        await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.user.id));
        const browser = new TestClient(t.app);
        const response = await browser.post('/sign-in', { email: disabled.user.email, password: testPassword });
        assert.equal(response.statusCode, 401);
        assert.equal((await meWithCookie(disabled.cookie)).statusCode, 401);
      });
    });

    describe('password reset', () => {
      let smtp: TestSmtpServer;
      let account: SignedInUser;
      before(async () => {
        smtp = await startSmtpServer();
        account = await makeUser(t.db, { name: 'Forgetful Person' });
      });
      after(() => smtp.close());

      const outboxRows = () => t.db.select().from(mailOutbox).where(eq(mailOutbox.purpose, 'password_reset'));
      const deliver = async () => {
        const transport = createSmtpTransport(smtp.url);
        try {
          return await deliverDueMail(t.db, transport, { from: t.config.mailFrom });
        } finally {
          transport.close();
        }
      };
      /** The worker's turn: the reset job looks the address up and queues the mail. */
      const runJobs = () => runDueJobs(t.db, jobHandlers, { config: t.config });
      /** Asks for a link and returns the token from the queued mail. */
      const requestLink = async (email: string) => {
        const before = (await outboxRows()).length;
        const response = await new TestClient(t.app).post('/password/forgot', { email });
        assert.equal(response.statusCode, 200);
        await runJobs();
        const rows = await outboxRows();
        assert.equal(rows.length, before + 1);
        const token = /\/password\/reset\/([\w-]+)/.exec(rows.at(-1)?.textBody ?? '')?.[1];
        assert.ok(token);
        return token;
      };

      it('says the same neutral thing for an unknown address, and queues nothing', async () => {
        const before = (await outboxRows()).length;
        const browser = new TestClient(t.app);
        const response = await browser.post('/password/forgot', { email: 'nobody-here@example.org' });
        assert.equal(response.statusCode, 200);
        assert.match(response.body, new RegExp(`<p class="flash" role="status">${escapeRegExp(linkSent)}</p>`));
        assert.equal(await runJobs(), 1);
        assert.equal((await outboxRows()).length, before);
        const invalid = await browser.post('/password/forgot', { email: 'not an address' });
        assert.equal(invalid.statusCode, 422);
        assert.match(invalid.body, /Enter an e-mail address such as name@example\.org\./);
      });

      it('mails a link through SMTP that sets a new password once and ends every earlier session', async () => {
        const otherDevice = new TestClient(t.app);
        const signedIn = await otherDevice.post('/sign-in', { email: account.user.email, password: testPassword });
        assert.equal(signedIn.statusCode, 303);

        // 1. Ask for the link: a mail row is queued, and the page says the same as for an unknown address.
        const browser = new TestClient(t.app);
        const asked = await browser.post('/password/forgot', { email: account.user.email });
        assert.equal(asked.statusCode, 200);
        assert.match(asked.body, new RegExp(escapeRegExp(linkSent)));
        await runJobs();
        const [row] = await outboxRows();
        assert.ok(row);
        assert.equal(row.recipient, account.user.email);
        assert.equal(row.subject, 'Concord: reset your password');
        assert.equal(row.status, 'queued');

        // 2. The worker sends it to the SMTP server.
        assert.equal(await deliver(), 1);
        assert.equal(smtp.received.length, 1);
        const mail = smtp.received[0]!;
        assert.deepEqual(mail.envelopeTo, [account.user.email]);
        assert.equal(mail.envelopeFrom, 'concord@localhost');
        assert.equal(mail.headers.get('to'), account.user.email);
        assert.equal(mail.headers.get('subject'), 'Concord: reset your password');
        assert.equal(mail.headers.get('message-id'), row.messageId);
        assert.match(mail.text, /^Hello Forgetful Person,\n/);
        const link = /http:\/\/concord\.test\/password\/reset\/([\w-]{43})\n/.exec(mail.text);
        assert.ok(link, mail.text);
        const path = `/password/reset/${link[1]}`;
        assert.equal((await t.db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id)))[0]?.status, 'sent');

        // 3. Follow the link; a too-short password is refused and the link stays usable.
        const form = await browser.get(path);
        assert.equal(form.statusCode, 200);
        assert.match(form.body, new RegExp(`<form method="post" action="${escapeRegExp(path)}"`));
        const short = await browser.post(path, { password: 'too short' });
        assert.equal(short.statusCode, 422);
        assert.match(short.body, /Use at least 10 characters\./);
        const done = await browser.post(path, { password: newPassword });
        assert.equal(done.statusCode, 303);
        assert.equal(done.headers.location, '/sign-in');

        // 4. The new password works, the old one does not, and every earlier session has ended.
        assert.equal((await browser.post('/sign-in', { email: account.user.email, password: testPassword })).statusCode, 401);
        const fresh = await browser.post('/sign-in', { email: account.user.email, password: newPassword });
        assert.equal(fresh.statusCode, 303);
        assert.equal((await browser.get('/api/v1/me')).statusCode, 200);
        assert.equal((await meWithCookie(account.cookie)).statusCode, 401);
        assert.equal((await otherDevice.get('/api/v1/me')).statusCode, 401);
        assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, account.user.id))).length, 1);

        // 5. The link cannot be used twice.
        const again = await browser.get(path);
        assert.equal(again.statusCode, 404);
        assert.match(again.body, new RegExp(escapeRegExp(resetInvalid)));
        const reuse = await browser.post(path, { password: 'yet another passphrase' });
        assert.equal(reuse.statusCode, 404);
        assert.match(reuse.body, new RegExp(escapeRegExp(resetInvalid)));
        assert.equal((await browser.post('/sign-in', { email: account.user.email, password: newPassword })).statusCode, 303);

        const kinds = await t.db
          .select({ kind: events.kind })
          .from(events)
          .where(and(eq(events.subjectType, 'user'), eq(events.subjectId, String(account.user.id))))
          .orderBy(events.id);
        assert.deepEqual(
          kinds.map((k) => k.kind).filter((k) => k.startsWith('user.password')),
          ['user.password_reset_requested', 'user.password_reset'],
        );
        assert.equal(smtp.received.length, 1, 'exactly one message went out');
      });

      it('refuses an expired link', async () => {
        const person = await makeAccount(t.db);
        const token = await requestLink(person.user.email);
        await t.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, person.user.id));
        const browser = new TestClient(t.app);
        assert.equal((await browser.get(`/password/reset/${token}`)).statusCode, 404);
        const response = await browser.post(`/password/reset/${token}`, { password: newPassword });
        assert.equal(response.statusCode, 404);
        assert.equal((await meWithCookie(person.cookie)).statusCode, 200, 'nothing changed: the session lives on');
      });

      it('changes the password once when the same link is used twice at the same moment', async () => {
        const person = await makeAccount(t.db);
        const token = await requestLink(person.user.email);
        const race = () =>
          Promise.allSettled([
            resetPassword(t.db, token, 'first racing passphrase', 'en'),
            resetPassword(t.db, token, 'second racing passphrase', 'en'),
          ]);
        let results: PromiseSettledResult<void>[];
        if (engine === 'pglite') {
          // One connection: PGlite runs the two transactions one after the other.
          results = await race();
        } else {
          // On the server, make the race certain: a third transaction holds the reset row while both requests read it
          // as unused, and lets go once both wait to mark it used.
          let holding!: () => void;
          let letGo!: () => void;
          const held = new Promise<void>((resolve) => (holding = resolve));
          const released = new Promise<void>((resolve) => (letGo = resolve));
          const holder = t.db.transaction(async (tx) => {
            await tx.select().from(passwordResets).where(eq(passwordResets.userId, person.user.id)).for('update');
            holding();
            await released;
          });
          await held;
          const racing = race();
          const waiting = async () => {
            const result = (await t.db.execute(
              sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
            )) as unknown as { rows: { n: number }[] };
            return result.rows[0]?.n ?? 0;
          };
          const deadline = Date.now() + 20_000;
          while ((await waiting()) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
          assert.equal(await waiting(), 2, 'both requests wait on the reset row');
          letGo();
          await holder;
          results = await racing;
        }
        assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
        const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        assert.ok(refused.reason instanceof AppError);
        assert.equal(refused.reason.code, 'not_found');
        const changes = await t.db
          .select()
          .from(events)
          .where(and(eq(events.kind, 'user.password_reset'), eq(events.subjectId, String(person.user.id))));
        assert.equal(changes.length, 1);
      });
    });

    describe('API tokens', () => {
      let owner: { user: User; cookie: string };
      let ownerBrowser: TestClient;
      before(async () => {
        owner = await makeAccount(t.db, { name: 'Token Owner' });
        ownerBrowser = new TestClient(t.app, owner.cookie);
      });

      it('creates a token on My account, shows it once, accepts it as Bearer, and stops accepting it once revoked', async () => {
        await ownerBrowser.get('/account');
        const created = await ownerBrowser.post('/account/tokens', { tokenName: 'ci script' });
        assert.equal(created.statusCode, 201);
        const token = /<code id="new-token">(cnc_[\w-]+)<\/code>/.exec(created.body)?.[1];
        assert.ok(token);
        const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, owner.user.id));
        assert.ok(row);
        assert.equal(row.name, 'ci script');
        assert.equal(row.prefix, token.slice(0, 10));
        assert.notEqual(row.tokenHash, token, 'only a hash is kept');

        const later = await ownerBrowser.get('/account');
        assert.equal(later.statusCode, 200);
        assert.ok(!later.body.includes(token), 'the secret is not shown again');
        assert.match(later.body, new RegExp(`ci script <code>${escapeRegExp(row.prefix)}…</code>`));

        const me = await apiWithToken(t.app, token, 'GET', '/api/v1/me');
        assert.equal(me.statusCode, 200);
        assert.deepEqual(me.json(), { id: owner.user.id, email: owner.user.email, name: 'Token Owner', isAdmin: false, locale: null });
        assert.ok((await t.db.select().from(apiTokens).where(eq(apiTokens.id, row.id)))[0]?.lastUsedAt);

        const revoked = await ownerBrowser.post(`/account/tokens/${row.id}/revoke`, {});
        assert.equal(revoked.statusCode, 303);
        assert.equal(revoked.headers.location, '/account');
        const refused = await apiWithToken(t.app, token, 'GET', '/api/v1/me');
        assert.equal(refused.statusCode, 401);
        assert.deepEqual(refused.json(), {
          error: { code: 'unauthenticated', message: 'The API token is not valid or has been revoked.', details: {} },
        });
        assert.equal((await ownerBrowser.post(`/account/tokens/${row.id}/revoke`, {})).statusCode, 404, 'revoked already');
        assert.match((await ownerBrowser.get('/account')).body, /Revoked/);
      });

      it("answers 404 to revoking another user's token, which keeps working", async () => {
        await ownerBrowser.get('/account');
        const created = await ownerBrowser.post('/account/tokens', { tokenName: 'kept' });
        const token = /<code id="new-token">(cnc_[\w-]+)<\/code>/.exec(created.body)?.[1];
        assert.ok(token);
        const [row] = await t.db.select().from(apiTokens).where(and(eq(apiTokens.userId, owner.user.id), eq(apiTokens.name, 'kept')));
        assert.ok(row);
        const intruder = new TestClient(t.app, (await makeAccount(t.db)).cookie);
        await intruder.get('/account');
        const response = await intruder.post(`/account/tokens/${row.id}/revoke`, {});
        assert.equal(response.statusCode, 404);
        assert.match(response.body, /We could not find that page\./);
        assert.equal((await t.db.select().from(apiTokens).where(eq(apiTokens.id, row.id)))[0]?.revokedAt, null);
        assert.equal((await apiWithToken(t.app, token, 'GET', '/api/v1/me')).statusCode, 200);
        assert.equal((await intruder.post('/account/tokens/99999999/revoke', {})).statusCode, 404);
        assert.equal((await intruder.post('/account/tokens/abc/revoke', {})).statusCode, 404);
        assert.equal((await intruder.post('/account/tokens/99999999999/revoke', {})).statusCode, 404);
      });

      it('asks for a name and creates nothing without one', async () => {
        await ownerBrowser.get('/account');
        const before = (await t.db.select().from(apiTokens).where(eq(apiTokens.userId, owner.user.id))).length;
        const response = await ownerBrowser.post('/account/tokens', { tokenName: '  ' });
        assert.equal(response.statusCode, 422);
        assert.match(response.body, /This field is required\./);
        assert.equal((await t.db.select().from(apiTokens).where(eq(apiTokens.userId, owner.user.id))).length, before);
      });
    });

    describe('site administration', () => {
      let admin: { user: User; cookie: string };
      let adminBrowser: TestClient;
      let memberBrowser: TestClient;
      before(async () => {
        admin = await makeAccount(t.db, { admin: true, name: 'Site Admin' });
        adminBrowser = new TestClient(t.app, admin.cookie);
        memberBrowser = new TestClient(t.app, (await makeAccount(t.db)).cookie);
      });

      it('sends anonymous visitors to sign in on pages, and answers 401 on the API', async () => {
        const anonymous = new TestClient(t.app);
        for (const url of ['/admin', '/admin/outbox', '/account']) {
          const response = await anonymous.get(url);
          assert.equal(response.statusCode, 303, url);
          assert.equal(response.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
        }
        for (const url of ['/api/v1/users', '/api/v1/me']) {
          const response = await anonymous.get(url);
          assert.equal(response.statusCode, 401, url);
          assert.deepEqual(response.json(), { error: { code: 'unauthenticated', message: 'Please sign in to continue.', details: {} } });
        }
        const users = await userCount();
        const post = await anonymous.post('/admin/users', { name: 'Intruder', email: 'intruder@example.org' });
        assert.equal(post.statusCode, 401);
        assert.match(post.body, /Please sign in to continue\./);
        assert.equal(await userCount(), users);
      });

      it('refuses users who are not site admins with 403, and writes nothing', async () => {
        for (const url of ['/admin', '/admin/outbox']) {
          const response = await memberBrowser.get(url);
          assert.equal(response.statusCode, 403, url);
          assert.match(response.body, /You do not have permission to do this\./);
        }
        const api = await memberBrowser.get('/api/v1/users');
        assert.equal(api.statusCode, 403);
        assert.deepEqual(api.json(), { error: { code: 'forbidden', message: 'You do not have permission to do this.', details: {} } });
        const users = await userCount();
        const events = await eventCount();
        assert.equal((await memberBrowser.post('/admin/users', { name: 'Self-made', email: 'selfmade@example.org' })).statusCode, 403);
        assert.equal((await memberBrowser.api('POST', '/api/v1/users', { name: 'Self-made', email: 'selfmade@example.org', isAdmin: true })).statusCode, 403);
        assert.equal(await userCount(), users);
        assert.equal(await eventCount(), events);
      });

      it('lets an admin create an account, recorded as an event by that admin', async () => {
        const page = await adminBrowser.get('/admin');
        assert.equal(page.statusCode, 200);
        assert.match(page.body, new RegExp(escapeRegExp(admin.user.email)));
        const email = `${unique('new').toLowerCase()}@example.org`;
        const response = await adminBrowser.post('/admin/users', { name: 'New Colleague', email, password: 'a long enough password' });
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, '/admin');
        const [created] = await t.db.select().from(users).where(eq(users.email, email));
        assert.ok(created);
        assert.equal(created.name, 'New Colleague');
        assert.equal(created.isAdmin, false);
        const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'user.created'), eq(events.subjectId, String(created.id))));
        assert.equal(event?.actorName, 'Site Admin');
        assert.equal(event?.actorUserId, admin.user.id);
        const outbox = await adminBrowser.get('/admin/outbox');
        assert.equal(outbox.statusCode, 200);
      });

      it('refuses an e-mail address already taken (any case) with the field message, and writes nothing', async () => {
        const users = await userCount();
        const events = await eventCount();
        const taken = admin.user.email.toUpperCase();
        const response = await adminBrowser.post('/admin/users', { name: 'Twin', email: taken });
        assert.equal(response.statusCode, 422);
        assert.match(response.body, /An account with this e-mail address already exists\./);
        assert.match(response.body, new RegExp(`value="${escapeRegExp(taken)}"`), 'the form keeps what was typed');
        const api = await adminBrowser.api('POST', '/api/v1/users', { name: 'Twin', email: admin.user.email });
        assert.equal(api.statusCode, 422);
        assert.deepEqual(api.json().error.details, { fields: { email: 'An account with this e-mail address already exists.' } });
        const short = await adminBrowser.post('/admin/users', { name: 'Weak', email: 'weak@example.org', password: 'short' });
        assert.equal(short.statusCode, 422);
        assert.match(short.body, /Use at least 10 characters\./);
        assert.equal(await userCount(), users);
        assert.equal(await eventCount(), events);
      });

      it('lists accounts on the API for admins, without password hashes', async () => {
        const response = await adminBrowser.get('/api/v1/users');
        assert.equal(response.statusCode, 200);
        const listed = response.json() as Record<string, unknown>[];
        const me = listed.find((u) => u.id === admin.user.id);
        assert.deepEqual(me, { id: admin.user.id, email: admin.user.email, name: 'Site Admin', isAdmin: true, locale: null });
        assert.ok(!response.body.includes('argon2'));
      });
    });

    describe('one transaction per change', () => {
      it('leaves no row and no event when createUser fails on a duplicate address', async () => {
        const existing = await createUser(t.db, system, { email: `${unique('dup').toLowerCase()}@example.org`, name: 'First' });
        const users = await userCount();
        const events = await eventCount();
        await assert.rejects(
          createUser(t.db, system, { email: existing.email.toUpperCase(), name: 'Second' }),
          (error: unknown) =>
            error instanceof AppError &&
            error.code === 'validation_failed' &&
            error.details.fields?.email === 'An account with this e-mail address already exists.',
        );
        assert.equal(await userCount(), users);
        assert.equal(await eventCount(), events);
      });

      it('rolls back the activity and its event when the terms of reference written after them fail', async () => {
        const acronym = unique('JCA-');
        const events = await eventCount();
        // PostgreSQL text cannot hold a NUL character: the third write of createActivity (terms of reference) fails
        // after the activity row and its activity.created event were written in the same transaction.
        await assert.rejects(
          createActivity(t.db, system, { acronym, nameEn: 'Half-made activity', visibility: 'public', status: 'active' }, 'en', {
            scope: 'Scope with a \u0000 in it',
            objectives: [],
            participation: '',
            workingMethods: '',
            administrativeSupport: '',
            meetings: '',
            reporting: '',
            duration: '',
            changeNote: '',
          }),
        );
        assert.deepEqual(await t.db.select().from(activities).where(sql`lower(${activities.acronym}) = ${acronym.toLowerCase()}`), []);
        assert.equal(await eventCount(), events);
      });
    });
  });
}
