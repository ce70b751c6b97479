// The terms an entry is compared by: the text index's words (folded, split, stop words dropped), lightly stemmed so
// that "Models" meets "model" and "characterisation" meets "characterization", word pairs, the entry's versions, and
// the letters of its identifier. Each term carries a raw weight (its field's weight times a damped count); the index
// multiplies by the term's rarity.
import { isStopWord, splitWords } from '../../../platform/text-index/tokenize.ts';
import { identifierKey } from '../../../platform/text-index/identifier-key.ts';
import { findReferences, readVersions } from './references.ts';

/**
 * Words that name a body or a kind of publication: every entry of that body has them, so they tell nothing about
 * the work ("IEEE Standard for …", "Recommendation ITU-T …", "Part 2:").
 */
const publicationWords = new Set([
  'ieee', 'iso', 'iec', 'itu', 'uit', 'ccitt', 'etsi', '3gpp', 'std', 'standard', 'recommendation', 'rec', 'part',
  'amendment', 'amd', 'corrigendum', 'cor', 'edition', 'draft', 'version', 'release', 'specification', 'spec',
  'ts', 'tr', 'gs', 'gr', 'en', 'es', 'eg', 'rfc', 'pas', 'dis', 'fdis', 'technical', 'report', 'trial', 'use',
  'itut', 'itur', 'opengis',
]);

/**
 * Words that many unrelated works share ("Framework for …", "Requirements of …", "Information technology — …"):
 * they count for a quarter, so two entries that share only them do not look alike, even in a register too small
 * for their rarity to show it.
 */
const genericWords = new Set([
  'information', 'technology', 'framework', 'requirement', 'overview', 'general', 'guideline', 'guidance',
  'aspect', 'introduction', 'stage', 'principle', 'concept', 'definition', 'vocabulary', 'specific', 'between',
]);

const titleWordWeight = 1;
const genericWordWeight = 0.25;
const pairWeight = 0.8;
/** The last segment of a title ("… — Part 2: Models") names the document; what comes before names its series. */
const subjectWeight = 2;
/** The whole subject as one term: two titles ending the same way are likely one document. */
const wholeSubjectWeight = 1;
/** The words before "for" in a title's last segment: a whole subject, weaker (it may be as generic as "conformance testing"). */
const headSubjectWeight = 1;
const initialsWeight = 0.4;
/** The words of an acronym the title uses alone, as the register spells it out elsewhere. */
const expansionWeight = 0.5;
const versionWeight = 0.3;
const identifierWordWeight = 0.5;
const numberTailWeight = 1;
const scopeWordWeight = 0.3;

const stems = new Map<string, string>();

/** A light English stemmer: plurals, British spellings and doubled consonants, enough for titles. Memoised. */
export function stem(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  let w = word;
  if (w.length > 4) {
    if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
    else if (w.endsWith('sses')) w = w.slice(0, -2);
    else if (w.endsWith('s') && !/(?:ss|us|is|ys)$/.test(w)) w = w.slice(0, -1);
  }
  w = w
    .replace(/isation$/, 'ization')
    .replace(/is(e|ed|ing)$/, 'iz$1')
    .replace(/(ll|nn|mm)(ing|ed|er)$/, (_, double: string, ending: string) => double[0] + ending)
    .replace(/tre$/, 'ter');
  // Words are few and repeat across a register; bound the memo anyway, for a process that runs for months.
  if (stems.size > 200_000) stems.clear();
  stems.set(word, w);
  return w;
}

