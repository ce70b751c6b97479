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
export const optionalDate = () => z.preprocess(blankToNull, z.iso.date().nullable()).optional();
/**
 * A reference chosen in a form's list (an organization, a person). An empty choice would coerce to 0 and read "Enter
 * a number of at least 0": every failure says to choose from the list instead (the catalogue's key, see describeIssue).
 */
export const id = () => z.preprocess(blankToUndefined, z.coerce.number({ error: chooseFromList }).int({ error: chooseFromList }).positive({ error: chooseFromList }));
export const optionalId = () =>
  z.preprocess(blankToNull, z.coerce.number({ error: chooseFromList }).int({ error: chooseFromList }).positive({ error: chooseFromList }).nullable()).optional();
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

/** The path of the first string holding a NUL character (PostgreSQL text cannot store one), or undefined. */
export function findNulCharacter(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '_' : undefined;
  // Uploaded files are bytes, not text; their content is checked by whoever reads them.
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const found = findNulCharacter(inner, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
