// `concord move-to` (issue 17) on the test PostgreSQL server: an embedded instance filled through the domain functions
// (the demo with its meetings, documents and files, liaison statements and roadmap import, plus pending mail and a
// job) moved into a fresh, empty database; both instances then compared through the app (sign-in with the demo
// passwords, API and pages, history page by page, search, pending mail, a stored file) and table by table; new
// writes on the target found by search; the way back to an embedded data directory; a source held by a running
// Concord refused; a target with rows refused; and the command killed (SIGKILL) half-way, then run again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { buildApp } from '../../app.ts';
import { type Config, loadConfig } from '../../config.ts';
import { acquireDataLock } from '../../db/data-lock.ts';
import { type Database, openConfiguredDatabase, openDatabase } from '../../db/engine.ts';
import { demoAccounts, demoPassword } from '../../demo/demo-data.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { accountActor, createApiToken, requestPasswordReset } from '../../platform/auth/accounts.ts';
import { AppError } from '../../platform/errors.ts';
import type { App, CliContext } from '../../platform/module-manifest.ts';
import { invitationInput, inviteToRole } from '../access/invitations.ts';
import { moveCommand } from './command.ts';
import { firstNonEmptyTable, summarizeTables } from './tables.ts';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const ignoringTxIds = { leaveOut: { events: ['tx_id'] } };
const root = path.resolve(import.meta.dirname, '../../..');

const serverUrl = loadConfig({ ...process.env, DATABASE_URL: undefined }).testDatabaseUrl;

