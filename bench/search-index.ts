// Search index benchmark: 100,000 synthetic roadmap entries across 40 organizations in the in-process text index
// (src/platform/text-index): build time and memory, then ranked queries with facet counts in six shapes, each with
// its median, p95 and max against the roadmap issue's goal (ranked search p95 ≤ 5 ms). Also the cost of keeping the
// index current: one update, and the first query after it. Run with `npm run bench -- search-index [--runs N]`
// (N queries per shape, 100 unless given). Queries tolerate typos, as the roadmap search asks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { identifierKey } from '../src/modules/roadmap/identifiers.ts';
import { type SearchOptions, TextIndex, type TextIndexDocument } from '../src/platform/text-index/text-index.ts';
import { isStopWord } from '../src/platform/text-index/tokenize.ts';
import { loadAverage, repositoryRoot, runsFromArguments, summarize, writeResults } from './support/measurements.ts';

const entryCount = 100_000;
const goalP95Ms = 5;
const queriesPerShape = runsFromArguments(process.argv.slice(2), 100);
const warmUpQueries = 200;
const loadAverageAtStart = loadAverage();

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
/** The JavaScript heap plus typed-array buffers (which live outside it), after a full collection. */
const heapUsedMiB = () => {
  collectGarbage();
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 ** 2;
};

// A fixed seed, so every run measures the same entries and queries (mulberry32).
let seed = 20261122;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

/** Picks words with Zipf-like frequencies (the first words of the list are the most common), as in real titles. */
function zipfPicker(words: readonly string[], exponent = 0.9): () => string {
  const cumulative: number[] = [];
  let total = 0;
  words.forEach((_, rank) => cumulative.push((total += 1 / (rank + 1) ** exponent)));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return words[low]!;
  };
}

