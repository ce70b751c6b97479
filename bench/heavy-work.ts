// Heavy work next to page requests (issue 14, "heavy work off the request path"): a signed-in reader's roadmap search
// page (never a kept page; each request a different word) asked one at a time, first alone, then while five roadmap
// DOCX exports run at once, each asked again as soon as it ends (a download sent to its waiting page is followed to
// its file, as a reader would). Goal: the page's p95 under the exports within 2× of its p95 alone. Reported per run
// (p95 alone, p95 loaded, ratio) and as medians over the runs (`--runs N`, 3 unless given), with the load average.
// PGlite unless `--engine postgres` (with TEST_DATABASE_URL set). Against 127.0.0.1 only.
// Run with `npm run bench -- heavy-work [--runs N] [--engine pglite|postgres]`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { makeUser } from '../test/support/factories.ts';
import { type Engine, openTestDatabase, testEngines } from '../test/support/database.ts';
import { enginesFromArguments, loadAverage, type Measurement, printTable, runsFromArguments, summarize, writeResults } from './support/measurements.ts';
import { loadRoadmap, words } from './support/synthetic-roadmap.ts';

const entryCount = 500;
const organizationCount = 12;
const exportsAtOnce = 5;
const pageRequests = 120;
const argv = process.argv.slice(2);
const runs = runsFromArguments(argv, 3);
const engines = argv.includes('--engine') ? enginesFromArguments(argv, testEngines()) : (['pglite'] as Engine[]);
const loadAverageAtStart = loadAverage();

type Answer = { status: number; body: string; location?: string; ms: number };
function get(url: string, cookie?: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: cookie ? { cookie } : {} }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1'), location: response.headers.location, ms: performance.now() - started }),
        );
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** One export to its last byte: the file at once, or its waiting page followed until the file is ready. */
async function exportOnce(origin: string, documentUrl: string): Promise<void> {
  const first = await get(origin + documentUrl);
  if (first.status === 200) return;
  if (first.status !== 303 || !first.location) throw new Error(`document.docx answered ${first.status} after ${Math.round(first.ms)} ms: ${first.body.slice(0, 300)}`);
  for (;;) {
    const page = await get(origin + first.location);
    if (page.status !== 200) throw new Error(`the waiting download answered ${page.status}`);
    if (!page.body.includes('http-equiv="refresh"')) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const file = await get(`${origin}${first.location}/file`);
  if (file.status !== 200) throw new Error(`the waiting download's file answered ${file.status}`);
}

/**
 * The page asked `count` times, one after the other, each with a new word; the times taken. Bounded: after `limitMs`
 * no new request starts (where the exports hold the event loop, a hundred requests would take many minutes).
 */
async function pageTimes(origin: string, pageUrl: (i: number) => string, cookie: string, count: number, offset: number, limitMs = 60_000): Promise<number[]> {
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count && performance.now() - started < limitMs; i++) {
    const answer = await get(origin + pageUrl(offset + i), cookie);
    if (answer.status !== 200) throw new Error(`the page answered ${answer.status}`);
    times.push(answer.ms);
  }
  return times;
}

async function measureEngine(engine: Engine) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'http://concord.test' });
  const database = await openTestDatabase(engine);
  const app = await buildApp({ config, database, logger: false });
  try {
    const { acronym } = await loadRoadmap(database.db, engine, entryCount, organizationCount);
    const { cookie } = await makeUser(database.db);
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const roadmap = `/activities/${acronym}/roadmap`;
    // A different word (and page size) each time, so that no kept result flatters the page.
    const pageUrl = (i: number) => `${roadmap}?q=${encodeURIComponent(`${words[i % words.length]} ${words[(i * 7 + 3) % words.length]}`)}&pageSize=${[25, 50, 100][i % 3]}`;
    const documentUrl = `${roadmap}/document.docx`;

    // Warm: the search index, the page, and one export (the worker threads and the writers they load).
    await pageTimes(origin, pageUrl, cookie, 20, 10_000);
    const warmStarted = performance.now();
    await exportOnce(origin, documentUrl);
    const oneExportMs = performance.now() - warmStarted;

    const perRun: { alone: number; loaded: number; ratio: number; exportsDone: number; loadedRequests: number }[] = [];
    for (let run = 0; run < runs; run++) {
      const alone = summarize(await pageTimes(origin, pageUrl, cookie, pageRequests, run * 1000));
      let stop = false;
      let exportsDone = 0;
      const loops = Array.from({ length: exportsAtOnce }, async () => {
        while (!stop) {
          await exportOnce(origin, documentUrl);
          exportsDone++;
        }
      });
      // Let the five requests reach the server and their work begin before the page is timed.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const loaded = summarize(await pageTimes(origin, pageUrl, cookie, pageRequests, run * 1000 + 500));
      stop = true;
      await Promise.all(loops);
      perRun.push({ alone: alone.p95Ms, loaded: loaded.p95Ms, ratio: Math.round((loaded.p95Ms / alone.p95Ms) * 100) / 100, exportsDone, loadedRequests: loaded.runs });
      process.stdout.write(`${engine} run ${run + 1}: page p95 alone ${alone.p95Ms} ms (median ${alone.medianMs}), with ${exportsAtOnce} DOCX exports ${loaded.p95Ms} ms (median ${loaded.medianMs}, ${loaded.runs} requests answered in the time); ${exportsDone} exports finished meanwhile\n`);
    }
    const median = (values: number[]) => summarize(values).medianMs;
    const measurements: Measurement[] = [
      { id: `${engine}-export`, label: `${engine}: one roadmap DOCX export of ${entryCount.toLocaleString('en')} entries, alone`, summary: summarize([oneExportMs]) },
      { id: `${engine}-alone`, label: `${engine}: page p95 alone (per run)`, summary: summarize(perRun.map((r) => r.alone)) },
      { id: `${engine}-loaded`, label: `${engine}: page p95 beside ${exportsAtOnce} DOCX exports (per run)`, summary: summarize(perRun.map((r) => r.loaded)) },
    ];
    return { measurements, details: { perRun, medianRatio: median(perRun.map((r) => r.ratio)), oneExportMs: Math.round(oneExportMs) } };
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const measurements: Measurement[] = [];
const results: Record<string, unknown> = {};
for (const engine of engines) {
  const result = await measureEngine(engine);
  measurements.push(...result.measurements);
  results[engine] = result.details;
}
printTable(`Page requests beside ${exportsAtOnce} roadmap DOCX exports (${entryCount.toLocaleString('en')} entries), ${pageRequests} requests per phase, ${runs} runs; load average at start ${loadAverageAtStart.join(' ')}`, measurements);
for (const [engine, details] of Object.entries(results)) {
  const d = details as { medianRatio: number };
  process.stdout.write(`${engine}: median ratio loaded/alone ${d.medianRatio} (goal ≤ 2): ${d.medianRatio <= 2 ? 'met' : 'MISSED'}  ${JSON.stringify(details)}\n`);
}
const file = writeResults('heavy-work', { entries: entryCount, exportsAtOnce, pageRequests, runs, loadAverageAtStart, measurements, engines: results });
process.stdout.write(`\nWritten to ${path.relative(process.cwd(), file)}\n`);
process.exit(0);
