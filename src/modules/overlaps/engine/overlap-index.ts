// The overlap engine: TF-IDF vectors of every entry of the register (words, word pairs, versions), sparse top-k
// cosine over the distinctive terms split across worker threads, then identifier facts re-scoring the candidates
// (scoring.ts). The built index is kept, so one new or changed entry is scored against the register without a run.
import { availableParallelism } from 'node:os';
import { AcronymDictionary, entryTerms } from './features.ts';
import { type EntryFacts, entryFacts, joinKeys, type OverlapReason, type RegisterEntry, scorePair, scoring } from './scoring.ts';
import { accumulate, keepBest, newScratch, rowChunks, type Scratch, type SimilarityMatrix, topCandidates } from './similarity.ts';
import type { EngineReply, EngineTask, TermsInput } from './engine-worker.ts';
import { EnginePool } from './worker-pool.ts';

export type OverlapOptions = {
  /** Neighbours kept per entry (10). */
  topK?: number;
  /** Pairs scoring below are dropped (0.1). */
  minimumScore?: number;
  /**
   * A run stores an entry's best candidate from `minimumScore` up, its other candidates from this score up (0.3):
   * below it they are weak look-alikes that a reviewer would dismiss, and they were most of the stored pairs. Measured
   * on the review benchmark's register of 100,000 entries: of 580,229 pairs stored from 0.2, 436,151 scored under
   * 0.25 and 119,418 from 0.25 to 0.3, against 35 likely ones; writing them was most of a full run's time.
   */
  keepScore?: number;
  /** Terms in more than this share of the register are not walked for candidates (0.02)… */
  maximumDocumentShare?: number;
  /** …unless they are in at most this many entries (200), so a small register keeps all its terms… */
  documentCapFloor?: number;
  /**
   * …and never when they are in more than this many (1,000): such a term says little about any pair whatever the
   * register's size, and walking its postings for every row that has it made the all-pairs run grow with the square
   * of the register (a share of 100,000 entries is 2,000 postings per term and row).
   */
  documentCapCeiling?: number;
  /** Worker threads for the all-pairs run (the machine's parallelism); 1 runs on the calling thread. */
  threads?: number;
  /** Below this many entries the run stays on the calling thread: starting workers costs more (5,000). */
  workerMinimumRows?: number;
  /** Told how long each phase took (wall milliseconds), for benchmarks and logs. */
  onPhase?: (phase: OverlapPhase, milliseconds: number) => void;
};

/** The phases of a run: reading the entries' terms and facts, the matrix, the sparse top-k, the re-scoring. */
export type OverlapPhase = 'features' | 'matrix' | 'candidates' | 'scoring';

/** Two entries that look like the same or overlapping work, from `a`'s side. */
export type OverlapPair = {
  a: number;
  b: number;
  /** In [0, 1]: 1 for identifier facts (certain), the text score re-weighted by the facts otherwise. */
  score: number;
  /** The cosine over distinctive terms, before the facts. */
  textScore: number;
  /** An identifier fact (stated equivalent, numbering rule, common-text relation) says they are the same text. */
  certain: boolean;
  /** At or above the likely threshold (`scoring.likely`). */
  likely: boolean;
  reasons: OverlapReason[];
};

/**
 * The result of an all-pairs run: each entry's best neighbours (explained when asked for), and the pairs to store,
 * each once (a < b): every entry's best, and the others from `keepScore` up.
 */
export type OverlapRun = { neighbours: NeighbourLists; pairs: OverlapPair[] };

const defaults = {
  topK: 10,
  minimumScore: 0.1,
  keepScore: 0.3,
  maximumDocumentShare: 0.02,
  documentCapFloor: 200,
  documentCapCeiling: 1000,
  workerMinimumRows: 5000,
};
/** Candidates below this text score are not kept by the accumulator (facts can still add pairs). */
const candidateMinimum = 0.08;
const sharedTermsShown = 6;
/** The most the facts can add to a text score (a mention and a shared version): bounds the ranking's search. */
const largestBonus = scoring.mentionBonus + scoring.sameVersionBonus;

type Row = { entry: RegisterEntry; facts: EntryFacts };
/** One entry's text candidates: slots [start, end) of the arrays, two lists (other organizations', own) of equal length. */
type CandidateSlots = { rows: Int32Array; scores: Float32Array; start: number; end: number };
const noSlots: CandidateSlots = { rows: new Int32Array(0), scores: new Float32Array(0), start: 0, end: 0 };

/** Whether a pair (score, text score, id) ranks before another: higher score, then higher text score, then smaller id. */
function ranksBefore(score: number, text: number, id: number, otherScore: number, otherText: number, otherId: number): boolean {
  return score > otherScore || (score === otherScore && (text > otherText || (text === otherText && id < otherId)));
}
type Vector = { terms: Int32Array; weights: Float32Array };
/** Ranked neighbours in flat lists, `topK` slots per ranked entry: row (-1 past the end), score, text score, certain (1). */
type Ranked = { rows: Int32Array; scores: Float64Array; texts: Float64Array; certain: Uint8Array };
function newRanked(slots: number): Ranked {
  return { rows: new Int32Array(slots).fill(-1), scores: new Float64Array(slots), texts: new Float64Array(slots), certain: new Uint8Array(slots) };
}

/** Typed arrays in shared memory, so the worker threads read the matrix without a copy. */
function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4));
}
function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(Math.max(1, length) * 4));
}

