// Test databases: PGlite from a migrated snapshot (always), and PostgreSQL from a template database (when
// TEST_DATABASE_URL is set). Each test file gets its own database, so files run in parallel without sharing rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/engine.ts';
import { migrationsHash } from '../../src/db/pglite-template.ts';
import { ensurePgliteTemplate } from '../../src/db/pglite-template-builder.ts';

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

async function postgresTemplate(adminUrl: string): Promise<string> {
  const name = `concord_template_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // One process builds the template; the others wait on the lock, then find it built.
    await admin.query('select pg_advisory_lock(728301)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) {
      await admin.query(`create database "${name}_build"`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}_build`;
      const database = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 1 });
      await database.migrate();
      await database.close();
      await admin.query(`alter database "${name}_build" rename to "${name}"`);
    }
    await admin.query('select pg_advisory_unlock(728301)');
  } finally {
    await admin.end();
  }
  return name;
}

/** `url`: the server database's address (PostgreSQL only), for tests that open a second connection as another process would. */
export type TestDatabase = Database & { timeToReadyMs: number; url?: string };

/** A fresh, migrated, empty database for one test file. `close()` also drops a server database. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  const started = performance.now();
  if (engine === 'pglite') {
    const snapshot = await ensurePgliteTemplate();
    const database = await openDatabase({ engine: 'pglite', loadDataDir: new Blob([new Uint8Array(snapshot)]) });
    return { ...database, timeToReadyMs: performance.now() - started };
  }
  const adminUrl = testEnv.testDatabaseUrl;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const template = await postgresTemplate(adminUrl);
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
