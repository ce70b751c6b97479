// Circulars written from the demo's records: every fact where a TSB circular states it, the checker finding no error
// in what Concord writes (as DOCX and PDF), and a French circular that names what it lacks instead of borrowing English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/database.ts';
import { pdfTextMissing } from '../../../test/support/pdf-text.ts';
import { systemActor } from '../../platform/actor.ts';
import { renderDocx } from '../../platform/documents/docx.ts';
import { renderPdf } from '../../platform/documents/pdf-file.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { checkCircular } from './checker.ts';
import { readDraft } from './draft-text.ts';
import { circularFacts } from './facts.ts';
import { circularModel, type CircularText, generateCircular } from './generate.ts';
import { makeActivity } from '../../../test/support/factories.ts';
import { addAgendaItem, agendaItemInput } from '../meetings/agenda.ts';
import { createMeeting, meetingInput } from '../meetings/meetings.ts';
import { updateCircularProfile } from './profile.ts';

const system = systemActor('test');
const textOf = (c: CircularText) =>
  [c.placeAndDate, ...c.details.map((d) => `${d.label}: ${d.value}`), ...c.addressees, ...c.copies, c.subject, c.opening, ...c.paragraphs.flatMap((p) => [`${p.number} ${p.text}`, ...p.rows.map((r) => r.join('\t'))]), ...c.closing, c.annexA.title, ...c.annexA.items.map((i) => `${i.number} ${i.text}`), c.annexB?.title ?? '', ...(c.annexB?.items ?? []).map((i) => `${i.number} ${i.text}`)].join('\n');