/** The built index of a register: vocabulary, rarity, vectors, postings and facts; updated one entry at a time. */
export class OverlapIndex {
  readonly options: Required<Omit<OverlapOptions, 'threads' | 'onPhase'>> & Pick<OverlapOptions, 'onPhase'> & { threads: number };
  private readonly rows: Row[] = [];
  private readonly rowById = new Map<number, number>();
  private readonly vocabulary = new Map<string, number>();
  private readonly termText: string[] = [];
  private documentFrequency: Int32Array = new Int32Array(0);
  private builtRowCount = 0;
  private matrix!: SimilarityMatrix;
  /** Rows added or replaced since the build: their vectors, scored by a direct product (few, until the next build). */
  private readonly addedVectors = new Map<number, Vector>();
  private readonly organizationIds = new Map<string, number>();
  /** Acronyms the register's titles spell out, learnt at the build (later entries are read with the same). */
  private readonly acronyms = new AcronymDictionary();
  /** The accumulator one-entry scoring reuses (allocated at its first use, as large as the built matrix). */
  private scratch: Scratch | undefined;
  /** Identifier join keys → rows (a number while there is one, as most keys have): own numbers, stated equivalents, mentions. */
  private readonly ownKeys = new Map<string, KeyRows>();
  private readonly statedKeys = new Map<string, KeyRows>();
  private readonly mentionedKeys = new Map<string, KeyRows>();

  private constructor(options: OverlapOptions) {
    this.options = { ...defaults, ...options, threads: options.threads ?? availableParallelism() };
  }

  /** Builds the index of a register. Entry ids must be unique. */
  static build(entries: readonly RegisterEntry[], options: OverlapOptions = {}): OverlapIndex {
    const index = new OverlapIndex(options);
    index.buildFrom(entries);
    return index;
  }

  get size(): number {
    return this.rowById.size;
  }

  /** The row of entry `id`, if the index holds it. */
  rowOf(id: number): number | undefined {
    return this.rowById.get(id);
  }

  /** The ids of the entries the index holds, in the order they were added. */
  ids(): number[] {
    return [...this.rowById.keys()].sort((x, y) => this.rowById.get(x)! - this.rowById.get(y)!);
  }

  /**
   * Builds the index of a register with the entries' terms read on `pool`'s threads, a range each, while this thread
   * reads their facts; the ranges' vocabularies are merged in order, so the index is the one `build` makes. A register
   * smaller than `workerMinimumRows` is built here.
   */
  static async buildOnThreads(entries: readonly RegisterEntry[], options: OverlapOptions, pool: EnginePool): Promise<OverlapIndex> {
    const index = new OverlapIndex(options);
    if (entries.length < index.options.workerMinimumRows) {
      index.buildFrom(entries);
      return index;
    }
    const started = performance.now();
    index.learnAcronyms(entries);
    const acronyms = index.acronyms.toData();
    // Two ranges per thread, so a thread slowed by other work does not hold the others up for long.
    const tasks: EngineTask[] = rowChunks(entries.length, Math.ceil(entries.length / (pool.size * 2))).map(([from, to]) => ({
      kind: 'terms',
      entries: entries.slice(from, to).map((entry): TermsInput => [entry.identifier, entry.title, entry.scope ?? null, entry.identifierKey ?? null]),
      acronyms,
    }));
    const replies = pool.run<Extract<EngineReply, { kind: 'terms' }>>(tasks);
    index.addRows(entries);
    const raw = new RawTerms(entries.length);
    let row = 0;
    for (const reply of await replies) {
      const ids = Int32Array.from(reply.terms, (term) => index.termId(term));
      for (let local = 0; local < reply.rowStart.length - 1; local++, row++) {
        raw.startRow(row);
        for (let p = reply.rowStart[local]!; p < reply.rowStart[local + 1]!; p++) raw.push(ids[reply.ids[p]!]!, reply.weights[p]!);
      }
    }
    raw.end(row);
    index.options.onPhase?.('features', performance.now() - started);
    index.buildMatrix(raw);
    return index;
  }

  private learnAcronyms(entries: readonly RegisterEntry[]): void {
    for (const entry of entries) this.acronyms.learn(entry.title, entry.identifier);
  }

  /** Adds the entries as rows, with their facts and identifier keys (not their terms). */
  private addRows(entries: readonly RegisterEntry[]): void {
    for (const entry of entries) {
      if (this.rowById.has(entry.id)) throw new Error(`Entry ${entry.id} is in the register twice`);
      const row = this.rows.length;
      this.rowById.set(entry.id, row);
      const facts = entryFacts(entry);
      this.rows.push({ entry, facts });
      this.indexKeys(row, facts);
    }
  }

  private buildFrom(entries: readonly RegisterEntry[]): void {
    const started = performance.now();
    this.learnAcronyms(entries);
    this.addRows(entries);
    const raw = new RawTerms(entries.length);
    for (let row = 0; row < entries.length; row++) {
      raw.startRow(row);
      for (const [term, weight] of entryTerms(entries[row]!, this.acronyms, this.rows[row]!.facts.identifierKey)) raw.push(this.termId(term), weight);
    }
    raw.end(entries.length);
    this.options.onPhase?.('features', performance.now() - started);
    this.buildMatrix(raw);
  }

