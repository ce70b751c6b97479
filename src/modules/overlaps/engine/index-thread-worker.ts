// The worker thread that keeps an overlap index of the whole register for incremental updates (index-thread.ts): it
// builds the index once, then re-scores the entries it is sent, so the process's event loop never computes.
import { parentPort } from 'node:worker_threads';
import { OverlapIndex, type OverlapOptions, type OverlapPair } from './overlap-index.ts';
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
      // The changed entries' pairs as a full run stores them, from both sides, each once from its smaller id's side.
      reply.pairs = index.applyChanges(request.changed, request.removed);
    }
  } catch (error) {
    reply.error = error instanceof Error ? error.message : String(error);
  }
  parentPort!.postMessage(reply);
});
