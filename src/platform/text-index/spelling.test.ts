import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestKnownWord, compactIdentifierKey, spellingsOneEditAway } from './spelling.ts';

describe('spelling', () => {
  it('spells a word every way one edit away: dropped, added, changed or swapped letters', () => {
    const spellings = spellingsOneEditAway('key');
    for (const spelling of ['ey', 'ky', 'ke', 'akey', 'kaey', 'keyz', 'bey', 'kez', 'eky', 'kye']) assert.ok(spellings.has(spelling), spelling);
    assert.equal(spellings.has('key'), false, 'the word itself is not a slip');
    assert.equal(spellings.has('yek'), false, 'two edits away');
    assert.equal(spellings.has('ek'), false, 'two edits away');
  });

  it('spells with the word’s own letters beyond a–z and 0–9', () => {
    assert.ok(spellingsOneEditAway('réseau').has('résseau'));
    assert.ok(spellingsOneEditAway('mnogo').has('mnogo1'));
  });

  it('counts the spellings of an n-letter word as at most 74·n + 36 over a–z and 0–9', () => {
    const word = 'management';
    assert.ok(spellingsOneEditAway(word).size <= 74 * word.length + 36);
  });

  const frequencies: Record<string, number> = { management: 40, managements: 2, network: 90, networks: 60, distribution: 12, qos: 9 };
  const frequencyOf = (word: string) => frequencies[word] ?? 0;

  it('corrects one dropped, added, changed or swapped letter to the known word', () => {
    assert.equal(closestKnownWord('managment', frequencyOf), 'management');
    assert.equal(closestKnownWord('mannagement', frequencyOf), 'management');
    assert.equal(closestKnownWord('managenent', frequencyOf), 'management');
    assert.equal(closestKnownWord('managemnet', frequencyOf), 'management');
    assert.equal(closestKnownWord('distribtion', frequencyOf), 'distribution');
  });

  it('prefers the word most documents hold when several are one edit away', () => {
    // "networkz" is one edit from "network" (90) and from "networks" (60).
    assert.equal(closestKnownWord('networkz', frequencyOf), 'network');
  });

  it('leaves alone words two edits away, short words and numbers', () => {
    assert.equal(closestKnownWord('mangment', frequencyOf), undefined);
    assert.equal(closestKnownWord('qoz', frequencyOf), undefined, 'three letters have too many neighbours');
    assert.equal(closestKnownWord('3801', () => 5), undefined, 'a number is not a slip for another');
  });

  it('compacts an identifier key to its letters and digits', () => {
    assert.equal(compactIdentifierKey('y.3800'), 'y3800');
    assert.equal(compactIdentifierKey('gsqkd014'), 'gsqkd014');
    assert.equal(compactIdentifierKey('23005-1'), '230051');
  });
});
