// Roadmap export benchmark: 100,000 synthetic entries across 40 organizations in a fresh test database (bulk
// inserts), then the whole roadmap downloaded as XLSX, CSV and JSON through the real routes of a listening server,
// read to the last byte as a client would. The first download also loads the roadmap's in-memory copy and is shown on
// its own; then the median of N downloads per format (3 unless `--runs N`), and the peak memory of the process (it
// holds the database too, when that is PGlite) against its size before the download. Goal from the roadmap issue:
// XLSX of everything ≤ 15 s. On PGlite always, and on PostgreSQL when TEST_DATABASE_URL is set.
// Run with `npm run bench -- roadmap-export [--runs N]`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/engine.ts';
import { identifierKey } from '../src/modules/roadmap/identifiers.ts';
import { entryKinds, entryStatuses, roadmapEntries, roadmapItems, roadmapItemTopics, roadmapTopics } from '../src/modules/roadmap/schema.ts';
import { organizations } from '../src/modules/organizations/schema.ts';
import { makeActivity } from '../test/support/factories.ts';
import { type Engine, openTestDatabase, testEngines } from '../test/support/database.ts';
import { loadAverage, type Measurement, printTable, runsFromArguments, summarize, writeResults } from './support/measurements.ts';

const entryCount = 100_000;
const organizationCount = 40;
const goalXlsxMs = 15_000;
const runs = runsFromArguments(process.argv.slice(2), 3);
const loadAverageAtStart = loadAverage();
const formats = ['xlsx', 'csv', 'json'] as const;

// A fixed seed, so every run exports the same entries (mulberry32).
let seed = 20261122;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const words = (
  'network service requirements framework architecture management security protocol quantum key distribution ' +
  'functional interface system data model application support control information digital media performance ' +
  'quality test specification overview guidelines reference virtual reality immersive metaverse twin identity ' +
  'trust privacy cloud edge computing machine learning signalling transport access optical video coding format ' +
  'evaluation vocabulary deployment orchestration interworking resilience réseau sécurité qualité'
).split(' ');
const sentence = (count: number) => Array.from({ length: count }, () => pick(words)).join(' ');
const isoDate = (year: number) => `${year}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;

/** Loads the synthetic roadmap with multi-row inserts, 1,000 entries at a time; returns the activity's acronym. */
async function loadRoadmap(db: Db, engine: Engine): Promise<string> {
  const activity = await makeActivity(db);
  const orgs = await db
    .insert(organizations)
    .values(Array.from({ length: organizationCount }, (_, i) => ({ kind: 'standards_body' as const, acronym: `BODY-${String(i + 1).padStart(2, '0')}`, name: `Standards body ${i + 1}` })))
    .returning({ id: organizations.id, acronym: organizations.acronym });
  const topics = await db
    .insert(roadmapTopics)
    .values(Array.from({ length: 60 }, (_, i) => ({ activityId: activity.id, name: `${pick(words)} ${pick(words)} ${i + 1}` })))
    .returning({ id: roadmapTopics.id });
  for (let start = 0; start < entryCount; start += 1000) {
    const values = Array.from({ length: Math.min(1000, entryCount - start) }, (_, i) => {
      const n = start + i;
      const identifier = `X.${n + 1}`;
      const year = between(2005, 2026);
      const status = pick(entryStatuses);
      const done = status !== 'planned' && status !== 'in_development';
      return {
        organizationId: orgs[n % organizationCount]!.id,
        identifier,
        identifierKey: identifierKey(identifier),
        title: sentence(between(5, 14)),
        kind: pick(entryKinds),
        status,
        startedOn: random() < 0.5 ? isoDate(year - 2) : null,
        targetOn: done ? null : isoDate(year + 1),
        approvedOn: done && random() < 0.6 ? isoDate(year) : null,
        year: done ? year : null,
        version: random() < 0.3 ? `${between(1, 5)}.${between(0, 9)}` : null,
        editors: random() < 0.4 ? `${pick(['Alice', 'Bruno', 'Chen', 'Dana'])} ${pick(['Martin', 'Dupont', 'Li', 'Okafor'])}` : null,
        scope: random() < 0.5 ? sentence(between(20, 60)) : null,
        url: random() < 0.7 ? `https://standards.example.org/${n + 1}` : null,
        source: random() < 0.2 ? 'synthetic benchmark data' : null,
      };
    });
    const ids = await db.insert(roadmapEntries).values(values).returning({ id: roadmapEntries.id });
    await db.insert(roadmapItems).values(ids.map(({ id }) => ({ activityId: activity.id, entryId: id })));
    const links = ids.flatMap(({ id }) => {
      const chosen = new Set(Array.from({ length: between(0, 3) }, () => pick(topics).id));
      return [...chosen].map((topicId) => ({ activityId: activity.id, entryId: id, topicId }));
    });
    if (links.length) await db.insert(roadmapItemTopics).values(links);
  }
  // PGlite: fold the write-ahead log back, so the bulk load's WAL does not sit in memory (DESIGN.md).
  if (engine === 'pglite') await db.execute(sql`checkpoint`);
  return activity.acronym;
}

