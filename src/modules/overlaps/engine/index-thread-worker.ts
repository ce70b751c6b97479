// The worker thread that keeps an overlap index of the whole register for incremental updates (index-thread.ts): it
// builds the index once, then re-scores the entries it is sent, so the process's event loop never computes.
import { parentPort } from 'node:worker_threads';
import { OverlapIndex, type OverlapOptions, type OverlapPair, uniquePairs } from './overlap-index.ts';
import type { RegisterEntry } from './scoring.ts';

export type IndexRequest =
  | { id: number; kind: 'build'; entries: RegisterEntry[]; options: OverlapOptions }
  | { id: number; kind: 'update'; changed: RegisterEntry[]; removed: number[] };
export type IndexReply = { id: number; pairs?: OverlapPair[]; error?: string };

let index: OverlapIndex | undefined;

parentPort!.on('message', (request: IndexRequest) => {
  const reply: IndexReply = { id: request.id };
  try {
    if (request.kind === 'build') {
      index = OverlapIndex.build(request.entries, request.options);
    } else {
      if (!index) throw new Error('The overlap index is not built yet.');
      for (const id of request.removed) index.remove(id);
      for (const entry of request.changed) index.upsert(entry);
      // Each changed entry's best neighbours as a full run stores them, each pair once from its smaller id's side.
      const current = index;
      reply.pairs = uniquePairs(new Map(request.changed.map((entry) => [entry.id, current.scoreEntry(entry)])), current.options.keepScore);
    }
  } catch (error) {
    reply.error = error instanceof Error ? error.message : String(error);
  }
  parentPort!.postMessage(reply);
});