for (const engine of testEngines()) {
  describe(`circulars written from the records on ${engine}`, () => {
    let t: TestApp;
    let qkdn: Activity;
    let mv: Activity;

    before(async () => {
      t = await createTestApp(engine, {}, undefined, { demo: true });
      qkdn = await getActivity(t.db, system, 'JCA-QKDN');
      mv = await getActivity(t.db, system, 'JCA-MV');
      await updateCircularProfile(t.db, system, qkdn, {
        foundedFrom: '2022-12-12',
        foundedTo: '2022-12-16',
        recommendationEn: 'Recommendation ITU-T A.1 clause 5',
        resolutionEn: 'WTSA-20 Resolution 92',
        signatoryName: 'Seizo Onoe',
        signatoryTitleEn: 'Director of the Telecommunication Standardization Bureau',
        contactName: 'Gillian Makamara',
        telephone: '+41 22 730 6206',
        fax: '+41 22 730 5853',
        email: 'quantum@itu.int',
      });
    });
    after(async () => {
      await t.close();
    });

    it('writes TSB Circular 68 for JCA-QKDN in English with every fact of the records, in order', async () => {
      const c = await generateCircular(t.db, qkdn, { kind: 'announce', locale: 'en', meeting: 1, number: '68', date: '2023-01-18' });
      assert.deepEqual(c.missing, []);
      const text = textOf(c);
      assert.equal(c.placeAndDate, 'Geneva, 18 January 2023');
      assert.deepEqual(c.details.map((d) => `${d.label}: ${d.value}`), ['Ref: TSB Circular 68', 'Contact: Gillian Makamara', 'Tel: +41 22 730 6206', 'Fax: +41 22 730 5853', 'E-mail: quantum@itu.int']);
      assert.deepEqual(c.addressees, ['Administrations of ITU Member States', 'ITU-T Sector Members', 'ITU-T Associates', 'ITU Academia']);
      assert.equal(c.subject, 'Joint Coordination Activity on Quantum Key Distribution Networks (JCA-QKDN) and its first meeting, Geneva, 22 March 2023');
      assert.match(c.paragraphs[0]!.text, /^At its meeting of 12–16 December 2022, the Telecommunication Standardization Advisory Group \(TSAG\) agreed to establish the Joint Coordination Activity on Quantum Key Distribution Networks \(JCA-QKDN\), under Recommendation ITU-T A\.1 clause 5 and WTSA-20 Resolution 92\.$/);
      assert.match(text, /chaired by Junsen Lai, [^\n]*China, with Mark McFadden, [^\n]*United Kingdom, as vice-chair\./);
      assert.match(text, /will take place in Geneva on 22 March 2023, from 13:00 to 14:30 Geneva time \(CET\), alongside the ITU-T SG13 meeting, 13–24 March 2023\./);
      assert.match(text, /no later than 13 March 2023\./);
      const deadlines = c.paragraphs.find((p) => p.rows.length)!.rows;
      assert.deepEqual(deadlines, [['13 March 2023', 'Submission of contributions'], ['20 March 2023', 'Pre-registration']]);
      assert.deepEqual(c.paragraphs.map((p) => p.number), c.paragraphs.map((_, i) => String(i + 1)), 'paragraphs numbered without a gap');
      assert.deepEqual(c.annexA.items[0], { number: '1', text: 'Scope' });
      assert.equal(c.annexA.items[1]!.number, '');
      assert.match(c.annexA.items[1]!.text, /^Coordination of standardization work on quantum key distribution networks/);
      assert.ok(c.annexA.items.filter((i) => i.number.startsWith('2.')).length >= 5, 'the objectives');
      assert.deepEqual(c.annexB!.items.map((i) => i.text).slice(0, 3), ['Opening', 'Adoption of the agenda', 'Review of the terms of reference']);
      assert.equal(c.annexB!.items.length, 13);
      assert.deepEqual(c.closing, ['Yours faithfully,', 'Seizo Onoe', 'Director of the Telecommunication Standardization Bureau']);
    });

    it('the checker finds no error in the circular Concord writes, as DOCX and as PDF', { skip: pdfTextMissing }, async () => {
      const c = await generateCircular(t.db, qkdn, { kind: 'announce', locale: 'en', meeting: 1, number: '68', date: '2023-01-18' });
      const model = circularModel(c);
      const facts = await circularFacts(t.db, system, qkdn, 1);
      for (const [kind, bytes] of [['docx', await renderDocx(model)], ['pdf', await renderPdf(model)]] as const) {
        const findings = checkCircular(await readDraft(bytes, { fileName: `c.${kind}`, locale: 'en' }), facts);
        assert.deepEqual(findings.filter((f) => f.severity === 'error'), [], kind);
      }
    });

    it('writes the JCA-MV circular in French from the French fields, whole and without English text', async () => {
      await updateCircularProfile(t.db, system, mv, {
        foundedFrom: '2025-05-26',
        foundedTo: '2025-05-30',
        recommendationFr: 'la Recommandation UIT-T A.18',
        resolutionFr: 'la Résolution 105 de l’AMNT-24',
        signatoryName: 'Seizo Onoe',
        signatoryTitleFr: 'Directeur du Bureau de la normalisation des télécommunications',
        telephone: '+41 22 730 6301',
        email: 'tsbjcamv@itu.int',
      });
      const c = await generateCircular(t.db, mv, { kind: 'announce', locale: 'fr', meeting: 1, number: '60', date: '2025-07-03' });
      assert.deepEqual(c.missing, []);
      const text = textOf(c);
      assert.equal(c.subject, 'Activité conjointe de coordination sur la normalisation du métavers (JCA-MV) et sa première réunion, Genève, 9 octobre 2025');
      assert.match(text, /Le but de la JCA-MV est énoncé dans son mandat, qui figure dans l’Annexe A\u202f: Coordination de la normalisation du métavers au sein de l’UIT-T/);
      assert.match(text, /Participation\u202f: Représentants des membres de l’UIT, notamment de toutes les commissions d’études et du GCNT/);
      assert.match(text, /se tiendra à Genève le 9 octobre 2025, de 11 h 15 à 13 h 15 \(heure de Genève, CEST\), en marge de la réunion de la Commission d’études 21 de l’UIT-T, 6–17 octobre 2025\./);
      assert.match(text, /au plus tard le 30 septembre 2025/);
      assert.match(text, /La réunion se déroulera en anglais\./);
      assert.deepEqual(c.annexA.items.slice(0, 3).map((i) => i.number), ['1', '', '2']);
      assert.deepEqual(c.annexA.items.slice(3).map((i) => i.number), ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8']);
      assert.equal(c.annexA.items[3]!.text, 'Coordonner les travaux relatifs au métavers (technologies habilitantes, systèmes, applications, services, protocoles, sécurité, accessibilité, durabilité) entre les commissions d’études de l’UIT-T.');
      assert.equal(c.annexB!.items.length, 15);
      assert.deepEqual(c.annexB!.items.slice(0, 3).map((i) => `${i.number} ${i.text}`), ['1 Ouverture de la réunion', '2 Adoption de l’ordre du jour', '3 Examen des méthodes de travail, y compris la documentation des réunions et la participation à distance']);
      assert.equal(c.annexB!.items.at(-1)!.text, 'Clôture de la réunion');
      // Affiliations are proper names and stay as registered; everything else is French.
      assert.match(text, /Electronics and Telecommunications Research Institute \(ETRI\), Corée du Sud/);
      assert.match(text, /\(CST\), Arabie saoudite/);
      const sentences = text.replace(/Communications, Space and Technology Commission|Electronics and Telecommunications Research Institute|Metaverse Standards Forum/g, '');
      assert.doesNotMatch(sentences, /\b(?:the|of|meeting|will|Review|Opening|Coordination of|Geneva)\b/);
      assert.doesNotMatch(text, /à compléter/);
      // The checker reads the French circular Concord writes without finding an error in it.
      const draft = await readDraft(await renderDocx(circularModel(c)), { fileName: 'c.docx', locale: 'fr' });
      assert.deepEqual(checkCircular(draft, await circularFacts(t.db, system, mv, 1)).filter((f) => f.severity === 'error'), []);
    });

    it('names each French field left empty instead of printing the English', async () => {
      const activity = await makeActivity(t.db);
      const meeting = await createMeeting(t.db, system, activity.id, meetingInput.parse({
        title: 'First meeting', mode: 'hybrid', city: 'Geneva', timeZone: 'Europe/Zurich', startDate: '2027-05-04', startTime: '10:00', endDate: '2027-05-04', endTime: '12:00',
        colocatedEvent: 'ITU-T SG13 meeting, 26 April–7 May 2027', contributionDate: '2027-04-20',
      }), { locale: 'en', baseUrl: 'http://localhost' });
      // The standard agenda comes with its French titles; an item added in English only lacks one.
      await addAgendaItem(t.db, system, { activity, meeting }, agendaItemInput.parse({ title: 'Review of the QKD roadmap' }), 'en');
      const c = await generateCircular(t.db, activity, { kind: 'announce', locale: 'fr', meeting: meeting.number });
      for (const fact of ['le domaine du mandat en français', 'les objectifs du mandat en français', 'qui peut participer, en français (mandat)', 'la ville de la réunion en français', 'la réunion voisine en français', 'le titre du point 11 de l’ordre du jour en français']) {
        assert.ok(c.missing.includes(fact), `${fact} in ${c.missing.join('; ')}`);
      }
      const text = textOf(c);
      assert.match(text, /se tiendra à \[à compléter\u202f: la ville de la réunion en français\]/);
      assert.match(text, /en marge de la \[à compléter\u202f: la réunion voisine en français\]/);
      assert.deepEqual(c.annexB!.items.slice(-2).map((i) => `${i.number} ${i.text}`), ['10 Clôture de la réunion', '11 [à compléter\u202f: le titre du point 11 de l’ordre du jour en français]']);
      assert.doesNotMatch(text, /Geneva|SG13 meeting|Coordinate the testing|Test everything|QKD roadmap/);
    });

    it('writes the shorter convening circular for a later meeting, and names a missing meeting', async () => {
      const c = await generateCircular(t.db, mv, { kind: 'convene', locale: 'en', meeting: 2 });
      assert.match(c.subject, /^Second meeting of the Joint Coordination Activity on Metaverse Standardization \(JCA-MV\)/);
      assert.doesNotMatch(textOf(c), /agreed to establish/);
      const none = await generateCircular(t.db, mv, { kind: 'convene', locale: 'en', meeting: 'none' });
      assert.ok(none.missing.includes('the meeting it convenes'));
    });
  });
}
