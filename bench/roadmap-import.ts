// Roadmap import benchmark: a 100,000-row CSV in the shape of ../shared/data (org,identifier,title,status,year,topic,
// url) across 40 organizations, imported the way `concord import roadmap FILE --activity X` does it: parse and check
// the file, then plan and apply it in one transaction. Measured: parsing, the dry run, the import into an empty
// roadmap, and the same file again (nothing to change: the re-run is idempotent). Goal from the roadmap issue: the
// import of a 100,000-row CSV ≤ 20 s (parse + apply). On PGlite always, on PostgreSQL when TEST_DATABASE_URL is set.
// Run with `npm run bench -- roadmap-import`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/platform/actor.ts';
import { parseImportFile } from '../src/modules/roadmap/import-files.ts';
import { importRoadmap } from '../src/modules/roadmap/import.ts';
import { makeActivity } from '../test/support/factories.ts';
import { type Engine, openTestDatabase, testEngines } from '../test/support/database.ts';
import { enginesFromArguments, loadAverage, type Measurement, printTable, summarize, writeResults } from './support/measurements.ts';
import { between, pick, sentence, words } from './support/synthetic-roadmap.ts';

const rowCount = Number(process.env.ROWS ?? 100_000);
const organizationCount = 40;
const goalMs = 20_000;
const loadAverageAtStart = loadAverage();
const statuses = ['published', 'in-development', 'approved', 'planned', 'superseded', 'withdrawn'];
const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

function syntheticCsv(): Buffer {
  const topics = Array.from({ length: 60 }, (_, i) => `${pick(words)} ${pick(words)} ${i + 1}`);
  const lines = ['org,identifier,title,status,year,topic,url'];
  for (let n = 0; n < rowCount; n++) {
    const status = pick(statuses);
    const year = status === 'planned' || status === 'in-development' ? '' : String(between(2005, 2026));
    lines.push(
      [`BODY-${String((n % organizationCount) + 1).padStart(2, '0')}`, `X.${n + 1}`, sentence(between(5, 14)), status, year, pick(topics), `https://standards.example.org/${n + 1}`]
        .map(csvCell)
        .join(','),
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

async function measureEngine(engine: Engine, bytes: Buffer) {
  const database = await openTestDatabase(engine);
  const db = database.db;
  const actor = systemActor('bench');
  try {
    const activity = await makeActivity(db);
    const parse = await timed(() => parseImportFile({ bytes, fileName: 'roadmap.csv' }, { locale: 'en', maxBytes: 200 * 1024 * 1024 }));
    if (parse.result.errors.length) throw new Error(`the synthetic file has errors: ${JSON.stringify(parse.result.errors.slice(0, 3))}`);
    const input = { ...parse.result, fileName: 'roadmap.csv' };
    const dryRun = await timed(() => importRoadmap(db, actor, activity.id, input, { dryRun: true, locale: 'en' }));
    const first = await timed(() => importRoadmap(db, actor, activity.id, input, { dryRun: false, locale: 'en' }));
    if (first.result.added.length !== rowCount) throw new Error(`expected ${rowCount} additions, got ${first.result.added.length}`);
    if (engine === 'pglite') await db.execute(sql`checkpoint`);
    const again = await timed(() => importRoadmap(db, actor, activity.id, input, { dryRun: false, locale: 'en' }));
    if (again.result.unchanged !== rowCount) throw new Error(`the re-run should change nothing; unchanged: ${again.result.unchanged}`);
    const total = parse.ms + first.ms;
    process.stdout.write(
      `${engine}: parse ${(parse.ms / 1000).toFixed(1)} s, dry run ${(dryRun.ms / 1000).toFixed(1)} s, import ${(first.ms / 1000).toFixed(1)} s, re-run ${(again.ms / 1000).toFixed(1)} s\n`,
    );
    const measurements: Measurement[] = [
      { id: `${engine}-parse`, label: `${engine}: parse and check the CSV`, summary: summarize([parse.ms]) },
      { id: `${engine}-dry-run`, label: `${engine}: dry run (plan only)`, summary: summarize([dryRun.ms]) },
      { id: `${engine}-apply`, label: `${engine}: import into an empty roadmap (plan + apply)`, summary: summarize([first.ms]) },
      { id: `${engine}-total`, label: `${engine}: parse + import, as the CLI does`, summary: summarize([total]), goalMs },
      { id: `${engine}-rerun`, label: `${engine}: the same file again (no change)`, summary: summarize([again.ms]) },
    ];
    return measurements;
  } finally {
    await database.close();
  }
}

const bytes = syntheticCsv();
process.stdout.write(`CSV: ${rowCount.toLocaleString('en')} rows, ${(bytes.length / 1024 ** 2).toFixed(1)} MB\n`);
fs.writeFileSync(path.join(os.tmpdir(), 'concord-bench-roadmap.csv'), bytes);
const measurements: Measurement[] = [];
for (const engine of enginesFromArguments(process.argv.slice(2), testEngines())) measurements.push(...(await measureEngine(engine, bytes)));
if (!enginesFromArguments(process.argv.slice(2), testEngines()).includes('postgres')) measurements.push({ id: 'postgres', label: 'postgres', note: 'not measured: TEST_DATABASE_URL is not set' });
printTable(`Roadmap import, a ${rowCount.toLocaleString('en')}-row CSV across ${organizationCount} organizations (one run each)`, measurements);
const file = writeResults('roadmap-import', { rows: rowCount, organizations: organizationCount, megabytes: Math.round((bytes.length / 1024 ** 2) * 10) / 10, loadAverageAtStart, measurements });
process.stdout.write(`\nWritten to ${path.relative(process.cwd(), file)}\n`);
process.exit(0);
