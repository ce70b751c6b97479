// Zod at every boundary: shared field shapes, and issues turned into plain-language messages per field.
import { z } from 'zod';
import { type FieldErrors, invalid } from './errors.ts';
import { platformMessages } from './i18n/messages.ts';
import type { Locale } from './i18n/locale.ts';

/** The message key of a reference not chosen from its list (worded per language by describeIssue). */
const chooseFromList = 'chooseFromList';

/**
 * The words for coded values (`member_state` → "Member State"), per language, so that "choose one of" lists words, not
 * codes. The entry (app.ts) gathers them once from the modules' manifests; until then a choice is not listed.
 */
let choiceWords: (locale: Locale) => Map<string, string> = () => new Map();
export function setChoiceWords(words: (locale: Locale) => Map<string, string>): void {
  choiceWords = words;
}

/** Forms send "" for an empty field; an empty optional field means "not set". */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;
const blankToNull = (value: unknown) => {
  const v = blankToUndefined(value);
  return v === undefined ? null : v;
};

export const requiredText = (max: number) => z.preprocess(blankToUndefined, z.string().min(1).max(max));
/** Optional text: absent stays absent (no change), blank becomes null (cleared). */
export const optionalText = (max: number) => z.preprocess(blankToNull, z.string().max(max).nullable()).optional();
export const email = () => z.preprocess(blankToUndefined, z.email().max(254).toLowerCase());
export const optionalEmail = () => z.preprocess(blankToNull, z.email().max(254).toLowerCase().nullable()).optional();
export const optionalUrl = () =>
  z.preprocess(blankToNull, z.url({ protocol: /^https?$/ }).max(500).nullable()).optional();
/**
 * A calendar date written YYYY-MM-DD. Year 0 is refused here: zod reads "0000-01-01" as a date, PostgreSQL has no year
 * 0, and the insert answered 500 (found by test/hostile-input.test.ts).
 */
export const isoDate = () => z.iso.date().regex(/^(?!0000)/, 'yearZero');
export const optionalDate = () => z.preprocess(blankToNull, isoDate().nullable()).optional();
/**
 * A reference chosen in a form's list (an organization, a person). An empty choice would coerce to 0 and read "Enter
 * a number of at least 0": every failure says to choose from the list instead (the catalogue's key, see describeIssue).
 */
/** The largest id a row can have (PostgreSQL's integer): a larger one reached the database and answered 500. */
export const maxRowId = 2_147_483_647;
/** A row's id as an API body or a query gives it. */
export const rowId = () => z.coerce.number().int().positive().max(maxRowId);
export const id = () =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: chooseFromList }).int({ error: chooseFromList }).positive({ error: chooseFromList }).max(maxRowId, { error: chooseFromList }));
export const optionalId = () =>
  z.preprocess(
    blankToNull,
    z.coerce.number({ error: chooseFromList }).int({ error: chooseFromList }).positive({ error: chooseFromList }).max(maxRowId, { error: chooseFromList }).nullable(),
  ).optional();
/** A checkbox: present ("on", "true", "1") or absent. JSON callers send booleans. */
export const checkbox = () =>
  z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()).optional();

/**
 * Why a date written as YYYY-MM-DD is not one (2027-02-30: February 2027 has 28 days), or null when it is not written
 * so: the format message fits that.
 */
export function impossibleDate(input: unknown, locale: Locale): string | null {
  const match = typeof input === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.trim()) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const m = platformMessages(locale).validation;
  if (month < 1 || month > 12) return m.noSuchMonth(match[0], month);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day >= 1 && day <= days) return null;
  const name = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
  return m.noSuchDay(match[0], name, days);
}

/** One plain-language message for a zod issue, in the reader's language. */
export function describeIssue(issue: z.core.$ZodIssue, locale: Locale): string {
  const m = platformMessages(locale).validation;
  if (issue.message === chooseFromList) return m.chooseFromList;
  switch (issue.code) {
    case 'invalid_type':
      // Zod 4 leaves `input` out of issues unless asked (reportInput), so a number field is told by what it expects:
      // "abc" in a number field is not "required". The number message also fits an empty one.
      if (issue.expected === 'number' || issue.expected === 'int') return m.number;
      if (issue.input === undefined || issue.input === null) return m.required;
      return m.invalid;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? m.required : m.tooShort(Number(issue.minimum));
      if (issue.origin === 'array' && Number(issue.minimum) <= 1) return m.required;
      if (issue.origin === 'number') return m.atLeast(Number(issue.minimum));
      return m.invalid;
    case 'too_big':
      if (issue.origin === 'number') return m.atMost(Number(issue.maximum));
      return issue.origin === 'string' ? m.tooLong(Number(issue.maximum)) : m.invalid;
    case 'invalid_format':
      if (issue.format === 'email') return m.email;
      if (issue.format === 'url') return m.url;
      if (issue.format === 'date') return impossibleDate(issue.input, locale) ?? m.date;
      // A regex names its pattern in `message`, so the explanation comes from the catalogue in the reader's language.
      if (issue.format === 'regex' && issue.message in m.patterns) return m.patterns[issue.message as keyof typeof m.patterns];
      return m.invalid;
    case 'invalid_value': {
      // The choices in the reader's words; a code never reaches the message (a list without words is not listed).
      const words = choiceWords(locale);
      const named = issue.values.map((v) => words.get(String(v)));
      return named.length && named.length <= 20 && named.every(Boolean) ? m.choice(named.join(', ')) : m.choiceOffered;
    }
    case 'unrecognized_keys':
      return m.unknownField;
    case 'custom':
      return issue.message;
    default:
      return m.invalid;
  }
}