  /** The matrix of the rows' terms: unit TF-IDF vectors and the postings of the terms rare enough to walk. */
  private buildMatrix(raw: RawTerms): void {
    const phaseStarted = performance.now();
    const { rowStart, ids: rawIds, weights: rawWeights, total } = raw;
    const rowCount = rowStart.length - 1;
    this.builtRowCount = rowCount;
    this.documentFrequency = raw.frequency.slice(0, this.termText.length);
    const cap = Math.min(this.options.documentCapCeiling, Math.max(this.options.documentCapFloor, Math.floor(rowCount * this.options.maximumDocumentShare)));

    // Unit TF-IDF vectors, sorted by term id (the direct product merges two of them): each row's ids sorted natively,
    // their weights found again through a scratch list indexed by term id.
    const rowTerms = sharedInt32(total);
    const rowWeights = sharedFloat32(total);
    const idfs = new Float64Array(this.termText.length);
    for (let term = 0; term < idfs.length; term++) idfs[term] = this.idf(term);
    const scratch = new Float64Array(this.termText.length);
    const postingCount = new Int32Array(this.termText.length + 1);
    for (let row = 0; row < rowCount; row++) {
      const start = rowStart[row]!;
      const end = rowStart[row + 1]!;
      let norm = 0;
      for (let p = start; p < end; p++) {
        const id = rawIds[p]!;
        const w = rawWeights[p]! * idfs[id]!;
        scratch[id] = w;
        norm += w * w;
      }
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      const sorted = rowTerms.subarray(start, end);
      sorted.set(rawIds.subarray(start, end));
      sorted.sort();
      for (let p = start; p < end; p++) {
        const id = rowTerms[p]!;
        rowWeights[p] = scratch[id]! * scale;
        if (this.documentFrequency[id]! <= cap) postingCount[id]!++;
      }
    }

    const postingStart = sharedInt32(this.termText.length + 1);
    for (let term = 0, sum = 0; term <= this.termText.length; term++) {
      postingStart[term] = sum;
      sum += postingCount[term] ?? 0;
    }
    const postingRows = sharedInt32(postingStart[this.termText.length]!);
    const postingWeights = sharedFloat32(postingStart[this.termText.length]!);
    const fill = postingStart.slice(0, this.termText.length);
    for (let row = 0; row < rowCount; row++) {
      for (let p = rowStart[row]!; p < rowStart[row + 1]!; p++) {
        const term = rowTerms[p]!;
        if (this.documentFrequency[term]! > cap) continue;
        const slot = fill[term]!++;
        postingRows[slot] = row;
        postingWeights[slot] = rowWeights[p]!;
      }
    }
    const rowOrganization = sharedInt32(rowCount);
    for (let row = 0; row < rowCount; row++) rowOrganization[row] = this.organizationId(this.rows[row]!.facts.organizationFamily);
    const rowRetired = new Uint8Array(new SharedArrayBuffer(Math.max(1, rowCount)));
    this.matrix = { rowCount, rowStart, rowTerms, rowWeights, postingStart, postingRows, postingWeights, rowOrganization, rowRetired };
    this.options.onPhase?.('matrix', performance.now() - phaseStarted);
  }

  private termId(term: string): number {
    let id = this.vocabulary.get(term);
    if (id === undefined) {
      id = this.termText.length;
      this.vocabulary.set(term, id);
      this.termText.push(term);
    }
    return id;
  }

  private organizationId(family: string): number {
    let id = this.organizationIds.get(family);
    if (id === undefined) this.organizationIds.set(family, (id = this.organizationIds.size));
    return id;
  }

  /** Rarity of a term: terms first seen after the build count as seen once. */
  private idf(term: number): number {
    const frequency = term < this.documentFrequency.length ? this.documentFrequency[term]! : 1;
    return Math.log((this.builtRowCount + 1) / (frequency + 1)) + 1;
  }

