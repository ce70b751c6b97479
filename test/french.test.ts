// Every French message of every catalogue (src/**/*messages.ts, the API reference's words, and each module's history
// wordings) follows French typography and leaves no English behind: a narrow no-break space (U+202F) before : ; ! ?
// and inside « », no straight quotes or apostrophes in text, no English word from a list of those that crept in
// before, and no Title Case. Messages that are functions are called with stand-in arguments, so their fixed words are
// checked as a reader sees them.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { concordModules } from '../src/modules/index.ts';

/** Every `…messages.ts` file under src/ (the catalogues), found on disk so a new one is checked without a line here. */
function catalogueFiles(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return catalogueFiles(full);
    return /messages\.ts$/.test(entry.name) ? [full] : [];
  });
}

/**
 * A stand-in for any argument: it reads as "X" in text and as 2 in arithmetic, and every property or call gives
 * another stand-in, so a message function runs whatever shape of argument it expects.
 */
function standIn(): unknown {
  const target = function () {};
  return new Proxy(target, {
    get: (_target, key) => {
      if (key === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 2 : 'X');
      if (key === 'toString' || key === 'toLowerCase' || key === 'toUpperCase' || key === 'trim') return () => 'X';
      if (key === 'length') return 2;
      if (key === Symbol.iterator) return function* () {
        yield 'X';
        yield 'X';
      };
      if (key === 'then') return undefined;
      return standIn();
    },
    apply: () => standIn(),
  });
}

type Found = { where: string; text: string };

/** The strings a catalogue holds, with the path to each; functions are called with stand-ins. */
function stringsOf(value: unknown, where: string, out: Found[], seen = new Set<unknown>()): Found[] {
  if (typeof value === 'string') out.push({ where, text: value });
  else if (typeof value === 'function') {
    let result: unknown;
    try {
      result = value(...Array.from({ length: Math.max(value.length, 3) }, standIn));
    } catch {
      return out; // a function that needs real data (a date to format, say) is covered by its module's tests
    }
    stringsOf(result, `${where}()`, out, seen);
  } else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const [key, inner] of Object.entries(value)) stringsOf(inner, `${where}.${key}`, out, seen);
  }
  return out;
}

async function frenchMessages(): Promise<Found[]> {
  const found: Found[] = [];
  // The catalogues are imported from their sources: a compiled test run (scripts/build-tests.mjs) has no TypeScript
  // loader of its own, so this file registers tsx's for them.
  const { register } = await import('tsx/esm/api');
  const unregister = register();
  // The API reference keeps its words beside the page (platform/web/api-reference.tsx).
  for (const file of [...catalogueFiles(), 'src/platform/web/api-reference.tsx']) {
    const exports = (await import(pathToFileURL(path.resolve(file)).href)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(exports)) {
      if (typeof fn === 'function' && /Messages$/.test(name) && fn.length === 1) stringsOf(fn('fr'), `${file} ${name}`, found);
    }
  }
  await unregister();
  for (const module of concordModules) {
    const wordings = module.history?.wordings?.('fr') ?? {};
    // An event's stored fields: every one reads as the text "X", so the wording's own words are what is checked.
    const fields = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? 'X' : undefined), has: () => true });
    for (const [kind, wording] of Object.entries(wordings)) {
      try {
        found.push({ where: `${module.name} history ${kind}`, text: String(wording(fields as never, fields as never)) });
      } catch {
        // a wording that needs a real record (a list of changes, say) is covered by test/history-wordings
      }
    }
  }
  return found;
}

