// Test databases: PGlite from a migrated snapshot (always), and PostgreSQL from a template database (when
// TEST_DATABASE_URL is set). Each test file gets its own database, so files run in parallel without sharing rows.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/engine.ts';
import { cacheDir, migrationsHash } from '../../src/db/pglite-template.ts';
import { ensurePgliteTemplate } from '../../src/db/pglite-template-builder.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';

export type Engine = 'pglite' | 'postgres';

const testEnv = loadConfig({ ...process.env, DATABASE_URL: undefined });

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server. */
export function testEngines(): Engine[] {
  // TEST_INTEGRATION=0: the unit tests alone (CI's quick pass on a runtime between two that run everything).
  if (process.env.TEST_INTEGRATION === '0') return [];
  const engines: Engine[] = testEnv.testDatabaseUrl ? ['pglite', 'postgres'] : ['pglite'];
  // TEST_ENGINES=postgres (or pglite): one engine of the two, so CI can run each engine on a different Node line.
  const only = process.env.TEST_ENGINES?.split(',').map((e) => e.trim()).filter(Boolean);
  return only?.length ? engines.filter((e) => only.includes(e)) : engines;
}

/**
 * What a demo database depends on: the migrations, every source file the demo's load runs through (the domain
 * functions of every module, the demo's data) and the day (the demo dates some liaison deadlines from today). A demo
 * snapshot under another key is stale and never used.
 */
let demoKeyMemo: string | undefined;
function demoKey(): string {
  if (demoKeyMemo) return demoKeyMemo;
  const hash = createHash('sha256').update(migrationsHash()).update(new Date().toISOString().slice(0, 10));
  const src = path.resolve(cacheDir, '../src');
  for (const file of fs.readdirSync(src, { recursive: true }).map(String).sort()) {
    if (/\.test\.tsx?$/.test(file)) continue;
    const full = path.join(src, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  demoKeyMemo = hash.digest('hex').slice(0, 16);
  return demoKeyMemo;
}

/**
 * A server template database (`template`: the migrated one, or with `demo` the demo loaded on it), built once by
 * whichever process comes first under an advisory lock; the others wait on the lock, then find it built.
 */
async function postgresTemplate(adminUrl: string, template: 'migrated' | 'demo'): Promise<string> {
  const name = template === 'demo' ? `concord_demo_${demoKey()}` : `concord_template_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [template === 'demo' ? 728302 : 728301]);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) {
      await admin.query(`drop database if exists "${name}_build"`);
      if (template === 'demo') {
        await admin.query(`create database "${name}_build" template "${await postgresTemplate(adminUrl, 'migrated')}"`);
        // Yesterday's demo templates (and those of sources since changed) are left behind otherwise.
        const stale = await admin.query(`select datname from pg_database where datname like 'concord\\_demo\\_%' and datname <> $1`, [`${name}_build`]);
        for (const row of stale.rows as { datname: string }[]) await admin.query(`drop database if exists "${row.datname}" with (force)`);
      } else {
        await admin.query(`create database "${name}_build"`);
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}_build`;
      const database = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 1 });
      if (template === 'demo') await loadDemo(database.db);
      else await database.migrate();
      await database.close();
      await admin.query(`alter database "${name}_build" rename to "${name}"`);
    }
    await admin.query('select pg_advisory_unlock($1)', [template === 'demo' ? 728302 : 728301]);
  } finally {
    await admin.end();
  }
  return name;
}

/**
 * The PGlite snapshot of a database with the demo loaded (`.cache/pglite-demo-<key>.tar.gz`): loading the demo takes
 * seconds of WebAssembly, unpacking it a fraction of that, and the browser flows and a few module tests each start
 * from it. The first process to need it builds it under a lock file; the others wait for the file.
 */
async function pgliteDemoSnapshot(): Promise<Buffer> {
  const file = path.join(cacheDir, `pglite-demo-${demoKey()}.tar.gz`);
  const lock = `${file}.lock`;
  fs.mkdirSync(cacheDir, { recursive: true });
  for (;;) {
    if (fs.existsSync(file)) return fs.readFileSync(file);
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      break;
    } catch {
      // A builder that died leaves its lock: past two minutes it is taken over.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(lock, { force: true });
      else await sleep(250);
    }
  }
  try {
    const database = await openDatabase({ engine: 'pglite', loadDataDir: new Blob([new Uint8Array(await ensurePgliteTemplate())]) });
    let dump: Buffer;
    try {
      await loadDemo(database.db);
      dump = Buffer.from(await (await (database.db as unknown as { $client: PGlite }).$client.dumpDataDir('gzip')).arrayBuffer());
    } finally {
      await database.close();
    }
    for (const old of fs.readdirSync(cacheDir).filter((f) => /^pglite-demo-[0-9a-f]+\.tar\.gz$/.test(f))) fs.rmSync(path.join(cacheDir, old), { force: true });
    // Written under a temporary name and renamed, so a waiting process never reads half a snapshot.
    fs.writeFileSync(`${file}.${process.pid}.tmp`, dump);
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
    return dump;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** `url`: the server database's address (PostgreSQL only), for tests that open a second connection as another process would. */
export type TestDatabase = Database & { timeToReadyMs: number; url?: string };

/**
 * A fresh, migrated, empty database for one test file, or with `demo` one that holds the demo as loadDemo leaves it
 * (without the demo's document files, which need a data directory). `close()` also drops a server database.
 */
export async function openTestDatabase(engine: Engine, options: { demo?: boolean } = {}): Promise<TestDatabase> {
  const started = performance.now();
  if (engine === 'pglite') {
    const snapshot = options.demo ? await pgliteDemoSnapshot() : await ensurePgliteTemplate();
    const database = await openDatabase({ engine: 'pglite', loadDataDir: new Blob([new Uint8Array(snapshot)]) });
    return { ...database, timeToReadyMs: performance.now() - started };
  }
  const adminUrl = testEnv.testDatabaseUrl;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const template = await postgresTemplate(adminUrl, options.demo ? 'demo' : 'migrated');
  const name = `concord_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${template}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 5 });
  return {
    ...database,
    timeToReadyMs: performance.now() - started,
    url: url.toString(),
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}
