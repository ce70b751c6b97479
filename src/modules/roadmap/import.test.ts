import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { isForeignKeyViolation } from '../../platform/errors.ts';
import { events } from '../../platform/schema.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { TestClient } from '../../../test/support/client.ts';
import { makeActivity, makeUser } from '../../../test/support/factories.ts';
import type { Activity } from '../activities/activities.ts';
import { organizations } from '../organizations/schema.ts';
import { roadmapEntries, roadmapItems } from './schema.ts';

const header = 'org,identifier,title,status,year,topic,url\n';
const goodRow = 'ITU-T,Y.3800,Overview on networks supporting quantum key distribution,published,2019,QKDN overview,https://www.itu.int/rec/T-REC-Y.3800\n';
const csv = (text: string) => ({ name: 'roadmap.csv', type: 'text/csv', bytes: Buffer.from(text) });
const count = async (t: TestApp, table: typeof roadmapEntries | typeof roadmapItems) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n;

for (const engine of testEngines()) {
  describe(`roadmap import on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let member: TestClient;
    const base = () => `/activities/${activity.acronym}/roadmap`;

    before(async () => {
      t = await createTestApp(engine, { UPLOAD_MAX_MB: '1' });
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
    });
    after(() => t.close());

    it('shows every problem of a file with its line and column, and writes nothing', async () => {
      const response = await secretariat.upload(`${base()}/import`, csv(`${header}${goodRow}ITU-T,Y.3801,Functional requirements,done,2020,QKDN requirements,\nETSI,=HYPERLINK("http://x"),Bad,published,2020,x,\n`));
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /2 problems: fix them in the file and check it again\. Nothing has been imported\./);
      assert.match(response.body, /<td>3<\/td><td>status<\/td><td>“done” is not a status\./);
      assert.match(response.body, /<td>4<\/td><td>identifier<\/td><td>“=HYPERLINK\(&quot;http:\/\/x&quot;\)” starts like a spreadsheet formula/);
      assert.doesNotMatch(response.body, /Import now/);
      assert.equal(await count(t, roadmapEntries), 0);
    });

    it('checks a good file, then imports it on confirmation; the same file again changes nothing', async () => {
      const text = `${header}${goodRow}ETSI,GS QKD 014,Protocol and data format of REST-based key delivery API,published,2019,key delivery API; key management,\n`;
      const checked = await secretariat.upload(`${base()}/import`, csv(text));
      assert.equal(checked.statusCode, 200);
      assert.match(checked.body, /<li>2 new<\/li>/);
      assert.match(checked.body, /Organizations that will be added to the register:<\/strong> ITU-T, ETSI/);
      assert.equal(await count(t, roadmapEntries), 0, 'checking writes nothing');
      const token = /name="token" value="([0-9a-f]{64})"/.exec(checked.body)?.[1] ?? '';
      const applied = await secretariat.post(`${base()}/import/apply`, { token, fileName: 'roadmap.csv' });
      assert.equal(applied.statusCode, 303);
      const page = await secretariat.get(base());
      assert.match(page.body, /Import done: 2 new entries, 0 changed or taken from other roadmaps\./);
      assert.match(page.body, /<strong>2 entries<\/strong>/);
      const [entry] = (await secretariat.api('GET', `/api/v1${base()}?q=GS%20QKD%20014`)).json().entries;
      assert.deepEqual(entry.topics, ['key delivery API', 'key management']);
      const again = await t.app.inject({ method: 'POST', url: `/api/v1${base()}/import?dryRun=false`, headers: { cookie: '', 'content-type': 'text/csv' }, payload: text });
      assert.equal(again.statusCode, 401, 'the API needs a signed-in user');
      const rerun = await secretariat.api('POST', `/api/v1${base()}/import?dryRun=true`, text);
      assert.equal(rerun.statusCode, 415, 'a JSON-typed call with CSV text is refused');
    });

    it('reports changes to existing entries field by field before applying them, through the API', async () => {
      const changed = `${header}ITU-T,Rec. ITU-T Y.3800,Overview on networks supporting quantum key distribution,superseded,2019,QKDN overview,https://www.itu.int/rec/T-REC-Y.3800\n`;
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1${base()}/import?dryRun=true&fileName=update.csv`,
        headers: { authorization: `Bearer ${await tokenFor(t, secretariat)}`, 'content-type': 'text/csv' },
        payload: changed,
      });
      assert.equal(response.statusCode, 200);
      const plan = response.json();
      assert.equal(plan.applied, false);
      assert.deepEqual(plan.changed[0].changes, [{ field: 'status', before: 'published', after: 'superseded' }]);
      assert.equal(plan.unchanged, 0);
      const [row] = await t.db.select().from(roadmapEntries).where(eq(roadmapEntries.identifier, 'Y.3800'));
      assert.equal(row?.status, 'published', 'a dry run writes nothing');
    });

    it('refuses a file over the upload limit, naming the limit', async () => {
      const big = Buffer.alloc(2 * 1024 * 1024, 'a');
      const response = await secretariat.upload(`${base()}/import`, { name: 'big.csv', type: 'text/csv', bytes: big });
      assert.equal(response.statusCode, 413);
      assert.match(response.body, /The file is too large: the limit is 1 MB\./);
    });

    it('refuses the import to members and strangers', async () => {
      assert.equal((await member.upload(`${base()}/import`, csv(`${header}${goodRow}`))).statusCode, 403);
      assert.equal((await member.get(`${base()}/import`)).statusCode, 403);
      assert.equal((await new TestClient(t.app).upload(`${base()}/import`, csv(`${header}${goodRow}`))).statusCode, 401);
      const [imported] = await t.db.select({ n: sql<number>`count(*)::int` }).from(events).where(eq(events.kind, 'roadmap.imported'));
      assert.equal(imported?.n, 1);
    });

    it('lets a chair import rows of registered organizations, and refuses rows naming unknown ones with their line and column', async () => {
      const chair = new TestClient(t.app, (await makeUser(t.db, { role: 'chair', activityId: activity.id })).cookie);
      const before = await count(t, roadmapEntries);
      const organizationsBefore = (await t.db.select({ n: sql<number>`count(*)::int` }).from(organizations))[0]?.n;
      const text = `${header}ITU-T,Y.3802,Functional architecture,published,2020,QKDN architecture,\nNEW-BODY,NB 1,Something,published,2020,x,\nnew-body,NB 2,Something else,published,2020,x,\n`;
      const refused = await chair.upload(`${base()}/import`, csv(text));
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /<td>3<\/td><td>org<\/td><td>“NEW-BODY” is not in the register of organizations, and only the secretariat or a site administrator may add one\./);
      assert.match(refused.body, /<td>4<\/td><td>org<\/td><td>“new-body” is not in the register/);
      assert.doesNotMatch(refused.body, /<td>2<\/td><td>org<\/td>/);
      assert.equal(await count(t, roadmapEntries), before);
      assert.equal((await t.db.select({ n: sql<number>`count(*)::int` }).from(organizations))[0]?.n, organizationsBefore, 'no organization created');

      const known = await chair.upload(`${base()}/import`, csv(`${header}ITU-T,Y.3802,Functional architecture,published,2020,QKDN architecture,\n`));
      assert.equal(known.statusCode, 200);
      const token = /name="token" value="([0-9a-f]{64})"/.exec(known.body)?.[1] ?? '';
      assert.equal((await chair.post(`${base()}/import/apply`, { token, fileName: 'roadmap.csv' })).statusCode, 303);
      assert.equal(await count(t, roadmapEntries), (before ?? 0) + 1);
    });

    it('leaves the foreign-key checks on once the import is done, and the readers told of it', async () => {
      // The embedded database imports without per-row foreign-key checks (import.ts says why); they must come back.
      const token = await tokenFor(t, secretariat);
      let notified = 0;
      const stop = await t.database.listen('concord_events', () => notified++, () => {});
      try {
        const text = `${header}ITU-T,Y.3899,Key checks,published,2024,checks,\n`;
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1${base()}/import?dryRun=false`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
          payload: text,
        });
        assert.equal(response.statusCode, 200, response.body);
        const [setting] = ((await t.db.execute(sql`select current_setting('session_replication_role') as role`)) as unknown as { rows: { role: string }[] }).rows;
        assert.equal(setting?.role, 'origin');
        await assert.rejects(t.db.execute(sql`insert into roadmap_items (activity_id, entry_id) values (${activity.id}, -1)`), (error) => isForeignKeyViolation(error));
        for (let attempt = 0; attempt < 50 && !notified; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.ok(notified > 0, 'the events written by the import were notified to listeners');
      } finally {
        await stop();
      }
    });

    it('imports equivalent numbers, reports a change to them as a list, and applies it with its event', async () => {
      const file = (equivalents: string) =>
        `org,identifier,title,status,equivalents\nITU-T,X.667,Generation of universally unique identifiers,published,${equivalents}\n`;
      const api = (text: string, dryRun: boolean) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1${base()}/import?dryRun=${dryRun}&fileName=equivalents.csv`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
          payload: text,
        });
      const token = await tokenFor(t, secretariat);
      assert.equal((await api(file('ISO/IEC 9834-8'), false)).statusCode, 200);
      const [added] = await t.db.select().from(roadmapEntries).where(eq(roadmapEntries.identifier, 'X.667'));
      assert.deepEqual(added?.equivalents, ['ISO/IEC 9834-8']);
      assert.equal((await api(file('ISO/IEC 9834-8'), true)).json().unchanged, 1, 'the same numbers change nothing');
      const plan = (await api(file('ISO/IEC 9834-8 | EN ISO/IEC 9834-8'), true)).json();
      assert.deepEqual(plan.changed[0].changes, [{ field: 'equivalents', before: ['ISO/IEC 9834-8'], after: ['ISO/IEC 9834-8', 'EN ISO/IEC 9834-8'] }]);
      assert.equal((await api(file('ISO/IEC 9834-8 | EN ISO/IEC 9834-8'), false)).statusCode, 200);
      const [changed] = await t.db.select().from(roadmapEntries).where(eq(roadmapEntries.identifier, 'X.667'));
      assert.deepEqual(changed?.equivalents, ['ISO/IEC 9834-8', 'EN ISO/IEC 9834-8']);
    });
  });
}

async function tokenFor(t: TestApp, client: TestClient): Promise<string> {
  const page = await client.post('/account/tokens', { tokenName: 'import' });
  return /<code id="new-token">([^<]+)<\/code>/.exec(page.body)?.[1] ?? '';
}
