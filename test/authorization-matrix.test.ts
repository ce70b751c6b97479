// Issue 13, item 5: every route the app registers, asked by everyone around an activity, answers as the table in
// authorization-matrix.table.ts says; a write refused to someone leaves every table as it was. The routes come from
// the app itself (platform/http/route-table.ts), so a new route without a row fails here, naming the row to add.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { routesOf, type RegisteredRoute } from '../src/platform/http/route-table.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { TestClient } from './support/client.ts';
import { testEngines } from './support/database.ts';
import { type Asker, askers, fillPath, makeRouteWorld, type RouteWorld, rowsDigest } from './support/route-world.ts';
import { type Answer, columnsLine, matrix, refusals } from './authorization-matrix.table.ts';

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

/** What an answer means for the matrix: the door (sign-in, 401, 403, 404) or past it (done, or the input refused). */
function answerOf(response: Response): Answer | `unexpected ${number}` {
  const status = response.statusCode;
  if (status === 302 || status === 303) return String(response.headers.location ?? '').startsWith('/sign-in') ? 'in' : 'ok';
  if (status < 400) return 'ok';
  // Past the policy, refused for what was sent (an empty form, a state that no longer allows it): "bad".
  if ([400, 409, 413, 415, 422].includes(status)) return 'bad';
  if (status === 401 || status === 403 || status === 404) return String(status) as Answer;
  return `unexpected ${status}`;
}

const keyOf = (route: Pick<RegisteredRoute, 'method' | 'url'>) => `${route.method} ${route.url}`;
/** Writes that take their record away run last, the deepest first (an agenda item before its meeting). */
const takesAway = (route: RegisteredRoute) => route.method === 'DELETE' || /\/(delete|remove|unlink|revoke|withdraw|cancel|discard)$/.test(route.url);
const writeOrder = (a: RegisteredRoute, b: RegisteredRoute) =>
  Number(takesAway(a)) - Number(takesAway(b)) || (takesAway(a) ? b.url.split('/').length - a.url.split('/').length : 0);

for (const engine of testEngines()) {
  describe(`authorization matrix on ${engine}`, () => {
    let t: TestApp;
    let world: RouteWorld;
    const clients = new Map<Asker, TestClient>();
    const observed = new Map<string, string[]>();
    const mismatches: string[] = [];

    before(async () => {
      // Every asker posts the empty sign-in form: the lock on that (empty) account must not answer for the route.
      t = await createTestApp(engine, { SIGN_IN_FAILURES_PER_ACCOUNT: '1000' });
      world = await makeRouteWorld(t);
      for (const asker of askers) clients.set(asker, new TestClient(t.app, asker === 'anonymous' ? undefined : world.users[asker].cookie));
    });
    after(() => t.close());

    /** One request as `asker`: a page form posts an empty form, an API write an empty JSON object. */
    async function ask(asker: Asker, route: RegisteredRoute, url: string): Promise<Response> {
      let client = clients.get(asker)!;
      // Signing out ends the session it is sent with: a session of its own, so the asker stays signed in.
      if (route.url === '/sign-out') client = new TestClient(t.app, await world.freshCookie(asker));
      if (route.method === 'GET') return client.get(url);
      if (url.startsWith('/api/')) return client.api(route.method as 'POST', url, route.method === 'DELETE' ? undefined : {});
      return client.send({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    }

    it('answers every route as the table says, for everyone around the activity; a refused write writes nothing', async () => {
      const routes = routesOf(t.app);
      const reads = routes.filter((r) => r.method === 'GET');
      const writes = routes.filter((r) => r.method !== 'GET').sort(writeOrder);
      for (const route of [...reads, ...writes]) {
        const key = keyOf(route);
        const url = fillPath(route.url, world.params);
        const expected = matrix[key]?.trim().split(/\s+/);
        const answers: string[] = [];
        let removed = false;
        const send = async (asker: Asker) => {
          const response = await ask(asker, route, url);
          assert.ok(response.statusCode < 500, `${key} as ${asker}: ${response.statusCode} ${response.body.slice(0, 300)}`);
          let answer = answerOf(response);
          // A write's record taken away by an earlier asker in the row is gone, not hidden.
          if (route.method !== 'GET' && answer === '404' && removed) answer = 'gone';
          if (answer === 'ok') removed = true;
          answers[askers.indexOf(asker)] = answer;
          return answer;
        };
        if (route.method === 'GET') {
          for (const asker of askers) await send(asker);
        } else if (expected) {
          // Those the table refuses first, with every row compared around them; then those who may (their writes may
          // change things, and an allowed write that empties a form changes nothing either).
          const refused = askers.filter((_, i) => refusals.has(expected[i] as Answer));
          const before = await rowsDigest(t.db);
          for (const asker of refused) await send(asker);
          if ((await rowsDigest(t.db)) !== before) mismatches.push(`${key}: a refused request changed rows (${refused.join(', ')})`);
          for (const asker of askers.filter((a) => !refused.includes(a))) await send(asker);
        } else {
          // No row yet: each refusal is checked on its own.
          for (const asker of askers) {
            const before = await rowsDigest(t.db);
            if (refusals.has((await send(asker)) as Answer) && (await rowsDigest(t.db)) !== before) mismatches.push(`${key} as ${asker}: refused, but rows changed`);
          }
        }
        observed.set(key, answers);
        if (expected) {
          const wrong = askers.filter((_, i) => answers[i] !== expected[i]).map((a, i) => `${a}: ${answers[askers.indexOf(a)]} (table: ${expected[askers.indexOf(a)]})`);
          if (wrong.length) mismatches.push(`${key} → ${wrong.join(', ')}`);
        }
      }
      assert.deepEqual(mismatches, [], `answers differ from authorization-matrix.table.ts:\n${mismatches.join('\n')}`);
    });

    it('has a row for every route the app registers, and none for a route that is gone', () => {
      const keys = new Set(routesOf(t.app).map(keyOf));
      const missing = [...keys].filter((key) => !(key in matrix));
      const width = Math.max(...[...keys].map((k) => k.length)) + 4;
      const rows = missing.map((key) => `  ${`'${key}':`.padEnd(width)} '${(observed.get(key) ?? []).map((a) => a.padEnd(4)).join(' ').trimEnd()}',`);
      assert.deepEqual(
        missing,
        [],
        `${missing.length} route(s) have no row in test/authorization-matrix.table.ts. Decide who may use each, and add its row (what they answer today, columns ${columnsLine}):\n${rows.join('\n')}`,
      );
      const gone = Object.keys(matrix).filter((key) => !keys.has(key));
      assert.deepEqual(gone, [], 'rows for routes the app no longer registers: remove them from test/authorization-matrix.table.ts');
    });
  });
}