  /** Unit TF-IDF vector of raw weighted terms, sorted by term id; new terms join the vocabulary (without postings). */
  private vectorOf(raw: Map<string, number>): Vector {
    const ids = new Int32Array(raw.size);
    const weights = new Float32Array(raw.size);
    let i = 0;
    let norm = 0;
    const pairs: [number, number][] = [];
    for (const [term, weight] of raw) {
      const id = this.termId(term);
      const w = weight * this.idf(id);
      pairs.push([id, w]);
      norm += w * w;
    }
    pairs.sort((x, y) => x[0] - y[0]);
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [id, w] of pairs) {
      ids[i] = id;
      weights[i++] = w * scale;
    }
    return { terms: ids, weights };
  }

  private indexKeys(row: number, facts: EntryFacts): void {
    const keys = joinKeys(facts);
    for (const key of keys.own) putKeyRow(this.ownKeys, key, row);
    for (const key of keys.stated) putKeyRow(this.statedKeys, key, row);
    for (const key of keys.mentioned) putKeyRow(this.mentionedKeys, key, row);
  }

  private vectorOfRow(row: number): Vector {
    const added = this.addedVectors.get(row);
    if (added) return added;
    const { rowStart, rowTerms, rowWeights } = this.matrix;
    return { terms: rowTerms.subarray(rowStart[row]!, rowStart[row + 1]!), weights: rowWeights.subarray(rowStart[row]!, rowStart[row + 1]!) };
  }

  private walked(term: number): boolean {
    const { postingStart } = this.matrix;
    return term < postingStart.length - 1 && postingStart[term + 1]! > postingStart[term]!;
  }

  /** The cosine of two vectors over walked terms (what the accumulator sums), and the terms that made it. */
  private textScore(x: Vector, y: Vector, withTerms: boolean): { score: number; terms: { term: string; weight: number }[] } {
    let score = 0;
    const terms: { term: string; weight: number }[] = [];
    for (let i = 0, j = 0; i < x.terms.length && j < y.terms.length; ) {
      const a = x.terms[i]!;
      const b = y.terms[j]!;
      if (a < b) i++;
      else if (a > b) j++;
      else {
        if (this.walked(a)) {
          const product = x.weights[i]! * y.weights[j]!;
          score += product;
          if (withTerms) terms.push({ term: this.termText[a]!, weight: Math.round(product * 1000) / 1000 });
        }
        i++;
        j++;
      }
    }
    terms.sort((p, q) => q.weight - p.weight);
    return { score, terms: terms.slice(0, sharedTermsShown) };
  }

  /** Rows sharing an identifier key with these facts (numbers, stated equivalents, mentions), for certain pairs. */
  private rowsJoinedWith(facts: EntryFacts): number[] {
    const keys = joinKeys(facts);
    const out = new Set<number>();
    const take = (map: Map<string, KeyRows>, key: string) => {
      const list = map.get(key);
      if (typeof list === 'number') out.add(list);
      // A key shared by dozens of entries is a generic mention, not an equivalence: leave it to the text.
      else if (list && list.length <= 50) for (const row of list) out.add(row);
    };
    for (const key of keys.own) {
      if (!key.startsWith('id:')) take(this.ownKeys, key);
      take(this.statedKeys, key);
      take(this.mentionedKeys, key);
    }
    for (const key of keys.stated) {
      take(this.ownKeys, key);
      take(this.statedKeys, key);
    }
    for (const key of keys.mentioned) if (!key.startsWith('id:')) take(this.ownKeys, key);
    for (const related of facts.relations) {
      const row = this.rowById.get(related);
      if (row !== undefined) out.add(row);
    }
    return [...out];
  }

  /**
   * Scores candidate rows for one entry and keeps its best `topK`, best first: rows joined by identifier facts
   * always; the text candidates (`slots`: lists sorted best first, `-1` past the end) until no bonus could lift
   * the next one above the k-th kept; rows added since the build (`added`). Nothing is explained here: the kept rows,
   * scores, text scores and certainty go to `out` from slot `at` on, and the count is returned.
   */
  private rankInto(self: Row, selfVector: Vector, selfRow: number | undefined, slots: CandidateSlots, added: ReadonlyMap<number, number>, joined: number[], out: Ranked, at0: number): number {
    const { topK, minimumScore } = this.options;
    const { rows: keptRows, scores: keptScores, texts: keptTexts, certain: keptCertain } = out;
    let count = 0;
    let kth = minimumScore;
    const consider = (row: number, knownText: number | undefined) => {
      if (row === selfRow || this.isRetired(row)) return;
      for (let i = at0; i < at0 + count; i++) if (keptRows[i] === row) return;
      const textScore = round(knownText ?? this.textScore(selfVector, this.vectorOfRow(row), false).score);
      const scored = scorePair(self.facts, this.rows[row]!.facts, textScore, false);
      const score = round(scored.score);
      if (score < kth) return;
      const id = this.rows[row]!.entry.id;
      // Insertion into the short sorted list: score, then text score, then the smaller id first.
      let at = at0 + Math.min(count, topK - 1);
      if (count === topK && !ranksBefore(score, textScore, id, keptScores[at]!, keptTexts[at]!, this.rows[keptRows[at]!]!.entry.id)) return;
      while (at > at0 && ranksBefore(score, textScore, id, keptScores[at - 1]!, keptTexts[at - 1]!, this.rows[keptRows[at - 1]!]!.entry.id)) {
        keptRows[at] = keptRows[at - 1]!;
        keptScores[at] = keptScores[at - 1]!;
        keptTexts[at] = keptTexts[at - 1]!;
        keptCertain[at] = keptCertain[at - 1]!;
        at--;
      }
      keptRows[at] = row;
      keptScores[at] = score;
      keptTexts[at] = textScore;
      keptCertain[at] = scored.certain ? 1 : 0;
      if (count < topK) count++;
      if (count === topK) kth = Math.max(minimumScore, keptScores[at0 + topK - 1]!);
    };
    const fromSlots = (row: number) => {
      for (let slot = slots.start; slot < slots.end; slot++) if (slots.rows[slot] === row) return slots.scores[slot]!;
      return added.get(row);
    };
    for (const row of joined) consider(row, fromSlots(row));
    for (let side = 0; side < 2; side++) {
      const half = (slots.end - slots.start) / 2;
      for (let slot = slots.start + side * half; slot < slots.start + (side + 1) * half; slot++) {
        const row = slots.rows[slot]!;
        if (row < 0 || slots.scores[slot]! + largestBonus < kth) break;
        consider(row, slots.scores[slot]!);
      }
    }
    for (const [row, textScore] of added) if (textScore + largestBonus >= kth) consider(row, textScore);
    return count;
  }

  /**
   * The pair of `self` and `row` explained (shared terms, the facts' reasons) with the score and text score the
   * ranking gave it.
   */
  private explain(self: Row, selfVector: Vector, row: number, score: number, textScore: number): OverlapPair {
    const other = this.rows[row]!;
    const { terms } = this.textScore(selfVector, this.vectorOfRow(row), true);
    const { certain, reasons } = scorePair(self.facts, other.facts, textScore);
    if (terms.length) reasons.unshift({ kind: 'shared_terms', terms });
    return { a: self.entry.id, b: other.entry.id, score, textScore, certain, likely: score >= scoring.likely, reasons };
  }

  /** Ranks and explains: one entry's best neighbours before `yieldToRivals` (scoring one entry, a few rows). */
  private rank(self: Row, selfVector: Vector, selfRow: number | undefined, slots: CandidateSlots, added: ReadonlyMap<number, number>, joined: number[]): OverlapPair[] {
    const ranked = newRanked(this.options.topK);
    const count = this.rankInto(self, selfVector, selfRow, slots, added, joined, ranked, 0);
    const kept: OverlapPair[] = [];
    for (let i = 0; i < count; i++) kept.push(this.explain(self, selfVector, ranked.rows[i]!, ranked.scores[i]!, ranked.texts[i]!));
    return kept;
  }

  private isRetired(row: number): boolean {
    return row < this.matrix.rowCount ? this.matrix.rowRetired[row] === 1 : !this.addedVectors.has(row) || this.rows[row] === undefined;
  }

  /**
   * Every entry's best neighbours over the whole register: candidates from the sparse product (on worker threads
   * when the register is large), joined with identifier facts, re-scored.
   */
  async allPairs(pool?: EnginePool): Promise<OverlapRun> {
    // As many candidates per side as kept: the facts re-order them, the two sides give twice as many.
    const perSide = this.options.topK;
    const width = perSide * 2;
    const { rowCount } = this.matrix;
    const candidateRows = new Int32Array(rowCount * width);
    const candidateScores = new Float32Array(rowCount * width);
    const threads = Math.max(1, Math.floor(pool?.size ?? this.options.threads));
    let phaseStarted = performance.now();
    if (threads === 1 || rowCount < this.options.workerMinimumRows) {
      const { rows, scores } = topCandidates(this.matrix, 0, rowCount, perSide, candidateMinimum);
      candidateRows.set(rows);
      candidateScores.set(scores);
    } else if (pool) {
      await this.candidatesOnWorkers(pool, perSide, candidateRows, candidateScores);
    } else {
      const ownPool = new EnginePool(threads);
      try {
        await this.candidatesOnWorkers(ownPool, perSide, candidateRows, candidateScores);
      } finally {
        await ownPool.close();
      }
    }

    this.options.onPhase?.('candidates', performance.now() - phaseStarted);
    phaseStarted = performance.now();
    // Every row ranked into flat lists, nothing explained yet: a million explained pairs (reasons, shared terms) cost
    // more in garbage collection than the ranking itself, and most are never stored.
    const { topK } = this.options;
    const total = this.rows.length;
    const ranked = newRanked(total * topK);
    const counts = new Uint8Array(total);
    const family = new Int32Array(total);
    const noneAdded = new Map<number, number>();
    for (let row = 0; row < total; row++) {
      if (this.isRetired(row)) continue;
      family[row] = this.organizationId(this.rows[row]!.facts.organizationFamily);
      const slots: CandidateSlots = row < rowCount ? { rows: candidateRows, scores: candidateScores, start: row * width, end: (row + 1) * width } : noSlots;
      const self = this.rows[row]!;
      const vector = this.vectorOfRow(row);
      const added = this.addedVectors.size ? this.addedScores(vector, row) : noneAdded;
      counts[row] = this.rankInto(self, vector, row, slots, added, this.rowsJoinedWith(self.facts), ranked, row * topK);
    }
    const rivals = this.yieldRanked(ranked, counts, family);
    const neighbours = new NeighbourLists(this, ranked, counts, rivals);
    const pairs = this.storedPairs(ranked, counts, rivals);
    this.options.onPhase?.('scoring', performance.now() - phaseStarted);
    return { neighbours, pairs };
  }

  /**
   * `yieldToRivals` over the flat lists of a full run (the same rule, read from the lists before it applies): a
   * yielded slot gets its lower score in `ranked` and its rival's row in the returned list (-1 elsewhere); a list
   * that changed is sorted again.
   */
  private yieldRanked(ranked: Ranked, counts: Uint8Array, family: Int32Array): Int32Array {
    const { topK } = this.options;
    const { rows, scores, texts, certain } = ranked;
    const firstScores = scores.slice();
    const rivals = new Int32Array(rows.length).fill(-1);
    const changedRows: number[] = [];
    for (let row = 0; row < counts.length; row++) {
      let changed = false;
      for (let slot = row * topK; slot < row * topK + counts[row]!; slot++) {
        if (certain[slot]) continue;
        const b = rows[slot]!;
        for (let other = b * topK; other < b * topK + counts[b]!; other++) {
          const rival = rows[other]!;
          // The rival must see it the same way (the candidate first in its own list).
          if (rival !== row && firstScores[other]! >= firstScores[slot]! + scoring.rivalMargin && family[rival] === family[row] && counts[rival]! > 0 && rows[rival * topK] === b) {
            rivals[slot] = rival;
            scores[slot] = round(firstScores[slot]! * scoring.rivalTwin);
            changed = true;
            break;
          }
        }
      }
      if (changed) changedRows.push(row);
    }
    for (const row of changedRows) {
      const start = row * topK;
      const order = Array.from({ length: counts[row]! }, (_, i) => start + i);
      const id = (slot: number) => this.rows[rows[slot]!]!.entry.id;
      order.sort((x, y) => (ranksBefore(scores[x]!, texts[x]!, id(x), scores[y]!, texts[y]!, id(y)) ? -1 : ranksBefore(scores[y]!, texts[y]!, id(y), scores[x]!, texts[x]!, id(x)) ? 1 : 0));
      const copy = { rows: order.map((slot) => rows[slot]!), scores: order.map((slot) => scores[slot]!), texts: order.map((slot) => texts[slot]!), certain: order.map((slot) => certain[slot]!), rivals: order.map((slot) => rivals[slot]!) };
      for (let i = 0; i < order.length; i++) {
        rows[start + i] = copy.rows[i]!;
        scores[start + i] = copy.scores[i]!;
        texts[start + i] = copy.texts[i]!;
        certain[start + i] = copy.certain[i]!;
        rivals[start + i] = copy.rivals[i]!;
      }
    }
    return rivals;
  }

  /** Slot `slot` of row `row`'s ranked list, explained from `row`'s side (`yieldToRivals`' reason included). */
  explainSlot(row: number, slot: number, ranked: Ranked, rivals: Int32Array): OverlapPair {
    const pair = this.explain(this.rows[row]!, this.vectorOfRow(row), ranked.rows[slot]!, ranked.scores[slot]!, ranked.texts[slot]!);
    const rival = rivals[slot]!;
    if (rival < 0) return pair;
    const entry = this.rows[rival]!.entry;
    pair.reasons.push({ kind: 'closer_twin', which: 'b', rival: `${entry.organization} ${entry.identifier}` });
    return pair;
  }

  /**
   * The pairs a run stores, each once (a < b), best first: each entry's best candidate, and its other candidates that
   * score at least `keepScore`. Of a pair both entries rank, the copy that yielded to a rival is kept (it says why).
   */
  private storedPairs(ranked: Ranked, counts: Uint8Array, rivals: Int32Array): OverlapPair[] {
    const { topK, keepScore } = this.options;
    const total = counts.length;
    const chosen = new Map<number, number>();
    const ownerOf = (slot: number) => Math.floor(slot / topK);
    for (let row = 0; row < total; row++) {
      for (let i = 0; i < counts[row]!; i++) {
        const slot = row * topK + i;
        if (i > 0 && ranked.scores[slot]! < keepScore) break;
        const b = ranked.rows[slot]!;
        const key = Math.min(row, b) * total + Math.max(row, b);
        const known = chosen.get(key);
        if (known === undefined || (rivals[known]! < 0 && rivals[slot]! >= 0)) chosen.set(key, slot);
      }
    }
    // A stored pair whose other copy yielded to a rival below `keepScore` is still stored as that copy: otherwise
    // the threshold would decide which side's score a pair gets (two hard negatives read as likely at 0.3).
    for (let slot = 0; slot < counts.length * topK; slot++) {
      if (rivals[slot]! < 0 || slot % topK >= counts[ownerOf(slot)]!) continue;
      const row = ownerOf(slot);
      const b = ranked.rows[slot]!;
      const key = Math.min(row, b) * total + Math.max(row, b);
      const known = chosen.get(key);
      if (known !== undefined && rivals[known]! < 0) chosen.set(key, slot);
    }
    const pairs: OverlapPair[] = [];
    for (const slot of chosen.values()) {
      const pair = this.explainSlot(ownerOf(slot), slot, ranked, rivals);
      pairs.push(pair.a < pair.b ? pair : flipPair(pair));
    }
    return pairs.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  }

  /** Text scores against the rows added since the build (not in the postings), at least the candidates' minimum. */
  private addedScores(vector: Vector, self: number | undefined): Map<number, number> {
    const added = new Map<number, number>();
    for (const [addedRow, addedVector] of this.addedVectors) {
      if (addedRow === self) continue;
      const { score } = this.textScore(vector, addedVector, false);
      if (score >= candidateMinimum) added.set(addedRow, score);
    }
    return added;
  }

  /** One row's best neighbours before `yieldToRivals`, from its text candidates (`slots`), added rows and joined rows. */
  private neighboursOfRow(row: number, slots: CandidateSlots): OverlapPair[] {
    const self = this.rows[row]!;
    const vector = this.vectorOfRow(row);
    // Rows added since the build are not in the postings: score them directly (few until the next build).
    return this.rank(self, vector, row, slots, this.addedScores(vector, row), this.rowsJoinedWith(self.facts));
  }

  /** A row's best neighbours before `yieldToRivals`, its text candidates found by the sparse product alone. */
  private neighboursOfBuiltRow(row: number): OverlapPair[] {
    if (row >= this.matrix.rowCount) return this.neighboursOfRow(row, noSlots);
    const perSide = this.options.topK;
    const { rows, scores } = topCandidates(this.matrix, row, row + 1, perSide, candidateMinimum, this.scratchOf());
    return this.neighboursOfRow(row, { rows, scores, start: 0, end: rows.length });
  }

  /**
   * A text has one twin per body: a candidate whose best match in this entry's body is another entry, better by at
   * least `scoring.rivalMargin`, is that entry's twin ("ISO/IEC 23008-2" is H.265's, not H.265.1's), so the pair is
   * scored down (`scoring.rivalTwin`) and the list sorted again. Certain pairs stay. `listOf` gives a candidate's
   * own list before this step.
   */
  private yieldToRivals(self: EntryFacts, list: OverlapPair[], listOf: (id: number) => OverlapPair[] | undefined): OverlapPair[] {
    let changed = false;
    const out = list.map((pair) => {
      if (pair.certain) return pair;
      // The rival must see it the same way (the candidate first in its own list), or a candidate's mistake would
      // push this entry's true twin down in turn.
      const rival = listOf(pair.b)?.find(
        (other) =>
          other.b !== self.id &&
          other.score >= pair.score + scoring.rivalMargin &&
          this.familyOf(other.b) === self.organizationFamily &&
          listOf(other.b)?.[0]?.b === pair.b,
      );
      if (!rival) return pair;
      changed = true;
      const entry = this.rows[this.rowById.get(rival.b)!]!.entry;
      const score = round(pair.score * scoring.rivalTwin);
      const reasons: OverlapReason[] = [...pair.reasons, { kind: 'closer_twin', which: 'b', rival: `${entry.organization} ${entry.identifier}` }];
      return { ...pair, score, likely: score >= scoring.likely, reasons };
    });
    if (!changed) return list;
    return out.sort((x, y) => (ranksBefore(x.score, x.textScore, x.b, y.score, y.textScore, y.b) ? -1 : ranksBefore(y.score, y.textScore, y.b, x.score, x.textScore, x.b) ? 1 : 0));
  }

  private scratchOf(): Scratch {
    this.scratch ??= newScratch(this.matrix.rowCount);
    return this.scratch;
  }

  private familyOf(id: number): string | undefined {
    const row = this.rowById.get(id);
    return row === undefined ? undefined : this.rows[row]!.facts.organizationFamily;
  }

  /** The top candidates of every row, computed on `pool`'s threads, which share the matrix. */
  private async candidatesOnWorkers(pool: EnginePool, perSide: number, candidateRows: Int32Array, candidateScores: Float32Array): Promise<void> {
    const width = perSide * 2;
    await pool.broadcast({ kind: 'matrix', matrix: this.matrix });
    const tasks: EngineTask[] = rowChunks(this.matrix.rowCount, Math.max(500, Math.ceil(this.matrix.rowCount / (pool.size * 8)))).map(([from, to]) => ({
      kind: 'candidates',
      from,
      to,
      perSide,
      minimum: candidateMinimum,
    }));
    for (const reply of await pool.run<Extract<EngineReply, { kind: 'candidates' }>>(tasks)) {
      candidateRows.set(reply.rows, reply.from * width);
      candidateScores.set(reply.scores, reply.from * width);
    }
  }

  /**
   * Scores one entry (new, or changed: its id may be in the register, whose row is then left out) against the
   * register, without changing the index: its best neighbours, best first.
   */
  scoreEntry(entry: RegisterEntry): OverlapPair[] {
    const vector = this.vectorOf(entryTerms(entry, this.acronyms));
    const facts = entryFacts(entry);
    const selfRow = this.rowById.get(entry.id);
    const { accumulator, touched } = this.scratchOf();
    const count = accumulate(this.matrix, vector.terms, vector.weights, 0, vector.terms.length, selfRow ?? -1, accumulator, touched);
    const perSide = this.options.topK;
    const outRows = new Int32Array(perSide * 2).fill(-1);
    const outScores = new Float32Array(perSide * 2);
    // The organization decides which of the two candidate lists a row goes to.
    const organization = this.organizationIds.get(facts.organizationFamily) ?? -1;
    keepBest(this.matrix, organization, accumulator, touched, count, perSide, candidateMinimum, outRows, outScores, 0);
    const added = this.addedScores(vector, selfRow);
    const list = this.rank({ entry, facts }, vector, selfRow, { rows: outRows, scores: outScores, start: 0, end: outRows.length }, added, this.rowsJoinedWith(facts));
    // The candidates' own lists, as the full run has them, tell which candidate is another entry's twin.
    return this.yieldToRivals(facts, list, (other) => {
      const row = this.rowById.get(other);
      return row === undefined ? undefined : this.neighboursOfBuiltRow(row);
    });
  }

  /**
   * Applies changes to the index (`removed` ids out, `changed` entries added or replaced) and answers the pairs a full
   * run would store for them, each once (a < b). A run stores a pair from either side: as one of the changed entry's
   * best, or as one of the other entry's (a new entry can be an old entry's best candidate while that old entry is
   * not among the new one's ten best). So the entries the changed one may now rank for are scored too
   * (`reverseNeighbours`), and their pairs with a changed entry are kept when their own list keeps them. Pairs
   * between two unchanged entries are left to the next full run, even when a changed entry pushed one out of a list.
   */
  applyChanges(changed: readonly RegisterEntry[], removed: readonly number[]): OverlapPair[] {
    for (const id of removed) this.remove(id);
    for (const entry of changed) this.upsert(entry);
    const { keepScore } = this.options;
    const changedIds = new Set(changed.map((entry) => entry.id));
    const lists = new Map(changed.map((entry) => [entry.id, this.scoreEntry(entry)]));
    for (const entry of changed) {
      for (const other of this.reverseNeighbours(entry.id)) {
        if (lists.has(other)) continue;
        // First the other entry's list without the rivals' rule (one sparse product); the whole rule only when the
        // changed entry is in it, as its best or from the stored score up.
        // (A row added since the build is not in the postings: it goes straight to the whole rule.)
        const otherRow = this.rowById.get(other)!;
        if (otherRow < this.matrix.rowCount) {
          const quick = this.neighboursOfBuiltRow(otherRow);
          const at = quick.findIndex((pair) => changedIds.has(pair.b));
          if (at < 0 || (at > 0 && quick[at]!.score < keepScore)) continue;
        }
        lists.set(other, this.scoreEntry(this.rows[otherRow]!.entry));
      }
    }
    return uniquePairs(lists, keepScore).filter((pair) => changedIds.has(pair.a) || changedIds.has(pair.b));
  }

  /**
   * The entries whose own best candidates may hold entry `id`: the ones sharing the most distinctive terms with it
   * (`reach` per candidate list: twice as many as an entry keeps, at least 20), rows added since the build that score with it, and
   * the rows identifier facts join to it.
   */
  reverseNeighbours(id: number, reach = Math.max(20, this.options.topK * 2)): number[] {
    const row = this.rowById.get(id);
    if (row === undefined) return [];
    const vector = this.vectorOfRow(row);
    const { facts } = this.rows[row]!;
    const { accumulator, touched } = this.scratchOf();
    const count = accumulate(this.matrix, vector.terms, vector.weights, 0, vector.terms.length, row, accumulator, touched);
    const outRows = new Int32Array(reach * 2).fill(-1);
    const outScores = new Float32Array(reach * 2);
    keepBest(this.matrix, this.organizationIds.get(facts.organizationFamily) ?? -1, accumulator, touched, count, reach, candidateMinimum, outRows, outScores, 0);
    const rows = new Set<number>();
    for (const other of outRows) if (other >= 0) rows.add(other);
    for (const other of this.addedScores(vector, row).keys()) rows.add(other);
    for (const other of this.rowsJoinedWith(facts)) rows.add(other);
    rows.delete(row);
    return [...rows].filter((other) => !this.isRetired(other)).map((other) => this.rows[other]!.entry.id);
  }

  /** The score and reasons of one pair of entries of the index, whether or not either keeps the other among its best. */
  explainPair(a: number, b: number): OverlapPair {
    const rowA = this.rowById.get(a);
    const rowB = this.rowById.get(b);
    if (rowA === undefined || rowB === undefined) throw new Error(`No entry ${rowA === undefined ? a : b} in the overlap index`);
    const [x, y] = [this.rows[rowA]!, this.rows[rowB]!];
    const { score: textScore, terms } = this.textScore(this.vectorOfRow(rowA), this.vectorOfRow(rowB), true);
    const { score, certain, reasons } = scorePair(x.facts, y.facts, textScore);
    if (terms.length) reasons.unshift({ kind: 'shared_terms', terms });
    return { a, b, score: round(score), textScore: round(textScore), certain, likely: score >= scoring.likely, reasons };
  }

  /** Adds an entry to the index, or replaces the entry with its id: later runs and scores see the new version. */
  upsert(entry: RegisterEntry): void {
    const previous = this.rowById.get(entry.id);
    if (previous !== undefined) this.retire(previous);
    const row = this.rows.length;
    const facts = entryFacts(entry);
    this.rows.push({ entry, facts });
    this.rowById.set(entry.id, row);
    this.indexKeys(row, facts);
    this.addedVectors.set(row, this.vectorOf(entryTerms(entry, this.acronyms)));
  }

  /** Removes an entry from the index. */
  remove(id: number): void {
    const row = this.rowById.get(id);
    if (row === undefined) return;
    this.retire(row);
    this.rowById.delete(id);
  }

  private retire(row: number): void {
    if (row < this.matrix.rowCount) this.matrix.rowRetired[row] = 1;
    else this.addedVectors.delete(row);
  }
}

