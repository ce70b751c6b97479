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
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Engine, openTestDatabase, testEngines } from '../test/support/database.ts';
import { loadAverage, type Measurement, printTable, runsFromArguments, summarize, writeResults } from './support/measurements.ts';
import { loadRoadmap } from './support/synthetic-roadmap.ts';

const entryCount = 100_000;
const organizationCount = 40;
const goalXlsxMs = 15_000;
const runs = runsFromArguments(process.argv.slice(2), 3);
const loadAverageAtStart = loadAverage();
const formats = ['xlsx', 'csv', 'json'] as const;

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
    const { acronym } = await loadRoadmap(database.db, engine, entryCount, organizationCount);
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