export function fieldErrors(error: z.ZodError, locale: Locale): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) {
      const key = path.map(String).join('.') || '_';
      fields[key] ??= describeIssue(issue, locale);
    }
  }
  return fields;
}

/** Parses input with a schema, or throws a validation_failed AppError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): z.output<S> {
  // With the input in each issue, a value of the wrong type (a number where text belongs) is "not valid", not "required".
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw invalid(fieldErrors(result.error, locale));
  return result.data;
}

/** Deeper than any form or API body Concord takes (the deepest, a roadmap entry's nested lists, is under 10). */
/**
 * Text from outside (a mail, a file) as PostgreSQL text can hold it: without NUL, and with half of a UTF-16 pair
 * replaced by U+FFFD (as String.prototype.toWellFormed does; not in this TypeScript's library yet). For text that is
 * kept as received rather than refused, such as a mail's subject.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '').replace(halfPairs, '\uFFFD');
}

/** Half of a UTF-16 pair: PostgreSQL cannot encode it, and JSON's "\ud800" makes one. */
const halfPair = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The same, every one of them (replace() with a global pattern starts from the beginning each time). */
const halfPairs = new RegExp(halfPair, 'g');
/** What PostgreSQL text cannot store, as a reader is told it: a NUL, or half of a UTF-16 pair. */
export type Unstorable = 'nul' | 'halfPair';
function unstorable(text: string): Unstorable | undefined {
  if (text.includes('\u0000')) return 'nul';
  return halfPair.test(text) ? 'halfPair' : undefined;
}

export const maxBodyDepth = 64;

/**
 * Walks a parsed body without recursion (a body nested 100,000 deep once overflowed the stack): `unstorableAt` is the
 * path of the first string PostgreSQL text cannot store (a NUL, or half of a UTF-16 pair: both once answered 500), and
 * `unstorable` says which; `tooDeep` says it nests past `maxDepth` levels. Each value is visited once, so the walk is
 * linear in the body's size.
 */
export function inspectBody(value: unknown, maxDepth = maxBodyDepth): { unstorableAt?: string; unstorable?: Unstorable; tooDeep?: true } {
  // Each item points at its parent, so a path is built only for the string that cannot be stored.
  type Item = { value: unknown; key: string; depth: number; parent?: Item };
  const pathOf = (item: Item) => {
    const keys = [];
    for (let at: Item | undefined = item; at?.parent; at = at.parent) keys.unshift(at.key);
    return keys.join('.') || '_';
  };
  const stack: Item[] = [{ value, key: '', depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value === 'string') {
      const found = unstorable(item.value);
      if (found) return { unstorableAt: pathOf(item), unstorable: found };
      continue;
    }
    // Uploaded files are bytes, not text; their content is checked by whoever reads them.
    if (!item.value || typeof item.value !== 'object' || ArrayBuffer.isView(item.value)) continue;
    if (item.depth >= maxDepth) return { tooDeep: true };
    // Pushed in reverse so the first field is looked at first, as a reader would expect the first problem named.
    const children = Object.entries(item.value);
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, inner] = children[i] as [string, unknown];
      stack.push({ value: inner, key, depth: item.depth + 1, parent: item });
    }
  }
  return {};
}

/**
 * Whether JSON text nests arrays or objects deeper than `maxDepth`, found by one pass over its characters (brackets in
 * strings skipped). Checked before parsing: V8 takes 0.7 s to parse 100,000 nested brackets, on the event loop.
 */
export function jsonNestsDeeper(text: string, maxDepth = maxBodyDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The path of the first string PostgreSQL text cannot store, and why, or undefined. */
export function findUnstorable(value: unknown): { at: string; unstorable: Unstorable } | undefined {
  const { unstorableAt, unstorable } = inspectBody(value, Number.POSITIVE_INFINITY);
  return unstorableAt && unstorable ? { at: unstorableAt, unstorable } : undefined;
}