/** A new, empty database on the test server (not even migrated: the move migrates it). */
async function createEmptyDatabase(names: string[]): Promise<string> {
  const name = `concord_move_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  names.push(name);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

function cliContext(config: Config): CliContext & { output: string } {
  const context = {
    config,
    output: '',
    withDatabase: () => Promise.reject(new Error('not used')),
    readStdin: async () => Buffer.alloc(0),
    stdout: { write: (text: string) => (context.output += text) },
  };
  return context;
}

/** Runs `concord` in a child process; resolves with its exit and output (stderr as it comes to `onError`). */
function runConcord(args: string[], env: Record<string, string>, onError: (text: string, child: ReturnType<typeof spawn>) => void = () => {}) {
  const child = spawn(process.execPath, [path.join(root, 'bin/concord.js'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    onError(stderr, child);
  });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

/** The same page from both instances, with what differs by nature (CSRF tokens, session cookies) taken out. */
const normalized = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, '').replace(/nonce="[^"]+"/g, '');

if (testEngines().includes('postgres')) {
  describe('moving an embedded instance to PostgreSQL and back', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-move-'));
    const dataDir = path.join(work, 'embedded');
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'http://concord.test', ANONYMOUS_WRITES_PER_MINUTE: '100000', SIGN_IN_FAILURES_PER_ADDRESS: '100000' };
    const config = loadConfig(env);
    const databases: string[] = [];
    let targetUrl: string;

    before(async () => {
      const database = await openConfiguredDatabase(config);
      try {
        await database.migrate();
        await loadDemo(database.db, undefined, { dataDir });
        const db = database.db;
        // Pending mail (an invitation) and a pending job (a password reset's mail is written by a job).
        const [admin] = rowsOf<{ id: number }>(await db.execute(sql`select id from users where email = 'admin@example.org'`));
        const adminUser = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, admin!.id) }))!;
        const [activity] = await db.query.activities.findMany({ where: (a, { eq }) => eq(a.acronym, 'JCA-QKDN') });
        await inviteToRole(db, accountActor(adminUser), activity!, invitationInput.parse({ role: 'member', name: 'Ines Invited', email: 'ines@example.org' }), { baseUrl: config.baseUrl, invitationDays: 14 }, 'en');
        await requestPasswordReset(db, 'member@example.org', { perHour: 5, locale: 'en' });
        const [counts] = rowsOf<Record<string, number>>(
          await db.execute(sql`select (select count(*) from document_files)::int as files, (select count(*) from liaison_statements)::int as liaisons,
            (select count(*) from roadmap_entries)::int as entries, (select count(*) from mail_outbox where status = 'queued')::int as mails,
            (select count(*) from jobs where status = 'queued')::int as jobs, (select count(*) from meetings)::int as meetings`),
        );
        for (const [what, n] of Object.entries(counts!)) assert.ok(n > 0, `the source holds ${what}`);
      } finally {
        await database.close();
      }
      targetUrl = await createEmptyDatabase(databases);
    });

    after(async () => {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      for (const name of databases) await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
      fs.rmSync(work, { recursive: true, force: true });
    });

    it('refuses a source that a running Concord holds, naming what to do', async () => {
      const release = acquireDataLock(dataDir);
      try {
        await assert.rejects(moveCommand.run([targetUrl], cliContext(config)), (error: AppError) => {
          assert.equal(error.code, 'conflict');
          assert.match(error.message, /is already using the data directory .*\nThe embedded database is in use by a running Concord\. Stop it and run "concord move-to postgres:\/\/.*" again, or let the running server read it: add --token/);
          return true;
        });
      } finally {
        release();
      }
    });

    it('moves everything, and the target serves the same instance: accounts, pages, history, search, mail, files', async () => {
      const context = cliContext(config);
      assert.equal(await moveCommand.run([targetUrl], context), 0);
      assert.match(context.output, /^Moved \d+ rows in \d+ tables and \d+ stored files \([\d.]+ MB\) to the target database postgres:\/\/.*; row counts, checksums and file hashes checked\.\nStart Concord on it with: DATABASE_URL=postgres:\/\/\S+ npm start\n$/);

      const source = await openConfiguredDatabase(config);
      const target = await openDatabase({ engine: 'postgres', url: targetUrl });
      const apps: App[] = [];
      try {
        // Table by table first, before requests add sessions.
        const sourceTables = await source.db.transaction((tx) => summarizeTables(tx, ignoringTxIds));
        assert.deepEqual(await target.db.transaction((tx) => summarizeTables(tx, ignoringTxIds)), sourceTables);
        const [below] = rowsOf<{ ok: boolean }>(await target.db.execute(sql`select max(tx_id) < pg_current_xact_id()::text::bigint as ok from events`));
        assert.equal(below!.ok, true);

        const one = await buildApp({ config, database: source, logger: false });
        const two = await buildApp({ config: { ...config, databaseUrl: targetUrl }, database: target, logger: false });
        apps.push(one, two);
        const signIn = async (app: App, email: string) => {
          const client = new TestClient(app);
          const response = await client.post('/sign-in', { email, password: demoPassword });
          assert.equal(response.statusCode, 303, `${email} signs in with the demo password`);
          return client;
        };
        const both = async (url: string, clients: [TestClient, TestClient] = [new TestClient(one), new TestClient(two)]) => {
          const [a, b] = [await clients[0].get(url), await clients[1].get(url)];
          assert.equal(b.statusCode, a.statusCode, url);
          assert.equal(normalized(b.body), normalized(a.body), url);
          return a;
        };
        const pages = [
          '/api/v1/activities',
          '/api/v1/activities/JCA-QKDN',
          '/api/v1/activities/JCA-QKDN/roadmap?q=key%20distribution',
          '/api/v1/activities/JCA-MV/roadmap?q=video&pageSize=100',
          '/api/v1/activities/JCA-QKDN/documents',
          '/api/v1/activities/JCA-QKDN/liaisons',
          '/api/v1/activities/JCA-QKDN/meetings',
          '/api/v1/organizations',
          '/activities/JCA-QKDN',
          '/activities/JCA-QKDN/roadmap?q=QKD',
          '/activities/JCA-QKDN/history',
          '/activities/JCA-QKDN/meetings',
        ];
        // Every demo account signs in on both with its password; pages are compared for a reader of each kind.
        const readers = new Set(['admin@example.org', 'secretariat@example.org', 'member@example.org', 'observer@example.org']);
        for (const account of demoAccounts) {
          const cookies: [TestClient, TestClient] = [await signIn(one, account.email), await signIn(two, account.email)];
          if (!readers.has(account.email)) continue;
          for (const url of pages) await both(url, cookies);
          // The whole history, page by page.
          for (const acronym of ['JCA-QKDN', 'JCA-MV']) {
            let before: number | undefined;
            for (let page = 0; page < 100; page++) {
              const response = await both(`/api/v1/activities/${acronym}/history${before ? `?before=${before}` : ''}`, cookies);
              const events = response.json() as { id: number }[];
              if (events.length < 100) break;
              before = events.at(-1)!.id;
            }
          }
          if (account.admin) {
            // Pending mail, as the site admin's outbox shows it.
            const outbox = await both('/admin/outbox', cookies);
            assert.match(outbox.body, /ines@example\.org/);
            // A stored file downloads the same.
            const [file] = rowsOf<{ document: number; file: number }>(await source.db.execute(sql`select document_id as document, id as file from document_files order by id limit 1`));
            const acronym = rowsOf<{ acronym: string }>(await source.db.execute(sql`select a.acronym from documents d join activities a on a.id = d.activity_id where d.id = ${file!.document}`))[0]!.acronym;
            const download = await both(`/activities/${acronym}/documents/${file!.document}/files/${file!.file}`, cookies);
            assert.equal(download.statusCode, 200);
          }
        }
        for (const url of pages) await both(url);

        // Writes go on at the target: new ids, and the search copy follows the renumbered event log.
        const [largest] = rowsOf<{ max: number }>(await target.db.execute(sql`select max(id)::int as max from roadmap_entries`));
        const [admin] = rowsOf<{ id: number }>(await target.db.execute(sql`select id from users where email = 'admin@example.org'`));
        const token = (await createApiToken(target.db, accountActor((await target.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, admin!.id) }))!), 'move')).token;
        const [organization] = rowsOf<{ id: number }>(await target.db.execute(sql`select id from organizations order by id limit 1`));
        const created = await two.inject({
          method: 'POST',
          url: '/api/v1/activities/JCA-QKDN/roadmap',
          headers: { authorization: `Bearer ${token}` },
          payload: { organizationId: organization!.id, identifier: 'X.MOVED', title: 'Quokka relay after the move', status: 'published' },
        });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal(created.json().id, largest!.max + 1);
        const found = await two.inject({ url: '/api/v1/activities/JCA-QKDN/roadmap?q=quokka' });
        assert.deepEqual(found.json().entries.map((e: { identifier: string }) => e.identifier), ['X.MOVED']);
      } finally {
        for (const app of apps) await app.close();
        await source.close().catch(() => {});
        await target.close().catch(() => {});
      }
    });

    it('refuses a target that is not empty', async () => {
      await assert.rejects(moveCommand.run([targetUrl], cliContext(config)), (error: AppError) => {
        assert.match(error.message, /^The target database postgres:\/\/.* is not empty \(table \w+ has rows\)\. Copy into an empty database\.$/);
        return true;
      });
    });

    it('moves back from PostgreSQL into an embedded data directory, from one snapshot', async () => {
      const back = path.join(work, 'back');
      const context = cliContext({ ...config, databaseUrl: targetUrl });
      assert.equal(await moveCommand.run([back], context), 0);
      assert.match(context.output, /Start Concord on it with: DATA_DIR=.*back npm start \(without DATABASE_URL\)/);
      const target = await openDatabase({ engine: 'postgres', url: targetUrl });
      const embedded = await openConfiguredDatabase({ dataDir: back });
      try {
        assert.deepEqual(
          await embedded.db.transaction((tx) => summarizeTables(tx, ignoringTxIds)),
          await target.db.transaction((tx) => summarizeTables(tx, ignoringTxIds)),
        );
        // The file store writes through files/tmp (empty afterwards): only the stored files' folders are compared.
        const folders = (dir: string) => fs.readdirSync(path.join(dir, 'files')).filter((d) => d !== 'tmp').sort();
        assert.deepEqual(folders(back), folders(dataDir));
      } finally {
        await embedded.close();
        await target.close();
      }
    });

    it('killed (SIGKILL) half-way leaves the target empty, and the move then runs again from the start', async () => {
      const url = await createEmptyDatabase(databases);
      const killed = await runConcord(['move-to', url], env, (stderr, child) => {
        // Half the rows written into the target's open transaction: stop the process dead.
        if (/Copying rows: \d+\/\d+ \(([5-9]0)%\)/.test(stderr)) child.kill('SIGKILL');
      });
      assert.equal(killed.signal, 'SIGKILL', `the move was still running when killed:\n${killed.stderr}`);
      const target: Database = await openDatabase({ engine: 'postgres', url });
      try {
        assert.equal(await firstNonEmptyTable(target.db), undefined, 'nothing of the stopped copy is visible');
      } finally {
        await target.close();
      }
      // Started again (in this process: one spawn is enough to show the kill), it copies everything.
      const context = cliContext(config);
      assert.equal(await moveCommand.run([url], context), 0);
      assert.match(context.output, /^Moved \d+ rows/);
    });
  });
}
