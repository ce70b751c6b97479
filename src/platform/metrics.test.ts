import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { makeUser } from '../../test/support/factories.ts';

const metricsToken = 'scraper-secret-0123456789abcdef';

describe('metrics', () => {
  let t: TestApp;
  let admin: string;
  before(async () => {
    t = await createTestApp('pglite', { METRICS_TOKEN: metricsToken });
    admin = (await makeUser(t.db, { admin: true })).cookie;
  });
  after(() => t.close());

  it('counts requests per route pattern and status, in Prometheus text format, for the scraper holding the token', async () => {
    await t.app.inject({ method: 'GET', url: '/organizations' });
    await t.app.inject({ method: 'GET', url: '/organizations/999' });
    await t.app.inject({ method: 'GET', url: '/organizations/998' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/plain/);
    assert.match(response.body, /concord_http_request_duration_seconds_count\{method="GET",route="\/organizations",status="200"\} 1\n/);
    assert.match(response.body, /concord_http_request_duration_seconds_count\{method="GET",route="\/organizations\/:id",status="404"\} 2\n/);
    assert.match(response.body, /process_cpu_user_seconds_total/);
  });

  it('shows them to a site admin, and to nobody else (a missing page), whatever address they come from', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/metrics', headers: { cookie: admin } })).statusCode, 200);
    const member = (await makeUser(t.db)).cookie;
    const refused = [
      {},
      { cookie: member },
      { authorization: 'Bearer not-the-token' },
      { authorization: `Bearer ${metricsToken}x` },
      { 'x-forwarded-for': '127.0.0.1' },
    ];
    for (const headers of refused) {
      const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: { accept: 'application/json', ...headers } });
      assert.equal(response.statusCode, 404, JSON.stringify(headers));
      assert.doesNotMatch(response.body, /concord_http/);
    }
  });
});
