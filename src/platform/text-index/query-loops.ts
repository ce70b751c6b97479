// The loops that run once per matching document of a query. Each is a small function of typed arrays and numbers,
// with nothing after its loop: V8 then optimises it once and keeps it. Inside a bigger method, the loop was compiled
// on the fly and thrown away at every call by code after it that had not run yet (measured: 30–50 ns per document
// instead of 2–5).

/** Adds one word's postings to the scores, making every document it holds a candidate; returns the new count. */
export function scoreFirstGroup(
  slots: Int32Array,
  impacts: Float32Array,
  length: number,
  termWeight: number,
  stamp: number,
  stamps: Uint32Array,
  groupsMatched: Uint8Array,
  scores: Float64Array,
  candidates: Int32Array,
  count: number,
): number {
  for (let i = 0; i < length; i++) {
    const slot = slots[i]!;
    if (stamps[slot] !== stamp) {
      stamps[slot] = stamp;
      groupsMatched[slot] = 1;
      scores[slot] = 0;
      candidates[count++] = slot;
    }
    scores[slot]! += termWeight * impacts[i]!;
  }
  return count;
}

/** Adds one word's postings to the candidates that matched every group before `group`, marking them as matching it. */
export function scoreNextGroup(
  slots: Int32Array,
  impacts: Float32Array,
  length: number,
  termWeight: number,
  group: number,
  stamp: number,
  stamps: Uint32Array,
  groupsMatched: Uint8Array,
  scores: Float64Array,
): void {
  for (let i = 0; i < length; i++) {
    const slot = slots[i]!;
    if (stamps[slot] !== stamp) continue;
    const matched = groupsMatched[slot]!;
    if (matched === group) groupsMatched[slot] = group + 1;
    else if (matched !== group + 1) continue;
    scores[slot]! += termWeight * impacts[i]!;
  }
}

/** Keeps, at the front of `candidates`, those that matched all `groupCount` groups; returns how many. */
export function keepFullMatches(candidates: Int32Array, count: number, groupsMatched: Uint8Array, groupCount: number): number {
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const slot = candidates[i]!;
    if (groupsMatched[slot] === groupCount) candidates[kept++] = slot;
  }
  return kept;
}

/** Puts every live slot into `candidates`; returns how many. */
export function allLive(alive: Uint8Array, slotCount: number, candidates: Int32Array): number {
  let count = 0;
  for (let slot = 0; slot < slotCount; slot++) if (alive[slot] === 1) candidates[count++] = slot;
  return count;
}

/** A facet's value per slot, the mask of chosen values (null: no filter), and the counts to fill. */
export type FacetColumn = { valueOf: Uint16Array; mask: Uint8Array | null; counts: Int32Array };
/**
 * The topics facet, by topic set: each slot points at the set of its topics (slots with the same topics share one),
 * `pass` says which sets meet the topic filter (null: no filter), and the matches are counted per set, the sets met
 * listed in `touched`, then spread over their topics (`spreadTopicSets`). Counting per set costs one increment a
 * match where walking each slot's list cost a loop of unpredictable length: half the time of a broad query's counting.
 */
export type TopicSetColumn = { setOf: Uint32Array; pass: Uint8Array | null; perSet: Int32Array; touched: Int32Array; touchedCount: number };

/**
 * Applies the filters and counts the facets in one pass. A match that fails no filter is a hit (kept at the front of
 * `candidates`) and counts for every facet; one that fails exactly one filter counts only for that filter's facet
 * (what the facet would show with that filter lifted); others count for nothing. Returns the number of hits.
 */
export function filterAndCountFacets(
  candidates: Int32Array,
  count: number,
  first: FacetColumn,
  second: FacetColumn,
  third: FacetColumn,
  fourth: FacetColumn,
  topics: TopicSetColumn,
): number {
  const { valueOf: value1, mask: mask1, counts: counts1 } = first;
  const { valueOf: value2, mask: mask2, counts: counts2 } = second;
  const { valueOf: value3, mask: mask3, counts: counts3 } = third;
  const { valueOf: value4, mask: mask4, counts: counts4 } = fourth;
  const { setOf, pass, perSet, touched } = topics;
  let touchedCount = topics.touchedCount;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const slot = candidates[i]!;
    const v1 = value1[slot]!;
    const v2 = value2[slot]!;
    const v3 = value3[slot]!;
    const v4 = value4[slot]!;
    const set = setOf[slot]!;
    // Which filter failed, when exactly one did: 1–4 the single-valued facets, 5 the topics.
    let failures = 0;
    let failed = 0;
    if (mask1 !== null && mask1[v1] === 0) {
      failures++;
      failed = 1;
    }
    if (mask2 !== null && mask2[v2] === 0) {
      failures++;
      failed = 2;
    }
    if (mask3 !== null && mask3[v3] === 0) {
      failures++;
      failed = 3;
    }
    if (mask4 !== null && mask4[v4] === 0) {
      failures++;
      failed = 4;
    }
    if (pass !== null && pass[set] === 0) {
      failures++;
      failed = 5;
    }
    if (failures === 0) {
      candidates[total++] = slot;
      counts1[v1]!++;
      counts2[v2]!++;
      counts3[v3]!++;
      counts4[v4]!++;
      if (perSet[set]!++ === 0) touched[touchedCount++] = set;
    } else if (failures === 1) {
      if (failed === 1) counts1[v1]!++;
      else if (failed === 2) counts2[v2]!++;
      else if (failed === 3) counts3[v3]!++;
      else if (failed === 4) counts4[v4]!++;
      else if (perSet[set]!++ === 0) touched[touchedCount++] = set;
    }
  }
  topics.touchedCount = touchedCount;
  return total;
}