/** Names with punctuation that the word splitter would lose: "C#", "C++", "F#", ".NET". */
function spellOutSymbols(text: string): string {
  return text
    .replace(/\bC#/gi, ' csharp ')
    .replace(/\bC\+\+/gi, ' cplusplus ')
    .replace(/\bF#/gi, ' fsharp ')
    .replace(/\.NET\b/gi, ' dotnet ');
}

/**
 * What a title says about the work, without what says which publication it is: a parenthesis holding only another
 * body's number ("(3GPP TS 23.501 version 17.5.0 Release 17)", "(ISO 9001:2015)", read as an equivalent instead),
 * "Part 2:", edition years, and versions (kept as their own terms).
 */
function titleText(title: string): string {
  // Other bodies' numbers named in a title ("Conformance specification for ITU-T H.265 …") are facts for the
  // scoring, not words: left in, "h" and "265" would make a companion document look like its main one.
  let text = title.normalize('NFKC').replace(/[\u2010-\u2015\u2212]/g, (dash) => (dash === '\u2013' || dash === '\u2014' ? dash : '-'));
  const spans = new Map(findReferences(text).map((ref) => [ref.index, ref.length]));
  for (const [index, length] of [...spans].sort((x, y) => y[0] - x[0])) text = `${text.slice(0, index)} ${text.slice(index + length)}`;
  return spellOutSymbols(text)
    .replace(/\((?:3GPP|ISO|IEC|EN|ITU|IEEE|ETSI)[^()]*\d[^()]*\)/g, ' ')
    .replace(/\bPart\s+\d+[A-Za-z]*(?:[-.]\d+)*\s*:?/gi, ' ')
    .replace(/(?<![\w.])v?\d{1,2}(?:\.\d{1,2}){1,3}(?![\w.])/gi, ' ');
}

/** The words of a text as the comparison uses them: folded, split, stop words and publication words dropped, stemmed. */
export function comparisonWords(text: string): string[] {
  const out: string[] = [];
  for (const word of splitWords(text)) {
    if (isStopWord(word) || publicationWords.has(word)) continue;
    // Short bare numbers are part and edition numbers; longer ones ("2000", "27002", "802") name things.
    if (/^\d+$/.test(word) && word.length < 3) continue;
    if (word.length < 2 && !/\d/.test(word)) continue;
    out.push(stem(word));
  }
  return out;
}

export type EntryText = { identifier: string; title: string; scope?: string | null };

/** Adds `weight` to a term, with a damped count: the second occurrence adds less than the first. */
function add(terms: Map<string, number>, term: string, weight: number): void {
  const before = terms.get(term);
  terms.set(term, before === undefined ? weight : before + weight * 0.5);
}

/**
 * The acronyms a title spells out: "Message Queuing Telemetry Transport (MQTT)" gives mqtt → its four words (stemmed).
 * Each letter of the acronym starts its word, or (after the first) is inside it: "eXchange" gives SPDX its X.
 */
export function spelledOutAcronyms(title: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!title.includes('(')) return out;
  for (const match of title.matchAll(/\(([A-Z][A-Za-z]{1,9})\)/g)) {
    const acronym = match[1]!.toLowerCase();
    const before = splitWords(title.slice(Math.max(0, match.index - 120), match.index)).filter((word) => !isStopWord(word));
    const words = before.slice(-acronym.length);
    const matches = words.length === acronym.length && words.every((word, i) => word[0] === acronym[i] || (i > 0 && word.includes(acronym[i]!)));
    if (matches) out.set(acronym, words.map(stem));
  }
  return out;
}

export type AcronymData = { words: [string, string[] | null][]; written: string[] };

/**
 * What the register's titles spell out, acronym → words, for the titles that use the acronym alone: "MQTT Version
 * 3.1.1" then also says "message queuing telemetry transport", as its twin "Message Queuing Telemetry Transport (MQTT)
 * v3.1.1" does. An acronym spelled out two ways ("SAE") is left out: the register does not say which it means.
 */
export class AcronymDictionary {
  private readonly words = new Map<string, string[] | null>();
  /** Words written in capitals somewhere in the register ("HEVC", "MQTT", "WMS"): the only initials worth a term. */
  private readonly written = new Set<string>();

  /** What the dictionary learnt, as plain data a worker thread receives. */
  toData(): AcronymData {
    return { words: [...this.words], written: [...this.written] };
  }

  static fromData(data: AcronymData): AcronymDictionary {
    const dictionary = new AcronymDictionary();
    for (const [acronym, words] of data.words) dictionary.words.set(acronym, words);
    for (const word of data.written) dictionary.written.add(word);
    return dictionary;
  }

  learn(title: string, identifier = ''): void {
    for (const text of [title, identifier]) {
      for (const match of text.matchAll(/\b[A-Z][A-Z0-9]{1,4}\b/g)) this.written.add(match[0].toLowerCase());
    }
    for (const [acronym, words] of spelledOutAcronyms(title)) {
      const known = this.words.get(acronym);
      if (known === undefined) this.words.set(acronym, words);
      else if (known !== null && known.join(' ') !== words.join(' ')) this.words.set(acronym, null);
    }
  }

  /** Whether some title or identifier of the register writes these letters as a word in capitals. */
  isWritten(initials: string): boolean {
    return this.written.has(initials);
  }

  expansion(acronym: string): readonly string[] | undefined {
    return this.words.get(acronym) ?? undefined;
  }
}

/** Title segments: "Information technology – ASN.1 encoding rules: Specification of …" → three. */
const segmentSeparator = /\s+[—–]\s+|\s+-\s+|--|:\s+|;\s+|\s+[—–]|[—–]\s+/;

/**
 * The weighted terms of one entry (`key`: its identifier key, when the caller has it already), keyed by term text;
 * word pairs are written "first second", the subject (the title's last segment) as "=word word".
 */
export function entryTerms(entry: EntryText, acronyms?: AcronymDictionary, key = identifierKey(entry.identifier)): Map<string, number> {
  const terms = new Map<string, number>();
  const text = titleText(entry.title);
  const segments = text.split(segmentSeparator).filter((segment) => comparisonWords(segment).length > 0);
  segments.forEach((segment, index) => {
    const subject = index === segments.length - 1;
    const words = comparisonWords(segment);
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const generic = genericWords.has(word);
      add(terms, word, (generic ? genericWordWeight : titleWordWeight) * (subject ? subjectWeight : 1));
      const next = words[i + 1];
      if (next !== undefined && !(generic && genericWords.has(next))) {
        add(terms, `${word} ${next}`, pairWeight * (subject ? subjectWeight : 1));
      }
    }
    if (subject && words.length <= 8) add(terms, `=${words.join(' ')}`, wholeSubjectWeight);
    // "Security architecture for Open Systems Interconnection": what comes before "for" names the document as a
    // title's last segment does ("… — Part 2: Security architecture"), so it is a whole subject too.
    if (subject) {
      const head = /^(.+?)\s+for\s+\S/i.exec(segment);
      const headWords = head ? comparisonWords(head[1]!) : [];
      if (headWords.length >= 2 && headWords.length < words.length && headWords.length <= 4) add(terms, `=${headWords.join(' ')}`, headSubjectWeight);
    }
    // Hyphenated names also as one word: "CD-ROM" meets "CDROM", "NFCIP-2" is not "NFCIP-1".
    for (const match of segment.matchAll(/\b([A-Za-z][A-Za-z0-9]*)-([A-Za-z0-9]+)\b/g)) {
      const joined = stem(`${match[1]}${match[2]}`.toLowerCase());
      if (!publicationWords.has(joined)) add(terms, joined, titleWordWeight * (subject ? subjectWeight : 1));
    }
    // Initials of runs of three to five capitalised words, so "Message Queuing Telemetry Transport" meets "MQTT"; in
    // the subject, of any words ("conformance specification for high efficiency video coding" meets "HEVC").
    const original = segment.split(/[^\p{L}\p{N}]+/u).filter((word) => word && !isStopWord(word.toLowerCase()));
    const inRun = subject ? /^\p{L}/u : /^\p{Lu}/u;
    for (let start = 0; start < original.length; start++) {
      let end = start;
      while (end < original.length && inRun.test(original[end]!)) end++;
      for (let i = start; i < end; i++) {
        for (let length = 3; length <= 5 && i + length <= end; length++) {
          const initials = original.slice(i, i + length).map((word) => word[0]!.toLowerCase()).join('');
          // Only initials that some entry writes as an acronym can meet anything: the others would be millions of
          // terms of one entry each, read and stored for nothing.
          if (acronyms?.isWritten(initials) && !terms.has(initials)) add(terms, initials, initialsWeight);
        }
      }
      start = end;
    }
  });
  if (acronyms) {
    const own = spelledOutAcronyms(text);
    for (const term of [...terms.keys()]) {
      if (own.has(term)) continue;
      for (const word of acronyms.expansion(term) ?? []) if (!terms.has(word)) add(terms, word, expansionWeight);
    }
  }
  for (const version of readVersions(`${entry.identifier} ${entry.title}`)) add(terms, `v${version}`, versionWeight);
  // A number of three or more groups ends with its most specific ones, and a dual-logo number keeps them from the
  // other body's ("IEC/IEEE 60255-118-1" for IEEE C37.118.1): the last two groups are a term, as rare as they are.
  // One number written as one token, its first group of two digits or more: a version ("XMI 2.4.2", "OData 4.0 Part
  // 1") is not a number.
  const number = /(?:^|[^\d.-])[a-z]?(\d{2,}(?:[.-]\d+){2,})/.exec(key)?.[1];
  const groups = number?.split(/[.-]/);
  if (groups) add(terms, `#${groups.at(-2)}.${groups.at(-1)}`, numberTailWeight);
  for (const word of comparisonWords(spellOutSymbols(entry.identifier))) {
    if (/^[a-z]{2,}$/.test(word) && !terms.has(word)) add(terms, word, identifierWordWeight);
  }
  if (entry.scope) {
    for (const word of comparisonWords(spellOutSymbols(entry.scope))) {
      add(terms, word, genericWords.has(word) ? genericWordWeight * scopeWordWeight : scopeWordWeight);
    }
  }
  return terms;
}
