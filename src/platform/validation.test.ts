import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { AppError } from './errors.ts';
import type { Locale } from './i18n/locale.ts';
import {
  inspectBody,
  jsonNestsDeeper,
  checkbox,
  email,
  fieldErrors,
  id,
  optionalDate,
  optionalEmail,
  optionalText,
  optionalUrl,
  parseInput,
  requiredText,
  storableText,
} from './validation.ts';

const form = z.object({
  name: requiredText(10),
  contact: email(),
  website: optionalUrl(),
  since: optionalDate(),
  role: z.enum(['chair', 'member']),
  count: id(),
});

/** The message per field for `input`, in `locale`. */
function messages(input: Record<string, unknown>, locale: Locale) {
  const result = form.safeParse(input);
  assert.equal(result.success, false);
  return fieldErrors(result.error!, locale);
}

const good = { name: 'Ana', contact: 'ana@example.org', role: 'chair', count: '3' };

describe('describeIssue, through fieldErrors', () => {
  it('says what is wrong with each field in English', () => {
    assert.deepEqual(
      messages({ name: '   ', contact: 'not-an-address', website: 'ftp://x.org', since: '2024-13-45', role: 'king', count: 'many' }, 'en'),
      {
        name: 'This field is required.',
        contact: 'Enter an e-mail address such as name@example.org.',
        website: 'Enter a full web address starting with https:// or http://.',
        since: 'Enter a date as YYYY-MM-DD.',
        // Codes without words (the app gives them the modules' words) are not listed; an id is chosen from a list.
        role: 'Choose one of the options offered.',
        count: 'Choose one from the list.',
      },
    );
    assert.deepEqual(messages({ ...good, name: 'A name far too long' }, 'en'), { name: 'Use at most 10 characters.' });
  });

  it('says the same in French', () => {
    assert.deepEqual(
      messages({ name: '', contact: 'x@', website: 'example.org', since: '16/12/2022', role: '', count: 'x' }, 'fr'),
      {
        name: 'Ce champ est obligatoire.',
        contact: 'Saisissez une adresse électronique telle que nom@exemple.org.',
        website: 'Saisissez une adresse web complète commençant par https:// ou http://.',
        since: 'Saisissez une date au format AAAA-MM-JJ.',
        role: 'Choisissez l’une des options proposées.',
        count: 'Choisissez dans la liste.',
      },
    );
    assert.deepEqual(messages({ ...good, name: 'A name far too long' }, 'fr'), { name: 'Utilisez au plus 10 caractères.' });
  });

  it('says why a date that looks right is impossible, in both languages', () => {
    const form = z.object({ since: z.iso.date() });
    const refusal = (since: string, locale: 'en' | 'fr') => {
      try {
        parseInput(form, { since }, locale);
      } catch (error) {
        return (error as AppError).details.fields?.since;
      }
      return 'accepted';
    };
    assert.equal(refusal('2027-02-30', 'en'), '2027-02-30 is not a date: February 2027 has 28 days.');
    assert.equal(refusal('2028-02-30', 'en'), '2028-02-30 is not a date: February 2028 has 29 days.');
    assert.equal(refusal('2027-04-31', 'fr'), '2027-04-31 n’est pas une date : avril 2027 compte 30\u00a0jours.');
    assert.equal(refusal('2027-13-01', 'en'), '2027-13-01 is not a date: there is no month 13.');
    assert.equal(refusal('2027-02-00', 'en'), '2027-02-00 is not a date: February 2027 has 28 days.');
    assert.equal(refusal('30/02/2027', 'en'), 'Enter a date as YYYY-MM-DD.');
    assert.equal(refusal('2028-02-29', 'en'), 'accepted');
  });

  it('treats a missing field as required, and a too-short one with its minimum', () => {
    assert.deepEqual(messages({ contact: 'ana@example.org', role: 'chair', count: '1' }, 'en'), { name: 'This field is required.' });
    const password = z.object({ password: z.string().min(10) });
    const result = password.safeParse({ password: 'short' });
    assert.deepEqual(fieldErrors(result.error!, 'en'), { password: 'Use at least 10 characters.' });
    assert.deepEqual(fieldErrors(result.error!, 'fr'), { password: 'Utilisez au moins 10 caractères.' });
  });

  it('names each unknown field of a strict object', () => {
    const result = z.object({ name: z.string() }).strict().safeParse({ name: 'x', admin: true, role: 'x' });
    assert.deepEqual(fieldErrors(result.error!, 'en'), { admin: 'This field is not accepted.', role: 'This field is not accepted.' });
  });

  it('explains a pattern in the reader language, and keeps a custom message as written', () => {
    const acronym = z.object({ acronym: z.string().regex(/^[A-Z]{2,}$/, 'acronym') });
    assert.deepEqual(fieldErrors(acronym.safeParse({ acronym: '!' }).error!, 'fr'), {
      acronym: 'Utilisez de 2 à 30 lettres, chiffres ou traits d’union, en commençant par une lettre ou un chiffre.',
    });
    const custom = z.object({ end: z.string().refine(() => false, 'The end comes after the start.') });
    assert.deepEqual(fieldErrors(custom.safeParse({ end: 'x' }).error!, 'en'), { end: 'The end comes after the start.' });
  });

  it('names nested fields by their path', () => {
    const nested = z.object({ objectives: z.array(z.object({ text: z.string().min(1) })) });
    assert.deepEqual(fieldErrors(nested.safeParse({ objectives: [{ text: 'a' }, { text: '' }] }).error!, 'en'), {
      'objectives.1.text': 'This field is required.',
    });
  });
});

