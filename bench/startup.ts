// Startup benchmark: how long until the real server answers its first page (new and existing data directory), and
// how long a test file waits for its database (new PGlite with migrations, PGlite from the migrated snapshot,
// PostgreSQL from a template database). Run with `npm run bench -- startup [--runs N]`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import {
  loadAverage,
  type Measurement,
  printTable,
  repositoryRoot,
  runsFromArguments,
  summarize,
  writeResults,
} from './support/measurements.ts';
import { type RunningServer, rssMbOf, startServer, stopServer } from './support/server.ts';
import type { ProbeKind, ProbeSample } from './support/test-database-probe.ts';

/** The goal for a cold start (`npm start` to the first page). */
const coldStartGoalMs = 3000;
/** The goal for a restart (existing data directory). */
const restartGoalMs = 1500;
/** The goal for the server's memory at rest with the demo (resident set, megabytes). */
const memoryGoalMb = 300;
/** "At rest": this long after the first page, when the work begun after start-up (search copy, overlap index) is done. */
const restMs = 5000;
const runs = runsFromArguments(process.argv.slice(2), 5);
const testDatabaseUrl = loadConfig().testDatabaseUrl;
const loadAverageAtStart = loadAverage();

function expectDemoLoaded(server: RunningServer) {
  if (!server.firstPage.includes('JCA-QKDN') || !server.output().includes('Demo data loaded')) {
    throw new Error(`A start on a new data directory did not load the demo:\n${server.output()}`);
  }
}

