// Backups through the real app on both engines: the demo (with its documents' files), pending mail and jobs, backed
// up by the running server while writes go on, restored into a fresh database and file store, and compared table by
// table and file by file; who may download a backup; a non-empty target refused (and --replace); damaged and
// foreign backup files refused with a sentence saying what is wrong.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import yazl from 'yazl';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../../../test/support/database.ts';
import { makeOrganization, makeUser, unique } from '../../../test/support/factories.ts';
import { openDatabase } from '../../db/engine.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { accountActor, createApiToken, requestPasswordReset } from '../../platform/auth/accounts.ts';
import { AppError } from '../../platform/errors.ts';
import { type FileStore, fileStoreFor } from '../../platform/file-store.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { openBackup } from './backup-file.ts';
import { copyInstance, sha256Of } from './copy.ts';
import { summarizeTables } from './tables.ts';

const ignoringTxIds = { leaveOut: { events: ['tx_id'] } };
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Every file of a disk store, by name, with its bytes' sha256. */
/** Every stored file (sha256 → sha256 of its bytes) of an instance, wherever its engine keeps them. */
async function filesIn(store: FileStore): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for await (const sha256 of store.list()) found.set(sha256, sha256Of((await store.get(sha256))!));
  return found;
}

for (const engine of testEngines()) {
  describe(`backups on ${engine}`, () => {
    let t: TestApp;
    let adminToken: string;
    let memberCookie: string;
    let adminCookie: string;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-backups-'));
    const backupFile = path.join(work, 'backup.zip');
    let target: TestDatabase | undefined;
    const targetDir = path.join(work, 'restored');

    before(async () => {
      t = await createTestApp(engine);
      await loadDemo(t.db, undefined, { dataDir: t.config.dataDir });
      const admin = await makeUser(t.db, { admin: true });
      adminCookie = admin.cookie;
      memberCookie = (await makeUser(t.db)).cookie;
      adminToken = (await createApiToken(t.db, accountActor(admin.user), 'backups')).token;
      // Pending work that must survive: a job (the reset mail is written by a job) and a mail in the outbox.
      await requestPasswordReset(t.db, 'member@example.org', { perHour: 5, locale: 'en' });
      await enqueueMail(t.db, { purpose: 'test', to: 'someone@example.org', subject: 'Still to send', text: 'Pending.' });
    });
    after(async () => {
      await target?.close();
      await t.close();
      fs.rmSync(work, { recursive: true, force: true });
    });

    it('refuses the download and the page to anonymous readers and to non-admins', async () => {
      assert.equal((await t.app.inject({ url: '/api/v1/admin/backup' })).statusCode, 401);
      assert.equal((await t.app.inject({ url: '/api/v1/admin/backup', headers: { cookie: memberCookie } })).statusCode, 403);
      assert.equal((await t.app.inject({ url: '/admin/backup', headers: { cookie: memberCookie } })).statusCode, 403);
      assert.equal((await t.app.inject({ url: '/admin/backup' })).statusCode, 303);
      const page = await t.app.inject({ url: '/admin/backup', headers: { cookie: adminCookie, 'accept-language': 'fr' } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Télécharger une sauvegarde/);
      assert.match(page.body, /href="\/api\/v1\/admin\/backup"/);
    });

    it('restores a backup taken by the running server into a fresh database and file store: every table and file', async () => {
      const response = await t.app.inject({ url: '/api/v1/admin/backup', headers: { authorization: `Bearer ${adminToken}` } });
      assert.equal(response.statusCode, 200, response.body.slice(0, 300));
      assert.equal(response.headers['content-type'], 'application/zip');
      assert.match(String(response.headers['content-disposition']), /^attachment; filename="concord-backup-\d{8}-\d{6}\.zip"$/);
      // Nothing writes after the request's own bookkeeping, so the source now is the snapshot the backup holds.
      const source = await t.db.transaction((tx) => summarizeTables(tx, ignoringTxIds));
      fs.writeFileSync(backupFile, response.rawPayload);
      target = await openTestDatabase(engine);
      const backup = await openBackup(backupFile);
      const report = await copyInstance(backup, target, (tx) => fileStoreFor({ dataDir: targetDir }, tx)).finally(() => backup.close());
      assert.equal(backup.manifest.engine, engine);
      assert.ok(backup.manifest.files.length >= 3, 'the demo documents’ files are in the backup');
      assert.equal(report.files, backup.manifest.files.length);

      // Every table, row for row (the events apart from their transaction ids, renumbered on purpose)…
      assert.deepEqual(await target.db.transaction((tx) => summarizeTables(tx, ignoringTxIds)), source);
      const pending = rowsOf<{ jobs: number; mails: number }>(
        await target.db.execute(sql`select (select count(*) from jobs where status = 'queued')::int as jobs,
          (select count(*) from mail_outbox where status = 'queued')::int as mails`),
      )[0]!;
      assert.ok(pending.jobs >= 1 && pending.mails >= 1, JSON.stringify(pending));
      // …the events in the same order, every transaction id below the restoring transaction's…
      const order = async (db: TestDatabase['db']) =>
        rowsOf<{ id: string }>(await db.execute(sql`select id::text from events order by tx_id, id`)).map((r) => r.id);
      assert.deepEqual(await order(target.db), await order(t.db));
      const [horizon] = rowsOf<{ below: boolean }>(await target.db.execute(sql`select max(tx_id) < pg_current_xact_id()::text::bigint as below from events`));
      assert.equal(horizon!.below, true);
      // …every file byte for byte…
      assert.deepEqual([...(await filesIn(fileStoreFor({ dataDir: targetDir }, target.db)))].sort(), [...(await filesIn(fileStoreFor(t.config, t.db)))].sort());
      // …and new rows get new ids: the sequences were set past the copied ones.
      const [largest] = rowsOf<{ max: number }>(await t.db.execute(sql`select max(id)::int as max from organizations`));
      assert.equal((await makeOrganization(target.db)).id, largest!.max + 1);
    });

    it('takes one moment while organizations are being added', async () => {
      let writing = true;
      let added = 0;
      const writer = (async () => {
        for (; writing; added++) await makeOrganization(t.db, { acronym: unique('LIVE') });
      })();
      const response = await t.app.inject({ url: '/api/v1/admin/backup', headers: { cookie: adminCookie } });
      writing = false;
      await writer;
      assert.equal(response.statusCode, 200);
      assert.ok(added > 0);
      // Each organization the backup holds comes with its creation event, and no event without its organization.
      const entries = await entriesOfZip(response.rawPayload);
      const lines = (table: string) => entries.get(`tables/${table}.jsonl`)!.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const live = new Set(lines('organizations').filter((o) => o.acronym.startsWith('LIVE')).map((o) => String(o.id)));
      const created = new Set(lines('events').filter((e) => e.kind === 'organization.created' && e.summary.includes('LIVE')).map((e) => e.subject_id));
      assert.deepEqual(created, live);
    });

    it('refuses a target that holds rows, and erases it first with --replace', async () => {
      const refused = async () => {
        const backup = await openBackup(backupFile);
        try {
          await copyInstance(backup, target!, (tx) => fileStoreFor({ dataDir: targetDir }, tx), { describeTarget: 'the database to restore into', offerReplace: true });
        } finally {
          backup.close();
        }
      };
      await assert.rejects(refused, (error: AppError) => {
        assert.equal(error.code, 'conflict');
        assert.match(error.message, /^The database to restore into is not empty \(table \w+ has rows\)\. Copy into an empty database, or add --replace to erase what it holds\.$/);
        return true;
      });
      const backup = await openBackup(backupFile);
      await copyInstance(backup, target!, (tx) => fileStoreFor({ dataDir: targetDir }, tx), { replace: true }).finally(() => backup.close());
      const [row] = rowsOf<{ n: number }>(await target!.db.execute(sql`select count(*)::int as n from organizations`));
      assert.equal(row!.n, backup.manifest.tables.find((x) => x.name === 'organizations')!.rows);
    });

    if (engine === 'postgres') {
      it('restores as a database owner who is not a superuser (a managed server): keys dropped and added back', async () => {
        const serverUrl = t.database.url!;
        const name = `concord_plain_${Math.random().toString(16).slice(2, 10)}`;
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        await admin.query(`do $$ begin if not exists (select 1 from pg_roles where rolname = 'concord_plain') then create role concord_plain login; end if; end $$`);
        await admin.query(`create database "${name}" owner concord_plain`);
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        url.username = 'concord_plain';
        const plain = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 2 });
        try {
          const backup = await openBackup(backupFile);
          await copyInstance(backup, plain, (tx) => fileStoreFor({ dataDir: path.join(work, 'plain') }, tx)).finally(() => backup.close());
          const [check] = rowsOf<{ keys: number; superuser: boolean }>(
            await plain.db.execute(sql`select (select count(*) from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace)::int as keys,
              (select rolsuper from pg_roles where rolname = current_user) as superuser`),
          );
          assert.equal(check!.superuser, false);
          const [source] = rowsOf<{ keys: number }>(await t.db.execute(sql`select count(*)::int as keys from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`));
          assert.equal(check!.keys, source!.keys, 'every foreign key is back');
          const organizations = backup.manifest.tables.find((x) => x.name === 'organizations')!;
          const [row] = rowsOf<{ n: number }>(await plain.db.execute(sql`select count(*)::int as n from organizations`));
          assert.equal(row!.n, organizations.rows);
        } finally {
          await plain.close();
          await admin.query(`drop database if exists "${name}" with (force)`);
          await admin.end();
        }
      });
    }

    if (engine === 'pglite') {
      it('refuses damaged and foreign files with a sentence saying what is wrong, before writing anything', async () => {
        const good = fs.readFileSync(backupFile);
        // A refused copy leaves its target as it was, so one empty database serves every attempt.
        const fresh = await openTestDatabase('pglite');
        const attempt = async (name: string, bytes: Buffer) => {
          const file = path.join(work, name);
          fs.writeFileSync(file, bytes);
          try {
            const backup = await openBackup(file);
            try {
              await copyInstance(backup, fresh, (tx) => fileStoreFor({ dataDir: path.join(work, `${name}-files`) }, tx));
            } finally {
              backup.close();
            }
            return 'accepted';
          } catch (error) {
            assert.ok(error instanceof AppError, String(error));
            const [row] = rowsOf<{ n: number }>(await fresh.db.execute(sql`select count(*)::int as n from organizations`));
            assert.equal(row!.n, 0, 'nothing was written');
            return error.message;
          }
        };
        assert.match(await attempt('cut.zip', good.subarray(0, Math.floor(good.length / 2))), /cut\.zip is not a usable Concord backup: it is not a ZIP archive/);
        assert.match(await attempt('text.zip', Buffer.from('hello')), /not a ZIP archive/);
        const foreign = await zipOf({ 'readme.txt': 'hello' });
        assert.match(await attempt('foreign.zip', foreign), /foreign\.zip is not a usable Concord backup: it has no manifest\.json/);
        const entries = await entriesOfZip(good);
        const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
        const orgs = entries.get('tables/organizations.jsonl')!.toString('utf8');
        const edited = orgs.replace(/"acronym":"(\w)/, '"acronym":"X$1');
        assert.match(
          await attempt('edited.zip', await zipOf(Object.fromEntries([...entries].map(([k, v]) => [k, k === 'tables/organizations.jsonl' ? edited : v])))),
          /table organizations does not match its checksum/,
        );
        const lying = { ...manifest, tables: manifest.tables.map((x: { name: string; rows: number }) => (x.name === 'organizations' ? { ...x, rows: 1 } : x)) };
        assert.match(
          await attempt('lying.zip', await zipOf(Object.fromEntries([...entries].map(([k, v]) => [k, k === 'manifest.json' ? JSON.stringify(lying) : v])))),
          /table organizations does not match its checksum \(\d+ rows, the manifest says 1\)/,
        );
        const newer = { ...manifest, version: 2 };
        assert.match(
          await attempt('newer.zip', await zipOf(Object.fromEntries([...entries].map(([k, v]) => [k, k === 'manifest.json' ? JSON.stringify(newer) : v])))),
          /its manifest\.json is not a Concord backup manifest of version 1 \(version\)/,
        );
        const extra = await zipOf(Object.fromEntries([...entries, ['files/notes.txt', Buffer.from('x')]]));
        assert.match(await attempt('extra.zip', extra), /extra\.zip is not a usable Concord backup: it holds files\/notes\.txt, which its manifest does not list\./);
        const [firstFile] = manifest.files;
        const swapped = await zipOf(Object.fromEntries([...entries].map(([k, v]) => [k, k === `files/${firstFile.sha256}` ? Buffer.alloc(firstFile.size, 1) : v])));
        assert.match(await attempt('swapped.zip', swapped), new RegExp(`the stored file ${firstFile.sha256} is damaged`));
        const older = { ...manifest, migrations: { ...manifest.migrations, count: manifest.migrations.count - 1 } };
        assert.match(
          await attempt('older.zip', await zipOf(Object.fromEntries([...entries].map(([k, v]) => [k, k === 'manifest.json' ? JSON.stringify(older) : v])))),
          /whose database is at migration \d+ and the target database is at migration \d+\. Copy between the same versions of Concord/,
        );
        await fresh.close();
      });
    }
  });
}

/** A ZIP of the given entries, in memory. */
async function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every entry of a ZIP in memory, by name. */
async function entriesOfZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'concord-zip-')), 'x.zip');
  fs.writeFileSync(file, bytes);
  const { default: yauzl } = await import('yauzl');
  const zip = await new Promise<import('yauzl').ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z!))));
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: import('yauzl').Entry) =>
      zip.openReadStream(entry, async (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        for await (const chunk of stream!) chunks.push(chunk as Buffer);
        entries.set(entry.fileName, Buffer.concat(chunks));
        zip.readEntry();
      }),
    );
    zip.on('end', resolve);
    zip.readEntry();
  });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return entries;
}
