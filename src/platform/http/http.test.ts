import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { apiWithToken, TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { unique } from '../../../test/support/factories.ts';
import { systemActor, type UserActor } from '../actor.ts';
import { createApiToken, createSession, createUser, type User, updateProfile } from '../auth/accounts.ts';
import { apiTokens, events, users } from '../schema.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A line of a JavaScript stack trace, which must never reach a visitor. */
const stackLine = /\n\s+at [^\n]+\(?[^\n]*:\d+:\d+/;

function actorFor(user: User): UserActor {
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin, locale: user.locale, personId: null, roles: new Map() };
}

/** An account with a session; no password, since none of these tests types one and each costs an argon2 hash. */
async function makeAccount(db: TestApp['db'], options: { admin?: boolean } = {}): Promise<{ user: User; cookie: string }> {
  const email = `${unique('account').toLowerCase()}@example.org`;
  const user = await createUser(db, systemActor('test'), { email, name: 'Test account', isAdmin: options.admin ?? false });
  const session = await createSession(db, user.id);
  return { user, cookie: `concord_session=${session.token}` };
}

const csrfMessage = 'This form has expired or did not come from Concord. Please reload the page and try again.';

for (const engine of testEngines()) {
  describe(`HTTP on ${engine}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
    });
    after(() => t.close());

    describe('errors', () => {
      let adminToken: string;
      before(async () => {
        const admin = await makeAccount(t.db, { admin: true });
        adminToken = (await createApiToken(t.db, actorFor(admin.user), 'errors')).token;
      });

      it('answers an unknown page with a readable 404 page in the visitor language, without internals', async () => {
        const response = await t.app.inject({ method: 'GET', url: '/no/such/page', headers: { 'accept-language': 'fr-CH, en;q=0.5' } });
        assert.equal(response.statusCode, 404);
        assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
        assert.match(response.body, /^<!doctype html><html lang="fr">/);
        assert.match(response.body, /<p class="lead">Nous n’avons pas trouvé cette page\.<\/p>/);
        assert.doesNotMatch(response.body, stackLine);
        assert.doesNotMatch(response.body, /AppError|not_found/);
      });

      it('refuses text with a NUL character, naming the field, for API and forms alike, writing nothing', async () => {
        const api = await apiWithToken(t.app, adminToken, 'POST', '/api/v1/organizations', { kind: 'forum', acronym: 'NUL', name: 'Bad \u0000 name' });
        assert.equal(api.statusCode, 422);
        assert.deepEqual(api.json().error.details.fields, {
          name: 'This text contains an invisible NUL character, which cannot be stored. Remove it and try again.',
        });
        const admin = await makeAccount(t.db, { admin: true });
        const form = await new TestClient(t.app, admin.cookie).post('/organizations', { kind: 'forum', acronym: 'NUL', name: 'Bad \u0000 name' });
        assert.equal(form.statusCode, 422);
        assert.match(form.body, /This text contains an invisible NUL character/);
        const rows = await t.db.execute(sql`select count(*)::int as n from organizations where acronym = 'NUL'`);
        assert.equal((rows as unknown as { rows: { n: number }[] }).rows[0]?.n, 0);
      });

      it('answers an unknown API path with the JSON error shape', async () => {
        const response = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
        assert.equal(response.statusCode, 404);
        assert.match(String(response.headers['content-type']), /^application\/json/);
        assert.deepEqual(response.json(), { error: { code: 'not_found', message: 'We could not find that page.', details: {} } });
        const french = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { 'accept-language': 'fr' } });
        assert.equal(french.json().error.message, 'Nous n’avons pas trouvé cette page.');
      });

      it('answers in JSON wherever the caller asks for JSON', async () => {
        const response = await t.app.inject({ method: 'GET', url: '/no/such/page', headers: { accept: 'application/json' } });
        assert.equal(response.statusCode, 404);
        assert.equal(response.json().error.code, 'not_found');
      });

      it('refuses a body that is not JSON with 400 bad_request', async () => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/organizations',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          payload: '{"kind": "forum", "acronym": ',
        });
        assert.equal(response.statusCode, 400);
        assert.deepEqual(response.json(), { error: { code: 'bad_request', message: 'The body is not valid JSON.', details: {} } });
      });

      it('refuses a body over 1 MiB (413) and a content type it does not read (415)', async () => {
        const big = await t.app.inject({
          method: 'POST',
          url: '/api/v1/organizations',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          payload: JSON.stringify({ kind: 'forum', acronym: 'BIG', name: 'x'.repeat(1024 * 1024) }),
        });
        assert.equal(big.statusCode, 413);
        assert.deepEqual(big.json(), { error: { code: 'payload_too_large', message: 'What you sent is too large.', details: {} } });
        const xml = await t.app.inject({
          method: 'POST',
          url: '/api/v1/organizations',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/xml' },
          payload: '<organization/>',
        });
        assert.equal(xml.statusCode, 415);
        assert.equal(xml.json().error.code, 'unsupported_media_type');
      });

      it('answers an unexpected failure with 500, a generic message and the request id as reference, never internals', async () => {
        // A real failure the code does not expect: the table behind API tokens is gone while requests come in.
        await t.db.execute(sql`alter table api_tokens rename to api_tokens_away`);
        try {
          const json = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${adminToken}` } });
          assert.equal(json.statusCode, 500);
          const reference = json.headers['x-request-id'];
          assert.match(String(reference), uuid);
          assert.deepEqual(json.json(), {
            error: {
              code: 'internal',
              message: 'Something went wrong on our side. The problem has been logged; please try again later.',
              details: { reference },
            },
          });

          const page = await t.app.inject({
            method: 'GET',
            url: '/organizations',
            headers: { authorization: `Bearer ${adminToken}`, 'accept-language': 'fr', 'x-request-id': 'trace-500-page' },
          });
          assert.equal(page.statusCode, 500);
          assert.equal(page.headers['x-request-id'], 'trace-500-page');
          assert.match(page.body, /<html lang="fr">/);
          assert.match(page.body, /Une erreur s’est produite de notre côté\./);
          assert.match(page.body, /Référence : trace-500-page/);
          for (const body of [json.body, page.body]) {
            assert.doesNotMatch(body, stackLine);
            assert.doesNotMatch(body, /api_tokens|does not exist|relation "/);
          }
        } finally {
          await t.db.execute(sql`alter table api_tokens_away rename to api_tokens`);
        }
        const recovered = await apiWithToken(t.app, adminToken, 'GET', '/api/v1/me');
        assert.equal(recovered.statusCode, 200);
      });

      it('echoes the x-request-id on every response, and makes one when none (or a strange one) is given', async () => {
        const given = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-request-id': 'abc-123_X' } });
        assert.equal(given.headers['x-request-id'], 'abc-123_X');
        const made = await t.app.inject({ method: 'GET', url: '/sign-in' });
        assert.match(String(made.headers['x-request-id']), uuid);
        const strange = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-request-id': 'a b<script>' } });
        assert.match(String(strange.headers['x-request-id']), uuid);
        const tooLong = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-request-id': 'x'.repeat(65) } });
        assert.match(String(tooLong.headers['x-request-id']), uuid);
        for (const [method, url] of [
          ['GET', '/no/such/page'],
          ['GET', '/api/v1/nothing'],
          ['GET', '/admin'],
          ['GET', '/healthz'],
          ['POST', '/sign-in'],
        ] as const) {
          const response = await t.app.inject({ method, url, headers: { 'x-request-id': `each-${url.length}` } });
          assert.equal(response.headers['x-request-id'], `each-${url.length}`, `${method} ${url} (${response.statusCode})`);
        }
      });
    });

    describe('security headers', () => {
      it('sends a content security policy, nosniff and no framing on pages, error pages and the API', async () => {
        for (const url of ['/sign-in', '/no/such/page', '/api/v1/me']) {
          const response = await t.app.inject({ method: 'GET', url });
          const csp = String(response.headers['content-security-policy']);
          assert.equal(
            csp,
            "default-src 'self';img-src 'self' data:;style-src 'self';script-src 'self';form-action 'self';frame-ancestors 'none';object-src 'none';base-uri 'self'",
            url,
          );
          assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
          assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN', url);
          assert.equal(response.headers['referrer-policy'], 'no-referrer', url);
          // The rest of helmet's defaults, which the headers worked out once must keep.
          assert.equal(response.headers['cross-origin-opener-policy'], 'same-origin', url);
          assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin', url);
          assert.equal(response.headers['origin-agent-cluster'], '?1', url);
          assert.equal(response.headers['x-dns-prefetch-control'], 'off', url);
          assert.equal(response.headers['x-permitted-cross-domain-policies'], 'none', url);
          assert.equal(response.headers['x-xss-protection'], '0', url);
        }
      });

      it('keeps pages out of shared caches', async () => {
        const response = await t.app.inject({ method: 'GET', url: '/sign-in' });
        assert.equal(response.headers['cache-control'], 'no-store');
      });

      it('sends Strict-Transport-Security only when the site is served over HTTPS', async () => {
        assert.equal((await t.app.inject({ method: 'GET', url: '/sign-in' })).headers['strict-transport-security'], undefined);
        // A second app on the same database, configured as a site served over HTTPS.
        const config = loadConfig({ BASE_URL: 'https://concord.test', LOG_LEVEL: 'silent', DATA_DIR: t.config.dataDir });
        const secure = await buildApp({ config, database: t.database, logger: false });
        try {
          const response = await secure.inject({ method: 'GET', url: '/sign-in' });
          assert.equal(response.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
          const csrfCookie = response.cookies.find((c) => c.name === '_csrf');
          assert.equal(csrfCookie?.secure, true);
        } finally {
          await secure.close();
        }
      });
    });

    describe('CSRF protection', () => {
      let member: { user: User; cookie: string };
      let browser: TestClient;
      let admin: { user: User; cookie: string };
      before(async () => {
        member = await makeAccount(t.db);
        admin = await makeAccount(t.db, { admin: true });
        browser = new TestClient(t.app, member.cookie);
        assert.equal((await browser.get('/account')).statusCode, 200);
      });

      const tokensOf = (userId: number) => t.db.select().from(apiTokens).where(eq(apiTokens.userId, userId));

      it('refuses a form post without the token with a readable 403 page, and writes nothing', async () => {
        const response = await browser.post('/account/tokens', { tokenName: 'sneaky' }, { csrf: null });
        assert.equal(response.statusCode, 403);
        assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
        assert.match(response.body, new RegExp(`<p class="lead">${csrfMessage.replaceAll('.', '\\.')}</p>`));
        assert.deepEqual(await tokensOf(member.user.id), []);
      });

      it('refuses a forged token, and a token taken from another visitor page', async () => {
        const forged = await browser.post('/account/tokens', { tokenName: 'sneaky' }, { csrf: 'forged-token' });
        assert.equal(forged.statusCode, 403);
        const stranger = new TestClient(t.app);
        const strangerPage = await stranger.get('/sign-in');
        const strangerToken = /name="_csrf" value="([^"]+)"/.exec(strangerPage.body)?.[1];
        assert.ok(strangerToken);
        const borrowed = await browser.post('/account/tokens', { tokenName: 'sneaky' }, { csrf: strangerToken });
        assert.equal(borrowed.statusCode, 403);
        assert.deepEqual(await tokensOf(member.user.id), []);
      });

      it('names the error csrf_invalid for callers asking for JSON', async () => {
        const page = await browser.get('/account');
        assert.equal(page.statusCode, 200);
        const response = await t.app.inject({
          method: 'POST',
          url: '/account/tokens',
          headers: {
            accept: 'application/json',
            cookie: `${member.cookie}; _csrf=${page.cookies.find((c) => c.name === '_csrf')?.value ?? ''}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: 'tokenName=sneaky',
        });
        assert.equal(response.statusCode, 403);
        assert.deepEqual(response.json(), { error: { code: 'csrf_invalid', message: csrfMessage, details: {} } });
      });

      it('refuses a post from a visitor who never loaded a page (no CSRF cookie at all)', async () => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/sign-in',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `email=${encodeURIComponent(member.user.email)}&password=x`,
        });
        assert.equal(response.statusCode, 403);
        assert.match(response.body, /This form has expired or did not come from Concord\./);
      });

      it('accepts the same form with the token of the page', async () => {
        const response = await browser.post('/account/tokens', { tokenName: 'kept' });
        assert.equal(response.statusCode, 201);
        assert.deepEqual((await tokensOf(member.user.id)).map((r) => r.name), ['kept']);
      });

      it('refuses an API write with only a session cookie and no x-csrf-token header, and writes nothing', async () => {
        const adminBrowser = new TestClient(t.app, admin.cookie);
        await adminBrowser.get('/admin');
        const email = `csrf-${Date.now()}@example.org`;
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: { cookie: admin.cookie },
          payload: { name: 'Made by a forged request', email },
        });
        assert.equal(response.statusCode, 403);
        assert.equal(response.json().error.code, 'csrf_invalid');
        assert.deepEqual(await t.db.select().from(users).where(eq(users.email, email)), []);
        const withHeader = await adminBrowser.api('POST', '/api/v1/users', { name: 'Made by the admin page', email });
        assert.equal(withHeader.statusCode, 201);
      });

      it('needs no CSRF token for an API call authenticated by an API token', async () => {
        const { token } = await createApiToken(t.db, actorFor(admin.user), 'script');
        const email = `script-${Date.now()}@example.org`;
        const response = await apiWithToken(t.app, token, 'POST', '/api/v1/users', { name: 'Made by a script', email });
        assert.equal(response.statusCode, 201);
        assert.equal(response.json().email, email);
      });
    });

    describe('language of pages', () => {
      const langOf = (body: string) => /<html lang="([a-z]+)">/.exec(body)?.[1];

      it('follows Accept-Language when nothing else is known', async () => {
        const french = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { 'accept-language': 'fr-CH,fr;q=0.9,en;q=0.8' } });
        assert.equal(langOf(french.body), 'fr');
        assert.match(french.body, /<h1>Connexion<\/h1>/);
        const other = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { 'accept-language': 'de-DE,de;q=0.9' } });
        assert.equal(langOf(other.body), 'en');
      });

      it('remembers a language chosen with POST /locale in a cookie that wins over Accept-Language', async () => {
        const visitor = new TestClient(t.app);
        await visitor.get('/sign-in');
        const response = await visitor.post('/locale', { locale: 'fr', return: '/sign-in?next=%2Forganizations' });
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, '/sign-in?next=%2Forganizations');
        const cookie = response.cookies.find((c) => c.name === 'concord_locale');
        assert.equal(cookie?.value, 'fr');
        assert.equal(cookie?.maxAge, 365 * 86400);
        assert.equal(cookie?.httpOnly, true);
        assert.equal(cookie?.sameSite, 'Lax');
        const page = await visitor.get('/sign-in', { 'accept-language': 'en' });
        assert.equal(langOf(page.body), 'fr');
        const back = await visitor.post('/locale', { locale: 'en', return: '/' });
        assert.equal(back.statusCode, 303);
        assert.equal(langOf((await visitor.get('/sign-in', { 'accept-language': 'fr' })).body), 'en');
      });

      it('goes back only to a path on this site after switching', async () => {
        const visitor = new TestClient(t.app);
        for (const target of ['//evil.example', 'https://evil.example/', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)']) {
          const response = await visitor.post('/locale', { locale: 'fr', return: target });
          assert.equal(response.statusCode, 303);
          assert.equal(response.headers.location, '/', JSON.stringify(target));
        }
        const unknown = await visitor.post('/locale', { locale: 'de', return: '/' });
        assert.equal(unknown.cookies.find((c) => c.name === 'concord_locale')?.value, 'en');
      });

      it('uses a signed-in user saved language over both the cookie and Accept-Language', async () => {
        const signedIn = await makeAccount(t.db);
        await updateProfile(t.db, systemActor('test'), signedIn.user.id, { locale: 'en' });
        const client = new TestClient(t.app, signedIn.cookie);
        client.setCookie('concord_locale=fr');
        const page = await client.get('/account', { 'accept-language': 'fr' });
        assert.equal(page.statusCode, 200);
        assert.equal(langOf(page.body), 'en');
      });

      it('uses the cookie for a signed-in user who saved no language', async () => {
        const signedIn = await makeAccount(t.db);
        const client = new TestClient(t.app, signedIn.cookie);
        client.setCookie('concord_locale=fr');
        const page = await client.get('/account', { 'accept-language': 'en' });
        assert.equal(langOf(page.body), 'fr');
      });

      it('saves the language chosen by a signed-in user in the profile, with an event', async () => {
        const signedIn = await makeAccount(t.db);
        const client = new TestClient(t.app, signedIn.cookie);
        await client.get('/account');
        const response = await client.post('/locale', { locale: 'fr', return: '/account' });
        assert.equal(response.statusCode, 303);
        const [row] = await t.db.select().from(users).where(eq(users.id, signedIn.user.id));
        assert.equal(row?.locale, 'fr');
        const [event] = await t.db
          .select()
          .from(events)
          .where(sql`${events.subjectType} = 'user' and ${events.subjectId} = ${String(signedIn.user.id)} and ${events.kind} = 'user.updated'`);
        assert.deepEqual(event?.after, { locale: 'fr' });
        // On another device, without the cookie, the saved language still applies.
        const elsewhere = await new TestClient(t.app, signedIn.cookie).get('/account', { 'accept-language': 'en' });
        assert.equal(langOf(elsewhere.body), 'fr');
      });
    });
  });
}
