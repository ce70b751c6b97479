// Overlap review at scale: a register of 100,000 entries (`--entries N` for another size) loaded in bulk, one full
// overlap run through the module (the database read, the engine and the swap of its pairs: the issue's "both
// engines, database read included"), then the server time of the review pages for the activity's secretariat through
// app.inject (the Server-Timing header): the queue's first page, a page deep in the queue, the queue of decided
// pairs, a pair page with its neighbours, and the activity's confirmed overlaps. Goal from the overlaps issue: p95
// ≤ 20 ms for the review page and the queue. PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
// Run with `npm run bench -- overlap-review [--entries N] [--runs N] [--explain]`; `--explain` prints each page's
// statements with their plans (EXPLAIN (ANALYZE, BUFFERS), costs shown: PostgreSQL prints its JIT timing only with them)
// on each engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { onStatement } from '../src/db/engine.ts';
import { decideOverlap } from '../src/modules/overlaps/reviews.ts';
import { listOverlaps, runOverlaps } from '../src/modules/overlaps/overlaps.ts';
import { systemActor } from '../src/platform/actor.ts';
import { makeUser } from '../test/support/factories.ts';
import { type Engine, openTestDatabase, testEngines } from '../test/support/database.ts';
import type { Db } from '../src/db/engine.ts';
import { loadAverage, type Measurement, printTable, runsFromArguments, summarize, writeResults } from './support/measurements.ts';
import { loadRoadmap } from './support/synthetic-roadmap.ts';

const argv = process.argv.slice(2);
const entriesAt = argv.indexOf('--entries');
const entryCount = entriesAt >= 0 ? Number(argv[entriesAt + 1]) : 100_000;
if (!Number.isInteger(entryCount) || entryCount < 100) throw new Error('--entries must be a whole number of at least 100');
const goalMs = 20;
const requests = runsFromArguments(argv, 100);
const explain = argv.includes('--explain');
const loadAverageAtStart = loadAverage();
const mib = (bytes: number) => Math.round(bytes / 1024 ** 2);

/** Each statement one request of a page sends, printed with its plan as the engine ran it (EXPLAIN ANALYZE). */
async function explainPage(db: Db, request: () => Promise<number>) {
  const statements: [string, unknown[]][] = [];
  const stop = onStatement(db, (statement, params) => statements.push([statement, params]));
  await request();
  stop();
  for (const [statement, params] of statements) {
    if (!/^\s*(select|with)\b/i.test(statement)) continue;
    // Drizzle numbers its parameters $1…; written as literals, each statement is explained as it ran.
    const literal = statement.replace(/\$(\d+)/g, (_, n: string) => {
      const value = params[Number(n) - 1];
      if (value === null || value === undefined) return 'null';
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      const text = Array.isArray(value) ? `{${value.join(',')}}` : value instanceof Date ? value.toISOString() : String(value);
      return `'${text.replace(/'/g, "''")}'`;
    });
    const plan = (await db.execute(sql.raw(`explain (analyze, buffers) ${literal}`))) as unknown as { rows: Record<string, string>[] };
    process.stdout.write(`    ${statement.slice(0, 300)}\n${plan.rows.map((r) => `      ${Object.values(r)[0]}`).join('\n')}\n`);
  }
}

