// Kept anonymous pages through the real app on both engines: the same bytes (and a 304) until a change, the change
// seen at once, nothing made for one reader ever kept, and on PostgreSQL another process's change heard.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { buildApp } from '../../app.ts';
import { takesGzip } from './page-cache.ts';
import { openDatabase } from '../../db/engine.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser } from '../../../test/support/factories.ts';

for (const engine of testEngines()) {
  describe(`kept anonymous pages on ${engine}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
      await makeActivity(t.db, { acronym: 'JCA-KEPT' });
    });
    after(() => t.close());

    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

    it('sends the same bytes with an ETag, and a 304 to a reader who has them', async () => {
      // On PostgreSQL the notification of the activity made above may still arrive while the page is being made:
      // that page is sent but not kept.
      let first = await get('/');
      for (let attempt = 0; attempt < 10 && !first.headers.etag; attempt++) first = await get('/');
      assert.equal(first.statusCode, 200);
      const etag = first.headers.etag as string;
      assert.ok(etag, 'an anonymous page without a form carries an ETag');
      assert.equal(first.headers['cache-control'], 'no-cache');
      assert.equal(first.headers['set-cookie'], undefined, 'no cookie: nothing in it was made for this reader');
      assert.doesNotMatch(first.body, /name="_csrf"/);
      const second = await get('/');
      assert.equal(second.headers.etag, etag);
      assert.equal(second.body, first.body);
      const again = await get('/', { 'if-none-match': etag });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
    });

    it('sends a kept page gzipped to readers that take it, with its own ETag', async () => {
      const browser = { 'accept-encoding': 'gzip, deflate, br' };
      let plain = await get('/');
      for (let attempt = 0; attempt < 10 && !plain.headers.etag; attempt++) plain = await get('/');
      const zipped = await get('/', browser);
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      assert.match(String(zipped.headers.vary), /Accept-Encoding/);
      assert.equal(gunzipSync(zipped.rawPayload).toString(), plain.body);
      assert.ok(zipped.rawPayload.length < plain.rawPayload.length / 2, `${zipped.rawPayload.length} of ${plain.rawPayload.length} bytes`);
      assert.notEqual(zipped.headers.etag, plain.headers.etag, 'each variant its own ETag');
      assert.equal((await get('/', { ...browser, 'if-none-match': zipped.headers.etag as string })).statusCode, 304);
      assert.equal((await get('/', { 'if-none-match': zipped.headers.etag as string })).statusCode, 200, 'a plain reader with the gzip ETag gets the page');
      const refused = await get('/', { 'accept-encoding': 'gzip;q=0, identity' });
      assert.equal(refused.headers['content-encoding'], undefined);
      assert.equal(refused.body, plain.body);
    });

    it('shows a change to the very next request', async () => {
      const before = await get('/');
      assert.doesNotMatch(before.body, /JCA-FRESH/);
      await makeActivity(t.db, { acronym: 'JCA-FRESH' });
      const after = await get('/');
      assert.match(after.body, /JCA-FRESH/);
      assert.notEqual(after.headers.etag, before.headers.etag);
      assert.equal((await get('/', { 'if-none-match': before.headers.etag as string })).statusCode, 200, 'an old ETag gets the new page');
    });

    it('keeps each language apart', async () => {
      const english = await get('/activities', { 'accept-language': 'en' });
      const french = await get('/activities', { 'accept-language': 'fr' });
      assert.match(english.body, /<html lang="en"/);
      assert.match(french.body, /<html lang="fr"/);
      assert.equal((await get('/activities', { 'accept-language': 'fr' })).body, french.body);
      assert.equal((await get('/activities', { cookie: 'concord_locale=en', 'accept-language': 'fr' })).body, english.body);
    });

    it('never keeps a page with a form, a message for one reader, or a signed-in reader’s page', async () => {
      const signIn = await get('/sign-in');
      assert.match(signIn.body, /name="_csrf"/);
      assert.equal(signIn.headers.etag, undefined, 'a page with a CSRF token is made for its reader');

      const flashed = await get('/', { cookie: 'concord_flash=Saved%20for%20you' });
      assert.equal(flashed.headers.etag, undefined);
      assert.doesNotMatch((await get('/')).body, /Saved for you/);

      const member = await makeUser(t.db, { name: 'Kept Page Reader' });
      const signedIn = await get('/', { cookie: member.cookie });
      assert.match(signedIn.body, /Kept Page Reader|Sign out/);
      assert.equal(signedIn.headers.etag, undefined);
      assert.doesNotMatch((await get('/')).body, /Sign out|Kept Page Reader/, 'the anonymous page stays anonymous');
      assert.doesNotMatch((await get('/', { cookie: member.cookie })).body, /Sign in<\/a>/, 'a signed-in reader never gets the anonymous page');
    });

    it('lets an anonymous reader switch the language without a token, but not a signed-in one', async () => {
      const visitor = new TestClient(t.app);
      const switched = await visitor.post('/locale', { locale: 'fr', return: '/activities' }, { csrf: null });
      assert.equal(switched.statusCode, 303);
      assert.match((await visitor.get('/activities')).body, /<html lang="fr"/);
      const member = await makeUser(t.db);
      const forged = await new TestClient(t.app, member.cookie).post('/locale', { locale: 'fr', return: '/' }, { csrf: null });
      assert.equal(forged.statusCode, 403, 'a signed-in switch saves to the account: it needs the token');
    });

    if (engine === 'postgres') {
      it('hears another process’s change through the database notification', async () => {
        const otherDatabase = await openDatabase({ engine: 'postgres', url: t.database.url!, poolSize: 2 });
        const other = await buildApp({ config: t.config, database: otherDatabase, logger: false });
        try {
          assert.doesNotMatch((await other.inject({ method: 'GET', url: '/' })).body, /JCA-ELSEWHERE/);
          await makeActivity(t.db, { acronym: 'JCA-ELSEWHERE' });
          // The notification comes on its own connection, a moment after the commit.
          let body = '';
          for (let attempt = 0; attempt < 50 && !body.includes('JCA-ELSEWHERE'); attempt++) {
            if (attempt) await new Promise((resolve) => setTimeout(resolve, 20));
            body = (await other.inject({ method: 'GET', url: '/' })).body;
          }
          assert.match(body, /JCA-ELSEWHERE/);
        } finally {
          await other.close();
          await otherDatabase.close();
        }
      });
    }
  });
}

describe('which readers take gzip', () => {
  it('reads Accept-Encoding with its weights', () => {
    assert.equal(takesGzip('gzip, deflate, br'), true);
    assert.equal(takesGzip('br;q=1.0, gzip;q=0.8, *;q=0.1'), true);
    assert.equal(takesGzip('*'), true);
    assert.equal(takesGzip('GZIP'), true);
    assert.equal(takesGzip('gzip;q=0'), false);
    assert.equal(takesGzip('deflate, br'), false);
    assert.equal(takesGzip('identity'), false);
    assert.equal(takesGzip(undefined), false);
  });
});
