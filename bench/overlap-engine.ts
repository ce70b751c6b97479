// Overlap engine speed and memory: an all-pairs run (every entry's ten best candidates) over 100,000 synthetic
// entries (`--entries N` for another size) on worker threads, against the goal of 15 s on this 2-core machine and at
// most 1.5 GB added to the process's resting memory; then one changed entry re-scored against the register with the
// built index kept (median and p95 against 100 ms). Run with `npm run bench -- overlap-engine [--entries N] [--runs N]`.
import { availableParallelism } from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { OverlapIndex } from '../src/modules/overlaps/engine/overlap-index.ts';
import type { RegisterEntry } from '../src/modules/overlaps/engine/scoring.ts';
import { loadAverage, type Measurement, printTable, runsFromArguments, summarize, writeResults } from './support/measurements.ts';
import { syntheticRegister } from './support/synthetic-register.ts';

const argv = process.argv.slice(2);
const entriesAt = argv.indexOf('--entries');
const entryCount = entriesAt >= 0 ? Number(argv[entriesAt + 1]) : 100_000;
if (!Number.isInteger(entryCount) || entryCount < 100) throw new Error('--entries must be a whole number of at least 100');
const incrementalRuns = runsFromArguments(argv, 200);
const loadAverageAtStart = loadAverage();

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const memory = () => {
  collectGarbage();
  collectGarbage();
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
  return { rssMiB: rss / 1024 ** 2, heapAndBuffersMiB: (heapUsed + arrayBuffers) / 1024 ** 2 };
};
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const entries: RegisterEntry[] = syntheticRegister(entryCount).map((entry, i) => ({ id: i + 1, ...entry }));
const resting = memory();

const started = performance.now();
const cpuStarted = cpuMs();
const index = OverlapIndex.build(entries);
const buildMs = performance.now() - started;
const run = await index.allPairs();
const allPairsMs = performance.now() - started;
const allPairsCpuMs = cpuMs() - cpuStarted;
const afterRun = memory();
const pairCount = run.pairs.length;
const likelyCount = run.pairs.filter((pair) => pair.likely).length;

// One entry changed (its title reworded) and scored again, with the built index: the incremental path.
let seed = 99;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const samples: number[] = [];
for (let i = 0; i < incrementalRuns + 20; i++) {
  const entry = entries[Math.floor(random() * entries.length)]!;
  const changed = { ...entry, title: `${entry.title} ${entries[Math.floor(random() * entries.length)]!.title.split(' ').slice(-3).join(' ')}` };
  const at = performance.now();
  index.scoreEntry(changed);
  if (i >= 20) samples.push(performance.now() - at);
}
const upsertSamples: number[] = [];
for (let i = 0; i < 50; i++) {
  const entry = entries[Math.floor(random() * entries.length)]!;
  const at = performance.now();
  index.upsert({ ...entry, title: `${entry.title} revised` });
  index.scoreEntry(entry);
  upsertSamples.push(performance.now() - at);
}
const afterIncremental = memory();

const measurements: Measurement[] = [
  { id: 'build', label: `build the index (${entryCount.toLocaleString('en')} entries)`, summary: summarize([buildMs]) },
  { id: 'all-pairs', label: `all pairs, top 10 each, ${availableParallelism()} threads (build included)`, summary: summarize([allPairsMs]), cpu: summarize([allPairsCpuMs]), goalMs: 15_000 },
  { id: 'incremental', label: 'one changed entry re-scored', summary: summarize(samples), goalMs: 100, goalOn: 'p95' },
  { id: 'upsert', label: 'replace one entry, then score it', summary: summarize(upsertSamples), goalMs: 100, goalOn: 'p95' },
];
printTable('Overlap engine', measurements);
const addedMiB = Math.round(afterRun.rssMiB - resting.rssMiB);
process.stdout.write(
  `\nMemory: resting ${Math.round(resting.rssMiB)} MiB RSS (${Math.round(resting.heapAndBuffersMiB)} MiB heap and buffers); ` +
    `after the run ${Math.round(afterRun.rssMiB)} MiB RSS (${Math.round(afterRun.heapAndBuffersMiB)} MiB), index and results kept: ` +
    `+${addedMiB} MiB RSS (goal ≤ 1,536 MiB: ${addedMiB <= 1536 ? 'met' : 'MISSED'}); after the incremental runs ${Math.round(afterIncremental.rssMiB)} MiB RSS\n` +
    `Pairs: ${pairCount.toLocaleString('en')} (${likelyCount.toLocaleString('en')} likely). Load average at start ${loadAverageAtStart.join(', ')}, now ${loadAverage().join(', ')}\n`,
);
const file = writeResults('overlap-engine', { entryCount, threads: availableParallelism(), measurements, memory: { resting, afterRun, afterIncremental, addedMiB }, pairCount, likelyCount, loadAverageAtStart });
process.stdout.write(`Figures written to ${file}\n`);
