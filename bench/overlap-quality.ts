// Overlap engine quality on the labelled set (test/fixtures/overlaps/twins.csv) inside a register of the two real
// roadmaps and 20,000 synthetic entries (`--synthetic N` for another size): for every labelled twin entry, whether
// its twin comes first (recall@1) or in the first five (recall@5); the margin between the twin's score and the best
// other candidate's; the precision of the pairs at or above the "likely" threshold that touch a labelled entry; and
// how the hard negatives (siblings, amendments, versions, generic words) score. Goal: the twin first for ≥ 99%.
// Run with `npm run bench -- overlap-quality [--synthetic N] [--misses]`.
import { findOverlaps, type OverlapPair } from '../src/modules/overlaps/engine/overlap-index.ts';
import { scoring } from '../src/modules/overlaps/engine/scoring.ts';
import { loadAverage, writeResults } from './support/measurements.ts';
import { loadBenchRegister } from './support/overlap-register.ts';

const argv = process.argv.slice(2);
const syntheticAt = argv.indexOf('--synthetic');
const syntheticCount = syntheticAt >= 0 ? Number(argv[syntheticAt + 1]) : 20_000;
if (!Number.isInteger(syntheticCount) || syntheticCount < 0) throw new Error('--synthetic must be a whole number');
const showMisses = argv.includes('--misses');
const goalRecallAt1 = 0.99;

const loadAverageAtStart = loadAverage();
const register = loadBenchRegister(syntheticCount);
const byId = new Map(register.entries.map((entry) => [entry.id, entry]));
const started = performance.now();
const run = await findOverlaps(register.entries);
const runSeconds = (performance.now() - started) / 1000;

const describe = (id: number) => {
  const entry = byId.get(id)!;
  return `${entry.organization} ${entry.identifier} "${entry.title.slice(0, 70)}"`;
};
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))] ?? NaN;
};

// Recall and margin, per labelled twin entry (each pair counts from both sides).
let first = 0;
let inFive = 0;
let certain = 0;
const margins: number[] = [];
const misses: string[] = [];
for (const [id, twin] of register.twinOf) {
  const list = run.neighbours.get(id) ?? [];
  const rank = list.findIndex((pair) => pair.b === twin);
  if (rank === 0) first++;
  if (rank >= 0 && rank < 5) inFive++;
  const twinPair = list[rank];
  if (twinPair?.certain) certain++;
  const bestOther = list.find((pair) => pair.b !== twin);
  margins.push((twinPair?.score ?? 0) - (bestOther?.score ?? 0));
  if (rank !== 0) {
    misses.push(
      `${describe(id)}\n    twin ${rank < 0 ? 'not in the top 10' : `at ${rank + 1} (${twinPair!.score})`}: ${describe(twin)}\n` +
        `    first: ${list[0] ? `${list[0].score} ${describe(list[0].b)} ${JSON.stringify(list[0].reasons.map((r) => r.kind))}` : 'nothing'}`,
    );
  }
}
const twinEntries = register.twinOf.size;

// Precision of "likely" pairs touching a labelled entry; every likely pair of the register for scale.
const labelled = new Set(register.twinOf.keys());
for (const pair of register.pairs) {
  labelled.add(pair.a);
  labelled.add(pair.b);
}
const likelyPairs = run.pairs.filter((pair) => pair.likely);
const likelyTouching = likelyPairs.filter((pair) => labelled.has(pair.a) || labelled.has(pair.b));
const likelyTwins = likelyTouching.filter((pair) => register.twinOf.get(pair.a) === pair.b);
const falseLikely = likelyTouching.filter((pair) => register.twinOf.get(pair.a) !== pair.b);

// Hard negatives: their score (0 when neither side kept the other among its ten best).
const scoreOf = (a: number, b: number): OverlapPair | undefined => run.neighbours.get(a)?.find((pair) => pair.b === b) ?? run.neighbours.get(b)?.find((pair) => pair.b === a);
const negatives = register.pairs.filter((pair) => pair.relation !== 'twin');
const negativeRows = negatives.map((pair) => ({ ...pair, score: scoreOf(pair.a, pair.b)?.score ?? 0 }));
const negativesLikely = negativeRows.filter((pair) => pair.score >= scoring.likely);

const figures = {
  register: { entries: register.entries.length, labelled: register.labelledCount, real: register.realCount, synthetic: register.syntheticCount },
  twinPairs: twinEntries / 2,
  runSeconds: Math.round(runSeconds * 10) / 10,
  recallAt1: first / twinEntries,
  recallAt5: inFive / twinEntries,
  twinsFoundByIdentifierFacts: certain / twinEntries,
  margin: { min: quantile(margins, 0), p5: quantile(margins, 0.05), median: quantile(margins, 0.5) },
  likelyThreshold: scoring.likely,
  likelyPairsTouchingLabelled: likelyTouching.length,
  precisionAtLikely: likelyTouching.length ? likelyTwins.length / likelyTouching.length : 1,
  likelyPairsInRegister: likelyPairs.length,
  hardNegatives: negatives.length,
  hardNegativesAtOrAboveLikely: negativesLikely.length,
  hardNegativeMaxScore: Math.max(0, ...negativeRows.map((pair) => pair.score)),
};

process.stdout.write(
  `\nOverlap quality: ${figures.twinPairs} labelled twin pairs in a register of ${figures.register.entries} entries ` +
    `(${figures.register.labelled} labelled, ${figures.register.real} real roadmap rows, ${figures.register.synthetic} synthetic); run ${figures.runSeconds} s\n` +
    `  recall@1  ${percent(figures.recallAt1)}  (goal ≥ ${percent(goalRecallAt1)}: ${figures.recallAt1 >= goalRecallAt1 ? 'met' : 'MISSED'})\n` +
    `  recall@5  ${percent(figures.recallAt5)}\n` +
    `  twins made certain by identifier facts  ${percent(figures.twinsFoundByIdentifierFacts)}\n` +
    `  margin twin − best other candidate: min ${figures.margin.min.toFixed(3)}, 5th percentile ${figures.margin.p5.toFixed(3)}, median ${figures.margin.median.toFixed(3)}\n` +
    `  precision at likely (score ≥ ${scoring.likely}), pairs touching a labelled entry: ${percent(figures.precisionAtLikely)} (${likelyTwins.length} of ${likelyTouching.length})\n` +
    `  likely pairs in the whole register: ${figures.likelyPairsInRegister}\n` +
    `  hard negatives at or above likely: ${negativesLikely.length} of ${negatives.length} (highest score ${figures.hardNegativeMaxScore})\n`,
);
for (const pair of negativesLikely) process.stdout.write(`    ${pair.relation} ${pair.score}: ${describe(pair.a)} / ${describe(pair.b)}\n`);
if (showMisses) {
  process.stdout.write(`\nTwins not first (${misses.length}):\n${misses.join('\n')}\n`);
  process.stdout.write(`\nLikely pairs that are not labelled twins (${falseLikely.length}):\n`);
  for (const pair of falseLikely.slice(0, 40)) process.stdout.write(`  ${pair.score} ${describe(pair.a)} / ${describe(pair.b)} ${JSON.stringify(pair.reasons.map((r) => r.kind))}\n`);
}
const file = writeResults('overlap-quality', { ...figures, misses: misses.length, loadAverageAtStart });
process.stdout.write(`\nFigures written to ${file}\n`);
