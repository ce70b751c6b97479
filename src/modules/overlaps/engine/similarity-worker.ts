// A worker thread of the all-pairs run: it shares the register's matrix (SharedArrayBuffer) and computes the top
// candidates of the row ranges it is sent, one message per range, until the pool closes it.
import { parentPort, workerData } from 'node:worker_threads';
import { type SimilarityMatrix, topCandidates } from './similarity.ts';

export type WorkerRequest = { from: number; to: number; perSide: number; minimum: number };
export type WorkerReply = { from: number; to: number; rows: Int32Array; scores: Float32Array };

const matrix = workerData as SimilarityMatrix;
parentPort!.on('message', ({ from, to, perSide, minimum }: WorkerRequest) => {
  const { rows, scores } = topCandidates(matrix, from, to, perSide, minimum);
  const reply: WorkerReply = { from, to, rows, scores };
  parentPort!.postMessage(reply, [rows.buffer as ArrayBuffer, scores.buffer as ArrayBuffer]);
});