/** Each entry's ranked neighbours after a run, explained when read (most are never read but by benchmarks and tests). */
export class NeighbourLists {
  constructor(
    private readonly index: OverlapIndex,
    private readonly ranked: Ranked,
    private readonly counts: Uint8Array,
    private readonly rivals: Int32Array,
  ) {}

  /** Entry `id`'s best neighbours, best first, as `scoreEntry` gives them; undefined for an entry not in the run. */
  get(id: number): OverlapPair[] | undefined {
    const row = this.index.rowOf(id);
    if (row === undefined || row >= this.counts.length) return undefined;
    const { topK } = this.index.options;
    return Array.from({ length: this.counts[row]! }, (_, i) => this.index.explainSlot(row, row * topK + i, this.ranked, this.rivals));
  }

  *[Symbol.iterator](): IterableIterator<[number, OverlapPair[]]> {
    for (const id of this.index.ids()) {
      const list = this.get(id);
      if (list) yield [id, list];
    }
  }
}

type KeyRows = number | number[];

function putKeyRow(map: Map<string, KeyRows>, key: string, row: number): void {
  const known = map.get(key);
  if (known === undefined) map.set(key, row);
  else if (typeof known === 'number') map.set(key, [known, row]);
  else known.push(row);
}

/** Each row's terms as ids and raw weights in two flat lists (rowStart gives each row's span), with each term's count. */
class RawTerms {
  ids: Int32Array<ArrayBuffer>;
  weights: Float64Array<ArrayBuffer>;
  frequency = new Int32Array(1 << 16);
  readonly rowStart: Int32Array;
  total = 0;