/** Counts the first `count` slots of `slots` per topic set, listing the sets met in `touched`; returns how many. */
export function countTopicSets(slots: Int32Array, count: number, setOf: Uint32Array, perSet: Int32Array, touched: Int32Array): number {
  let touchedCount = 0;
  for (let i = 0; i < count; i++) {
    const set = setOf[slots[i]!]!;
    if (perSet[set]!++ === 0) touched[touchedCount++] = set;
  }
  return touchedCount;
}

/** Adds each touched set's count to each of its topics, and sets the per-set counts back to zero for the next query. */
export function spreadTopicSets(touched: Int32Array, touchedCount: number, perSet: Int32Array, values: Int32Array, start: Int32Array, listCount: Int32Array, counts: Int32Array): void {
  for (let i = 0; i < touchedCount; i++) {
    const set = touched[i]!;
    const n = perSet[set]!;
    perSet[set] = 0;
    const to = start[set]! + listCount[set]!;
    for (let t = start[set]!; t < to; t++) counts[values[t]!]! += n;
  }
}

/**
 * The `take` newest of the first `count` candidates (entries without a year last), ties in identifier order, best
 * first. A count per year finds the oldest year the page reaches: newer candidates are all taken, and only that
 * year's are ranked by identifier. Years are few, so this reads each candidate twice and ranks a few hundred, where
 * a heap keyed by year met thousands of ties.
 */
export function selectNewest(candidates: Int32Array, count: number, take: number, yearOf: Uint16Array, years: readonly number[], ranks: Float64Array): number[] {
  // Year numbers in page order: newest year first, "no year" (number 0) last.
  const order = Array.from({ length: years.length - 1 }, (_, i) => i + 1).sort((a, b) => years[b]! - years[a]!);
  order.push(0);
  const place = new Int32Array(years.length);
  order.forEach((number, at) => (place[number] = at));
  const perYear = new Int32Array(years.length);
  for (let i = 0; i < count; i++) perYear[yearOf[candidates[i]!]!]!++;
  let boundary = order.length;
  for (let at = 0, before = 0; at < order.length; at++) {
    before += perYear[order[at]!]!;
    if (before >= take) {
      boundary = at;
      break;
    }
  }
  const taken: number[] = [];
  const tied = new Int32Array(boundary < order.length ? perYear[order[boundary]!]! : 0);
  let tiedCount = 0;
  for (let i = 0; i < count; i++) {
    const slot = candidates[i]!;
    const at = place[yearOf[slot]!]!;
    if (at < boundary) taken.push(slot);
    else if (at === boundary) tied[tiedCount++] = slot;
  }
  taken.sort((a, b) => place[yearOf[a]!]! - place[yearOf[b]!]! || ranks[a]! - ranks[b]!);
  const need = take - taken.length;
  if (need > 0 && tiedCount) {
    const best = need * 8 >= tiedCount ? tied.subarray(0, tiedCount) : selectSmallest(tied, tiedCount, need, ranks, 1, ranks);
    taken.push(...Array.from(best).sort((a, b) => ranks[a]! - ranks[b]!).slice(0, need));
  }
  return taken;
}

/**
 * The `take` candidates with the smallest (sign × key, rank), in no particular order. A heap holds the best so far
 * with the worst of them on top, so most candidates are turned away by one comparison.
 */
