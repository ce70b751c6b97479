// Moving an instance (issue 17) and backing it up (issue 13): the demo (with its documents' files), then a
// 100,000-entry roadmap imported as `concord import roadmap` does, each on the embedded engine, moved into a fresh
// empty PostgreSQL database as `concord move-to` does (migrate, copy, read back and check, renumber, commit), backed
// up to a file and restored into a fresh embedded database. Needs TEST_DATABASE_URL for the move.
// Run with `npm run bench -- move` (ROWS=20000 for a shorter run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/engine.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { openBackup, writeBackup } from '../src/modules/backups/backup-file.ts';
import { copyInstance, withDatabaseSource } from '../src/modules/backups/copy.ts';
import { parseImportFile } from '../src/modules/roadmap/import-files.ts';
import { importRoadmap } from '../src/modules/roadmap/import.ts';
import { systemActor } from '../src/platform/actor.ts';
import { fileStoreFor } from '../src/platform/file-store.ts';
import { makeActivity } from '../test/support/factories.ts';
import { openTestDatabase } from '../test/support/database.ts';
import { loadAverage, type Measurement, printTable, summarize, writeResults } from './support/measurements.ts';
import { between, pick, sentence, words } from './support/synthetic-roadmap.ts';

const rowCount = Number(process.env.ROWS ?? 100_000);
const loadAverageAtStart = loadAverage();
const serverUrl = loadConfig({ ...process.env, DATABASE_URL: undefined }).testDatabaseUrl;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-move-'));

function syntheticCsv(): Buffer {
  const topics = Array.from({ length: 60 }, (_, i) => `${pick(words)} ${pick(words)} ${i + 1}`);
  const lines = ['org,identifier,title,status,year,topic,url'];
  for (let n = 0; n < rowCount; n++) {
    lines.push([`BODY-${String((n % 40) + 1).padStart(2, '0')}`, `X.${n + 1}`, sentence(between(5, 14)), 'published', String(between(2005, 2026)), pick(topics), `https://standards.example.org/${n + 1}`].join(','));
  }
  return Buffer.from(lines.join('\n') + '\n');
}

async function emptyServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `concord_bench_move_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/** Moves, backs up and restores the instance in `source` (files under `dataDir`); returns the measurements. */
async function measure(label: string, source: Database, dataDir: string): Promise<Measurement[]> {
  const store = fileStoreFor({ dataDir }, source.db);
  const measurements: Measurement[] = [];
  if (serverUrl) {
    const target = await emptyServerDatabase();
    const database = await openDatabase({ engine: 'postgres', url: target.url });
    try {
      const move = await timed(() => withDatabaseSource(source, store, (from) => copyInstance(from, database, (tx) => fileStoreFor({ dataDir: path.join(work, `${label}-moved`) }, tx))));
      process.stdout.write(`${label}: moved ${move.result.rows} rows and ${move.result.files} files to PostgreSQL in ${(move.ms / 1000).toFixed(1)} s\n`);
      measurements.push({ id: `${label}-move`, label: `${label}: move-to PostgreSQL (${move.result.rows.toLocaleString('en')} rows, ${move.result.files} files, checked)`, summary: summarize([move.ms]) });
    } finally {
      await database.close();
      await target.drop();
    }
  } else {
    measurements.push({ id: `${label}-move`, label: `${label}: move-to PostgreSQL`, note: 'not measured: TEST_DATABASE_URL is not set' });
  }
  const file = path.join(work, `${label}.zip`);
  const backup = await timed(() => withDatabaseSource(source, store, (from) => writeBackup(from, fs.createWriteStream(file))));
  const megabytes = fs.statSync(file).size / 1024 ** 2;
  measurements.push({ id: `${label}-backup`, label: `${label}: backup to a file (${megabytes.toFixed(1)} MB)`, summary: summarize([backup.ms]) });
  const fresh = await openTestDatabase('pglite');
  try {
    const opened = await openBackup(file);
    const restore = await timed(() => copyInstance(opened, fresh, (tx) => fileStoreFor({ dataDir: path.join(work, `${label}-restored`) }, tx)).finally(() => opened.close()));
    measurements.push({ id: `${label}-restore`, label: `${label}: restore into a fresh embedded database`, summary: summarize([restore.ms]) });
  } finally {
    await fresh.close();
  }
  process.stdout.write(measurements.map((m) => `  ${m.label}: ${m.summary ? `${(m.summary.medianMs / 1000).toFixed(1)} s` : m.note}\n`).join(''));
  return measurements;
}

const measurements: Measurement[] = [];
{
  const dataDir = path.join(work, 'demo');
  const source = await openTestDatabase('pglite');
  await loadDemo(source.db, undefined, { dataDir });
  measurements.push(...(await measure('demo', source, dataDir)));
  await source.close();
}
{
  const source = await openTestDatabase('pglite');
  const activity = await makeActivity(source.db);
  const parsed = await parseImportFile({ bytes: syntheticCsv(), fileName: 'roadmap.csv' }, { locale: 'en', maxBytes: 500 * 1024 * 1024 });
  await importRoadmap(source.db, systemActor('bench'), activity.id, { ...parsed, fileName: 'roadmap.csv' }, { dryRun: false, locale: 'en' });
  await source.db.execute(sql`checkpoint`);
  measurements.push(...(await measure(`roadmap-${rowCount}`, source, path.join(work, 'roadmap'))));
  await source.close();
}
printTable(`Moving and backing up an embedded instance (one run each)`, measurements);
const results = writeResults('move', { rows: rowCount, loadAverageAtStart, measurements });
process.stdout.write(`\nWritten to ${path.relative(process.cwd(), results)}\n`);
fs.rmSync(work, { recursive: true, force: true });
process.exit(0);
