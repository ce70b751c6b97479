// Typo tolerance for the text index: one slip per word ("managment" → "management", "mangement", "managemnet") and an
// identifier typed without its dots or spaces ("y3800" → "Y.3800").
//
// Why candidates are generated at query time rather than kept (SymSpell's deletion neighbourhood, or a BK-tree): a
// word of n letters has about 74·n + 36 spellings at distance one over a–z and 0–9, so a 10-letter word costs some
// 750 map lookups (tens of microseconds), only when a query finds little; a kept neighbourhood of every indexed word
// would hold about ten entries per word (hundreds of thousands at 100,000 entries) and would have to follow every
// addition and removal.

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Shorter words have too many neighbours one letter away ("qos" → "dos", "nos"…) to guess which was meant. */
export const minimumCorrectableLength = 4;

/**
 * Every distinct spelling one edit away from `word` (a letter dropped, added, changed, or two neighbours swapped),
 * over a–z, 0–9 and the word's own letters. `word` is folded (lower case, no accents), as the index's words are.
 */
export function spellingsOneEditAway(word: string): Set<string> {
  const letters = [...word];
  const extra = [...new Set(letters.filter((letter) => !alphabet.includes(letter)))].join('');
  const choices = alphabet + extra;
  const out = new Set<string>();
  const n = letters.length;
  for (let at = 0; at <= n; at++) {
    const before = letters.slice(0, at).join('');
    const after = letters.slice(at).join('');
    for (const letter of choices) out.add(before + letter + after);
    if (at < n) {
      const rest = letters.slice(at + 1).join('');
      out.add(before + rest);
      for (const letter of choices) if (letter !== letters[at]) out.add(before + letter + rest);
      if (at + 1 < n && letters[at] !== letters[at + 1]) out.add(before + letters[at + 1] + letters[at] + letters.slice(at + 2).join(''));
    }
  }
  out.delete(word);
  return out;
}

/**
 * The known word one edit away from `word` that most documents hold (ties: the first in alphabetical order), or
 * undefined. `frequencyOf` answers 0 for a word the index does not know. Words with digits are left alone: "3801"
 * is not a slip for "3800".
 */
export function closestKnownWord(word: string, frequencyOf: (word: string) => number): string | undefined {
  if ([...word].length < minimumCorrectableLength || /\p{N}/u.test(word)) return undefined;
  let best: string | undefined;
  let bestFrequency = 0;
  for (const candidate of spellingsOneEditAway(word)) {
    const frequency = frequencyOf(candidate);
    if (frequency > bestFrequency || (frequency > 0 && frequency === bestFrequency && candidate < best!)) {
      best = candidate;
      bestFrequency = frequency;
    }
  }
  return best;
}

/** An identifier key without anything but letters and digits: "y.3800" and "y3800" meet, so do "h.265" and "h 265". */
export function compactIdentifierKey(key: string): string {
  return key.replace(/[^\p{L}\p{N}]+/gu, '');
}