async function measureEngine(engine: Engine) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-overlaps-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'https://concord.example' });
  const database = await openTestDatabase(engine);
  const app = await buildApp({ config, database, logger: false });
  try {
    const db = database.db;
    const actor = systemActor('bench');
    const loadStarted = performance.now();
    const { acronym, activityId } = await loadRoadmap(db, engine, entryCount, 40);
    const loadMs = performance.now() - loadStarted;
    const restingRss = process.memoryUsage().rss;
    let peakRss = restingRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    // How long the event loop (which serves the pages, and on PGlite holds the one connection) waited at worst
    // during the run: the engine computes in its own thread, so only the read and the swap's statements remain.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const runStarted = performance.now();
    // CPU of every thread of the process beside the wall time: on a machine shared with other work, the wall time of
    // the same run took 19 s and 49 s a quarter of an hour apart (PGlite, 100,000 entries, load 9–13).
    const cpuStarted = process.cpuUsage();
    const phases: Record<string, number> = {};
    const run = await runOverlaps(db, actor, { onPhase: (phase, ms) => (phases[phase] = Math.round(ms)) });
    const runMs = performance.now() - runStarted;
    const cpu = process.cpuUsage(cpuStarted);
    const runCpuMs = (cpu.user + cpu.system) / 1000;
    clearInterval(sampler);
    loopDelay.disable();
    const loopDelayMs = { max: Math.round(loopDelay.max / 1e6), p99: Math.round(loopDelay.percentile(99) / 1e6) };
    process.stdout.write(
      `${engine}: ${entryCount} entries loaded in ${(loadMs / 1000).toFixed(1)} s; full overlap run (read, engine, swap) ${(runMs / 1000).toFixed(1)} s (CPU ${(runCpuMs / 1000).toFixed(1)} s in this process), ${run.pairCount} pairs; peak RSS +${mib(peakRss - restingRss)} MiB over ${mib(restingRss)} MiB; event loop held at most ${loopDelayMs.max} ms (p99 ${loopDelayMs.p99} ms)\n` +
        `  steps (wall): ${Object.entries(phases).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(2)} s`).join(', ')}; load average ${loadAverage().join(', ')}\n`,
    );
    process.stdout.write('  deciding 60 pairs…\n');
    // Some decisions, so the decided queue and the confirmed page have rows.
    const firstPairs = await listOverlaps(db, actor, { limit: 60 });
    for (const [i, pair] of firstPairs.entries()) {
      await decideOverlap(db, actor, pair.id, { decision: i % 3 === 0 ? 'overlapping' : i % 3 === 1 ? 'not_related' : 'duplicated_work' }, 'en');
    }
    const secretariat = await makeUser(db, { role: 'secretariat', activityId });
    const middle = (await listOverlaps(db, actor, { limit: 1, offset: Math.floor((run.pairCount ?? 0) / 2) }))[0]!;
    // The last open pair of page 19, which that page's "more" link names (keyset paging).
    const beforePage20 = (await listOverlaps(db, actor, { state: 'open', limit: 1, offset: 19 * 50 - 1 }))[0]!;
    const pages = [
      { id: 'queue', label: 'queue, first page', url: '/overlaps' },
      { id: 'queue-deep', label: 'queue, page 20 (by page 19’s link)', url: `/overlaps?page=20&after=${beforePage20.id}` },
      { id: 'queue-deep-offset', label: 'queue, page 20 by offset (typed)', url: '/overlaps?page=20' },
      { id: 'queue-decided', label: 'queue of decided pairs', url: '/overlaps?state=decided' },
      { id: 'pair', label: 'one pair (middle of the queue)', url: `/overlaps/${middle.id}` },
      { id: 'pair-first', label: 'one pair (best of the queue)', url: `/overlaps/${firstPairs[0]!.id}` },
      { id: 'confirmed', label: 'the activity’s confirmed overlaps', url: `/activities/${acronym}/overlaps` },
    ];
    const measurements: Measurement[] = [];
    for (const page of pages) {
      process.stdout.write(`  ${page.label}…\n`);
      const once = async () => {
        const response = await app.inject({ method: 'GET', url: page.url, headers: { cookie: secretariat.cookie } });
        if (response.statusCode !== 200) throw new Error(`${page.url}: status ${response.statusCode}`);
        return Number(/dur=([\d.]+)/.exec(String(response.headers['server-timing'] ?? ''))?.[1] ?? Number.NaN);
      };
      for (let i = 0; i < 10; i++) await once();
      if (explain) await explainPage(db, once);
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) samples.push(await once());
      measurements.push({ id: page.id, label: page.label, summary: summarize(samples), goalMs, goalOn: 'p95' });
    }
    return { measurements, loadMs, runMs, runCpuMs, loopDelayMs, phases, pairs: run.pairCount, peakAddedMiB: mib(peakRss - restingRss) };
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown> = { entries: entryCount, loadAverageAtStart, loadAverageAtEnd: undefined as unknown };
for (const engine of testEngines()) {
  const figures = await measureEngine(engine);
  printTable(`Overlap review pages over ${entryCount} entries on ${engine} (server time through app.inject)`, figures.measurements);
  results[engine] = figures;
}
results.loadAverageAtEnd = loadAverage();
process.stdout.write(`Load average at start ${loadAverageAtStart.join(', ')}, at end ${loadAverage().join(', ')}\n`);
process.stdout.write(`Results: ${writeResults('overlap-review', results)}\n`);
