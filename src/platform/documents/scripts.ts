// Which writing system each character belongs to, and the order right-to-left text is shown in. No font covers
// Latin, Cyrillic, Greek, Arabic, Hebrew, Chinese and Korean at once, so text is cut into runs of one script, each written
// with a face that has it (PDF) or put in the font slot Word uses for it (DOCX: east-Asian, complex script).
import bidiFactory from 'bidi-js';

/** The scripts that get a face of their own; everything else is written with the Latin face (Latin, Greek, Cyrillic). */
export type Script = 'latin' | 'arabic' | 'hebrew' | 'han' | 'hangul';

const arabic = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}]/u;
const hangul = /\p{Script=Hangul}/u;
const hebrew = /\p{Script=Hebrew}/u;
// Han, kana and bopomofo, and the CJK punctuation and full-width forms, which only CJK faces draw well.
const han = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
/** Characters that belong to no script (spaces, digits, punctuation, combining marks): they join their neighbours. */
const neutral = /[\p{Script=Common}\p{Script=Inherited}]/u;

export function scriptOf(char: string): Script | null {
  if (han.test(char)) return 'han';
  if (arabic.test(char)) return 'arabic';
  if (hangul.test(char)) return 'hangul';
  if (hebrew.test(char)) return 'hebrew';
  if (neutral.test(char)) return null;
  return 'latin';
}

/**
 * The text cut into runs of one script. A neutral character (space, digit, punctuation, mark) stays in the run it
 * follows, so "محمد علي" or "中国 移动" stay whole and are shaped together; at the start it takes the next script's.
 */
export function scriptRuns(text: string): { text: string; script: Script }[] {
  const runs: { text: string; script: Script }[] = [];
  let pending = '';
  for (const char of text) {
    const script = scriptOf(char);
    const last = runs.at(-1);
    if (script === null) {
      if (last) last.text += char;
      else pending += char;
    } else if (last && last.script === script) last.text += char;
    else {
      runs.push({ text: pending + char, script });
      pending = '';
    }
  }
  if (pending) runs.push({ text: pending, script: 'latin' });
  return runs;
}

const bidi = bidiFactory();
const rightToLeft = /[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a/;

/** Bidi embedding levels of each UTF-16 unit of a left-to-right paragraph (odd: right-to-left). */
export function embeddingLevels(text: string): Uint8Array {
  // Without a right-to-left letter or bidi control, every level is 0 (the common case, decided in one test).
  if (!rightToLeft.test(text)) return new Uint8Array(text.length);
  return bidi.getEmbeddingLevels(text, 'ltr').levels;
}

/** The mirror of a bracket shown right to left ("(" for ")"), or the character itself. */
export function mirrored(char: string): string {
  return bidi.getMirroredCharacter(char) ?? char;
}

/**
 * Visual order of items carrying bidi levels (rule L2 of the Unicode bidi algorithm): from the highest level down to
 * the lowest odd one, every maximal sequence at that level or above is reversed.
 */
export function visualOrder<T extends { level: number }>(items: T[]): T[] {
  const out = [...items];
  const highest = Math.max(0, ...out.map((i) => i.level));
  const lowestOdd = Math.min(...out.map((i) => i.level).filter((l) => l % 2 === 1), Infinity);
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    for (let start = 0; start < out.length; ) {
      if (out[start]!.level < level) {
        start++;
        continue;
      }
      let end = start;
      while (end < out.length && out[end]!.level >= level) end++;
      out.splice(start, end - start, ...out.slice(start, end).reverse());
      start = end;
    }
  }
  return out;
}
