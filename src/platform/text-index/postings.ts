// Storage for the text index kept in typed arrays: the postings of each word, and a list of numbers per document.
// Typed arrays hold no references, so at 100,000 documents the garbage collector has a few thousand objects to trace
// instead of millions, and the query loops read contiguous numbers.

/** The documents that hold one word. */
export class Postings {
  /** The documents' slots. */
  slots = new Int32Array(2);
  /** Per document, the word's packed term frequencies: six bits per field, field n at bit 8n. */
  frequencies = new Int32Array(2);
  /**
   * Per document, the word's BM25F weight before idf: field-weighted, length-normalised and saturated. Kept apart
   * from the frequencies, which only a recomputation reads: a query streams slots and impacts alone.
   */
  impacts = new Float32Array(2);
  length = 0;

  constructor(
    readonly id: number,
    readonly word: string,
  ) {}

  add(slot: number, frequencies: number, impact: number): void {
    if (this.length === this.slots.length) {
      const size = this.length * 2;
      const slots = new Int32Array(size);
      slots.set(this.slots);
      this.slots = slots;
      const packed = new Int32Array(size);
      packed.set(this.frequencies);
      this.frequencies = packed;
      const impacts = new Float32Array(size);
      impacts.set(this.impacts);
      this.impacts = impacts;
    }
    this.slots[this.length] = slot;
    this.frequencies[this.length] = frequencies;
    this.impacts[this.length++] = impact;
  }

  /**
   * Removes the entry at `position` by moving the last entry into its place (order does not matter to queries).
   * Returns the slot of the entry that moved, or -1 when the removed entry was the last.
   */
  removeAt(position: number): number {
    const last = --this.length;
    if (position === last) return -1;
    const moved = this.slots[last]!;
    this.slots[position] = moved;
    this.frequencies[position] = this.frequencies[last]!;
    this.impacts[position] = this.impacts[last]!;
    return moved;
  }
}

/** A short list of non-negative integers per slot, stored end to end in one array and compacted when half is stale. */
export class SlotLists {
  values = new Int32Array(1024);
  start = new Int32Array(0);
  count = new Int32Array(0);
  private used = 0;
  private stale = 0;

  set(slot: number, list: readonly number[]): void {
    if (slot >= this.start.length) this.growSlots(Math.max(1024, slot * 2));
    this.stale += this.count[slot]!;
    this.count[slot] = 0;
    if (this.used + list.length > this.values.length) this.makeRoom(list.length);
    this.start[slot] = this.used;
    this.count[slot] = list.length;
    for (const value of list) this.values[this.used++] = value;
  }

  /** A copy of the slot's list. */
  get(slot: number): number[] {
    const start = this.start[slot] ?? 0;
    return Array.from(this.values.subarray(start, start + (this.count[slot] ?? 0)));
  }

  private makeRoom(needed: number): void {
    // Compact when at least half the array is stale; grow when that would not leave room for as much again.
    const live = this.used - this.stale;
    const size = live + needed > this.values.length / 2 ? this.values.length * 2 + needed : this.values.length;
    const values = new Int32Array(size);
    let used = 0;
    for (let slot = 0; slot < this.start.length; slot++) {
      const count = this.count[slot]!;
      if (!count) continue;
      values.set(this.values.subarray(this.start[slot]!, this.start[slot]! + count), used);
      this.start[slot] = used;
      used += count;
    }
    this.values = values;
    this.used = used;
    this.stale = 0;
  }

  private growSlots(size: number): void {
    const start = new Int32Array(size);
    start.set(this.start);
    this.start = start;
    const count = new Int32Array(size);
    count.set(this.count);
    this.count = count;
  }
}

/** A set of slots in no particular order: the documents that have one facet value. */
export class SlotSet {
  slots = new Int32Array(4);
  length = 0;

  add(slot: number): void {
    if (this.length === this.slots.length) {
      const slots = new Int32Array(this.slots.length * 2);
      slots.set(this.slots);
      this.slots = slots;
    }
    this.slots[this.length++] = slot;
  }

  remove(slot: number): void {
    const at = this.slots.subarray(0, this.length).indexOf(slot);
    if (at < 0) return;
    this.slots[at] = this.slots[--this.length]!;
  }
}