// English that slipped into French messages before; names that are the same in both languages are removed first.
const englishWords = [
  'the', 'and', 'with', 'please', 'click', 'meeting', 'meetings', 'deadline', 'deadlines', 'roadmap', 'upload', 'download',
  'e-mail', 'email', 'submit', 'settings', 'statement', 'statements', 'overview', 'chair', 'chairs', 'workspace', 'sign in',
  'sign out', 'item', 'items', 'entry', 'entries', 'draft', 'drafts', 'status', 'report', 'gap', 'gaps', 'overlap',
  'overlaps', 'by', 'of', 'to', 'from', 'for', 'none', 'all', 'any', 'yes', 'late', 'open', 'closed', 'sent', 'due',
];
const sameInBothLanguages = [/Internet-Draft/g, /Concord/g, /CSV UTF-8/g, /\bEU\b/g, /\bMV\b/g];

/** What is wrong with one French message, in words; empty when nothing is. */
export function typographyProblems(text: string): string[] {
  const problems: string[] = [];
  // A JSON sample ({"identifier": "…"}) and an HTTP header (Authorization: Bearer) are code to copy, not French text.
  text = text.replace(/\{"[^}]*\}/g, '{}').replace('Authorization: Bearer', 'Authorization Bearer');
  // So is a field name or a value between backticks in the API's words (`meetingId`, `by_correspondence`).
  text = text.replace(/`[^`]*`/g, '`…`');
  // The characters that take a space before them in French, where they end a clause (not in 14:30 or https://).
  for (const match of text.matchAll(/(.)([:;!?])(?=\s|$)/g)) {
    if (match[1] !== '\u202f' && match[1] !== '\u00a0') problems.push(`no narrow no-break space before "${match[2]}" in "…${text.slice(Math.max(0, match.index - 15), match.index + 3)}…"`);
  }
  if (/«(?![\u202f\u00a0])/.test(text) || /(?<![\u202f\u00a0])»/.test(text)) problems.push('« » without narrow no-break spaces inside');
  // A straight quote named as a character, as in 'guillemet droit (")', is the one allowed.
  if (/"/.test(text.replace(/\("+\)/g, ''))) problems.push('straight double quotes (write « »)');
  if (/[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/.test(text)) problems.push('straight apostrophe (write ’)');
  // Addresses and paths (/roadmap/entries/123) are not words.
  let words = text.replace(/(https?:\/\/|\/)[\w./?=&-]+/g, '');
  for (const name of sameInBothLanguages) words = words.replace(name, '');
  for (const english of englishWords) {
    if (new RegExp(`(^|[^\\p{L}-])${english}(?![\\p{L}-])`, 'iu').test(words)) problems.push(`English word "${english}"`);
  }
  // Title Case: three or more words, every one of four letters or more capitalised (French capitalises the first only).
  const long = text.split(/\s+/).filter((w) => /^\p{L}{4,}$/u.test(w));
  if (long.length >= 3 && text.split(/\s+/).length <= 8 && long.every((w) => /^\p{Lu}\p{Ll}/u.test(w))) problems.push('Title Case');
  return problems;
}

describe('French messages', () => {
  it('the rules catch what they are for', () => {
    assert.deepEqual(typographyProblems('Date limite\u202f: demain'), []);
    assert.equal(typographyProblems('Date limite : demain').length, 1);
    assert.equal(typographyProblems('Date limite: demain').length, 1);
    assert.deepEqual(typographyProblems('à 14:30, voir https://example.org'), []);
    assert.equal(typographyProblems('le rôle « membre »').length, 1);
    assert.deepEqual(typographyProblems('le rôle «\u202fmembre\u202f»'), []);
    assert.deepEqual(typographyProblems('l\'activité'), ['straight apostrophe (write ’)']);
    assert.deepEqual(typographyProblems('Date limite du meeting'), ['English word "meeting"']);
    assert.deepEqual(typographyProblems('Feuille De Route Commune'), ['Title Case']);
    assert.deepEqual(typographyProblems('un Internet-Draft de l’IETF'), []);
  });

  it('every French message follows French typography and holds no English word', async () => {
    const found = await frenchMessages();
    assert.ok(found.length > 1500, `${found.length} French messages read`);
    const problems = found.flatMap(({ where, text }) => typographyProblems(text).map((problem) => `${where}: ${problem}`));
    assert.deepEqual(problems, []);
  });
});
