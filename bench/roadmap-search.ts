// Roadmap search benchmark: 100,000 synthetic entries across 40 organizations, then the ranked search API and the
// search page through the real routes of a listening server, with facet counts in every answer. Reports the time
// the in-memory copy takes to build (at start-up, before the first request), and per shape of query the median and
// p95 of the server time (the Server-Timing header: from the request's arrival to the body handed over) and of the
// time a client on loopback waits. Goals from the roadmap issue: API p95 ≤ 5 ms, page p95 ≤ 15 ms server time.
// On PGlite always, on PostgreSQL when TEST_DATABASE_URL is set. Run with `npm run bench -- roadmap-search [--runs N]`
// (N requests per shape, 200 unless given).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { roadmapSearchFor } from '../src/modules/roadmap/search.ts';
import { type Engine, openTestDatabase, testEngines } from '../test/support/database.ts';
import { enginesFromArguments, loadAverage, type Measurement, printTable, runsFromArguments, summarize, writeResults } from './support/measurements.ts';
import { loadRoadmap } from './support/synthetic-roadmap.ts';

const entryCount = 100_000;
const organizationCount = 40;
const runs = runsFromArguments(process.argv.slice(2), 200);
const loadAverageAtStart = loadAverage();
const goals = { api: 5, page: 15 };

/** What people type and click: broad and narrow words, an identifier, filters alone and combined, later pages. */
const shapes: { name: string; query: string }[] = [
  { name: 'one common word', query: 'q=network' },
  { name: 'three words', query: 'q=quantum+key+distribution' },
  { name: 'identifier', query: 'q=X.4242' },
  { name: 'words with a typo (corrected)', query: 'q=quantum+key+distributon' },
  { name: 'identifier without its dot', query: 'q=x4242' },
  { name: 'word + organization + status', query: 'q=security&organization=BODY-07&status=published' },
  { name: 'no words, sorted by identifier', query: '' },
  { name: 'filters only (kind, years)', query: 'kind=recommendation&yearFrom=2015&yearTo=2020' },
  { name: 'word, page 5, sorted by year', query: 'q=model&sort=year&page=5' },
];

function get(url: string): Promise<{ status: number; serverMs: number; clientMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        response.resume();
        response.on('end', () => {
          const timing = /dur=([\d.]+)/.exec(String(response.headers['server-timing'] ?? ''));
          resolve({ status: response.statusCode ?? 0, serverMs: timing ? Number(timing[1]) : Number.NaN, clientMs: performance.now() - started });
        });
        response.on('error', reject);
      })
      .on('error', reject);
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

async function measureEngine(engine: Engine) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'http://concord.test' });
  const database = await openTestDatabase(engine);
  try {
    const loadStarted = performance.now();
    const { acronym, activityId } = await loadRoadmap(database.db, engine, entryCount, organizationCount);
    process.stdout.write(`${engine}: ${entryCount.toLocaleString('en')} entries loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s\n`);
    const app = await buildApp({ config, database, logger: false });
    try {
      // What `concord serve` does right after start-up: build every activity's copy.
      const warmStarted = performance.now();
      await roadmapSearchFor(database.db).warm([activityId]);
      const warmMs = performance.now() - warmStarted;
      const rss = Math.round(process.memoryUsage().rss / 1024 ** 2);
      process.stdout.write(`${engine}: search copy built in ${(warmMs / 1000).toFixed(2)} s (process RSS ${rss} MiB)\n`);
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const measurements: Measurement[] = [{ id: `${engine}-warm`, label: `${engine}: build the search copy (start-up)`, summary: summarize([warmMs]) }];
      const details: Record<string, unknown> = { warmMs: Math.round(warmMs), rssMiB: rss, shapes: {} };
      const routes = [
        ['api', `/api/v1/activities/${acronym}/roadmap`],
        ['page', `/activities/${acronym}/roadmap`],
      ] as const;
      // A server that has been up a while has compiled its hot code: every shape on both routes first, unmeasured,
      // so the first shape measured does not pay for the JIT's warm-up (it did: 7 ms against 4 ms on the page).
      for (let round = 0; round < 20; round++) {
        for (const [, prefix] of routes) for (const shape of shapes) await get(`${address}${prefix}${shape.query ? `?${shape.query}` : ''}`);
      }
      for (const [kind, prefix] of routes) {
        const server: number[] = [];
        const client: number[] = [];
        for (const shape of shapes) {
          const shapeServer: number[] = [];
          for (let i = 0; i < runs; i++) {
            const response = await get(`${address}${prefix}${shape.query ? `?${shape.query}` : ''}`);
            if (response.status !== 200) throw new Error(`${kind} ${shape.name} answered ${response.status}`);
            shapeServer.push(response.serverMs);
            server.push(response.serverMs);
            client.push(response.clientMs);
          }
          const s = summarize(shapeServer);
          (details.shapes as Record<string, unknown>)[`${kind}: ${shape.name}`] = { medianMs: s.medianMs, p95Ms: s.p95Ms };
          process.stdout.write(`  ${engine} ${kind} ${shape.name}: median ${s.medianMs} ms, p95 ${s.p95Ms} ms\n`);
        }
        measurements.push(
          { id: `${engine}-${kind}-server`, label: `${engine}: ${kind} search, server time (all shapes)`, summary: summarize(server), goalMs: goals[kind], goalOn: 'p95' },
          { id: `${engine}-${kind}-client`, label: `${engine}: ${kind} search, client on loopback`, summary: summarize(client) },
        );
      }
      return { measurements, details };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const measurements: Measurement[] = [];
const engines: Record<string, unknown> = {};
for (const engine of enginesFromArguments(process.argv.slice(2), testEngines())) {
  const result = await measureEngine(engine);
  measurements.push(...result.measurements);
  engines[engine] = result.details;
}
if (!enginesFromArguments(process.argv.slice(2), testEngines()).includes('postgres')) {
  measurements.push({ id: 'postgres', label: 'postgres', note: 'not measured: TEST_DATABASE_URL is not set' });
}
printTable(`Roadmap search, ${entryCount.toLocaleString('en')} entries across ${organizationCount} organizations (${runs} requests per shape, ${shapes.length} shapes)`, measurements);
const file = writeResults('roadmap-search', { entries: entryCount, organizations: organizationCount, runs, shapes, loadAverageAtStart, measurements, engines });
process.stdout.write(`\nWritten to ${path.relative(process.cwd(), file)}\n`);
process.exit(0);
