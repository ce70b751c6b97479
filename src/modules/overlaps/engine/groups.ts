// Groups of entries that look like one piece of work: the connected parts of the graph of likely pairs, so that
// "ITU-T X.509", "ISO/IEC 9594-8" and "EN ISO/IEC 9594-8" come out as one group to review together.
import type { OverlapPair } from './overlap-index.ts';
import { scoring } from './scoring.ts';

/** What grouping needs of a pair: the engine's pairs, or stored ones. */
type ScoredPair = Pick<OverlapPair, 'a' | 'b' | 'score'>;

export type OverlapGroup<P extends ScoredPair = OverlapPair> = {
  /** Entry ids, ascending. */
  ids: number[];
  /** The pairs inside the group at or above the threshold, best first. */
  pairs: P[];
  /** The best pair's score. */
  score: number;
};

/**
 * The groups formed by pairs at or above `minimumScore` (the likely threshold unless given), largest score first.
 * Entries in no such pair are in no group.
 */
export function groupOverlaps<P extends ScoredPair>(pairs: readonly P[], minimumScore = scoring.likely): OverlapGroup<P>[] {
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression: later finds on this chain are one step.
    for (let node = id; parent.get(node) !== root; ) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const strong = pairs.filter((pair) => pair.score >= minimumScore);
  for (const pair of strong) {
    if (!parent.has(pair.a)) parent.set(pair.a, pair.a);
    if (!parent.has(pair.b)) parent.set(pair.b, pair.b);
    const [x, y] = [find(pair.a), find(pair.b)];
    if (x !== y) parent.set(Math.max(x, y), Math.min(x, y));
  }
  const groups = new Map<number, OverlapGroup<P>>();
  for (const id of parent.keys()) {
    const root = find(id);
    const group = groups.get(root) ?? { ids: [], pairs: [], score: 0 };
    group.ids.push(id);
    groups.set(root, group);
  }
  for (const pair of strong) {
    const group = groups.get(find(pair.a))!;
    group.pairs.push(pair);
    group.score = Math.max(group.score, pair.score);
  }
  for (const group of groups.values()) {
    group.ids.sort((x, y) => x - y);
    group.pairs.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  }
  return [...groups.values()].sort((x, y) => y.score - x.score || x.ids[0]! - y.ids[0]!);
}
