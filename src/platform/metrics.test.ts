import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';

describe('metrics', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('pglite');
  });
  after(() => t.close());

  it('counts requests per route pattern and status, in Prometheus text format', async () => {
    await t.app.inject({ method: 'GET', url: '/organizations' });
    await t.app.inject({ method: 'GET', url: '/organizations/999' });
    await t.app.inject({ method: 'GET', url: '/organizations/998' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/plain/);
    assert.match(response.body, /concord_http_request_duration_seconds_count\{method="GET",route="\/organizations",status="200"\} 1\n/);
    assert.match(response.body, /concord_http_request_duration_seconds_count\{method="GET",route="\/organizations\/:id",status="404"\} 2\n/);
    assert.match(response.body, /process_cpu_user_seconds_total/);
  });
});
