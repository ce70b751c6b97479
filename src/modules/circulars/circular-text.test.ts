// The rules of rewording a circular: what an edit changes and what stays the records', paragraphs left out without a
// gap, a form for another shape refused, the marks of missing facts found in either language, the parts named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdit, changedParts, editValuesOf, missingMarks, withReference } from './circular-text.ts';
import type { CircularText } from './schema.ts';

const letter = (): CircularText => ({
  locale: 'fr',
  kind: 'announce',
  meetingNumber: 1,
  placeAndDate: 'Genève, le 3 juillet 2025',
  details: [
    { label: 'Réf.', value: '[à compléter\u202f: le numéro de la circulaire]' },
    { label: 'Tél.', value: '+41 22 730 5858' },
  ],
  addressees: ['Administrations des États Membres de l’UIT'],
  copies: ['Directeur du Bureau des radiocommunications'],
  subject: 'Activité conjointe (JCA-MV), [à compléter\u202f: la ville de la réunion en français]',
  opening: 'Madame, Monsieur,',
  paragraphs: [
    { number: '1', text: 'Premier.', rows: [] },
    { number: '2', text: 'Deuxième [à compléter : le mandat en français].', rows: [] },
    { number: '3', text: 'Dates limites :', rows: [['30 septembre 2025', 'Soumission des contributions']] },
    { number: '4', text: 'Quatrième.', rows: [] },
  ],
  closing: ['Veuillez agréer…', 'Seizo Onoe'],
  annexA: { title: 'Annexe A', items: [{ number: '1', text: 'Domaine' }, { number: '', text: '[à compléter : le mandat en français]' }] },
  annexB: null,
  missing: [],
});

describe('rewording a circular', () => {
  it('finds each missing fact once, whatever space comes before the colon', () => {
    assert.deepEqual(missingMarks(letter()), ['le numéro de la circulaire', 'la ville de la réunion en français', 'le mandat en français']);
  });

  it('applies every part typed, leaves an emptied paragraph out and numbers the others again, keeping the tables', () => {
    const edit = editValuesOf(letter());
    edit.paragraphs[1] = '  ';
    edit.paragraphs[3] = 'Quatrième, reformulé.';
    edit.subject = 'Activité conjointe (JCA-MV), Genève';
    edit.addressees = 'Administrations\n\n  Membres du Secteur  \n';
    const applied = applyEdit(letter(), edit);
    assert.ok('text' in applied);
    const text = applied.text;
    assert.deepEqual(text.paragraphs.map((p) => [p.number, p.text, p.rows.length]), [['1', 'Premier.', 0], ['2', 'Dates limites :', 1], ['3', 'Quatrième, reformulé.', 0]]);
    assert.deepEqual(text.addressees, ['Administrations', 'Membres du Secteur']);
    assert.deepEqual(text.details, letter().details, 'the letterhead details stay the records’');
    assert.deepEqual(text.missing, ['le numéro de la circulaire', 'le mandat en français']);
  });

  it('refuses a form written for another shape of the draft', () => {
    const edit = editValuesOf(letter());
    assert.deepEqual(applyEdit(letter(), { ...edit, paragraphs: edit.paragraphs.slice(1) }), { mismatch: 'paragraphs' });
    assert.deepEqual(applyEdit(letter(), { ...edit, annexA: [] }), { mismatch: 'annexA' });
    assert.deepEqual(applyEdit(letter(), { ...edit, annexB: ['x'] }), { mismatch: 'annexB' });
  });

  it('names the parts an edit changed with their text before and after, and nothing when nothing changed', () => {
    const before = letter();
    assert.equal(changedParts(before, letter()), null);
    const edit = editValuesOf(before);
    edit.paragraphs[0] = 'Premier, reformulé.';
    edit.copies = '';
    const after = applyEdit(before, edit);
    assert.ok('text' in after);
    assert.deepEqual(changedParts(before, after.text), {
      before: { paragraph1: 'Premier.', copies: 'Directeur du Bureau des radiocommunications' },
      after: { paragraph1: 'Premier, reformulé.', copies: '' },
    });
  });

  it('puts TSB’s number in the reference, which then no longer lacks', () => {
    const numbered = withReference(letter(), 'Circulaire TSB 60');
    assert.equal(numbered.details[0]!.value, 'Circulaire TSB 60');
    assert.deepEqual(numbered.missing, ['la ville de la réunion en français', 'le mandat en français']);
  });
});
