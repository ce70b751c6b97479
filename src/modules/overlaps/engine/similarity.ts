// Sparse top-k cosine, as ING's sparse_dot_topn does it: for one row, walk the postings of its terms, add each
// product into an accumulator indexed by the other row, then keep the k best above a threshold. Rows are unit
// vectors (normalised over all their terms), and only terms rare enough to have postings are walked, so the sum is
// the cosine over the distinctive terms. Plain typed arrays, so worker threads can share them.

/** The register's term vectors and postings, in compressed sparse rows. */
export type SimilarityMatrix = {
  rowCount: number;
  /** Row r's terms are rowTerms[rowStart[r] .. rowStart[r + 1]), sorted by term id, with their weights. */
  rowStart: Int32Array;
  rowTerms: Int32Array;
  rowWeights: Float32Array;
  /** Term t's postings are postingRows[postingStart[t] .. postingStart[t + 1]); empty for terms too common to walk. */
  postingStart: Int32Array;
  postingRows: Int32Array;
  postingWeights: Float32Array;
  /** Each row's organization, as a number: candidates from the row's own organization are kept apart. */
  rowOrganization: Int32Array;
  /** 1 for a row that no longer counts (replaced or removed since the index was built). */
  rowRetired: Uint8Array;
};

/**
 * An accumulator over the register's rows and the list of rows it touched: zero again after each row (keepBest clears
 * what it read), so one pair can serve many calls — scoring one entry asks for a dozen rows' candidates.
 */
export type Scratch = { accumulator: Float32Array; touched: Int32Array };

export function newScratch(rowCount: number): Scratch {
  return { accumulator: new Float32Array(rowCount), touched: new Int32Array(rowCount) };
}

/**
 * The best candidates of rows [from, to): for each row, `perSide` slots for other organizations' rows followed by
 * `perSide` for its own organization's, each slot a row number (or -1) and its cosine, best first. Two lists, so a
 * long series of one body's siblings cannot push the other bodies' candidates out.
 */
export function topCandidates(
  matrix: SimilarityMatrix,
  from: number,
  to: number,
  perSide: number,
  minimum: number,
  scratch: Scratch = newScratch(matrix.rowCount),
): { rows: Int32Array; scores: Float32Array } {
  const width = perSide * 2;
  const rows = new Int32Array((to - from) * width).fill(-1);
  const scores = new Float32Array((to - from) * width);
  const { accumulator, touched } = scratch;
  const { rowStart, rowTerms, rowWeights } = matrix;
  for (let row = from; row < to; row++) {
    if (matrix.rowRetired[row]) continue;
    const touchedCount = accumulate(matrix, rowTerms, rowWeights, rowStart[row]!, rowStart[row + 1]!, row, accumulator, touched);
    keepBest(matrix, matrix.rowOrganization[row]!, accumulator, touched, touchedCount, perSide, minimum, rows, scores, (row - from) * width);
  }
  return { rows, scores };
}

/**
 * Adds the products of one vector's terms with every row sharing a walked term into `accumulator`, skipping `self`
 * and retired rows; returns how many rows were touched (listed in `touched`).
 */
export function accumulate(
  matrix: SimilarityMatrix,
  terms: Int32Array,
  weights: Float32Array,
  start: number,
  end: number,
  self: number,
  accumulator: Float32Array,
  touched: Int32Array,
): number {
  const { postingStart, postingRows, postingWeights, rowRetired } = matrix;
  let count = 0;
  for (let p = start; p < end; p++) {
    const term = terms[p]!;
    if (term >= postingStart.length - 1) continue;
    const weight = weights[p]!;
    const postingEnd = postingStart[term + 1]!;
    for (let q = postingStart[term]!; q < postingEnd; q++) {
      const other = postingRows[q]!;
      if (other === self || rowRetired[other]) continue;
      if (accumulator[other] === 0) touched[count++] = other;
      accumulator[other] = accumulator[other]! + weight * postingWeights[q]!;
    }
  }
  return count;
}

/**
 * Moves the best touched rows into the output slots (other organizations' first, then those of `organization`, the
 * scored vector's own) and clears the accumulator.
 */
export function keepBest(
  matrix: SimilarityMatrix,
  organization: number,
  accumulator: Float32Array,
  touched: Int32Array,
  touchedCount: number,
  perSide: number,
  minimum: number,
  outRows: Int32Array,
  outScores: Float32Array,
  offset: number,
): void {
  let otherCount = 0;
  let ownCount = 0;
  for (let i = 0; i < touchedCount; i++) {
    const other = touched[i]!;
    const score = accumulator[other]!;
    accumulator[other] = 0;
    if (score < minimum) continue;
    const own = matrix.rowOrganization[other] === organization;
    const base = offset + (own ? perSide : 0);
    const filled = own ? ownCount : otherCount;
    if (filled === perSide && score <= outScores[base + perSide - 1]!) continue;
    // Insertion into a short sorted list: k is about ten, so this beats a heap.
    let at = Math.min(filled, perSide - 1);
    while (at > 0 && outScores[base + at - 1]! < score) {
      outScores[base + at] = outScores[base + at - 1]!;
      outRows[base + at] = outRows[base + at - 1]!;
      at--;
    }
    outScores[base + at] = score;
    outRows[base + at] = other;
    if (own) ownCount = Math.min(perSide, ownCount + 1);
    else otherCount = Math.min(perSide, otherCount + 1);
  }
}

/** Row ranges of about `size` rows covering [0, rowCount), handed to the threads one at a time. */
export function rowChunks(rowCount: number, size: number): [number, number][] {
  const chunks: [number, number][] = [];
  for (let from = 0; from < rowCount; from += size) chunks.push([from, Math.min(rowCount, from + size)]);
  return chunks;
}
