// A worker thread of the all-pairs run (worker-pool.ts), sent one task at a time: the weighted terms of a range of
// entries (each with its own vocabulary, merged in order by the index), or the top candidates of a range of rows of
// the register's matrix, which it shares (SharedArrayBuffer) once the index has built it.
import { parentPort } from 'node:worker_threads';
import { AcronymDictionary, type AcronymData, entryTerms } from './features.ts';
import { type SimilarityMatrix, topCandidates } from './similarity.ts';

/** An entry as the terms task needs it: identifier, title, scope, and its identifier key when the register stores it. */
export type TermsInput = [identifier: string, title: string, scope: string | null, key: string | null];

export type EngineTask =
  | { kind: 'terms'; entries: TermsInput[]; acronyms: AcronymData }
  | { kind: 'matrix'; matrix: SimilarityMatrix }
  | { kind: 'candidates'; from: number; to: number; perSide: number; minimum: number };

export type EngineReply =
  /** Row r's terms are `ids[rowStart[r] .. rowStart[r + 1])` (indexes into `terms`, this range's own vocabulary) with their raw weights. */
  | { kind: 'terms'; terms: string[]; rowStart: Int32Array; ids: Int32Array; weights: Float64Array }
  | { kind: 'matrix' }
  | { kind: 'candidates'; from: number; to: number; rows: Int32Array; scores: Float32Array };

let matrix: SimilarityMatrix | undefined;

function termsOf(entries: TermsInput[], acronyms: AcronymDictionary): EngineReply {
  const vocabulary = new Map<string, number>();
  const terms: string[] = [];
  const rowStart = new Int32Array(entries.length + 1);
  let ids = new Int32Array(entries.length * 24 + 16);
  let weights = new Float64Array(ids.length);
  let total = 0;
  entries.forEach(([identifier, title, scope, key], row) => {
    const found = key === null ? entryTerms({ identifier, title, scope }, acronyms) : entryTerms({ identifier, title, scope }, acronyms, key);
    rowStart[row] = total;
    if (total + found.size > ids.length) {
      const grown = Math.max(ids.length * 2, total + found.size);
      const moreIds = new Int32Array(grown);
      moreIds.set(ids);
      ids = moreIds;
      const moreWeights = new Float64Array(grown);
      moreWeights.set(weights);
      weights = moreWeights;
    }
    for (const [term, weight] of found) {
      let id = vocabulary.get(term);
      if (id === undefined) {
        id = terms.length;
        vocabulary.set(term, id);
        terms.push(term);
      }
      ids[total] = id;
      weights[total++] = weight;
    }
  });
  rowStart[entries.length] = total;
  return { kind: 'terms', terms, rowStart, ids: ids.slice(0, total), weights: weights.slice(0, total) };
}

parentPort!.on('message', (task: EngineTask) => {
  if (task.kind === 'terms') {
    const reply = termsOf(task.entries, AcronymDictionary.fromData(task.acronyms));
    if (reply.kind === 'terms') parentPort!.postMessage(reply, [reply.rowStart.buffer, reply.ids.buffer, reply.weights.buffer] as ArrayBuffer[]);
  } else if (task.kind === 'matrix') {
    matrix = task.matrix;
    parentPort!.postMessage({ kind: 'matrix' } satisfies EngineReply);
  } else {
    if (!matrix) throw new Error('The overlap worker has no matrix yet.');
    const { rows, scores } = topCandidates(matrix, task.from, task.to, task.perSide, task.minimum);
    const reply: EngineReply = { kind: 'candidates', from: task.from, to: task.to, rows, scores };
    parentPort!.postMessage(reply, [rows.buffer as ArrayBuffer, scores.buffer as ArrayBuffer]);
  }
});
