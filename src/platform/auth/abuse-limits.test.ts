// Issue 13, defects 4 and 7: sign-in locks after repeated wrong passwords (per account and per address), anonymous
// writes are limited per address, password resets are throttled and equal in cost whether the account exists, a used
// reset link spends the others, sessions end when idle, the CSRF secret is renewed at sign-in, and the admin's outbox
// hides live links.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeUser, type SignedInUser, testPassword } from '../../../test/support/factories.ts';
import { jobHandlers } from '../../../test/support/jobs.ts';
import { runDueJobs } from '../jobs.ts';
import { events, jobs, mailOutbox, passwordResets, sessions, throttles } from '../schema.ts';

const badCredentials = 'The e-mail address or password is not correct.';
const locked = 'Sign-in is paused after too many wrong passwords. Try again in 15 minutes, or reset your password.';

/** A client whose requests come through the proxy from `address` (X-Forwarded-For, trusted from 127.0.0.1). */
function from(t: TestApp, address: string, cookie?: string) {
  const client = new TestClient(t.app, cookie);
  const forwarded = { 'x-forwarded-for': address };
  return {
    client,
    get: (url: string) => client.get(url, forwarded),
    post: (url: string, fields: Record<string, string>) =>
      client.send({ method: 'POST', url, headers: { ...forwarded, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() }),
  };
}

/** Lets `minutes` pass for every throttle and lock. */
const age = (t: TestApp, minutes: number) =>
  t.db.update(throttles).set({ windowStartedAt: sql`${throttles.windowStartedAt} - make_interval(mins => ${minutes})` });

for (const engine of testEngines()) {
  describe(`abuse limits on ${engine}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine, { SIGN_IN_FAILURES_PER_ADDRESS: '25', ANONYMOUS_WRITES_PER_MINUTE: '40', PASSWORD_RESETS_PER_HOUR: '3', UNSUBSCRIBES_PER_MINUTE: '5' });
    });
    after(() => t.close());
    const rowCounts = async () => {
      const n = async (table: typeof jobs | typeof throttles | typeof passwordResets | typeof mailOutbox | typeof events) => (await t.db.select({ n: count() }).from(table))[0]?.n ?? 0;
      return { jobs: await n(jobs), throttles: await n(throttles), passwordResets: await n(passwordResets), mails: await n(mailOutbox), events: await n(events) };
    };
    const lockMails = (to: string) => t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'sign_in_locked'), eq(mailOutbox.recipient, to)));

    it('locks an account for 15 minutes after 10 wrong passwords, the right one included, and mails its owner once', async () => {
      const owner = await makeUser(t.db, { name: 'Targeted Person' });
      const other = await makeUser(t.db);
      const attacker = from(t, '198.51.100.1');
      await attacker.get('/sign-in');
      for (let i = 1; i <= 9; i++) {
        const response = await attacker.post('/sign-in', { email: owner.user.email, password: `guess number ${i}` });
        assert.equal(response.statusCode, 401, `attempt ${i}`);
        assert.ok(response.body.includes(badCredentials));
      }
      const tenth = await attacker.post('/sign-in', { email: owner.user.email, password: 'guess number 10' });
      assert.equal(tenth.statusCode, 429);
      assert.ok(tenth.body.includes(locked), tenth.body.slice(0, 200));
      assert.equal(tenth.headers['retry-after'], '900');
      // Locked: the right password is refused too, from anywhere, and nothing more is counted or mailed.
      for (const address of ['198.51.100.1', '203.0.113.7']) {
        const right = await from(t, address).post('/sign-in', { email: owner.user.email.toUpperCase(), password: testPassword });
        assert.equal(right.statusCode, 429, address);
        assert.equal(right.cookies.find((c) => c.name === 'concord_session'), undefined);
      }
      const mails = await lockMails(owner.user.email);
      assert.equal(mails.length, 1);
      assert.equal(mails[0]?.subject, 'Concord: sign-in to your account is paused');
      assert.match(mails[0]?.textBody ?? '', /wrong password for your Concord account 10 times in a row, so signing in to it is paused for 15 minutes/);
      assert.match(mails[0]?.textBody ?? '', /http:\/\/concord\.test\/password\/forgot/);
      const [event] = await t.db.select().from(events).where(and(eq(events.kind, 'user.sign_in_locked'), eq(events.subjectId, String(owner.user.id))));
      assert.ok(event);
      // Another account signs in as usual from the attacker's address (25 failures per address are allowed).
      assert.equal((await attacker.post('/sign-in', { email: other.user.email, password: testPassword })).statusCode, 303);

      // 15 minutes later the lock is over; the right password works and clears the count.
      await age(t, 16);
      const later = await from(t, '203.0.113.7').post('/sign-in', { email: owner.user.email, password: testPassword });
      assert.equal(later.statusCode, 303);
      assert.equal((await t.db.select().from(throttles).where(eq(throttles.key, `sign-in:account:${owner.user.email}`))).length, 0);
      assert.equal((await lockMails(owner.user.email)).length, 1);
    });

    it('locks an address that has no account the same way, so the lock tells nothing, and mails nobody', async () => {
      const attacker = from(t, '198.51.100.2');
      await attacker.get('/sign-in');
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await attacker.post('/sign-in', { email: 'nobody@example.org', password: `guess ${i}` })).statusCode);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
      assert.equal((await lockMails('nobody@example.org')).length, 0);
    });

    it('locks sign-in from an address after 25 wrong passwords over any accounts, and only from that address', async () => {
      await age(t, 16);
      const accounts: SignedInUser[] = [];
      for (let i = 0; i < 6; i++) accounts.push(await makeUser(t.db));
      const stuffer = from(t, '198.51.100.3');
      await stuffer.get('/sign-in');
      let last = 0;
      for (let i = 0; i < 25; i++) last = (await stuffer.post('/sign-in', { email: accounts[i % 5]!.user.email, password: `leaked ${i}` })).statusCode;
      assert.equal(last, 429);
      assert.equal((await stuffer.post('/sign-in', { email: accounts[5]!.user.email, password: testPassword })).statusCode, 429);
      assert.equal((await from(t, '198.51.100.4').post('/sign-in', { email: accounts[5]!.user.email, password: testPassword })).statusCode, 303);
    });

    it('limits anonymous writes per address to 40 a minute, never reads, and never a signed-in user', async () => {
      await t.db.delete(throttles);
      const visitor = from(t, '198.51.100.5');
      await visitor.get('/sign-in');
      const statuses = [];
      for (let i = 0; i < 40; i++) statuses.push((await visitor.post('/password/forgot', { email: `someone${i}@example.org` })).statusCode);
      assert.deepEqual([...new Set(statuses)], [200]);
      const refused = await visitor.post('/sign-in', { email: 'someone@example.org', password: 'x' });
      assert.equal(refused.statusCode, 429);
      assert.ok(Number(refused.headers['retry-after']) > 0 && Number(refused.headers['retry-after']) <= 60, String(refused.headers['retry-after']));
      assert.ok(refused.body.includes('Too many attempts in a short time. Please try again in a minute.'));
      // Reads from the same address go on, as do writes from another address and from a signed-in user behind it.
      for (let i = 0; i < 50; i++) assert.equal((await visitor.get('/organizations')).statusCode, 200);
      assert.equal((await from(t, '198.51.100.6').post('/sign-in', { email: 'a@example.org', password: 'x' })).statusCode, 401);
      const member = await makeUser(t.db);
      const signedIn = from(t, '198.51.100.5', member.cookie);
      await signedIn.get('/account');
      assert.equal((await signedIn.post('/account', { name: 'Still Writing' })).statusCode, 303);
    });

    it('counts a burst of anonymous writes sent at once exactly: 40 of 50 pass, the others are refused', async () => {
      const visitor = from(t, '198.51.100.9');
      await visitor.get('/sign-in');
      const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => visitor.post('/password/forgot', { email: `burst${i}@example.org` }).then((r) => r.statusCode)));
      assert.deepEqual(
        Object.fromEntries([...new Set(statuses)].map((status) => [status, statuses.filter((s) => s === status).length])),
        { 200: 40, 429: 10 },
      );
      const [row] = await t.db.select().from(throttles).where(eq(throttles.key, 'rate:198.51.100.9'));
      assert.equal(row?.hits, 50);
    });

    it('counts one-click unsubscribes (RFC 8058) apart from the other anonymous writes, with their own limit', async () => {
      await t.db.delete(throttles);
      // As a mail provider posts them: no cookie, no CSRF token. An unknown token is a 404, counted all the same.
      const unsubscribe = (address: string, i: number) =>
        t.app.inject({
          method: 'POST',
          url: `/lists/unsubscribe/unknown-token-${i}`,
          headers: { 'x-forwarded-for': address, 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'List-Unsubscribe=One-Click',
        });
      // An address that used up its 40 writes still unsubscribes, up to 5 a minute, then is told to wait.
      const busy = from(t, '198.51.100.7');
      await busy.get('/sign-in');
      // Choosing the language is such a write, and queues no mail (the password-reset tests below count theirs).
      for (let i = 0; i < 40; i++) await busy.post('/locale', { locale: 'en' });
      assert.equal((await busy.post('/locale', { locale: 'en' })).statusCode, 429);
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await unsubscribe('198.51.100.7', i)).statusCode);
      assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429]);
      // And unsubscribes take nothing from the other writes' count: after 5 of them, 40 writes still pass.
      for (let i = 0; i < 5; i++) assert.equal((await unsubscribe('198.51.100.8', i)).statusCode, 404);
      const other = from(t, '198.51.100.8');
      await other.get('/sign-in');
      const writes = [];
      for (let i = 0; i < 40; i++) writes.push((await other.post('/locale', { locale: 'en' })).statusCode);
      assert.deepEqual([...new Set(writes)], [303]);
    });

    describe('password reset', () => {
      const runJobs = () => runDueJobs(t.db, jobHandlers, { config: t.config });
      const resetMails = (to: string) => t.db.select().from(mailOutbox).where(and(eq(mailOutbox.purpose, 'password_reset'), eq(mailOutbox.recipient, to)));
      before(() => t.db.delete(throttles));

      it('sends at most 3 links an hour to one address, whether or not it has an account', async () => {
        const owner = await makeUser(t.db);
        for (const address of [owner.user.email, 'no-account@example.org']) {
          const statuses = [];
          for (let i = 0; i < 5; i++) statuses.push((await from(t, `198.51.100.${10 + i}`).post('/password/forgot', { email: address })).statusCode);
          assert.deepEqual(statuses, [200, 200, 200, 429, 429], address);
        }
        await runJobs();
        assert.equal((await resetMails(owner.user.email)).length, 3);
      });

      it('does the same work for an address with an account as for one without (one count, one job), so timing tells nothing', async () => {
        await t.db.delete(throttles);
        const owner = await makeUser(t.db);
        /** What one request wrote: the rows it added to each table the reset touches. */
        const ask = async (email: string, clientAddress: string) => {
          const client = from(t, clientAddress);
          await client.get('/password/forgot');
          const before = await rowCounts();
          const response = await client.post('/password/forgot', { email });
          const after = await rowCounts();
          return { response, added: Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k as keyof typeof before] ?? 0)])) };
        };
        const known = await ask(owner.user.email, '198.51.100.21');
        const unknown = await ask('never-registered@example.org', '198.51.100.22');
        assert.equal(known.response.statusCode, 200);
        assert.equal(unknown.response.statusCode, 200);
        assert.equal(known.response.body.replace(/value="[^"]+"/g, ''), unknown.response.body.replace(/value="[^"]+"/g, ''));
        // The answer writes the same rows either way; the link and the mail are the worker's.
        // (two counts: the client address's writes and the e-mail address's resets)
        assert.deepEqual(known.added, { jobs: 1, throttles: 2, passwordResets: 0, mails: 0, events: 0 });
        assert.deepEqual(unknown.added, known.added);
      });

      it('spends every other link of the account when one is used', async () => {
        await t.db.delete(throttles);
        const owner = await makeUser(t.db);
        for (let i = 0; i < 2; i++) await from(t, '198.51.100.30').post('/password/forgot', { email: owner.user.email });
        await runJobs();
        const tokens = (await resetMails(owner.user.email)).map((m) => /\/password\/reset\/([\w-]+)/.exec(m.textBody)?.[1] ?? '');
        assert.equal(tokens.length, 2);
        const browser = new TestClient(t.app);
        await browser.get(`/password/reset/${tokens[1]}`);
        assert.equal((await browser.post(`/password/reset/${tokens[1]}`, { password: 'the second link won' })).statusCode, 303);
        assert.equal((await browser.get(`/password/reset/${tokens[0]}`)).statusCode, 404);
        assert.equal((await browser.post(`/password/reset/${tokens[0]}`, { password: 'the first link tried' })).statusCode, 404);
        const open = await t.db.select().from(passwordResets).where(and(eq(passwordResets.userId, owner.user.id), sql`${passwordResets.usedAt} is null`));
        assert.equal(open.length, 0);
      });

      it('shows the admin each mail with its links cut short, never a live reset link', async () => {
        await t.db.delete(throttles);
        const owner = await makeUser(t.db);
        await from(t, '198.51.100.40').post('/password/forgot', { email: owner.user.email });
        await runJobs();
        const [mail] = await resetMails(owner.user.email);
        const token = /\/password\/reset\/([\w-]+)/.exec(mail?.textBody ?? '')?.[1] ?? '';
        assert.equal(token.length, 43);
        const admin = new TestClient(t.app, (await makeUser(t.db, { admin: true })).cookie);
        const page = await admin.get('/admin/outbox');
        assert.equal(page.statusCode, 200);
        assert.ok(!page.body.includes(token), 'the live token is not on the page');
        assert.ok(page.body.includes(`http://concord.test/password/reset/${token.slice(0, 4)}…`));
      });
    });

    describe('sessions', () => {
      const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
      const lastSeen = async (userId: number) => (await t.db.select().from(sessions).where(eq(sessions.userId, userId)))[0]?.lastSeenAt;

      it('ends a session unused for 8 hours, and writes its last use at most once per 5 minutes', async () => {
        const user = await makeUser(t.db);
        const recent = new Date(Date.now() - 60_000);
        await t.db.update(sessions).set({ lastSeenAt: recent }).where(eq(sessions.userId, user.user.id));
        for (let i = 0; i < 5; i++) assert.equal((await me(user.cookie)).statusCode, 200);
        assert.equal((await lastSeen(user.user.id))?.getTime(), recent.getTime(), 'used a minute ago: not written again');

        await t.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 6 * 60_000) }).where(eq(sessions.userId, user.user.id));
        assert.equal((await me(user.cookie)).statusCode, 200);
        assert.ok(Date.now() - ((await lastSeen(user.user.id))?.getTime() ?? 0) < 60_000, 'used six minutes ago: written now');

        await t.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 8 * 3_600_000 - 60_000) }).where(eq(sessions.userId, user.user.id));
        assert.equal((await me(user.cookie)).statusCode, 401);
      });

      it('renews the CSRF secret at sign-in: a token from before no longer passes', async () => {
        const user = await makeUser(t.db);
        const browser = from(t, '198.51.100.50');
        const page = await browser.get('/sign-in');
        const before = page.cookies.find((c) => c.name === '_csrf')?.value;
        const oldToken = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
        assert.ok(before && oldToken);
        const signedIn = await browser.post('/sign-in', { email: user.user.email, password: testPassword });
        assert.equal(signedIn.statusCode, 303);
        const after = signedIn.cookies.find((c) => c.name === '_csrf')?.value;
        assert.ok(after && after !== before, 'a new secret is set');
        const forged = await browser.client.post('/account', { name: 'Forged' }, { csrf: oldToken });
        assert.equal(forged.statusCode, 403);
      });
    });
  });
}
