// A sorted list that takes additions cheaply and sorts only when read: one addition is a binary insertion at the
// next read, a bulk load is one sort. The text index keeps its vocabulary (for prefixes) and its sort orders in these.

export class SortedList<T> {
  private items: T[] = [];
  private pending: T[] = [];

  /** `compare` must order every two distinct items strictly (break ties), or removal may miss. */
  constructor(private readonly compare: (a: T, b: T) => number) {}

  add(item: T): void {
    this.pending.push(item);
  }

  /** Removes one item equal to `item` under `compare`; call it before changing what `compare` reads of the item. */
  remove(item: T): void {
    const waiting = this.pending.indexOf(item);
    if (waiting >= 0) {
      this.pending.splice(waiting, 1);
      return;
    }
    const at = this.lowerBound(item);
    if (at < this.items.length && this.compare(this.items[at]!, item) === 0) this.items.splice(at, 1);
  }

  /** The items in order. Do not change the array. */
  sorted(): readonly T[] {
    const { pending } = this;
    if (!pending.length) return this.items;
    // Binary insertion moves up to the whole array per item: past a few dozen items one sort is cheaper.
    if (pending.length > 32 + this.items.length / 64) {
      this.items = this.items.concat(pending).sort(this.compare);
    } else {
      for (const item of pending) this.items.splice(this.lowerBound(item), 0, item);
    }
    this.pending = [];
    return this.items;
  }

  /** The position of the first item not before `probe` (in the settled items). */
  lowerBound(probe: T): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.items[middle]!, probe) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/**
 * Slots in a sort order, each with an order key (increasing along the order) so that a query compares two slots by
 * one number. An insertion takes the midpoint of its neighbours' keys and a removal leaves a gap, so a write costs a
 * binary search instead of renumbering every slot (about 0.5 ms at 100,000 slots). Only a bulk load, or a midpoint
 * that no longer fits between its neighbours, renumbers.
 */
export class SlotOrder {
  /** Per slot, its place in the order as a number; up to date for live slots after `sorted()`. */
  keys = new Float64Array(0);
  private items: number[] = [];
  private pending: number[] = [];

  /** `compare` must order every two distinct slots strictly (break ties by slot). */
  constructor(private readonly compare: (a: number, b: number) => number) {}

  ensureCapacity(capacity: number): void {
    if (capacity <= this.keys.length) return;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    this.keys = keys;
  }

  add(slot: number): void {
    this.pending.push(slot);
  }

  /** Call before changing what `compare` reads of the slot. */
  remove(slot: number): void {
    const waiting = this.pending.indexOf(slot);
    if (waiting >= 0) {
      this.pending.splice(waiting, 1);
      return;
    }
    const at = this.lowerBound(slot);
    if (this.items[at] === slot) this.items.splice(at, 1);
  }

  /** The slots in order, with their keys up to date. Do not change the array. */
  sorted(): readonly number[] {
    const { pending, items, keys } = this;
    if (!pending.length) return items;
    this.pending = [];
    if (pending.length > 32 + items.length / 64) {
      this.items = items.concat(pending).sort(this.compare);
      this.renumber();
      return this.items;
    }
    for (const slot of pending) {
      const at = this.lowerBound(slot);
      items.splice(at, 0, slot);
      const previous = at > 0 ? keys[items[at - 1]!]! : undefined;
      const next = at + 1 < items.length ? keys[items[at + 1]!]! : undefined;
      if (previous === undefined) keys[slot] = next === undefined ? 0 : next - 1;
      else if (next === undefined) keys[slot] = previous + 1;
      else {
        const middle = (previous + next) / 2;
        if (middle > previous && middle < next) keys[slot] = middle;
        else this.renumber();
      }
    }
    return items;
  }

  private renumber(): void {
    for (let rank = 0; rank < this.items.length; rank++) this.keys[this.items[rank]!] = rank;
  }

  private lowerBound(slot: number): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.items[middle]!, slot) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