/** Downloads a URL to the last byte without keeping it; returns the status, byte count and time taken. */
function download(url: string): Promise<{ status: number; bytes: number; ms: number; contentType: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes, ms: performance.now() - started, contentType: String(response.headers['content-type']) }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Samples the resident memory while `work` runs; returns its result and the peak. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; baselineMiB: number; peakMiB: number }> {
  const mib = (bytes: number) => Math.round((bytes / 1024 ** 2) * 10) / 10;
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, baselineMiB: mib(baseline), peakMiB: mib(peak) };
  } finally {
    clearInterval(timer);
  }
}

async function measureEngine(engine: Engine) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'http://concord.test' });
  const database = await openTestDatabase(engine);
  const app = await buildApp({ config, database, logger: false });
  try {
    const loadStarted = performance.now();
    const acronym = await loadRoadmap(database.db, engine);
    const loadMs = performance.now() - loadStarted;
    process.stdout.write(`${engine}: ${entryCount.toLocaleString('en')} entries loaded in ${(loadMs / 1000).toFixed(1)} s\n`);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const url = (format: string) => `${address}/activities/${acronym}/roadmap/export.${format}`;

    const cold = await withPeakMemory(() => download(url('csv')));
    if (cold.result.status !== 200) throw new Error(`export.csv answered ${cold.result.status}`);
    const measurements: Measurement[] = [{ id: `${engine}-first-csv`, label: `${engine}: first CSV (loads the roadmap copy)`, summary: summarize([cold.result.ms]) }];
    const details: Record<string, unknown> = { entriesLoadedMs: Math.round(loadMs), firstCsv: { ms: Math.round(cold.result.ms), peakRssMiB: cold.peakMiB, rssBeforeMiB: cold.baselineMiB } };
    for (const format of formats) {
      const samples: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      let peakMiB = 0;
      let baselineMiB = Infinity;
      for (let run = 0; run < runs; run++) {
        const cpuStarted = process.cpuUsage();
        const measured = await withPeakMemory(() => download(url(format)));
        const used = process.cpuUsage(cpuStarted);
        if (measured.result.status !== 200) throw new Error(`export.${format} answered ${measured.result.status}`);
        samples.push(measured.result.ms);
        cpu.push((used.user + used.system) / 1000);
        bytes = measured.result.bytes;
        peakMiB = Math.max(peakMiB, measured.peakMiB);
        baselineMiB = Math.min(baselineMiB, measured.baselineMiB);
      }
      measurements.push({
        id: `${engine}-${format}`,
        label: `${engine}: all ${entryCount.toLocaleString('en')} entries as ${format.toUpperCase()}`,
        summary: summarize(samples),
        cpu: summarize(cpu),
        ...(format === 'xlsx' ? { goalMs: goalXlsxMs } : {}),
      });
      details[format] = { megabytes: Math.round((bytes / 1024 ** 2) * 10) / 10, peakRssMiB: peakMiB, rssBeforeMiB: baselineMiB };
    }
    return { measurements, details };
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const measurements: Measurement[] = [];
const engines: Record<string, unknown> = {};
for (const engine of testEngines()) {
  const result = await measureEngine(engine);
  measurements.push(...result.measurements);
  engines[engine] = result.details;
}
if (!testEngines().includes('postgres')) {
  measurements.push({ id: 'postgres', label: 'postgres', note: 'not measured: TEST_DATABASE_URL is not set' });
}
printTable(`Roadmap export, ${entryCount.toLocaleString('en')} entries across ${organizationCount} organizations (median of ${runs})`, measurements);
for (const [engine, details] of Object.entries(engines)) process.stdout.write(`${engine}: ${JSON.stringify(details)}\n`);
const file = writeResults('roadmap-export', { entries: entryCount, organizations: organizationCount, runs, loadAverageAtStart, measurements, engines });
process.stdout.write(`\nWritten to ${path.relative(process.cwd(), file)}\n`);
process.exit(0);