export function selectSmallest(candidates: Int32Array, count: number, take: number, keys: Float64Array, sign: number, ranks: Float64Array): Int32Array {
  const heap = new Int32Array(take);
  const heapKeys = new Float64Array(take);
  const heapRanks = new Float64Array(take);
  let size = 0;
  for (let i = 0; i < count; i++) {
    const slot = candidates[i]!;
    const key = sign * keys[slot]!;
    // Most candidates come after the worst kept one on the key alone: turn them away before reading their rank.
    if (size === take && key > heapKeys[0]!) continue;
    const rank = ranks[slot]!;
    let at = 0;
    if (size < take) {
      // Sift up: parents that come after the new candidate move down.
      at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        const parentKey = heapKeys[parent]!;
        if (parentKey > key || (parentKey === key && heapRanks[parent]! > rank)) break;
        heap[at] = heap[parent]!;
        heapKeys[at] = parentKey;
        heapRanks[at] = heapRanks[parent]!;
        at = parent;
      }
    } else {
      const topKey = heapKeys[0]!;
      if (key > topKey || (key === topKey && rank >= heapRanks[0]!)) continue;
      // Sift down from the top: children that come after the candidate move up.
      for (;;) {
        let child = 2 * at + 1;
        if (child >= size) break;
        const right = child + 1;
        if (right < size && (heapKeys[right]! > heapKeys[child]! || (heapKeys[right] === heapKeys[child] && heapRanks[right]! > heapRanks[child]!))) child = right;
        const childKey = heapKeys[child]!;
        if (childKey < key || (childKey === key && heapRanks[child]! < rank)) break;
        heap[at] = heap[child]!;
        heapKeys[at] = childKey;
        heapRanks[at] = heapRanks[child]!;
        at = child;
      }
    }
    heap[at] = slot;
    heapKeys[at] = key;
    heapRanks[at] = rank;
  }
  return heap;
}

/** Adds the slots of a set to the candidates, once each (marked with the stamp); returns the new count. */
export function collectSlots(slots: Int32Array, length: number, stamp: number, stamps: Uint32Array, candidates: Int32Array, count: number): number {
  for (let i = 0; i < length; i++) {
    const slot = slots[i]!;
    if (stamps[slot] === stamp) continue;
    stamps[slot] = stamp;
    candidates[count++] = slot;
  }
  return count;
}

/** Puts into `out` the live slots that are not marked with the stamp (the documents a query did not match). */
export function collectUnmatched(alive: Uint8Array, slotCount: number, stamps: Uint32Array, stamp: number, out: Int32Array): number {
  let count = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    // Without a branch (matched and unmatched alternate at random, which a branch predictor cannot follow): write
    // the slot every time and advance only past the ones to keep. (x | -x) >>> 31 is 1 for any x but 0.
    const differs = stamps[slot]! ^ stamp;
    out[count] = slot;
    count += alive[slot]! & ((differs | -differs) >>> 31);
  }
  return count;
}

/**
 * Adds to `out` the slots of a set that the query matched (stamped, with every group matched), once each: a slot
 * taken is marked by setting its `groupsMatched` to 0. Returns the new count.
 */
export function collectMatchedOfSet(
  slots: Int32Array,
  length: number,
  stamp: number,
  stamps: Uint32Array,
  groupsMatched: Uint8Array,
  groupCount: number,
  out: Int32Array,
  count: number,
): number {
  for (let i = 0; i < length; i++) {
    const slot = slots[i]!;
    if (stamps[slot] !== stamp || groupsMatched[slot] !== groupCount) continue;
    groupsMatched[slot] = 0;
    out[count++] = slot;
  }
  return count;
}

/** Counts one single-valued facet over the first `count` slots of `slots`. */
export function countValues(slots: Int32Array, count: number, valueOf: Uint16Array, counts: Int32Array): void {
  for (let i = 0; i < count; i++) counts[valueOf[slots[i]!]!]!++;
}

/**
 * The BM25F impact of each posting: per field, the term frequency (six bits at 8 × field in the packed frequencies) times
 * the field's weight, divided by the field's length normalisation; then saturated. Per-field constants come in
 * arrays of four: weights, b, and b divided by the field's average length.
 */
export function computeImpacts(
  slots: Int32Array,
  frequencies: Int32Array,
  impacts: Float32Array,
  length: number,
  fieldLengths: Uint16Array,
  weights: readonly number[],
  b: readonly number[],
  bOverAverage: readonly number[],
  saturation: number,
): void {
  const [w0, w1, w2, w3] = weights as [number, number, number, number];
  const [b0, b1, b2, b3] = b as [number, number, number, number];
  const [f0, f1, f2, f3] = bOverAverage as [number, number, number, number];
  for (let i = 0; i < length; i++) {
    const base = slots[i]! * 4;
    const packed = frequencies[i]!;
    let weighted = 0;
    let tf = packed & 255;
    if (tf !== 0) weighted += (w0 * tf) / (1 - b0 + f0 * fieldLengths[base]!);
    tf = (packed >> 8) & 255;
    if (tf !== 0) weighted += (w1 * tf) / (1 - b1 + f1 * fieldLengths[base + 1]!);
    tf = (packed >> 16) & 255;
    if (tf !== 0) weighted += (w2 * tf) / (1 - b2 + f2 * fieldLengths[base + 2]!);
    tf = (packed >> 24) & 255;
    if (tf !== 0) weighted += (w3 * tf) / (1 - b3 + f3 * fieldLengths[base + 3]!);
    impacts[i] = (weighted * (saturation + 1)) / (weighted + saturation);
  }
}