// The vocabulary: standards words, then the words of the real roadmap titles in shared/data (when present).
const standardsWords = (
  'network networks service services requirements framework architecture management security protocol protocols ' +
  'quantum key distribution functional interface interfaces system systems data model models application ' +
  'applications support supporting control information communication communications digital media mobile ' +
  'performance quality test testing specification use cases overview guidelines reference virtual reality ' +
  'augmented immersive metaverse twin twins identity trust privacy cloud edge computing intelligence machine ' +
  'learning artificial signalling transport access optical video audio coding format formats evaluation ' +
  'assessment measurement methods method vocabulary terminology definitions capabilities scenarios deployment ' +
  'operation operations orchestration software defined interworking integration resilience availability ' +
  'monitoring telemetry energy efficiency sustainable smart city cities vehicle vehicular health blockchain ' +
  'ledger distributed secure encryption authentication authorization cryptography post random number generator ' +
  'satellite terrestrial wireless radio spectrum broadband internet things sensor sensors actuator avatar avatars ' +
  'scene rendering graphics streaming compression point cloud haptic tactile display head mounted devices device ' +
  'conformance profile profiles registry catalogue lifecycle governance ethics accessibility interoperability ' +
  'semantic ontology exchange API open source runtime platform platforms infrastructure resource resources ' +
  'allocation scheduling routing switching slicing function functions virtualization container microservices ' +
  'réseau métavers sécurité qualité'
).split(' ');
function realTitleWords(): string[] {
  const directory = path.join(repositoryRoot, '..', 'shared', 'data');
  if (!fs.existsSync(directory)) return [];
  const words = new Set<string>();
  for (const file of fs.readdirSync(directory).filter((name) => /^roadmap-.*\.csv$/.test(name))) {
    for (const line of fs.readFileSync(path.join(directory, file), 'utf8').split('\n').slice(1)) {
      const title = line.match(/^[^,]*,[^,]*,("(?:[^"]|"")*"|[^,]*)/)?.[1] ?? '';
      for (const word of title.replace(/"/g, '').split(/[^\p{L}]+/u)) if (word.length > 2 && !isStopWord(word.toLowerCase())) words.add(word.toLowerCase());
    }
  }
  return [...words];
}
const vocabulary = [...new Set([...standardsWords, ...realTitleWords()])];
const titleWord = zipfPicker(vocabulary);

const topicList = [
  'QKDN overview', 'QKDN architecture', 'key management', 'key delivery API', 'QoS', 'SDN control', 'interworking',
  'machine learning', 'security evaluation', 'quantum internet', 'quantum-safe', 'QRNG', 'protocols', 'resilience',
  'immersive live experience', 'metaverse overview', 'definitions', 'use cases', 'digital twin', 'avatars',
  '3D asset format', 'XR runtime API', 'web XR / graphics', 'identity', 'mixed/augmented reality', 'immersive video',
  'MPEG-I immersive media', 'MPEG-V virtual worlds', 'VR sickness / HMD', 'XR safety', 'spatial web', 'ethics',
  'geospatial 3D streaming', 'city models', 'haptics', 'energy efficiency', 'smart cities', 'IoT', 'AI', 'cloud',
  'edge computing', 'network slicing', 'optical transport', 'vehicular communication', 'e-health', 'DLT',
  'accessibility', 'privacy', 'trust', 'interoperability', 'conformance testing', 'vocabulary', 'roadmap',
  ...Array.from({ length: 70 }, (_, i) => `topic ${i + 1}`),
];
const topicPick = zipfPicker(topicList, 0.7);

type Organization = { name: string; kind: string; identifier: () => string };
const itu = (group: string, series: string[], base: number): Organization => ({
  name: `ITU-T ${group}`,
  kind: 'Recommendation',
  identifier: () => {
    const number = `${pick(series)}.${base + between(0, 1999)}`;
    const roll = random();
    return roll < 0.08 ? `${number} Amd.${between(1, 3)}` : roll < 0.12 ? `${pick(series)}.Sup${between(1, 90)}` : number;
  },
});
const etsi = (group: string): Organization => ({
  name: `ETSI ${group}`,
  kind: 'Technical Specification',
  identifier: () => (random() < 0.8 ? `ETSI ${pick(['GS', 'GR'])} ${group.split(' ').pop()} ${String(between(1, 999)).padStart(3, '0')}` : `ETSI TS 1${between(0, 9)}${between(0, 9)} ${between(100, 999)}`),
});
const iso = (group: string): Organization => ({
  name: `ISO/IEC JTC 1/${group}`,
  kind: 'International Standard',
  identifier: () => `ISO/IEC ${between(20000, 29999)}${random() < 0.7 ? `-${between(1, 30)}` : ''}`,
});
const other = (name: string, kind: string, identifier: () => string): Organization => ({ name, kind, identifier });
const organizations: Organization[] = [
  itu('SG2', ['E', 'M'], 100), itu('SG5', ['K', 'L'], 1000), itu('SG9', ['J'], 100), itu('SG11', ['Q'], 3000),
  itu('SG12', ['P', 'G'], 1000), itu('SG13', ['Y'], 3000), itu('SG15', ['G'], 7000), itu('SG16', ['H', 'F'], 400),
  itu('SG17', ['X'], 1000), itu('SG20', ['Y'], 4000), itu('FG-MV', ['FGMV'], 1),
  other('ITU-R WP 6C', 'Recommendation', () => `BT.${between(1000, 2999)}`),
  iso('SC 27'), iso('SC 29'), iso('SC 41'), iso('SC 42'), iso('SC 24'),
  other('IEC TC 100', 'International Standard', () => `IEC ${between(60000, 69999)}-${between(1, 40)}-${between(1, 20)}`),
  etsi('ISG QKD'), etsi('ISG ARF'), etsi('TC CYBER'), etsi('ISG ZSM'),
  other('IETF', 'RFC', () => (random() < 0.8 ? `RFC ${between(1000, 9999)}` : `draft-${titleWord()}-${titleWord()}-${titleWord()}`)),
  other('IRTF', 'RFC', () => (random() < 0.5 ? `RFC ${between(8000, 9999)}` : `draft-irtf-${titleWord()}-${titleWord()}-${between(1, 99)}`)),
  other('IEEE SA', 'Standard', () => (random() < 0.5 ? `IEEE P${between(1000, 3999)}${random() < 0.3 ? `.${between(1, 9)}` : ''}` : `IEEE ${between(1000, 3999)}.${between(1, 99)}-${between(1995, 2026)}`)),
  other('3GPP SA4', 'Technical Specification', () => `3GPP ${pick(['TS', 'TR'])} 26.${between(100, 999)}`),
  other('3GPP SA1', 'Technical Specification', () => `3GPP ${pick(['TS', 'TR'])} 22.${between(100, 999)}`),
  other('3GPP RAN', 'Technical Specification', () => `3GPP ${pick(['TS', 'TR'])} 38.${between(100, 999)}${random() < 0.2 ? `-${between(10, 90)}` : ''}`),
  other('CCSA', 'Standard', () => `YD/T ${between(1000, 4999)}.${between(1, 9)}-${between(2005, 2026)}`),
  other('CEN-CENELEC JTC 22', 'European Standard', () => `EN ${between(10000, 19999)}-${between(1, 9)}`),
  other('W3C', 'Recommendation', () => `${pick(['WebXR', 'WebGPU', 'DID', 'VC', 'WebRTC', 'WebAuthn'])} ${titleWord()} ${between(1, 3)}.${between(0, 9)}`),
  other('Khronos', 'Specification', () => `${pick(['glTF', 'OpenXR', 'Vulkan', 'KTX', 'ANARI', 'WebGL'])} ${titleWord()} ${between(1, 4)}.${between(0, 9)}`),
  other('OGC', 'Standard', () => `OGC ${between(10, 25)}-${String(between(1, 999)).padStart(3, '0')}`),
  other('Metaverse Standards Forum', 'Technical Report', () => `MSF-${pick(['DG', 'WG'])}-${between(1, 9999)}`),
  other('AOUSD', 'Specification', () => `OpenUSD ${titleWord()} ${between(1, 3)}.${between(0, 9)}.${between(0, 9)}`),
  other('OMA3', 'Specification', () => `OMA3-${titleWord().toUpperCase()}-${between(1, 9999)}`),
  other('VRM Consortium', 'Specification', () => `VRM ${titleWord()} ${between(0, 2)}.${between(0, 99)}`),
  other('IEC TC 86', 'International Standard', () => `IEC ${between(61000, 62999)}-${between(1, 9)}`),
  other('CEN/CENELEC FGQT', 'Technical Report', () => `CEN/TR ${between(17000, 18999)}`),
  other('IEEE QuantumCom', 'Standard', () => `IEEE P${between(7000, 7999)}.${between(1, 20)}`),
];
if (organizations.length !== 40) throw new Error(`Expected 40 organizations, have ${organizations.length}`);

const statuses = ['published', 'published', 'published', 'approved', 'in development', 'in development', 'planned', 'superseded', 'withdrawn'];
function sentence(words: number): string {
  const text = Array.from({ length: words }, titleWord).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
function titleOf(): string {
  const main = sentence(between(3, 8));
  const roll = random();
  if (roll < 0.25) return `${main} - ${sentence(between(2, 5))}`;
  if (roll < 0.35) return `${main} - Part ${between(1, 12)}: ${sentence(between(2, 5))}`;
  return main;
}

function generateEntries(): TextIndexDocument[] {
  const taken = organizations.map(() => new Set<string>());
  const documents: TextIndexDocument[] = [];
  for (let id = 1; id <= entryCount; id++) {
    const at = Math.floor(random() * organizations.length);
    const organization = organizations[at]!;
    let identifier = organization.identifier();
    // (organization, identifier key) is unique, as in the roadmap.
    while (taken[at]!.has(identifierKey(identifier))) identifier = `${organization.identifier()}${random() < 0.5 ? '' : `.${between(1, 99)}`}`;
    taken[at]!.add(identifierKey(identifier));
    const status = pick(statuses);
    const topics = [...new Set(Array.from({ length: between(1, 3) }, topicPick))];
    documents.push({
      id,
      fields: { identifier, title: titleOf(), scope: `${sentence(between(8, 20))}. ${sentence(between(6, 16))}.`, topics },
      facets: {
        organization: organization.name,
        status,
        kind: random() < 0.9 ? organization.kind : pick(['Technical Report', 'Supplement', 'work item', 'other']),
        topics,
        year: status === 'planned' && random() < 0.6 ? null : between(1995, 2026),
      },
    });
  }
  return documents;
}

// --- build -------------------------------------------------------------------------------------------------------
process.stdout.write(`Search index benchmark: ${entryCount.toLocaleString('en')} entries, ${organizations.length} organizations, ` +
  `${queriesPerShape} queries per shape; load average ${loadAverageAtStart.join(', ')}.\n`);
const documents = generateEntries();
const heapBeforeMiB = heapUsedMiB();
const index = new TextIndex({ identifierKey });
const buildStarted = performance.now();
for (const document of documents) index.add(document);
const addMs = performance.now() - buildStarted;
// The first query computes the BM25F impacts with the final field-length averages and sorts the vocabulary and the
// identifier and title orders: part of the build, so measured with it.
const firstStarted = performance.now();
index.search('qua', { sort: 'title', limit: 1 });
const firstQueryMs = performance.now() - firstStarted;
const heapAfterMiB = heapUsedMiB();
const build = {
  addAllMs: Math.round(addMs),
  firstQueryMs: Math.round(firstQueryMs),
  totalMs: Math.round(addMs + firstQueryMs),
  heapUsedByIndexMiB: Math.round(heapAfterMiB - heapBeforeMiB),
  heapUsedTotalMiB: Math.round(heapAfterMiB),
};
process.stdout.write(
  `\nBuild: ${build.addAllMs} ms to add every entry + ${build.firstQueryMs} ms for the first query (impacts, vocabulary ` +
    `and orders) = ${build.totalMs} ms; index memory ${build.heapUsedByIndexMiB} MiB ` +
    `(process heap ${build.heapUsedTotalMiB} MiB with the generated entries).\n`,
);

// --- queries -----------------------------------------------------------------------------------------------------
type Query = { text: string; options: SearchOptions };
const titleWordsOf = (document: TextIndexDocument) => document.fields.title.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length > 2 && !isStopWord(w));
const someDocument = () => documents[Math.floor(random() * documents.length)]!;
const identifierSpellings = (identifier: string) => {
  const forms = [identifier, identifier.toLowerCase(), identifier.replace(/ /g, '')];
  if (/^[A-Z]{1,4}\.\d/.test(identifier)) forms.push(`ITU-T ${identifier}`, `Rec. ITU-T ${identifier}`, `T-REC-${identifier}-201910-I`);
  return forms;
};
const shapes: { id: string; label: string; make: () => Query }[] = [
  { id: 'singleWord', label: 'one word', make: () => ({ text: pick(titleWordsOf(someDocument())), options: {} }) },
  {
    id: 'twoWords',
    label: 'two words (from one title)',
    make: () => {
      const words = titleWordsOf(someDocument());
      return { text: `${pick(words)} ${pick(words)}`, options: {} };
    },
  },
  { id: 'identifier', label: 'identifier (various spellings)', make: () => ({ text: pick(identifierSpellings(someDocument().fields.identifier)), options: {} }) },
  {
    id: 'prefix',
    label: 'prefix being typed (2–5 letters)',
    make: () => {
      const word = pick(titleWordsOf(someDocument()));
      return { text: word.slice(0, between(2, Math.min(5, word.length))), options: {} };
    },
  },
  {
    id: 'wordAndTwoFilters',
    label: 'word + 2 filters',
    make: () => {
      const document = someDocument();
      const filters = random() < 0.5
        ? { organization: [document.facets.organization], status: [document.facets.status] }
        : { topics: [pick(document.facets.topics)], yearFrom: 2010, yearTo: 2026 };
      return { text: pick(titleWordsOf(document)), options: { filters } };
    },
  },
  {
    // One letter of one word dropped, doubled or swapped: what the text index's typo tolerance is for.
    id: 'typo',
    label: 'two words, one with a typo',
    make: () => {
      const words = titleWordsOf(someDocument()).filter((word) => word.length >= 5);
      const word = pick(words.length ? words : ['management']);
      const at = between(1, word.length - 2);
      const typo = pick([
        word.slice(0, at) + word.slice(at + 1),
        word.slice(0, at) + word[at] + word.slice(at),
        word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2),
      ]);
      return { text: `${pick(vocabulary)} ${typo}`, options: {} };
    },
  },
  {
    id: 'compactIdentifier',
    label: 'identifier without its dots and spaces',
    make: () => ({ text: someDocument().fields.identifier.replace(/[.\s]/g, ''), options: {} }),
  },
  {
    id: 'emptyQueryAndFilter',
    label: 'empty query + 1 filter, sorted',
    make: () => {
      const document = someDocument();
      const filters = pick([{ organization: [document.facets.organization] }, { status: [document.facets.status] }, { topics: [document.facets.topics[0]!] }]);
      return { text: '', options: { filters, sort: pick(['identifier', 'year', 'title'] as const) } };
    },
  },
];

const queries = shapes.map((shape) => Array.from({ length: queriesPerShape }, shape.make));
for (let i = 0; i < warmUpQueries; i++) index.search(pick(pick(queries)).text, { limit: 20 });

// Shapes interleaved, so a slow moment of the machine does not fall on one shape only. Each query runs once for the
// figures, then twice more: the best of the three shows what the query costs when no other process takes the core
// (on a busy machine a 2 ms query is often paused for a few ms), the first run is the figure that counts.
const samples = shapes.map(() => [] as number[]);
const bestOfThreeSamples = shapes.map(() => [] as number[]);
// CPU time of each query too: on a busy machine the elapsed time includes waiting for a core, the CPU time does not.
const cpuSamples = shapes.map(() => [] as number[]);
const hitCounts = shapes.map(() => [] as number[]);
for (let i = 0; i < queriesPerShape; i++) {
  for (let shape = 0; shape < shapes.length; shape++) {
    const { text, options } = queries[shape]![i]!;
    const cpuStarted = process.cpuUsage();
    let started = performance.now();
    const result = index.search(text, { limit: 20, tolerateTypos: true, ...options });
    const first = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    samples[shape]!.push(first);
    cpuSamples[shape]!.push((cpu.user + cpu.system) / 1000);
    hitCounts[shape]!.push(result.total);
    let best = first;
    for (let again = 0; again < 2; again++) {
      started = performance.now();
      index.search(text, { limit: 20, tolerateTypos: true, ...options });
      best = Math.min(best, performance.now() - started);
    }
    bestOfThreeSamples[shape]!.push(best);
  }
}

// --- keeping the index current -----------------------------------------------------------------------------------
const updateSamples: number[] = [];
const queryAfterUpdateSamples: number[] = [];
for (let i = 0; i < 200; i++) {
  const document = someDocument();
  const changed = { ...document, fields: { ...document.fields, title: titleOf() }, facets: { ...document.facets, status: pick(statuses) } };
  let started = performance.now();
  index.update(changed);
  updateSamples.push(performance.now() - started);
  started = performance.now();
  index.search(pick(titleWordsOf(changed)), { limit: 20 });
  queryAfterUpdateSamples.push(performance.now() - started);
}

// --- report ------------------------------------------------------------------------------------------------------
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const round = (ms: number) => Math.round(ms * 100) / 100;
const rows = shapes.map((shape, at) => {
  const summary = summarize(samples[at]!);
  const p95Ms = round(percentile(samples[at]!, 95));
  return {
    id: shape.id,
    label: shape.label,
    queries: summary.runs,
    medianMs: round(percentile(samples[at]!, 50)),
    p95Ms,
    maxMs: round(summary.maxMs),
    cpuMedianMs: round(percentile(cpuSamples[at]!, 50)),
    cpuP95Ms: round(percentile(cpuSamples[at]!, 95)),
    bestOfThreeMedianMs: round(percentile(bestOfThreeSamples[at]!, 50)),
    bestOfThreeP95Ms: round(percentile(bestOfThreeSamples[at]!, 95)),
    medianTotal: percentile(hitCounts[at]!, 50),
    maxTotal: Math.max(...hitCounts[at]!),
    goalP95Ms: goalP95Ms,
    goalMet: p95Ms <= goalP95Ms,
    examples: queries[at]!.slice(0, 3).map((query) => ({ query: query.text, ...query.options })),
  };
});
const all = samples.flat();
const allCpu = cpuSamples.flat();
const allBest = bestOfThreeSamples.flat();
const overall = {
  queries: all.length,
  medianMs: round(percentile(all, 50)),
  p95Ms: round(percentile(all, 95)),
  maxMs: round(Math.max(...all)),
  cpuMedianMs: round(percentile(allCpu, 50)),
  cpuP95Ms: round(percentile(allCpu, 95)),
  bestOfThreeMedianMs: round(percentile(allBest, 50)),
  bestOfThreeP95Ms: round(percentile(allBest, 95)),
};
const maintenance = [
  { id: 'update', label: 'update one entry', medianMs: round(percentile(updateSamples, 50)), p95Ms: round(percentile(updateSamples, 95)), maxMs: round(Math.max(...updateSamples)) },
  { id: 'queryAfterUpdate', label: 'first query after an update', medianMs: round(percentile(queryAfterUpdateSamples, 50)), p95Ms: round(percentile(queryAfterUpdateSamples, 95)), maxMs: round(Math.max(...queryAfterUpdateSamples)) },
];

const table = [
  ['query shape (limit 20, facet counts)', 'queries', 'median', 'p95', 'max', 'cpu p95', 'best-of-3 p95', 'hits (median)', `goal p95 ≤ ${goalP95Ms} ms`],
  ...rows.map((r) => [r.label, String(r.queries), `${r.medianMs} ms`, `${r.p95Ms} ms`, `${r.maxMs} ms`, `${r.cpuP95Ms} ms`, `${r.bestOfThreeP95Ms} ms`, String(r.medianTotal), r.goalMet ? 'met' : 'MISSED']),
  ['all shapes', String(overall.queries), `${overall.medianMs} ms`, `${overall.p95Ms} ms`, `${overall.maxMs} ms`, `${overall.cpuP95Ms} ms`, `${overall.bestOfThreeP95Ms} ms`, '', overall.p95Ms <= goalP95Ms ? 'met' : 'MISSED'],
  ...maintenance.map((m) => [m.label, '200', `${m.medianMs} ms`, `${m.p95Ms} ms`, `${m.maxMs} ms`, '', '', '', '']),
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
process.stdout.write('\n');
for (const [n, row] of table.entries()) {
  process.stdout.write(row.map((cell, column) => (column === 0 || column === row.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd() + '\n');
  if (n === 0) process.stdout.write(widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
}

const file = writeResults('search-index', {
  entries: entryCount,
  organizations: organizations.length,
  queriesPerShape,
  loadAverageAtStart,
  goal: { rankedQueryP95Ms: goalP95Ms },
  build,
  queryShapes: rows,
  overall: { ...overall, goalMet: overall.p95Ms <= goalP95Ms },
  maintenance,
});
const loadAtEnd = loadAverage();
const cores = os.cpus().length;
process.stdout.write(
  `\nLoad average ${loadAverageAtStart[0]} at the start, ${loadAtEnd[0]} at the end, on ${cores} cores` +
    (Math.max(loadAverageAtStart[0]!, loadAtEnd[0]!) > cores ? ': other processes were sharing the cores, so the figures run high.\n' : '.\n'),
);
process.stdout.write(`Figures written to ${path.relative(repositoryRoot, file)}\n`);
