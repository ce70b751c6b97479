// Words for the text index: one way of cutting text, used for documents and queries alike, so they meet.

/** Words too common to tell entries apart. Short on purpose: "it", "use" or "all" can matter in a title. */
const stopWords = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'of', 'on', 'or', 'over',
  'than', 'that', 'the', 'their', 'this', 'to', 'via', 'was', 'were', 'which', 'with', 'within',
]);

/** Letters that Unicode does not decompose into a base letter and an accent. */
const foldedLetters: Record<string, string> = { æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i', þ: 'th' };

const nonAscii = /[^\x00-\x7f]/;

/** Lower case without accents: "Métavers" → "metavers", "Œuvre" → "oeuvre". */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Most titles are plain ASCII: skip the Unicode work for them (it was most of the cost of building the index).
  if (!nonAscii.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[æœßøđłıþ]/g, (letter) => foldedLetters[letter] ?? letter);
}

export function isStopWord(word: string): boolean {
  return stopWords.has(word);
}

/** The folded words of a text, in order, including stop words: what queries are cut into. */
export function splitWords(text: string): string[] {
  const folded = foldText(text);
  // After folding, ASCII text has only a–z and 0–9 for letters and digits, and the plain pattern is faster.
  return folded.split(nonAscii.test(folded) ? /[^\p{L}\p{N}]+/u : /[^a-z0-9]+/).filter(Boolean);
}

/** The words of a text to index: folded, split on anything that is not a letter or a digit, without stop words. */
export function tokenize(text: string): string[] {
  return splitWords(text).filter((word) => !stopWords.has(word));
}

/**
 * The words of an identifier: those of `tokenize`, plus the letter and digit runs of a mixed word, so that
 * "IEEE P1913" is found by "1913" and "GS QKD014" by "014".
 */
export function tokenizeIdentifier(identifier: string): string[] {
  const words = splitWords(identifier);
  const out = [...words];
  for (const word of words) {
    if (/\p{L}/u.test(word) && /\p{N}/u.test(word)) out.push(...(word.match(/\p{L}+|\p{N}+/gu) ?? []));
  }
  return out;
}
