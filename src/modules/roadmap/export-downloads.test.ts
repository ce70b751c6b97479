// The roadmap's files on the worker pool, through the real routes: a page is answered while an export holds the pool,
// an export asked for while every thread is busy becomes a waiting download with its place in line (EN and FR), the
// API waits its turn instead. One thread (WORKERS=1), so "busy" is one task.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { workerPool } from '../../platform/workers/pool.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import type { Activity } from '../activities/activities.ts';
import { createEntry, type EntryInput } from './entries.ts';

const system = systemActor('test');
const fixture = new URL('../../../test/support/pool-fixture-worker.ts', import.meta.url);
/** Resolves once every task handed to the one thread before it has ended (the line is first in, first out). */
const lineDone = () => workerPool().run(fixture, 'echo', { value: 0 }, { work: 'test' });
/** Until the pool's one thread has work (a request reads the database before handing its file over). */
async function poolBusy(): Promise<void> {
  while (!workerPool().busy) await new Promise(setImmediate);
}

for (const engine of testEngines()) {
  describe(`roadmap files on the worker pool, ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    const base = () => `/activities/${activity.acronym}/roadmap`;

    before(async () => {
      t = await createTestApp(engine, { WORKERS: '1' });
      activity = await makeActivity(t.db);
      const itu = await makeOrganization(t.db, { acronym: unique('ITU-T'), kind: 'itu_sector' });
      for (const [identifier, year] of [['Y.3800', 2019], ['Y.3803', 2020], ['Y.3805', 2021]] as const) {
        await createEntry(t.db, system, activity.id, { organizationId: itu.id, identifier, title: `Quantum key distribution ${identifier}`, kind: 'recommendation', status: 'published', year, topics: ['QKD'] } as EntryInput, 'en');
      }
    });
    after(() => t.close());

    it('answers a page while a DOCX export holds the pool, and sends the next export to a page with its place in line', async () => {
      const reader = new TestClient(t.app);
      let firstDone = false;
      const first = reader.get(`${base()}/document.docx`).then((response) => ((firstDone = true), response));
      await poolBusy();
      const page = await reader.get(base());
      assert.equal(page.statusCode, 200);
      assert.equal(firstDone, false, 'the page was answered while the export was being written');

      const queued = await reader.get(`${base()}/document.pdf`);
      assert.equal(queued.statusCode, 303);
      const downloadPage = queued.headers.location as string;
      assert.match(downloadPage, new RegExp(`^${base()}/downloads/[A-Za-z0-9_-]{24}$`));
      const waiting = await reader.get(downloadPage);
      assert.equal(waiting.statusCode, 200);
      assert.equal(waiting.headers['cache-control'], 'no-store');
      assert.match(waiting.body, /<meta http-equiv="refresh" content="3"\/>/);
      assert.match(waiting.body, /Your file is next in line\./);
      const french = await reader.get(downloadPage, { 'accept-language': 'fr' });
      assert.match(french.body, /Votre fichier est le prochain à être préparé\./);
      assert.match(french.body, /Cette page se met à jour d’elle-même/);
      // Not ready yet: the file's address sends back to the page.
      assert.equal((await reader.get(`${downloadPage}/file`)).headers.location, downloadPage);
      // Someone else (here, signed in) does not find it.
      const other = new TestClient(t.app, (await makeUser(t.db)).cookie);
      assert.equal((await other.get(downloadPage)).statusCode, 404);
      // Nor does its owner under another activity's address.
      const elsewhere = await makeActivity(t.db);
      assert.equal((await reader.get(downloadPage.replace(`/activities/${activity.acronym}/`, `/activities/${elsewhere.acronym}/`))).statusCode, 404);

      const firstResponse = await first;
      assert.equal(firstResponse.statusCode, 200);
      assert.equal(firstResponse.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(firstResponse.rawPayload.subarray(0, 2).toString(), 'PK');

      await lineDone();
      const ready = await reader.get(downloadPage);
      assert.doesNotMatch(ready.body, /http-equiv="refresh"/);
      assert.match(ready.body, /Your file is ready\./);
      const fileName = `${activity.acronym}-roadmap-${new Date().toISOString().slice(0, 10)}.pdf`;
      assert.ok(ready.body.includes(`href="${downloadPage}/file"`));
      const file = await reader.get(`${downloadPage}/file`);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.equal(file.headers['content-disposition'], `attachment; filename="${fileName}"`);
      assert.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-');
    });

    it('makes the API wait its turn for the XLSX rather than answer with a page', async () => {
      const blocker = workerPool().run(fixture, 'echo', { value: 1, waitMs: 300 }, { work: 'test' });
      assert.equal(workerPool().busy, true);
      const response = await t.app.inject({ method: 'GET', url: `/api/v1${base()}/export.xlsx` });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.equal(response.rawPayload.subarray(0, 2).toString(), 'PK');
      await blocker;
    });
  });
}