/** Starts on a new data directory, stops, and removes the directory. */
async function startOnNewDirectory(options: Parameters<typeof startServer>[1] = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
  try {
    const server = await startServer(dataDir, options);
    try {
      expectDemoLoaded(server);
    } finally {
      await stopServer(server);
    }
    return server;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

type Samples = { wall: number[]; cpu: number[] };
const samples = (): Samples => ({ wall: [], cpu: [] });
function record(into: Samples, server: RunningServer) {
  into.wall.push(server.readyMs);
  if (server.cpuMs !== undefined) into.cpu.push(server.cpuMs);
}

async function measureServerStarts() {
  const fresh = samples();
  const existing = samples();
  const viaNpm = samples();
  const uncached = samples();
  const stops = samples();
  const restingMb: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
    try {
      const first = await startServer(dataDir);
      stops.wall.push(await stopServer(first));
      expectDemoLoaded(first);
      record(fresh, first);
      const second = await startServer(dataDir);
      // A fixed wait is right here (a benchmark, not a test): memory is read once the server has nothing left to do.
      await new Promise((resolve) => setTimeout(resolve, restMs));
      const resting = rssMbOf(second.child.pid);
      if (resting !== undefined) restingMb.push(resting);
      stops.wall.push(await stopServer(second));
      if (second.output().includes('Demo data loaded')) throw new Error('The second start loaded the demo again.');
      record(existing, second);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    record(viaNpm, await startOnNewDirectory({ via: 'npm' }));
    // Without the compiled server (a source edited since the build): the sources through tsx, with no transform cache.
    record(uncached, await startOnNewDirectory({ env: { TSX_DISABLE_CACHE: '1', CONCORD_DIST: path.join(os.tmpdir(), 'no-concord-build') } }));
    const last = (s: Samples) => `${Math.round(s.wall.at(-1)!)} ms`;
    process.stdout.write(
      `  server run ${run}/${runs}: new data dir ${last(fresh)}, existing ${last(existing)}, ` +
        `via npm start ${last(viaNpm)}, from the sources without tsx cache ${last(uncached)}, at rest ${restingMb.at(-1)} MB\n`,
    );
  }
  return { fresh, existing, viaNpm, uncached, stops, restingMb };
}

/** Runs the probe in `processCount` fresh processes one after another, opening `perProcess` databases in each. */
async function probe(kind: ProbeKind, perProcess: number, processCount = runs): Promise<ProbeSample[][]> {
  const processes: ProbeSample[][] = [];
  for (let run = 0; run < processCount; run++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/test-database-probe.ts', kind, String(perProcess)], {
      cwd: repositoryRoot,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`The ${kind} probe failed (exit code ${code}):\n${stderr}`);
    processes.push(JSON.parse(stdout.trim().split('\n').at(-1)!) as ProbeSample[]);
  }
  return processes;
}

async function measureTestDatabases() {
  // Builds the snapshot (and the template) if this checkout has none yet, so no figure below includes that one-off.
  await probe('pglite-snapshot', 1, 1);
  if (testDatabaseUrl) await probe('postgres-template', 1, 1);
  const perProcess = 3;
  const kinds: ProbeKind[] = ['pglite-migrate', 'pglite-snapshot', ...(testDatabaseUrl ? ['postgres-template' as const] : [])];
  const results: Partial<Record<ProbeKind, { first: ProbeSample[]; again: ProbeSample[] }>> = {};
  for (const kind of kinds) {
    const processes = await probe(kind, perProcess);
    results[kind] = { first: processes.map((p) => p[0]!), again: processes.flatMap((p) => p.slice(1)) };
    process.stdout.write(`  ${kind}: done (${runs} processes × ${perProcess})\n`);
  }
  return results;
}

process.stdout.write(`Startup benchmark: ${runs} runs of each measurement; load average ${loadAverageAtStart.join(', ')}.\n`);
const servers = await measureServerStarts();
const databases = await measureTestDatabases();

const probesOf = (probes: ProbeSample[] | undefined) => probes ?? [];
const firstQueryOf = (probes: ProbeSample[] | undefined) => probes?.map((s) => s.firstQueryMs) ?? [];
const withoutPassword = (url: string) => {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '…';
  return parsed.toString();
};
const postgresNote = 'skipped: set TEST_DATABASE_URL to a PostgreSQL server (see README, "Benchmarks")';

const serverRow = (id: string, label: string, s: Samples, goalMs?: number): Measurement => ({
  id,
  label,
  summary: summarize(s.wall),
  ...(s.cpu.length ? { cpu: summarize(s.cpu) } : {}),
  ...(goalMs === undefined ? {} : { goalMs }),
});
const serverRows: Measurement[] = [
  serverRow('server.newDataDir', 'new data directory (creates the DB, migrates, loads the demo)', servers.fresh, coldStartGoalMs),
  serverRow('server.existingDataDir', 'existing data directory (second start)', servers.existing, restartGoalMs),
  serverRow('server.newDataDirViaNpmStart', 'new data directory, through `npm start`', servers.viaNpm, coldStartGoalMs),
  serverRow('server.newDataDirFromSources', 'new data directory, no compiled server: the sources through tsx, no transform cache', servers.uncached, coldStartGoalMs),
  serverRow('server.stop', 'stop: SIGTERM until the process has exited', servers.stops),
];
const databaseRow = (id: string, label: string, probes: ProbeSample[], note?: string): Measurement => {
  if (!probes.length) return { id, label, note };
  // On PostgreSQL the work happens in the server, so the probe's own CPU time would mislead.
  const cpu = id.includes('postgres') ? {} : { cpu: summarize(probes.map((p) => p.cpuMs)) };
  return { id, label, summary: summarize(probes.map((p) => p.readyMs)), ...cpu };
};
const databaseRows: Measurement[] = [
  databaseRow('testDatabase.pgliteMigrate.firstInProcess', 'new PGlite + migrations, first in a process', probesOf(databases['pglite-migrate']?.first)),
  databaseRow('testDatabase.pgliteMigrate.again', 'new PGlite + migrations, again in the same process', probesOf(databases['pglite-migrate']?.again)),
  databaseRow('testDatabase.pgliteSnapshot.firstInProcess', 'PGlite from migrated snapshot, first in a process', probesOf(databases['pglite-snapshot']?.first)),
  databaseRow('testDatabase.pgliteSnapshot.again', 'PGlite from migrated snapshot, again in the same process', probesOf(databases['pglite-snapshot']?.again)),
  databaseRow('testDatabase.postgresTemplate.firstInProcess', 'PostgreSQL CREATE DATABASE … TEMPLATE, first in a process', probesOf(databases['postgres-template']?.first), postgresNote),
  databaseRow('testDatabase.postgresTemplate.again', 'PostgreSQL CREATE DATABASE … TEMPLATE, again in the same process', probesOf(databases['postgres-template']?.again), postgresNote),
];

printTable('Server start to the first page: spawn `node bin/concord.js serve` (LOG_LEVEL=warn), poll GET / every 10 ms until 200', serverRows);
const resting = servers.restingMb.length ? summarize(servers.restingMb) : undefined;
process.stdout.write(
  resting
    ? `\nMemory at rest (resident set ${restMs / 1000} s after a restart's first page, demo loaded): median ${resting.medianMs} MB, ` +
        `max ${resting.maxMs} MB (goal ≤ ${memoryGoalMb} MB: ${resting.medianMs <= memoryGoalMb ? 'met' : 'MISSED'})\n\n`
    : '\nMemory at rest: not measured (no /proc here)\n\n',
);
printTable('Time until a test file has its database (openTestDatabase / openDatabase + migrate; until ready)', databaseRows);

const file = writeResults('startup', {
  runs,
  loadAverageAtStart,
  goal: { coldStartMs: coldStartGoalMs, restartMs: restartGoalMs, memoryAtRestMb: memoryGoalMb },
  memoryAtRestMb: resting ? { medianMb: resting.medianMs, maxMb: resting.maxMs, samplesMb: resting.samplesMs } : undefined,
  postgres: testDatabaseUrl ? { measured: true, url: withoutPassword(testDatabaseUrl) } : { measured: false },
  measurements: [...serverRows, ...databaseRows].map(({ id, label, summary, cpu, goalMs, note }) => ({
    id,
    label,
    ...(summary ?? {}),
    ...(cpu ? { cpuMedianMs: cpu.medianMs, cpuSamplesMs: cpu.samplesMs } : {}),
    ...(goalMs === undefined || !summary ? {} : { goalMs, goalMet: summary.medianMs <= goalMs }),
    ...(note && !summary ? { note } : {}),
  })),
  firstQueryAfterOpenMs: Object.fromEntries(
    Object.entries(databases).map(([kind, r]) => [kind, { firstInProcess: summarize(firstQueryOf(r.first)), again: summarize(firstQueryOf(r.again)) }]),
  ),
});
process.stdout.write(`\nFigures written to ${path.relative(repositoryRoot, file)}\n`);
