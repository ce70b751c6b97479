// The circular checker's rules: a draft's paragraphs against the records' facts and against themselves. Pure: the
// facts come from facts.ts, the paragraphs from draft-text.ts, the words from messages.ts. Each rule says what it
// looks for and why it cannot flag a right circular (the tests check Concord's own and hand-written ones).
import { clock, findDates, findTimes, isoDay, namesTimeZone, type WrittenDate } from './dates.ts';

/** A paragraph of a draft (a line of a table row's cells joined by tabs) and where the reader finds it. */
export type DraftParagraph = { text: string; where: Where; row?: boolean };
export type Where = { paragraph?: number; page?: number; line?: number };

export type Day = { year: number; month: number; day: number };

export type ActivityNames = { acronym: string; names: string[]; emails: string[] };

/** What the records say, as the checker needs it. */
export type CircularFacts = {
  activity: ActivityNames;
  /** every other activity of the instance */
  others: ActivityNames[];
  /** the parent group's acronym ("TSAG") */
  parentAcronym: string | null;
  /** acronyms the register knows (organizations, groups): never a misspelling of the parent's */
  knownAcronyms: string[];
  /** days the records hold that a circular may cite: the founding meeting's, the co-located meeting's */
  knownDays: Day[];
  meeting: {
    number: number;
    /** local days from start to end, in the venue's zone */
    days: Day[];
    /** local start and end, minutes after midnight */
    startMinutes: number;
    endMinutes: number;
    /** local days of the deadlines the records hold */
    deadlines: { contribution?: Day; registration?: Day };
  } | null;
};

export const findingKinds = [
  'acronym-variant',
  'name-variant',
  'other-activity',
  'subject-other-activity',
  'subject-missing-activity',
  'impossible-date',
  'meeting-date',
  'meeting-time',
  'deadline-differs',
  'deadline-after-meeting',
  'deadlines-order',
  'time-without-zone',
  'number-repeated',
  'number-skipped',
  'annex-missing',
  'parent-misspelt',
  'leftover',
  'bracket-open',
] as const;
export type FindingKind = (typeof findingKinds)[number];

/** What a finding says, as data: messages.ts writes it in the reader's language. */
export type FindingDetail =
  | { kind: 'acronym-variant'; written: string; expected: string }
  | { kind: 'name-variant'; written: string; expected: string }
  | { kind: 'other-activity'; written: string; other: string }
  | { kind: 'subject-other-activity'; other: string }
  | { kind: 'subject-missing-activity'; expected: string }
  | { kind: 'impossible-date'; written: string }
  | { kind: 'meeting-date'; written: string; expected: Day[] }
  | { kind: 'meeting-time'; written: string; expected: string }
  | { kind: 'deadline-differs'; deadline: 'contribution' | 'registration'; written: string; expected: Day }
  | { kind: 'deadline-after-meeting'; written: string; meeting: Day }
  | { kind: 'deadlines-order'; written: string; previous: string }
  | { kind: 'time-without-zone'; written: string }
  | { kind: 'number-repeated'; number: string }
  | { kind: 'number-skipped'; number: string; expected: string }
  | { kind: 'annex-missing'; annex: string }
  | { kind: 'parent-misspelt'; written: string; expected: string }
  | { kind: 'leftover'; written: string }
  | { kind: 'bracket-open'; bracket: string; excerpt: string };

export type Severity = 'error' | 'warning';
/** `excerpt`: the paragraph's start, so the reader finds it. */
export type Finding = { severity: Severity; where: Where; excerpt: string; detail: FindingDetail };

// ---- Helpers ----------------------------------------------------------------------------------------------------

