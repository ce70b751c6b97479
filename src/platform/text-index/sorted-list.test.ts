import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlotOrder, SortedList } from './sorted-list.ts';

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('SortedList', () => {
  it('sorts what was added, one insertion at a time or in bulk, and removes', () => {
    const list = new SortedList(compareStrings);
    for (const word of ['pear', 'apple', 'fig']) list.add(word);
    assert.deepEqual(list.sorted(), ['apple', 'fig', 'pear']);
    list.add('banana');
    list.remove('fig');
    assert.deepEqual(list.sorted(), ['apple', 'banana', 'pear']);
    list.add('cherry');
    list.remove('cherry');
    assert.deepEqual(list.sorted(), ['apple', 'banana', 'pear']);
    const many = Array.from({ length: 500 }, (_, i) => `w${String(i).padStart(3, '0')}`);
    for (const word of [...many].reverse()) list.add(word);
    assert.deepEqual(list.sorted(), ['apple', 'banana', 'pear', ...many].sort());
    assert.equal(list.lowerBound('w100'), 103);
  });
});

describe('SlotOrder', () => {
  /** Checks that the keys increase along the order. */
  function assertKeysIncrease(order: SlotOrder) {
    const slots = order.sorted();
    for (let i = 1; i < slots.length; i++) assert.ok(order.keys[slots[i]!]! > order.keys[slots[i - 1]!]!, `key at ${i}`);
  }

  it('keeps keys in order through insertions between the same two neighbours, renumbering when they run out', () => {
    const values: number[] = [];
    const order = new SlotOrder((a, b) => values[a]! - values[b]! || a - b);
    order.ensureCapacity(200);
    values[0] = 0;
    values[1] = 1;
    order.add(0);
    order.add(1);
    order.sorted();
    // Each new value goes just before 1: the gap halves every time, and about 50 halvings near 1 exhaust a double.
    for (let slot = 2; slot < 152; slot++) {
      values[slot] = 1 - 1 / slot;
      order.add(slot);
      assertKeysIncrease(order);
    }
    assert.deepEqual(order.sorted().slice(-3), [150, 151, 1]);
    assert.ok(order.keys[1]! > 1, 'the keys were renumbered');
  });

  it('finds a slot to remove by its current value, and keeps the rest in order', () => {
    const values = [5, 3, 9, 1];
    const order = new SlotOrder((a, b) => values[a]! - values[b]! || a - b);
    order.ensureCapacity(8);
    for (const slot of [0, 1, 2, 3]) order.add(slot);
    assert.deepEqual(order.sorted(), [3, 1, 0, 2]);
    order.remove(1);
    values[1] = 7;
    order.add(1);
    assert.deepEqual(order.sorted(), [3, 0, 1, 2]);
    assertKeysIncrease(order);
  });
});
