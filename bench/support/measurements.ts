// What every benchmark shares: summarising samples, printing a table, and writing the figures to bench/results/.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
export const resultsDirectory = path.join(repositoryRoot, 'bench', 'results');

export type Summary = { runs: number; medianMs: number; p95Ms: number; minMs: number; maxMs: number; samplesMs: number[] };

/** One line of a benchmark's table: a summary of samples, or a note saying why there are none. */
export type Measurement = {
  id: string;
  label: string;
  summary?: Summary;
  /** CPU time (user + system) the measured process spent over the same span: less sensitive to a busy machine. */
  cpu?: Summary;
  /** The figure this measurement must stay at or under, when the project has set one. */
  goalMs?: number;
  /** Which figure the goal applies to: the median (default) or the 95th percentile. */
  goalOn?: 'median' | 'p95';
  note?: string;
};

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Median, 95th percentile (nearest rank), minimum and maximum of the samples (the median of an even count is the mean
 * of the middle two). Only the first 1,000 samples are kept in the summary, so result files stay readable.
 */
export function summarize(samplesMs: number[]): Summary {
  if (!samplesMs.length) throw new Error('No samples to summarise');
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return {
    runs: sorted.length,
    medianMs: round(median),
    p95Ms: round(sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)]!),
    minMs: round(sorted[0]!),
    maxMs: round(sorted[sorted.length - 1]!),
    samplesMs: samplesMs.slice(0, 1000).map(round),
  };
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
}

/**
 * Prints the measurements as an aligned table: runs, median, p95, min and max of the elapsed time, the median CPU
 * time, and the goal where there is one (compared with the median unless the measurement says `goalOn: 'p95'`).
 */
export function printTable(title: string, measurements: Measurement[]): void {
  const header = ['', 'runs', 'median', 'p95', 'min', 'max', 'cpu', 'goal'];
  const last = header.length - 1;
  const rows = measurements.map((m) => {
    if (!m.summary) return [m.label, '-', '-', '-', '-', '-', '-', m.note ?? ''];
    const judged = m.goalOn === 'p95' ? m.summary.p95Ms : m.summary.medianMs;
    const goal = m.goalMs === undefined ? '' : `${m.goalOn === 'p95' ? 'p95 ' : ''}≤ ${formatMs(m.goalMs)}: ${judged <= m.goalMs ? 'met' : 'MISSED'}`;
    const { runs, medianMs, p95Ms, minMs, maxMs } = m.summary;
    return [m.label, String(runs), formatMs(medianMs), formatMs(p95Ms), formatMs(minMs), formatMs(maxMs), m.cpu ? formatMs(m.cpu.medianMs) : '', goal];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.filter((r) => r[1] !== '-' || i === 0).map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === last ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  process.stdout.write(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of rows) process.stdout.write((row[1] === '-' ? `${row[0]!.padEnd(widths[0]!)}  ${row[last]}` : line(row)) + '\n');
}

/** The machine the figures were measured on, saved with them so they can be compared fairly. */
export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(os.totalmem() / 1024 ** 3),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/**
 * A fixed piece of CPU work (hashing, sorting and JSON, the kinds of work the app does), median of five runs: on this
 * shared virtual machine the same code ran up to half again as slow from one hour to the next, with no load of our
 * own, so each result file carries this yardstick to tell a slower machine from slower code.
 */
export function referenceWorkloadMs(): number {
  const once = () => {
    const started = performance.now();
    let seed = 1;
    const numbers = Array.from({ length: 200_000 }, () => (seed = (seed * 16807) % 2147483647));
    numbers.sort((a, b) => a - b);
    const text = JSON.stringify(numbers.map((n, i) => ({ n, i, label: `entry ${i}` })));
    JSON.parse(text);
    createHash('sha256').update(text).digest('hex');
    return performance.now() - started;
  };
  const runs = Array.from({ length: 5 }, once).sort((a, b) => a - b);
  return round(runs[2]!);
}

/** The 1, 5 and 15 minute load averages: other work on the machine slows every figure down. */
export function loadAverage(): number[] {
  return os.loadavg().map((l) => Math.round(l * 100) / 100);
}

/** Writes bench/results/<name>.json (with the machine and its load average at the end) and returns its path. */
export function writeResults(name: string, figures: Record<string, unknown>): string {
  fs.mkdirSync(resultsDirectory, { recursive: true });
  const file = path.join(resultsDirectory, `${name}.json`);
  const document = { benchmark: name, measuredAt: new Date().toISOString(), machine: describeMachine(), referenceWorkloadMs: referenceWorkloadMs(), ...figures, loadAverageAtEnd: loadAverage() };
  fs.writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
  return file;
}

/** Reads `--runs N` from a benchmark's arguments (run.ts passes its options through). */
export function runsFromArguments(argv: string[], fallback: number): number {
  const index = argv.indexOf('--runs');
  const value = index >= 0 ? Number(argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--runs must be a whole number of at least 1 (got ${argv[index + 1]})`);
  return value;
}

/** The engines to measure: `--engine pglite` or `--engine postgres` picks one of those available. */
export function enginesFromArguments<E extends string>(argv: string[], available: E[]): E[] {
  const at = argv.indexOf('--engine');
  if (at < 0) return available;
  const wanted = argv[at + 1] as E;
  if (!available.includes(wanted)) throw new Error(`--engine ${wanted}: available here are ${available.join(', ')}`);
  return [wanted];
}