describe('field shapes', () => {
  it('trims text, and turns a blank optional field into null (cleared) and an absent one into no change', () => {
    const shape = z.object({ name: requiredText(50), note: optionalText(50), mail: optionalEmail(), since: optionalDate() });
    assert.deepEqual(shape.parse({ name: '  Ana  ', note: '  ', mail: ' Ana@Example.ORG ', since: '' }), {
      name: 'Ana',
      note: null,
      mail: 'ana@example.org',
      since: null,
    });
    assert.deepEqual(shape.parse({ name: 'Ana' }), { name: 'Ana' });
  });

  it('reads a checkbox as a browser and as a script send it', () => {
    const shape = z.object({ on: checkbox() });
    assert.deepEqual(shape.parse({ on: 'on' }), { on: true });
    assert.deepEqual(shape.parse({ on: true }), { on: true });
    assert.deepEqual(shape.parse({ on: false }), { on: false });
    assert.deepEqual(shape.parse({}), {}, 'an unticked box is not sent, and stays absent');
  });

  it('parseInput throws a validation_failed error naming the fields', () => {
    assert.throws(
      () => parseInput(form, { ...good, contact: 'nope' }, 'en'),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'validation_failed' &&
        error.status === 422 &&
        JSON.stringify(error.details) === JSON.stringify({ fields: { contact: 'Enter an e-mail address such as name@example.org.' } }),
    );
    assert.deepEqual(parseInput(form, good, 'en'), { name: 'Ana', contact: 'ana@example.org', role: 'chair', count: 3 });
  });

  it('parseInput tells a value of the wrong type from a missing one', () => {
    const shape = z.object({ name: requiredText(10), topics: z.array(z.string()) });
    assert.throws(
      () => parseInput(shape, { name: 42 }, 'en'),
      (error: unknown) =>
        error instanceof AppError &&
        JSON.stringify(error.details.fields) === JSON.stringify({ name: 'This value is not valid.', topics: 'This field is required.' }),
    );
  });
});

describe('hostile bodies', () => {
  it('finds the path of a NUL or of half a UTF-16 pair, and a nesting past the limit, without recursion', () => {
    assert.deepEqual(inspectBody({ a: 'x', b: [{ c: 'ok' }, { d: 'n\u0000ul' }] }), { unstorableAt: 'b.1.d', unstorable: 'nul' });
    assert.deepEqual(inspectBody({ a: 'pair \uD83D\uDE00 kept', b: ['x\uD800'] }), { unstorableAt: 'b.0', unstorable: 'halfPair' });
    assert.deepEqual(inspectBody({ a: '\uDC00 alone' }), { unstorableAt: 'a', unstorable: 'halfPair' });
    assert.deepEqual(inspectBody({ file: { bytes: Buffer.from([0]) } }), {});
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.deepEqual(inspectBody(deep), { tooDeep: true });
    assert.deepEqual(inspectBody(deep, Number.POSITIVE_INFINITY), {});
  });

  it('measures JSON depth in one pass, ignoring brackets inside strings', () => {
    assert.equal(jsonNestsDeeper('[[[]]]', 3), false);
    assert.equal(jsonNestsDeeper('[[[[]]]]', 3), true);
    assert.equal(jsonNestsDeeper(`{"a":"${'['.repeat(100)}\\"[["}`, 3), false);
    assert.equal(jsonNestsDeeper('['.repeat(100_000), 64), true);
  });
});

describe('storableText', () => {
  it('drops NUL and replaces half of a UTF-16 pair, and leaves whole pairs and other text alone', () => {
    assert.equal(storableText('a\u0000b'), 'ab');
    assert.equal(storableText('\uD83D<script>'), '\uFFFD<script>');
    assert.equal(storableText('x\uDE00y'), 'x\uFFFDy');
    assert.equal(storableText('Réunion 😀 « ok »'), 'Réunion 😀 « ok »');
  });
});
