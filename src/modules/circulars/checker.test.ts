// The checker's rules on circulars written by hand: two correct ones (TSB Circular 68 for JCA-QKDN in English, 60 for
// JCA-MV in French) give no error; each slip planted in them is found, with its severity and paragraph.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { renderDocx } from '../../platform/documents/docx.ts';
import type { Block } from '../../platform/documents/model.ts';
import { renderPdf } from '../../platform/documents/pdf-file.ts';
import { pdfTextMissing } from '../../../test/support/pdf-text.ts';
import { checkCircular, type CircularFacts, type Finding, type FindingKind } from './checker.ts';
import { findDates, findTimes, namesTimeZone } from './dates.ts';
import { readDraft } from './draft-text.ts';
import { circularMessages } from './messages.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/circulars/${name}`, import.meta.url), 'utf8');
const qkdnText = fixture('qkdn-en.txt');
const mvText = fixture('mv-fr.txt');

const qkdn = { acronym: 'JCA-QKDN', names: ['Joint Coordination Activity on Quantum Key Distribution Networks', 'Activité conjointe de coordination sur les réseaux de distribution de clés quantiques'], emails: ['quantum@itu.int', 'jca-qkdn@lists.itu.int'] };
const mv = { acronym: 'JCA-MV', names: ['Joint Coordination Activity on Metaverse Standardization', 'Activité conjointe de coordination sur la normalisation du métavers'], emails: ['tsbjcamv@itu.int', 'jcamv@lists.itu.int'] };
const knownAcronyms = ['ITU', 'ITU-T', 'TSB', 'TSAG', 'ISO', 'IEC', 'ETSI', 'IEEE', 'IETF', 'CCSA', 'SG13', 'SG21'];
const d = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

const qkdnFacts: CircularFacts = {
  activity: qkdn,
  others: [mv],
  parentAcronym: 'TSAG',
  knownAcronyms,
  knownDays: [d('2022-12-12'), d('2022-12-16'), d('2023-01-18'), d('2023-03-13'), d('2023-03-24')],
  meeting: { number: 1, days: [d('2023-03-22')], startMinutes: 13 * 60, endMinutes: 14 * 60 + 30, deadlines: { contribution: d('2023-03-13'), registration: d('2023-03-20') } },
};
const mvFacts: CircularFacts = {
  activity: mv,
  others: [qkdn],
  parentAcronym: 'TSAG',
  knownAcronyms,
  knownDays: [d('2025-05-26'), d('2025-05-30'), d('2025-07-03'), d('2025-10-06'), d('2025-10-17')],
  meeting: { number: 1, days: [d('2025-10-09')], startMinutes: 11 * 60 + 15, endMinutes: 13 * 60 + 15, deadlines: { contribution: d('2025-09-30'), registration: d('2025-10-07') } },
};

const paragraphsOf = (text: string) => readDraft(Buffer.from(text), { fileName: 'draft.txt', locale: 'en' });
const check = (text: string, facts: CircularFacts) => paragraphsOf(text).then((p) => checkCircular(p, facts));
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
const describeFindings = (findings: Finding[]) => findings.map((f) => `${f.severity} ${JSON.stringify(f.where)} ${circularMessages('en').finding_(f.detail, 'en')}`).join('\n');