const sameDay = (a: Day, b: Day) => a.year === b.year && a.month === b.month && a.day === b.day;
const before = (a: Day, b: Day) => isoDay(a) < isoDay(b);
// Lower case, one apostrophe, no punctuation, and no elided article ("l'Activité" is "activité").
const normaliseWord = (w: string) =>
  w.toLowerCase().replace(/[’‘`]/g, "'").replace(/[^\p{L}\p{N}']/gu, '').replace(/^(?:l|d|j|n|m|t|s|c|qu)'/, '');
const words = (text: string) => text.split(/[\s\u00a0\u202f]+/).map(normaliseWord).filter(Boolean);
const alnum = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '');
const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Damerau–Levenshtein distance (optimal string alignment), for short strings such as acronyms. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Text with e-mail addresses and web addresses blanked (their letters are not prose), and the addresses found. */
function splitAddresses(text: string): { prose: string; emails: string[] } {
  const emails: string[] = [];
  const prose = text
    // A match starts only where a run of address characters starts: tried at every letter of a long word without an
    // "@", the pattern re-read the rest of the word each time (100,000 letters took a minute; issue 13, item 6).
    .replace(/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, (m) => {
      emails.push(m.toLowerCase());
      return ' '.repeat(m.length);
    })
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, (m) => ' '.repeat(m.length));
  return { prose, emails };
}

// Where a paragraph speaks of the activity itself: its subject, its contacts, its deadlines, what it is for. Another
// activity named there is an error; named elsewhere (a mandate citing a sister activity), a warning.
const subjectRe = /^\s*(?:subject|objet)\s*:/i;
const contactRe = /\b(?:contact|e-?mail|courriel|t[ée]l(?:[ée]phone)?\.?|fax)\b/i;
const deadlineWordRe = /\b(?:deadlines?|date limite|dates limites|délai|no later than|au plus tard|avant le|by|before|jusqu['’]au|d['’]ici le)\b/i;
const purposeRe = /\b(?:purpose|objectives?|aims?|mandate|created|established|but|objectifs?|vise|mandat|créée?|établie?|constituée?)\b/i;
const contributionRe = /\bcontributions?\b/i;
const registrationRe = /\b(?:(?:pre-?)?registrations?|(?:pré-?)?inscriptions?|register)\b/i;
const meetingHeldRe = /\b(?:will (?:take place|be held)|takes place|is held|se tiendra|aura lieu|se déroulera|se tient)\b/i;
const annexHeadingRe = /^\s*annexe?\s+([A-Z]|\d{1,2})\b/i;
const annexRefRe = /\bannexe?\s+([A-Z]|\d{1,2})\b/gi;

const leftovers: RegExp[] = [
  /\b(?:TODO|TBD|TBC|FIXME|XXX)\b/,
  /\beditor['’]?s note\b/i,
  /\bnote de l['’]éditeur\b/i,
  /\bnote de la rédaction\b/i,
  /Error!\s*(?:Reference source not found|Bookmark not defined|No text of specified style)/i,
  /Erreur\s*!\s*(?:Source du renvoi introuvable|Signet non défini)/i,
  /\bClick or tap here to enter (?:text|a date)\b/i,
  /\bCliquez (?:ou appuyez )?ici pour (?:entrer|taper) du texte\b/i,
  /\blorem ipsum\b/i,
  /\[\s*(?:insert|missing|to be (?:completed|confirmed)|à compléter|à insérer|à confirmer)\b[^\]]*\]?/i,
  /\?\?\?/,
  /\b(?:track changes|suivi des modifications)\b/i,
];

const openers: Record<string, string> = { '(': ')', '[': ']', '{': '}', '«': '»', '“': '”' };
const closers = new Set(Object.values(openers));

/** A section or paragraph number at the start of a paragraph ("2", "2.1", "3."), not a day of a date ("13 March"). */
function sectionNumber(text: string): number[] | undefined {
  const m = /^\s*(\d{1,2}(?:\.\d{1,2})*)\.?(?:\t|\s+)(\S+)/.exec(text);
  if (!m) return undefined;
  const next = m[2]!;
  // A number alone starts a paragraph only before a capital ("7 Contributions", "7 L'inscription"): a wrapped line
  // that starts "11 h 15" or "92 on" is not one; a numbered objective ("2.1 coordinate") may start in lower case.
  if (!m[1]!.includes('.') && !/^[\p{Lu}«“"]/u.test(next)) return undefined;
  if (/^\d/.test(next) || findDates(text.trimStart().slice(0, 40)).some((d) => d.index <= m[1]!.length + 2)) return undefined;
  return m[1]!.split('.').map(Number);
}

/** Whether `next` follows `previous` in a numbering: the next at one level, one level down, or back up. */
function follows(previous: number[] | undefined, next: number[]): boolean {
  if (!previous) return next.every((n, i) => n === 1 || (i === 0 && n === 1));
  if (next.length === previous.length + 1) return next.slice(0, -1).join('.') === previous.join('.') && next[next.length - 1] === 1;
  if (next.length > previous.length + 1) return false;
  const head = previous.slice(0, next.length - 1);
  return next.slice(0, -1).join('.') === head.join('.') && next[next.length - 1] === previous[next.length - 1]! + 1;
}

/** What `previous` should be followed by at `next`'s depth: for "number skipped: 4 (expected 3)". */
function expectedAt(previous: number[] | undefined, depth: number): string {
  if (!previous) return Array(depth).fill(1).join('.');
  if (depth > previous.length) return [...previous, ...Array(depth - previous.length).fill(1)].join('.');
  const head = previous.slice(0, depth);
  head[depth - 1] = head[depth - 1]! + 1;
  return head.join('.');
}

// ---- The check ----------------------------------------------------------------------------------------------------

export function checkCircular(paragraphs: DraftParagraph[], facts: CircularFacts): Finding[] {
  const findings: Finding[] = [];

  const all = [facts.activity, ...facts.others];
  const otherAcronyms = new Map(facts.others.map((o) => [o.acronym, o]));
  const acronymHead = facts.activity.acronym.split(/[-\s]/)[0] ?? facts.activity.acronym;
  const headRe = new RegExp(`(?<![A-Za-z0-9])${escapeRe(acronymHead)}(?:[\\s\\-‐‑–—_/]{0,2}[A-Za-z0-9]+)?(?![A-Za-z0-9])`, 'gi');
  const names = all.flatMap((a) => a.names.filter(Boolean).map((name) => ({ owner: a, words: words(name), text: name })));
  const anchors = new Set(names.map((n) => n.words.slice(0, 3).join(' ')));

  const annexesReferred = new Map<string, { where: Where; excerpt: string }>();
  const annexesPresent = new Set<string>();
  let numbering: number[] | undefined;
  const numbersSeen = new Set<string>();
  let deadlineRun: { date: WrittenDate; where: Where }[] = [];
  const meetingStart = facts.meeting?.days[0];

  for (const { text, where, row } of paragraphs) {
    const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const add = (severity: Severity, where: Where, detail: FindingDetail) => findings.push({ severity, where, excerpt, detail });
    const { prose, emails } = splitAddresses(text);
    const isSubject = subjectRe.test(text);
    const aboutThis = isSubject || contactRe.test(text) || deadlineWordRe.test(text) || purposeRe.test(text);
    const dates = findDates(prose);

    // Another activity named: its acronym, its name, its e-mail address.
    const mentioned = new Set<string>();
    const mention = (other: ActivityNames, written: string) => {
      if (mentioned.has(other.acronym + written)) return;
      mentioned.add(other.acronym + written);
      if (isSubject) add('error', where, { kind: 'subject-other-activity', other: other.acronym });
      else add(aboutThis ? 'error' : 'warning', where, { kind: 'other-activity', written, other: other.acronym });
    };
    for (const other of facts.others) {
      const re = new RegExp(`(?<![A-Za-z0-9-])${escapeRe(other.acronym)}(?![A-Za-z0-9])`, 'g');
      if (re.test(prose)) mention(other, other.acronym);
      for (const email of emails) if (other.emails.includes(email)) mention(other, email);
    }

    // This activity's acronym written otherwise: "JCA QKDN", "JCA-QKD", "JCA–QKDN".
    for (const m of prose.matchAll(headRe)) {
      const written = m[0];
      if (written === facts.activity.acronym || otherAcronyms.has(written)) continue;
      const key = alnum(written);
      const expected = alnum(facts.activity.acronym);
      if (key.length <= alnum(acronymHead).length + 1) continue; // "JCA" alone, "JCAs"
      const known = facts.others.find((o) => alnum(o.acronym) === key);
      if (known) mention(known, written);
      else if (key === expected || editDistance(key, expected) <= 2) add('error', where, { kind: 'acronym-variant', written, expected: facts.activity.acronym });
    }

    // A name written otherwise ("… Quantum Key Distribution Network"), or another activity's name.
    const textWords = words(prose);
    for (let i = 0; i + 3 <= textWords.length; i++) {
      if (!anchors.has(textWords.slice(i, i + 3).join(' '))) continue;
      let best: { name: (typeof names)[number]; matched: number; full: boolean } | undefined;
      for (const name of names) {
        let k = 0;
        while (k < name.words.length && textWords[i + k] === name.words[k]) k++;
        const full = k === name.words.length;
        if (!best || k > best.matched || (k === best.matched && full)) best = { name, matched: k, full };
      }
      // Three words ("joint coordination activity") are any JCA's; a fourth ("on") starts naming one.
      if (!best || best.matched <= 3) continue;
      const written = textWords.slice(i, i + Math.max(best.name.words.length, best.matched + 1)).join(' ');
      if (best.name.owner === facts.activity) {
        if (!best.full) add('error', where, { kind: 'name-variant', written, expected: best.name.text });
      } else mention(best.name.owner, best.full ? best.name.text : written);
      i += best.matched - 1;
    }

    // The subject must name this activity.
    if (isSubject && !prose.includes(facts.activity.acronym) && !names.some((n) => n.owner === facts.activity && words(prose).join(' ').includes(n.words.join(' '))))
      add('warning', where, { kind: 'subject-missing-activity', expected: facts.activity.acronym });

    // Dates that no calendar has.
    for (const d of dates) if (!d.valid) add('error', where, { kind: 'impossible-date', written: d.text });
    const valid = dates.filter((d) => d.valid);

    // Deadlines: a statement of one kind of deadline must give the records' day, and come before the meeting.
    const known = [...facts.knownDays, ...(facts.meeting?.days ?? [])];
    // A row of a table of dates (a table's, or a line that starts with a date) states a deadline without saying so.
    const isRow = row === true || (valid[0]?.index ?? 99) < 3;
    const isDeadline = (deadlineWordRe.test(prose) || isRow) && (contributionRe.test(prose) || registrationRe.test(prose));
    if (facts.meeting && isDeadline) {
      // Days the records give for something else (the meeting, the meeting beside it) are not this deadline.
      const candidates = valid.filter((d) => !known.some((k) => sameDay(k, d)));
      const kind = contributionRe.test(prose) && !registrationRe.test(prose) ? 'contribution' : registrationRe.test(prose) && !contributionRe.test(prose) ? 'registration' : undefined;
      const expected = kind ? facts.meeting.deadlines[kind] : undefined;
      if (kind && expected && valid.length && !valid.some((d) => sameDay(d, expected)))
        add('error', where, { kind: 'deadline-differs', deadline: kind, written: (candidates[0] ?? valid[0]!).text, expected });
      for (const d of candidates) if (meetingStart && before(meetingStart, d)) add('error', where, { kind: 'deadline-after-meeting', written: d.text, meeting: meetingStart });
    }

    // A table of dates: rows (a table's, or lines that start with a date) in date order, counted afresh at each
    // numbered paragraph; lines between them without a date (a cell's text, in a PDF) do not end the table.
    const rowDate = valid.length === 1 && isRow ? valid[0] : undefined;
    if (rowDate) {
      const previous = deadlineRun[deadlineRun.length - 1];
      if (previous && before(rowDate, previous.date)) add('error', where, { kind: 'deadlines-order', written: rowDate.text, previous: previous.date.text });
      deadlineRun.push({ date: rowDate, where });
    }

    // The meeting's own paragraph: its days and its hours as the records hold them.
    const times = findTimes(prose);
    if (facts.meeting && (meetingHeldRe.test(prose) || (times.length >= 2 && valid.length > 0))) {
      for (const d of valid) {
        if (!known.some((k) => sameDay(k, d)) && !(isDeadline && facts.meeting.days.every((m) => before(d, m))))
          add('error', where, { kind: 'meeting-date', written: d.text, expected: facts.meeting.days });
      }
      if (times.length && !times.some((t) => t.minutes === facts.meeting!.startMinutes))
        add('error', where, { kind: 'meeting-time', written: times[0]!.text, expected: `${clock(facts.meeting.startMinutes)}–${clock(facts.meeting.endMinutes)}` });
    }
    if (times.length && !namesTimeZone(prose)) add('error', where, { kind: 'time-without-zone', written: times[0]!.text });

    // Section and paragraph numbers, counted afresh in each annex (whose agenda and terms have their own).
    const annexHeading = annexHeadingRe.exec(prose);
    if (annexHeading) {
      deadlineRun = [];
      annexesPresent.add(annexHeading[1]!.toUpperCase());
      numbering = undefined;
      numbersSeen.clear();
    } else {
      const number = sectionNumber(prose);
      if (number) {
        deadlineRun = [];
        const label = number.join('.');
        if (numbersSeen.has(label)) add('error', where, { kind: 'number-repeated', number: label });
        else if (!follows(numbering, number)) add('error', where, { kind: 'number-skipped', number: label, expected: expectedAt(numbering, number.length) });
        numbersSeen.add(label);
        numbering = number;
      }
    }
    for (const m of prose.matchAll(annexRefRe)) {
      const annex = m[1]!.toUpperCase();
      if (!annexHeading && !annexesReferred.has(annex)) annexesReferred.set(annex, { where, excerpt });
    }

    // The parent group's acronym misspelt ("TASG" for "TSAG").
    if (facts.parentAcronym) {
      const knownAcronyms = new Set([...facts.knownAcronyms, ...all.map((a) => a.acronym)].map((a) => a.toUpperCase()));
      for (const m of prose.matchAll(/(?<![A-Za-z0-9-])[A-Z]{3,6}(?![A-Za-z0-9-])/g)) {
        const token = m[0];
        if (token !== facts.parentAcronym && !knownAcronyms.has(token) && editDistance(token, facts.parentAcronym) === 1)
          add('error', where, { kind: 'parent-misspelt', written: token, expected: facts.parentAcronym });
      }
    }

    // What does not belong in a letter.
    for (const re of leftovers) {
      const m = re.exec(text);
      if (m) add('error', where, { kind: 'leftover', written: m[0] });
    }

    // Brackets opened and never closed in the paragraph.
    const stack: { char: string; index: number }[] = [];
    [...prose].forEach((char, index) => {
      if (openers[char]) stack.push({ char, index });
      else if (closers.has(char)) {
        const at = stack.map((s) => openers[s.char]).lastIndexOf(char);
        if (at >= 0) stack.splice(at);
      }
    });
    for (const open of stack) add('error', where, { kind: 'bracket-open', bracket: open.char, excerpt: [...prose].slice(open.index, open.index + 40).join('').trim() });
  }

  for (const [annex, { where, excerpt }] of annexesReferred)
    if (!annexesPresent.has(annex)) findings.push({ severity: 'error', where, excerpt, detail: { kind: 'annex-missing', annex } });
  return findings;
}