  constructor(rowCount: number) {
    // A map of strings per row, kept for 100,000 rows, cost more in garbage collection than the terms took to read.
    this.ids = new Int32Array(rowCount * 24 + 16);
    this.weights = new Float64Array(this.ids.length);
    this.rowStart = sharedInt32(rowCount + 1);
  }

  startRow(row: number): void {
    this.rowStart[row] = this.total;
  }

  push(id: number, weight: number): void {
    if (this.total === this.ids.length) {
      this.ids = growInt32(this.ids, this.ids.length * 2);
      this.weights = growFloat64(this.weights, this.weights.length * 2);
    }
    if (id >= this.frequency.length) this.frequency = growInt32(this.frequency, Math.max(id + 1, this.frequency.length * 2));
    this.frequency[id]!++;
    this.ids[this.total] = id;
    this.weights[this.total++] = weight;
  }

  end(rowCount: number): void {
    this.rowStart[rowCount] = this.total;
  }
}

function growInt32(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

function growFloat64(array: Float64Array<ArrayBuffer>, length: number): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(length);
  grown.set(array);
  return grown;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

/**
 * Each pair once, from the side of the entry with the smaller id, reasons turned to match: of each list its first
 * pair, and the others scoring at least `keepScore` (what a full run stores).
 */
export function uniquePairs(neighbours: Map<number, OverlapPair[]>, keepScore = 0): OverlapPair[] {
  const byKey = new Map<number | string, OverlapPair>();
  for (const list of neighbours.values()) {
    for (const [i, pair] of list.entries()) {
      if (i > 0 && pair.score < keepScore) break;
      const oriented = pair.a < pair.b ? pair : flipPair(pair);
      // A number key while ids are small enough to pack two in a double (they are database serials).
      const key = oriented.b < 2 ** 26 && oriented.a < 2 ** 26 ? oriented.a * 2 ** 26 + oriented.b : `${oriented.a}:${oriented.b}`;
      const known = byKey.get(key);
      // The side that computed shared terms for its own list has them; keep the richer copy.
      if (!known || (oriented.reasons.length > known.reasons.length)) byKey.set(key, oriented);
    }
  }
  return [...byKey.values()].sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
}

const flipSide = (side: 'a' | 'b'): 'a' | 'b' => (side === 'a' ? 'b' : 'a');

/** The same pair seen from `b`'s side. */
export function flipPair(pair: OverlapPair): OverlapPair {
  return {
    ...pair,
    a: pair.b,
    b: pair.a,
    reasons: pair.reasons.map((reason): OverlapReason => {
      switch (reason.kind) {
        case 'stated_equivalent':
          return reason.statedBy === 'both' ? reason : { ...reason, statedBy: flipSide(reason.statedBy) };
        case 'mentions':
          return { ...reason, by: flipSide(reason.by) };
        case 'amendment':
        case 'closer_twin':
          return { ...reason, which: flipSide(reason.which) };
        case 'same_series':
        case 'different_numbers':
          return { ...reason, numbers: [reason.numbers[1], reason.numbers[0]] };
        case 'different_parts':
          return { ...reason, parts: [reason.parts[1], reason.parts[0]] };
        case 'different_versions':
          return { ...reason, versions: [reason.versions[1], reason.versions[0]] };
        default:
          return reason;
      }
    }),
  };
}

/**
 * Runs the engine over a register: builds the index and returns every entry's best neighbours. A large register is
 * read and compared on worker threads (`threads`, the machine's parallelism), started once for both.
 */
export async function findOverlaps(entries: readonly RegisterEntry[], options: OverlapOptions = {}, startedPool?: EnginePool): Promise<OverlapRun> {
  if (!startedPool && !runsOnThreads(entries.length, options)) return OverlapIndex.build(entries, options).allPairs();
  const pool = startedPool ?? new EnginePool(threadsOf(options));
  try {
    const index = await OverlapIndex.buildOnThreads(entries, options, pool);
    return await index.allPairs(pool);
  } finally {
    if (!startedPool) await pool.close();
  }
}

const threadsOf = (options: OverlapOptions) => Math.max(1, Math.floor(options.threads ?? availableParallelism()));

/**
 * Whether a run over `entryCount` entries goes to worker threads. A caller that knows the count before it has the
 * entries starts the pool (`new EnginePool(threads)`) first and hands it to `findOverlaps`: the threads load their
 * code (a second of CPU each through tsx's loader) while the register is read.
 */
export function runsOnThreads(entryCount: number, options: OverlapOptions = {}): boolean {
  return threadsOf(options) > 1 && entryCount >= (options.workerMinimumRows ?? defaults.workerMinimumRows);
}
