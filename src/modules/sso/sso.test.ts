import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { Browser, freePort, startOpenIdProvider, type TestProvider } from '../../../test/support/openid-provider.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { unique } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { createUser } from '../../platform/auth/accounts.ts';
import { events, sessions, users } from '../../platform/schema.ts';
import { people } from '../../db/schema.ts';
import { createPerson } from '../people/people.ts';
import { oidcIdentities, oidcLogins } from './schema.ts';

const system = systemActor('test');
const clientSecret = 'the client secret of the tests';

for (const engine of testEngines()) {
  describe(`single sign-on against a real OpenID provider on ${engine}`, () => {
    let t: TestApp;
    let idp: TestProvider;
    let base: string;

    before(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      idp = await startOpenIdProvider({ clientId: 'concord', clientSecret, redirectUris: [`${base}/sign-in/oidc/idp/callback`] });
      const providers = [
        { id: 'idp', label: 'Test ID', labelFr: 'ID d’essai', issuer: idp.issuer, clientId: 'concord', clientSecret },
        // The same provider reached under another name: its metadata names a different issuer than the one configured.
        { id: 'wrong', label: 'Impostor', issuer: idp.alias, clientId: 'concord', clientSecret },
      ];
      t = await createTestApp(engine, { BASE_URL: base, OIDC_PROVIDERS: JSON.stringify(providers) });
      await t.app.listen({ port, host: '127.0.0.1' });
    });
    after(async () => {
      await t.close();
      await idp.close();
    });

    /** Opens the sign-in page, presses the provider's button, and returns the redirect to the provider. */
    async function startAt(browser: Browser, provider = 'idp', next = '/account') {
      const page = await browser.request(new URL(`/sign-in?next=${encodeURIComponent(next)}`, base));
      assert.equal(page.status, 200);
      const form = page.body.slice(page.body.indexOf(`action="/sign-in/oidc/${provider}"`) - 40);
      return browser.submit({ ...page, body: form });
    }

    /** From the redirect to the provider to the provider's redirect back to Concord, through its login and consent. */
    async function signInAtProvider(browser: Browser, toProvider: URL, login: string): Promise<URL> {
      const isCallback = (url: URL) => url.origin === base;
      const loginPage = await browser.follow(toProvider, isCallback);
      assert.match(loginPage.body, /name="login"/, 'the provider asks who signs in');
      const consent = await browser.follow(await browser.submit(loginPage, { login, password: 'any' }), isCallback);
      assert.match(consent.body, /name="prompt" value="consent"/, 'the provider asks for consent');
      const back = await browser.follow(await browser.submit(consent), isCallback);
      assert.ok(back.location && isCallback(back.location), `the provider sends the browser back (${back.status} ${back.location})`);
      return back.location;
    }

    it('shows a button per provider on the sign-in page, in the reader’s language', async () => {
      const en = await t.app.inject({ method: 'GET', url: '/sign-in' });
      assert.match(en.body, /<button type="submit">Sign in with Test ID<\/button>/);
      assert.match(en.body, /Sign in with Impostor/);
      const fr = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { 'accept-language': 'fr' } });
      assert.match(fr.body, /Se connecter avec ID d’essai/);
    });

    it('signs in a new person: an account with the verified address, linked to the one person with it; the next sign-in finds it by subject', async () => {
      const email = `${unique('alice').toLowerCase()}@example.org`;
      const person = await createPerson(t.db, system, { name: 'Alice Example', email }, 'en');
      const subject = unique('sub-alice');
      idp.accounts.set(subject, { email, email_verified: true, name: 'Alice Example' });
      const browser = new Browser();
      const started = await startAt(browser);
      assert.equal(started.status, 303);
      const request = started.location!;
      assert.equal(request.origin, idp.issuer);
      assert.equal(request.searchParams.get('code_challenge_method'), 'S256');
      for (const p of ['code_challenge', 'state', 'nonce']) assert.ok((request.searchParams.get(p) ?? '').length >= 43, `${p} is random and long`);
      assert.equal(request.searchParams.get('redirect_uri'), `${base}/sign-in/oidc/idp/callback`);

      const callback = await signInAtProvider(browser, request, subject);
      assert.equal(callback.searchParams.get('iss'), idp.issuer);
      const landed = await browser.request(callback);
      assert.equal(landed.status, 303, landed.body);
      assert.equal(landed.location?.pathname, '/account');
      const account = await browser.request(landed.location!);
      assert.equal(account.status, 200);
      assert.match(account.body, new RegExp(email.replace('.', '\\.')));
      assert.match(account.body, /Signed in as Alice Example\./);
      assert.match(account.body, new RegExp(`href="/people/${person.id}"`), 'the account carries the person’s roles');

      const [user] = await t.db.select().from(users).where(eq(users.email, email));
      assert.ok(user?.emailVerifiedAt, 'the provider verified the address');
      assert.equal(user?.passwordHash, null, 'no password: this account signs in through its provider');
      assert.equal((await t.db.select().from(people).where(eq(people.id, person.id)))[0]?.userId, user!.id);
      assert.deepEqual(
        (await t.db.select({ issuer: oidcIdentities.issuer, subject: oidcIdentities.subject }).from(oidcIdentities).where(eq(oidcIdentities.userId, user!.id))),
        [{ issuer: idp.issuer, subject }],
      );
      const kinds = (await t.db.select({ kind: events.kind }).from(events).where(sql`${events.after}->>'email' = ${email} or ${events.after}->>'account' = ${email}`)).map((e) => e.kind).sort();
      assert.deepEqual(kinds, ['person.account_linked', 'person.created', 'user.created', 'user.identity_linked']);

      // Replaying the same answer signs nobody in: its state is spent.
      const replay = await browser.request(callback);
      assert.equal(replay.status, 400);
      assert.match(replay.body, /This sign-in answer was already used, has expired, or was started in another browser\./);
      // The answer carried to another browser (an attacker's, or a victim's in a login forgery) is refused as well.
      const elsewhere = await new Browser().request(callback);
      assert.equal(elsewhere.status, 400);
      assert.match(elsewhere.body, /already used, has expired, or was started in another browser/);

      // The address changes at the provider: the subject still finds the same account, and nothing new is made.
      idp.accounts.set(subject, { email: `renamed-${email}`, email_verified: true, name: 'Alice Example' });
      const again = new Browser();
      const back = await again.request(await signInAtProvider(again, (await startAt(again)).location!, subject));
      assert.equal(back.status, 303, back.body);
      const cookie = again.cookie('127.0.0.1', 'concord_session');
      assert.ok(cookie);
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `concord_session=${cookie}` } });
      assert.equal(me.json().id, user!.id);
      assert.equal((await t.db.select().from(users).where(sql`lower(${users.email}) like ${`%${email}`}`)).length, 1);
    });

    it('links an existing account (made by an admin, address not yet verified) to the identity with the same verified address', async () => {
      const email = `${unique('bob').toLowerCase()}@example.org`;
      const bob = await createUser(t.db, system, { email, name: 'Bob Local', password: 'a long enough password' });
      assert.equal(bob.emailVerifiedAt, null);
      const subject = unique('sub-bob');
      idp.accounts.set(subject, { email: email.toUpperCase(), email_verified: true, name: 'Robert' });
      const browser = new Browser();
      const back = await browser.request(await signInAtProvider(browser, (await startAt(browser, 'idp', '/')).location!, subject));
      assert.equal(back.status, 303, back.body);
      assert.equal(back.location?.pathname, '/');
      const [after] = await t.db.select().from(users).where(eq(users.id, bob.id));
      assert.ok(after?.emailVerifiedAt, 'the address is now verified');
      assert.equal(after?.name, 'Bob Local', 'the account keeps its name');
      assert.equal((await t.db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, bob.id))).length, 1);
      assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, bob.id))).length, 1, 'one session opened');
      const landing = await browser.request(back.location!);
      assert.match(landing.body, /No contact record matches your address, so you have no role yet/);
    });

    it('refuses an address the provider has not verified, says so, and makes no account', async () => {
      const email = `${unique('carol').toLowerCase()}@example.org`;
      await createPerson(t.db, system, { name: 'Carol', email }, 'en');
      const subject = unique('sub-carol');
      idp.accounts.set(subject, { email, email_verified: false, name: 'Carol' });
      const browser = new Browser();
      const page = await browser.request(await signInAtProvider(browser, (await startAt(browser)).location!, subject));
      assert.equal(page.status, 400);
      assert.match(page.body, new RegExp(`Test ID has not verified that ${email.replace('.', '\\.')} is your address, so Concord cannot link it to an account\\.`));
      assert.match(page.body, /<h1>Sign in<\/h1>/, 'the words are on the sign-in page');
      assert.equal(browser.cookie('127.0.0.1', 'concord_session'), undefined);
      assert.deepEqual(await t.db.select().from(users).where(eq(users.email, email)), []);
      assert.deepEqual(await t.db.select().from(oidcIdentities).where(eq(oidcIdentities.subject, subject)), []);
    });

    it('refuses a provider whose metadata names another issuer than the one configured', async () => {
      const browser = new Browser();
      const page = await startAt(browser, 'wrong');
      assert.equal(page.status, 502);
      assert.match(page.body, /Impostor did not identify itself as the provider configured here, so Concord did not trust its answer and you are not signed in\./);
      assert.match(page.body, /<h1>Sign in<\/h1>/);
    });

    it('refuses an answer that says it comes from another issuer (a mix-up), and spends its state', async () => {
      const subject = unique('sub-dave');
      idp.accounts.set(subject, { email: `${subject.toLowerCase()}@example.org`, email_verified: true });
      const browser = new Browser();
      const callback = await signInAtProvider(browser, (await startAt(browser)).location!, subject);
      callback.searchParams.set('iss', 'https://attacker.example');
      const page = await browser.request(callback);
      assert.equal(page.status, 502);
      assert.match(page.body, /Test ID did not identify itself as the provider configured here/);
      assert.equal(browser.cookie('127.0.0.1', 'concord_session'), undefined);
      const [login] = await t.db.select().from(oidcLogins).where(eq(oidcLogins.nonce, (await lastNonce(callback))!));
      assert.ok(login?.usedAt, 'the state cannot be tried again');
    });

    it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
      const subject = unique('sub-erin');
      idp.accounts.set(subject, { email: `${subject.toLowerCase()}@example.org`, email_verified: true });
      const browser = new Browser();
      const request = (await startAt(browser)).location!;
      // Someone between the browser and the provider swaps the nonce: the provider signs the one it was given.
      request.searchParams.set('nonce', 'a-nonce-concord-never-sent-0123456789abcdefghijk');
      const page = await browser.request(await signInAtProvider(browser, request, subject));
      assert.equal(page.status, 400);
      assert.match(page.body, /The answer from Test ID could not be verified, so you are not signed in\./);
      assert.equal(browser.cookie('127.0.0.1', 'concord_session'), undefined);
      assert.deepEqual(await t.db.select().from(oidcIdentities).where(eq(oidcIdentities.subject, subject)), []);
    });

    it('says so when the person cancels at the provider, and answers 404 for a provider that is not configured', async () => {
      const browser = new Browser();
      const request = (await startAt(browser)).location!;
      const callback = new URL(`${base}/sign-in/oidc/idp/callback`);
      callback.searchParams.set('error', 'access_denied');
      callback.searchParams.set('state', request.searchParams.get('state')!);
      callback.searchParams.set('iss', idp.issuer);
      const page = await browser.request(callback);
      assert.equal(page.status, 400);
      assert.match(page.body, /You did not finish signing in at Test ID\./);
      const unknown = await browser.request(new URL('/sign-in/oidc/nobody/callback?state=x', base));
      assert.equal(unknown.status, 404);
      assert.match(unknown.body, /This sign-in provider is not configured here\./);
    });

    it('refuses a callback without a state, or with one never issued, in words and never a 500', async () => {
      for (const query of ['', '?code=abc', '?code=abc&state=never-issued', `?state=${'x'.repeat(5000)}`]) {
        const page = await new Browser().request(new URL(`/sign-in/oidc/idp/callback${query}`, base));
        assert.equal(page.status, 400, query);
        assert.match(page.body, /This sign-in answer was already used, has expired, or was started in another browser\./);
      }
    });

    /** The nonce of the pending sign-in whose state this callback carries. */
    async function lastNonce(callback: URL) {
      const { hashToken } = await import('../../platform/tokens.ts');
      const [row] = await t.db.select({ nonce: oidcLogins.nonce }).from(oidcLogins).where(and(eq(oidcLogins.stateHash, hashToken(callback.searchParams.get('state')!))));
      return row?.nonce;
    }
  });
}