/** Replaces `from` by `to` in `text`, failing if `from` is not there (a slip that plants nothing proves nothing). */
function plant(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the fixture holds ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

describe('circular checker: dates and times as circulars write them', () => {
  it('reads English and French dates, ranges included, and knows impossible days', () => {
    const found = findDates('on 22 March 2023, 13–24 March 2023, du 26 au 30 mai 2025, le 1er octobre 2025, March 5, 2024, 2027-02-30, 31 avril 2026');
    assert.deepEqual(
      found.map((x) => `${x.year}-${x.month}-${x.day}${x.valid ? '' : '!'}`),
      ['2023-3-22', '2023-3-13', '2023-3-24', '2025-5-26', '2025-5-30', '2025-10-1', '2024-3-5', '2027-2-30!', '2026-4-31!'],
    );
  });
  it('reads times in both styles and knows a time zone when one is named', () => {
    assert.deepEqual(findTimes('from 13:00 to 14:30, de 11 h 15 à 13 h 15, at 1 p.m., 9h30').map((t) => t.minutes), [780, 870, 675, 795, 780, 570]);
    assert.equal(namesTimeZone('from 13:00 to 14:30 Geneva time'), true);
    assert.equal(namesTimeZone('de 11 h 15 à 13 h 15 (heure de Genève)'), true);
    assert.equal(namesTimeZone('at 13:00 CET'), true);
    assert.equal(namesTimeZone('at 13:00 in room A'), false);
  });
});

describe('circular checker: correct circulars give no error', () => {
  it('TSB Circular 68 (JCA-QKDN, English, written by hand)', async () => {
    const findings = await check(qkdnText, qkdnFacts);
    assert.equal(errors(findings).length, 0, describeFindings(findings));
    assert.equal(findings.length, 0, describeFindings(findings));
  });
  it('TSB Circular 60 (JCA-MV, French, written by hand)', async () => {
    const findings = await check(mvText, mvFacts);
    assert.equal(findings.length, 0, describeFindings(findings));
  });
  it('the same circulars as DOCX and as PDF give no error either', { skip: pdfTextMissing }, async () => {
    for (const [text, facts] of [[qkdnText, qkdnFacts], [mvText, mvFacts]] as const) {
      const model = { locale: 'en' as const, title: 'Circular', subject: 'Circular', blocks: blocksOf(text) };
      for (const [kind, bytes] of [['docx', await renderDocx(model)], ['pdf', await renderPdf(model)]] as const) {
        const paragraphs = await readDraft(bytes, { fileName: `draft.${kind}`, locale: 'en' });
        assert.ok(paragraphs.length > 30, `${kind}: paragraphs read`);
        const findings = checkCircular(paragraphs, facts);
        assert.equal(findings.length, 0, `${facts.activity.acronym} ${kind}:\n${describeFindings(findings)}`);
      }
    }
  });
});

/** A circular's text as the document model: numbered paragraphs as items, date rows as a table, the rest as paragraphs. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const numbered = /^(\d{1,2}(?:\.\d{1,2})*) (.*)$/.exec(line);
    if (line.includes('\t')) {
      const cells = line.split('\t').map((c) => ({ lines: [c] }));
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'table') last.rows.push(cells);
      else blocks.push({ kind: 'table', widths: [0.3, 0.7], rows: [cells] });
    } else if (numbered && !findDates(line).some((x) => x.index === 0)) blocks.push({ kind: 'item', number: numbered[1]!, depth: numbered[1]!.split('.').length, text: numbered[2]! });
    else blocks.push({ kind: 'paragraph', text: line });
  }
  return blocks;
}

type Slip = { name: string; from: string; to: string; kind: FindingKind; severity?: 'error' | 'warning' };

const englishSlips: Slip[] = [
  { name: 'acronym with a space', from: 'first meeting of JCA-QKDN', to: 'first meeting of JCA QKDN', kind: 'acronym-variant' },
  { name: 'acronym cut short', from: 'JCA-QKDN is chaired', to: 'JCA-QKD is chaired', kind: 'acronym-variant' },
  { name: 'name misspelt', from: 'Quantum Key Distribution Networks (JCA-QKDN), under', to: 'Quantum Key Distribution Network (JCA-QKDN), under', kind: 'name-variant' },
  { name: "another activity's acronym in the purpose", from: 'The purpose of JCA-QKDN', to: 'The purpose of JCA-MV', kind: 'other-activity' },
  { name: "another activity's e-mail as the contact", from: 'E-mail: quantum@itu.int', to: 'E-mail: tsbjcamv@itu.int', kind: 'other-activity' },
  { name: "another activity's name in the subject", from: 'Subject: Joint Coordination Activity on Quantum Key Distribution Networks (JCA-QKDN)', to: 'Subject: Joint Coordination Activity on Metaverse Standardization (JCA-MV)', kind: 'subject-other-activity' },
  { name: 'another activity cited in the mandate', from: '2.3 Maintain the QKDN standardization roadmap.', to: '2.3 Maintain the QKDN standardization roadmap.\n2.4 Cooperate with JCA-MV on topics of common interest.', kind: 'other-activity', severity: 'warning' },
  { name: 'impossible date', from: 'no later than 13 March 2023', to: 'no later than 30 February 2023', kind: 'impossible-date' },
  { name: "wrong meeting day", from: 'on 22 March 2023, from 13:00', to: 'on 23 March 2023, from 13:00', kind: 'meeting-date' },
  { name: 'wrong meeting time', from: 'from 13:00 to 14:30', to: 'from 14:00 to 15:30', kind: 'meeting-time' },
  { name: 'time without its zone', from: '14:30 Geneva time', to: '14:30', kind: 'time-without-zone' },
  { name: 'contribution deadline differs', from: 'no later than 13 March 2023', to: 'no later than 14 March 2023', kind: 'deadline-differs' },
  { name: 'deadline after the meeting', from: '20 March 2023\tPre-registration', to: '23 March 2023\tPre-registration', kind: 'deadline-after-meeting' },
  { name: 'deadlines out of order', from: '13 March 2023\tSubmission of contributions\n20 March 2023\tPre-registration', to: '20 March 2023\tPre-registration\n13 March 2023\tSubmission of contributions', kind: 'deadlines-order' },
  { name: 'paragraph number repeated', from: '6 Registration is', to: '5 Registration is', kind: 'number-repeated' },
  { name: 'paragraph number skipped', from: '10 The draft agenda', to: '11 The draft agenda', kind: 'number-skipped' },
  { name: 'annex missing', from: 'Annex B: Draft agenda', to: 'Draft agenda', kind: 'annex-missing' },
  { name: 'parent group misspelt', from: '(TSAG) agreed', to: '(TASG) agreed', kind: 'parent-misspelt' },
  { name: "editor's note left", from: 'Yours faithfully,', to: "[Editor's note: check the signature]\nYours faithfully,", kind: 'leftover' },
  { name: "Word's broken cross-reference", from: 'are given in Annex A.', to: 'are given in Error! Reference source not found.', kind: 'leftover' },
  { name: 'bracket left open', from: '(13–24 March 2023).', to: '(13–24 March 2023.', kind: 'bracket-open' },
];

const frenchSlips: Slip[] = [
  { name: 'acronyme avec une espace', from: 'première réunion de la JCA-MV', to: 'première réunion de la JCA MV', kind: 'acronym-variant' },
  { name: 'nom mal écrit', from: 'coordination sur la normalisation du métavers (JCA-MV), conformément', to: 'coordination sur la normalisation des métavers (JCA-MV), conformément', kind: 'name-variant' },
  { name: "acronyme d'une autre activité dans le but", from: 'La JCA-MV a pour but', to: 'La JCA-QKDN a pour but', kind: 'other-activity' },
  { name: "courriel d'une autre activité", from: 'Courriel : tsbjcamv@itu.int', to: 'Courriel : quantum@itu.int', kind: 'other-activity' },
  { name: "objet nommant une autre activité", from: 'Objet : Activité conjointe de coordination sur la normalisation du métavers (JCA-MV)', to: 'Objet : Activité conjointe de coordination sur les réseaux de distribution de clés quantiques (JCA-QKDN)', kind: 'subject-other-activity' },
  { name: 'date impossible', from: 'au plus tard le 30 septembre 2025', to: 'au plus tard le 31 septembre 2025', kind: 'impossible-date' },
  { name: 'jour de réunion faux', from: 'le 9 octobre 2025, de 11 h 15', to: 'le 10 octobre 2025, de 11 h 15', kind: 'meeting-date' },
  { name: 'heure de réunion fausse', from: 'de 11 h 15 à 13 h 15', to: 'de 10 h 15 à 12 h 15', kind: 'meeting-time' },
  { name: 'heure sans fuseau', from: '13 h 15 (heure de Genève, CEST)', to: '13 h 15', kind: 'time-without-zone' },
  { name: 'date limite des contributions différente', from: 'au plus tard le 30 septembre 2025', to: 'au plus tard le 29 septembre 2025', kind: 'deadline-differs' },
  { name: 'date limite après la réunion', from: '7 octobre 2025\tPréinscription', to: '12 octobre 2025\tPréinscription', kind: 'deadline-after-meeting' },
  { name: 'dates limites dans le désordre', from: '30 septembre 2025\tSoumission des contributions\n7 octobre 2025\tPréinscription', to: '7 octobre 2025\tPréinscription\n30 septembre 2025\tSoumission des contributions', kind: 'deadlines-order' },
  { name: 'numéro répété', from: '6 L\'inscription', to: '5 L\'inscription', kind: 'number-repeated' },
  { name: 'numéro sauté', from: '9 Le projet', to: '10 Le projet', kind: 'number-skipped' },
  { name: 'annexe manquante', from: 'Annexe A : Mandat de la JCA-MV', to: 'Mandat de la JCA-MV', kind: 'annex-missing' },
  { name: 'groupe parent mal écrit', from: 'et du TSAG, ainsi', to: 'et du TSGA, ainsi', kind: 'parent-misspelt' },
  { name: 'message du traitement de texte', from: 'figure dans l\'Annexe B.', to: 'figure dans Erreur ! Source du renvoi introuvable.', kind: 'leftover' },
  { name: 'parenthèse ouverte', from: 'à Genève (Suisse) le', to: 'à Genève (Suisse le', kind: 'bracket-open' },
];

for (const [language, slips, text, facts] of [['English', englishSlips, qkdnText, qkdnFacts], ['French', frenchSlips, mvText, mvFacts]] as const) {
  describe(`circular checker: slips planted in a ${language} circular`, () => {
    for (const slip of slips) {
      it(`finds: ${slip.name}`, async () => {
        const planted = plant(text, slip.from, slip.to);
        const findings = await check(planted, facts);
        const found = findings.filter((f) => f.detail.kind === slip.kind);
        assert.ok(found.length > 0, `expected ${slip.kind}, got:\n${describeFindings(findings)}`);
        assert.equal(found[0]!.severity, slip.severity ?? 'error');
        // The finding points at the paragraph that holds the slip (for a missing annex, the one referring to it; for
        // dates out of order, the row that comes too late).
        if (slip.kind !== 'annex-missing') {
          const changed = slip.to.split('\n').find((l) => !slip.from.split('\n').includes(l)) ?? slip.to;
          const lines = (await paragraphsOf(planted)).filter((p) => p.text.replace(/\s+/g, ' ').includes(changed.replace(/\s+/g, ' ').slice(0, 25)));
          const expected = slip.kind === 'deadlines-order' ? (await paragraphsOf(planted)).filter((p) => p.text.startsWith(slip.from.split('\n')[0]!.slice(0, 10))) : lines;
          assert.ok(expected.length > 0, 'the planted line is a paragraph');
          assert.ok(found.some((f) => expected.some((p) => p.where.line === f.where.line)), `${slip.kind} points at the slip (${JSON.stringify(expected.map((p) => p.where))}): ${describeFindings(found)}`);
        }
        // And only the slip's own findings are errors: the rest of the circular is still right.
        const unrelated = errors(findings).filter((f) => f.detail.kind !== slip.kind && !(slip.kind === 'number-repeated' && f.detail.kind === 'number-skipped') && !(slip.kind === 'deadline-after-meeting' && f.detail.kind === 'deadline-differs') && !(slip.kind === 'meeting-time' && f.detail.kind === 'time-without-zone') && !(slip.kind === 'annex-missing' && f.detail.kind === 'number-repeated'));
        assert.deepEqual(unrelated, [], describeFindings(unrelated));
      });
    }
  });
}

describe('circular checker: hostile drafts', () => {
  // Found by test/hostile-input.test.ts (fast-check seed 12345): a DOCX with two paragraphs of 100,000 "x" kept the
  // circular check busy 73 s, as the e-mail pattern re-read the rest of the word from each of its letters.
  it('reads a paragraph of one 200,000-letter word in linear time, and still finds the addresses around it', () => {
    const word = 'x'.repeat(200_000);
    const started = performance.now();
    const findings = checkCircular([{ text: word, where: { paragraph: 1 } }, { text: `Contact: ${word} ${mv.emails[0]}`, where: { paragraph: 2 } }], qkdnFacts);
    const ms = performance.now() - started;
    // Linear, it takes a few milliseconds; quadratic, it took minutes. The bound leaves room for a loaded machine.
    assert.ok(ms < 2_000, `checked in ${Math.round(ms)} ms`);
    assert.ok(findings.some((f) => f.detail.kind === 'other-activity' || f.detail.kind === 'subject-other-activity'), describeFindings(findings));
  });
});

describe('circular checker: messages', () => {
  it('writes every finding as a sentence in both languages, without codes', async () => {
    for (const slip of englishSlips) {
      const findings = await check(plant(qkdnText, slip.from, slip.to), qkdnFacts);
      for (const f of findings) {
        for (const locale of ['en', 'fr'] as const) {
          const text = circularMessages(locale).finding_(f.detail, locale);
          assert.match(text, /^[«“\p{Lu}A-Z0-9].*\.$/u, text);
          assert.doesNotMatch(text, /[a-z]+-[a-z]+-|undefined|\[object|_/, text);
        }
      }
    }
  });
});
