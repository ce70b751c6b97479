// Hostile archives uploaded through the real app: each is refused with a plain sentence, nothing is written, and the
// server keeps answering while it refuses them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Activity } from '../src/modules/activities/activities.ts';
import { documents } from '../src/modules/documents/schema.ts';
import { roadmapEntries } from '../src/modules/roadmap/schema.ts';
import { readWordFile } from '../src/platform/archives/word-body.ts';
import { stagedUploads, storedFiles } from '../src/platform/schema.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { TestClient } from './support/client.ts';
import { testEngines } from './support/database.ts';
import { makeActivity, makeUser } from './support/factories.ts';
import { paragraphBombDocx, rowBombXlsx, unclosedRowsDocx } from './support/zip-bombs.ts';

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every file under a directory, recursively (none when it does not exist). */
const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : [];

for (const engine of testEngines()) {
  describe(`hostile uploads on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let member: TestClient;
    let secretariat: TestClient;
    const count = async (table: typeof documents | typeof roadmapEntries | typeof storedFiles | typeof stagedUploads) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n;

    /** Runs `work` while asking /healthz; returns both, with how long the health check took. */
    const whileHealthChecked = async <T>(work: Promise<T>) => {
      const started = performance.now();
      const health = t.app.inject({ method: 'GET', url: '/healthz' }).then((response) => ({ response, ms: performance.now() - started }));
      const [result, checked] = await Promise.all([work, health]);
      return { result, health: checked };
    };

    before(async () => {
      t = await createTestApp(engine, { UPLOAD_MAX_MB: '5' });
      activity = await makeActivity(t.db);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
    });
    after(() => t.close());

    it('refuses a contribution whose DOCX is a zip bomb, a lying bomb or 60,000 unclosed rows, and stores nothing', async () => {
      // The Word body is read on the worker pool, whose first thread, started from the sources, took 3 s under CI's load
      // before the first bomb reached it: one small file read first, so the bound below measures the refusals.
      await readWordFile(paragraphBombDocx(1), { fileName: 'warm-up.docx', locale: 'en' });
      const cases = [
        { name: 'bomb.docx', bytes: paragraphBombDocx(400), status: 413, message: '“bomb.docx” was refused: its part “word/document.xml” unpacks to more than 64 MB, the limit for one part.' },
        { name: 'liar.docx', bytes: paragraphBombDocx(400, 1000), status: 422, message: '“liar.docx” was refused: its part “word/document.xml” unpacks to a different size than the archive declares, which a damaged or forged file does.' },
        { name: 'rows.docx', bytes: unclosedRowsDocx(60_000), status: 413, message: '“rows.docx” was refused: its part “word/document.xml” nests elements more than 200 levels deep.' },
      ];
      for (const c of cases) {
        const started = performance.now();
        const { result: response, health } = await whileHealthChecked(
          member.upload(`/activities/${activity.acronym}/documents/submit`, { name: c.name, type: docxType, bytes: c.bytes }, { title: 'A contribution' }),
        );
        const ms = performance.now() - started;
        assert.equal(response.statusCode, c.status, c.name);
        assert.ok(response.body.includes(c.message), `${c.name}: ${response.body.slice(0, 300)}`);
        assert.ok(ms < 3000, `${c.name} refused in ${ms} ms`);
        assert.equal(health.response.statusCode, 200);
        assert.ok(health.ms < 1000, `/healthz took ${health.ms} ms`);
      }
      assert.equal(await count(documents), 0);
      assert.deepEqual(filesUnder(path.join(t.config.dataDir, 'files')), []);
      assert.equal(await count(storedFiles), 0, 'nothing in the database file store either');
    });

    it('refuses a roadmap import whose XLSX is a zip bomb, by the page and the API, and stages or writes nothing', async () => {
      const bomb = rowBombXlsx(400);
      const message = '“roadmap.xlsx” was refused: its part “xl/worksheets/sheet1.xml” unpacks to more than 160 MB, the limit for one part.';
      const { result: page, health } = await whileHealthChecked(secretariat.upload(`/activities/${activity.acronym}/roadmap/import`, { name: 'roadmap.xlsx', type: xlsxType, bytes: bomb }));
      assert.equal(page.statusCode, 422);
      assert.ok(page.body.includes(message), page.body.slice(0, 500));
      assert.equal(health.response.statusCode, 200);
      assert.ok(health.ms < 1000, `/healthz took ${health.ms} ms`);

      const tokenPage = await secretariat.post('/account/tokens', { tokenName: 'import' });
      const token = /<code id="new-token">([^<]+)<\/code>/.exec(tokenPage.body)?.[1] ?? '';
      const api = await t.app.inject({
        method: 'POST',
        url: `/api/v1/activities/${activity.acronym}/roadmap/import?dryRun=false&fileName=roadmap.xlsx`,
        headers: { authorization: `Bearer ${token}`, 'content-type': xlsxType },
        payload: bomb,
      });
      assert.equal(api.statusCode, 422);
      assert.deepEqual(api.json().errors, [{ line: 0, message }]);
      assert.equal(await count(roadmapEntries), 0);
      assert.deepEqual(filesUnder(path.join(t.config.dataDir, 'imports')), []);
      assert.equal(await count(stagedUploads), 0, 'nothing staged in the database either');
    });
  });
}
