// The circular checker and kept circulars through the real app on both engines, against the demo's records: the
// hand-written circulars pass, slips are found through the page, the API and the CLI, bad files get words, and only the
// leadership may check; a chair keeps and rewords a draft (page and API, with its history), the secretariat alone issues
// it under TSB's number as a document with DOCX and PDF in both languages and sends it to the list once, every refusal
// names its reason, and every route refuses those who may not use it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { type DemoCast, demoCast, makeUser } from '../../../test/support/factories.ts';
import { docxWith, paragraphBombDocx, unclosedRowsDocx } from '../../../test/support/zip-bombs.ts';
import { and, eq } from 'drizzle-orm';
import { pdfText, pdfTextMissing } from '../../../test/support/pdf-text.ts';
import { announcements, documentFiles, documents, events, importantDates, meetings } from '../../db/schema.ts';
import { systemActor } from '../../platform/actor.ts';
import { getActivity } from '../activities/index.ts';
import { checkCircularCommand, circularCommand } from './command.ts';
import type { CircularText } from './schema.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/circulars/${name}`, import.meta.url));
type Findings = { meeting: number | null; errors: number; warnings: number; findings: { severity: string; kind: string; where: { line?: number }; message: string }[] };

async function cli(t: TestApp, args: string[], command = checkCircularCommand): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await command.run(args, {
    config: t.config,
    withDatabase: (work) => work(t.database),
    readStdin: async () => Buffer.alloc(0),
    stdout: { write: (text: string) => (out += text) },
  });
  return { code, out };
}

type Kept = { id: number; status: string; number: string | null; documentId: number | null; sentAt: string | null; texts: { en: CircularText; fr: CircularText } };
type Failure = { error: { message: string; details: { fields: Record<string, string> } } };

/** What the edit form sends for a text: each part as the page's fields hold it. */
const formOf = (t: CircularText) => ({
  placeAndDate: t.placeAndDate,
  subject: t.subject,
  opening: t.opening,
  paragraphs: t.paragraphs.map((p) => p.text),
  closing: t.closing.join('\n'),
  addressees: t.addressees.join('\n'),
  copies: t.copies.join('\n'),
  annexA: t.annexA.items.map((i) => i.text),
  annexB: t.annexB?.items.map((i) => i.text) ?? [],
});
/** The French a translator would type where the records lack it (the terms of reference, the agenda, the city). */
const completed = (t: CircularText) => {
  const fill = (s: string) => s.replace(/\[à compléter\s?:\s*([^\]]+)\]/g, (_m, what: string) => (what.includes('ville') ? 'Genève' : 'Coordonner les travaux de normalisation'));
  const form = formOf(t);
  return { ...form, placeAndDate: fill(form.placeAndDate), subject: fill(form.subject), paragraphs: form.paragraphs.map(fill), annexA: form.annexA.map(fill), annexB: form.annexB.map(fill) };
};

for (const engine of testEngines()) {
  describe(`circular checker on ${engine}`, () => {
    let t: TestApp;
    let clients: DemoCast;
    const txt = (text: string | Buffer, name = 'draft.txt') => ({ name, type: 'text/plain', bytes: Buffer.from(text) });
    const apiUrl = (acronym = 'JCA-QKDN') => `/api/v1/activities/${acronym}/circulars/check`;
    const pageUrl = (acronym = 'JCA-QKDN') => `/activities/${acronym}/circulars/check`;

    before(async () => {
      t = await createTestApp(engine, {}, undefined, { demo: true });
      clients = await demoCast(t);
    });
    after(async () => {
      await t.close();
    });

    it('finds no error in the hand-written circulars of both demo activities, checked against their first meetings', async () => {
      const qkdn = (await clients.secretariat.upload(apiUrl(), txt(fixture('qkdn-en.txt')), { meeting: '1' })).json() as Findings;
      assert.equal(qkdn.meeting, 1);
      assert.deepEqual(qkdn.findings, []);
      const mv = (await clients.admin.upload(apiUrl('JCA-MV'), txt(fixture('mv-fr.txt')), { meeting: '1' })).json() as Findings;
      assert.deepEqual(mv.findings, []);
    });

    it('finds a wrong acronym and a deadline that differs from the records, with the line', async () => {
      const draft = fixture('qkdn-en.txt').toString().replace('first meeting of JCA-QKDN', 'first meeting of JCA-QKD').replace('no later than 13 March 2023', 'no later than 15 March 2023');
      const response = await clients.chair.upload(apiUrl(), txt(draft), { meeting: '1' });
      assert.equal(response.statusCode, 200, response.body);
      const result = response.json() as Findings;
      assert.equal(result.errors, 2);
      assert.deepEqual(result.findings.map((f) => f.kind).sort(), ['acronym-variant', 'deadline-differs']);
      const acronym = result.findings.find((f) => f.kind === 'acronym-variant')!;
      assert.equal(acronym.where.line, 35);
      assert.equal(acronym.message, 'The acronym is written “JCA-QKD”; the records write “JCA-QKDN”.');
      assert.match(result.findings.find((f) => f.kind === 'deadline-differs')!.message, /“15 March 2023” here and 13 March 2023 in the records/);
    });

    it('checks against the activity\'s next meeting by default, and the other activity\'s acronym is an error in its subject', async () => {
      const draft = fixture('mv-fr.txt').toString().replace('(JCA-MV) et sa première', '(JCA-QKDN) et sa première');
      const result = (await clients.admin.upload(apiUrl('JCA-MV'), txt(draft), { meeting: 'none' })).json() as Findings;
      assert.equal(result.meeting, null);
      assert.ok(result.findings.some((f) => f.kind === 'subject-other-activity' && f.severity === 'error'), JSON.stringify(result.findings));
    });

    it('shows the findings on the page, and the form again with a message for a file it cannot read', async () => {
      const form = await clients.viceChair.get(pageUrl());
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Check a draft circular/);
      const draft = fixture('qkdn-en.txt').toString().replace('(TSAG) agreed', '(TASG) agreed');
      const page = await clients.viceChair.upload(pageUrl(), txt(draft, 'circular-68.txt'), { meeting: '1' });
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.body, /Findings in circular-68\.txt/);
      assert.match(page.body, /“TASG” looks like a misspelling of TSAG\./);
      assert.match(page.body, /line 27/);

      const png = await clients.viceChair.upload(pageUrl(), { name: 'draft.txt', type: 'text/plain', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
      assert.equal(png.statusCode, 422);
      assert.match(png.body, /is not a UTF-8 text file/);
      const zip = await clients.viceChair.upload(pageUrl(), { name: 'draft.docx', type: 'application/octet-stream', bytes: docxWith('<w:document/>').subarray(0, 40) });
      assert.equal(zip.statusCode, 422);
      const none = await clients.viceChair.upload(pageUrl(), txt(''), { meeting: 'x' });
      assert.equal(none.statusCode, 422);
      assert.doesNotMatch(none.body + png.body + zip.body, /Internal|stack|Error:/);
    });

    it('refuses a Word bomb quickly with a message, and a meeting the activity does not have', async () => {
      const started = Date.now();
      const bomb = await clients.secretariat.upload(apiUrl(), { name: 'rows.docx', type: 'application/octet-stream', bytes: unclosedRowsDocx() });
      assert.ok([200, 422].includes(bomb.statusCode), bomb.body);
      const big = await clients.secretariat.upload(apiUrl(), { name: 'big.docx', type: 'application/octet-stream', bytes: paragraphBombDocx(300) });
      assert.equal(big.statusCode, 422, big.body);
      assert.match((big.json() as { error: { details: { fields: Record<string, string> } } }).error.details.fields.file ?? '', /could not be opened safely/);
      assert.ok(Date.now() - started < 15_000, `refused in ${Date.now() - started} ms`);
      const missing = await clients.secretariat.upload(apiUrl(), txt(fixture('qkdn-en.txt')), { meeting: '99' });
      assert.equal(missing.statusCode, 404);
    });

    it('lets only the leadership and admins check: members, observers, anonymous readers and another activity\'s secretariat are refused', async () => {
      for (const [name, client, status] of [
        ['anonymous', clients.anonymous, 401],
        ['observer', clients.observer, 403],
        ['member', clients.member, 403],
        ['other secretariat', clients.otherSecretariat, 403],
      ] as const) {
        const api = await client.upload(apiUrl(), txt(fixture('qkdn-en.txt')));
        assert.equal(api.statusCode, status, `${name} API: ${api.body}`);
        const page = await client.get(pageUrl());
        assert.ok([status, 303].includes(page.statusCode), `${name} page: ${page.statusCode}`);
      }
      for (const client of [clients.chair, clients.viceChair, clients.secretariat, clients.admin]) {
        assert.equal((await client.get(pageUrl())).statusCode, 200);
      }
    });

    it('writes a circular from the facts entered on the page: the draft page lists what is missing, downloads as DOCX and PDF, and the API answers the same text', async () => {
      const facts = await clients.secretariat.post('/activities/JCA-QKDN/circulars/facts', { foundedFrom: '2022-12-12', foundedTo: '2022-12-16', recommendationEn: 'Recommendation ITU-T A.1 clause 5', resolutionEn: 'WTSA-20 Resolution 92', signatoryName: 'Seizo Onoe', signatoryTitleEn: 'Director of the Telecommunication Standardization Bureau', telephone: '+41 22 730 6206', email: 'quantum@itu.int' });
      assert.equal(facts.statusCode, 303, facts.body);
      const wrong = await clients.secretariat.post('/activities/JCA-QKDN/circulars/facts', { foundedFrom: '2022-12-16', foundedTo: '2022-12-12', email: 'not an address' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /E-mail/);
      const draft = await clients.chair.get('/activities/JCA-QKDN/circulars/draft?kind=announce&lang=en&meeting=1&number=68&date=2023-01-18');
      assert.equal(draft.statusCode, 200, draft.body);
      assert.match(draft.body, /Nothing is missing: every fact comes from the records\./);
      assert.match(draft.body, /At its meeting of 12–16 December 2022/);
      const french = await clients.chair.get('/activities/JCA-QKDN/circulars/draft?kind=announce&lang=fr&meeting=1');
      // The demo holds every French text the letter quotes: what it lacks is the circular's own facts, named in French.
      assert.match(french.body, /le numéro de la circulaire/);
      assert.doesNotMatch(french.body, /mandat en français|ville de la réunion en français/);
      const docx = await clients.chair.get('/activities/JCA-QKDN/circulars/draft.docx?kind=announce&lang=en&meeting=1&number=68&date=2023-01-18');
      assert.equal(docx.statusCode, 200);
      assert.match(String(docx.headers['content-disposition']), /JCA-QKDN-circular-68-en-draft\.docx/);
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
      const pdf = await clients.chair.get('/activities/JCA-QKDN/circulars/draft.pdf?kind=announce&lang=en&meeting=1&number=68&date=2023-01-18');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const api = await clients.viceChair.api('GET', '/api/v1/activities/JCA-QKDN/circulars/draft?kind=announce&lang=en&meeting=1&number=68&date=2023-01-18');
      assert.equal(api.statusCode, 200, api.body);
      const text = api.json() as { subject: string; missing: string[]; details: { value: string }[] };
      assert.deepEqual(text.missing, []);
      assert.equal(text.details[0]!.value, 'TSB Circular 68');
      const bad = await clients.viceChair.api('GET', '/api/v1/activities/JCA-QKDN/circulars/draft?kind=poem&date=2023-02-30');
      assert.equal(bad.statusCode, 422);
      for (const [client, status] of [[clients.anonymous, 401], [clients.member, 403], [clients.observer, 403], [clients.otherSecretariat, 403]] as const) {
        assert.equal((await client.api('GET', '/api/v1/activities/JCA-QKDN/circulars/draft')).statusCode, status);
        assert.equal((await client.api('PUT', '/api/v1/activities/JCA-QKDN/circulars/facts', { fax: '+1' })).statusCode, status);
        assert.ok([status, 303].includes((await client.get('/activities/JCA-QKDN/circulars/draft.pdf')).statusCode));
        assert.ok([status, 303].includes((await client.get('/activities/JCA-QKDN/circulars/facts')).statusCode));
        for (const page of ['/activities/JCA-QKDN/circulars', '/activities/JCA-QKDN/circulars/draft', '/activities/JCA-QKDN/circulars/draft.docx']) {
          assert.ok([status, 303].includes((await client.get(page)).statusCode), page);
        }
        assert.ok([status, 303].includes((await client.post('/activities/JCA-QKDN/circulars/facts', { fax: '+1' })).statusCode), 'the facts form');
      }
      // None of the refused writes changed the facts.
      const kept = (await clients.secretariat.api('GET', '/api/v1/activities/JCA-QKDN/circulars/draft?meeting=1')).json() as { details: { label: string }[] };
      assert.ok(!kept.details.some((d) => d.label === 'Fax'), 'no fax was written by a refused request');
    });

    it('concord check-circular prints the findings and exits with 1 on an error, 0 on a clean draft', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'circular-'));
      const clean = path.join(dir, 'clean.txt');
      fs.writeFileSync(clean, fixture('qkdn-en.txt'));
      const ok = await cli(t, [clean, '--activity', 'JCA-QKDN', '--meeting', '1']);
      assert.equal(ok.code, 0, ok.out);
      assert.match(ok.out, /No inconsistency found/);
      const slipped = path.join(dir, 'slipped.txt');
      fs.writeFileSync(slipped, fixture('qkdn-en.txt').toString().replace('(13–24 March 2023).', '(13–24 March 2023.'));
      const bad = await cli(t, [slipped, '--activity', 'JCA-QKDN', '--meeting', '1', '--json']);
      assert.equal(bad.code, 1);
      const findings = JSON.parse(bad.out) as { kind: string; where: { line: number } }[];
      assert.deepEqual(findings.map((f) => [f.kind, f.where.line]), [['bracket-open', 35]]);
      const french = await cli(t, [slipped, '--activity', 'JCA-QKDN', '--meeting', '1', '--lang', 'fr']);
      assert.match(french.out, /ligne 35\u202f?: Erreur\u202f?: Une parenthèse ou un crochet «\u202f\(\u202f» est ouvert sans être fermé/);
      await assert.rejects(cli(t, [clean, '--activity', 'JCA-NONE']), /No activity JCA-NONE/);
      // concord circular generate writes the file and lists what the records lack; the checker reads it back.
      const docx = path.join(dir, 'mv-fr.docx');
      const written = await cli(t, ['generate', '--activity', 'JCA-MV', '--lang', 'fr', '--meeting', '1', '--out', docx], circularCommand);
      assert.equal(written.code, 0);
      assert.match(written.out, /manquent dans les données:?\n(?:- .*\n)*- le numéro de la circulaire/);
      assert.doesNotMatch(written.out, /en français\n/, 'the demo gives the French texts the letter quotes');
      assert.equal(fs.readFileSync(docx).subarray(0, 2).toString(), 'PK');
      const reread = await cli(t, [docx, '--activity', 'JCA-MV', '--meeting', '1', '--json']);
      assert.ok((JSON.parse(reread.out) as { kind: string }[]).every((f) => f.kind === 'leftover'), reread.out);
      await assert.rejects(cli(t, ['generate', '--activity', 'JCA-MV', '--out', path.join(dir, 'x.odt')], circularCommand), /concord circular generate/);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    // After the checker's tests, which read meeting 1 as the demo holds it: these change its records.
    describe('kept as drafts, reworded, issued and sent', () => {
      const base = '/activities/JCA-QKDN/circulars';
      const apiBase = '/api/v1/activities/JCA-QKDN/circulars';
      let draftId = 0;

      it('takes the facts only a circular states, in both languages', async () => {
        // The facts only a circular states, so that the English letter lacks nothing.
        const facts = await clients.secretariat.api('PUT', `${apiBase}/facts`, {
          foundedFrom: '2022-12-12',
          foundedTo: '2022-12-16',
          recommendationEn: 'Recommendation ITU-T A.1 clause 5',
          recommendationFr: 'Recommandation UIT-T A.1, paragraphe 5',
          resolutionEn: 'WTSA-20 Resolution 92',
          resolutionFr: 'Résolution 92 de l’AMNT-20',
          signatoryName: 'Seizo Onoe',
          signatoryTitleEn: 'Director of the Telecommunication Standardization Bureau',
          signatoryTitleFr: 'Directeur du Bureau de la normalisation des télécommunications',
          telephone: '+41 22 730 6206',
          email: 'quantum@itu.int',
        });
        assert.equal(facts.statusCode, 200, facts.body);
        // The demo gives every French text; a meeting whose French city is not entered yet is what issuing must refuse.
        const qkdn = await getActivity(t.db, systemActor('test'), 'JCA-QKDN');
        await t.db.update(meetings).set({ cityFr: null }).where(and(eq(meetings.activityId, qkdn.id), eq(meetings.number, 1)));
      });

      it('a chair keeps a draft from the preview, rewords a paragraph on the page, and the history says which', async () => {
        const kept = await clients.chair.post(`${base}/drafts`, { kind: 'announce', meeting: '1', date: '2023-01-18', lang: 'en' });
        assert.equal(kept.statusCode, 303, kept.body);
        const location = String(kept.headers.location);
        draftId = Number(/drafts\/(\d+)\?lang=en$/.exec(location)?.[1]);
        assert.ok(draftId > 0, location);
        const page = await clients.chair.get(location);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /<label for="paragraph-2">Paragraph 2<\/label>/);
        assert.match(page.body, /Only the secretariat issues circulars/);
        assert.doesNotMatch(page.body, /name="number"/, 'a chair is not offered the issue form');

        const before = ((await clients.chair.api('GET', `${apiBase}/${draftId}`)).json() as Kept).texts.en;
        const form = formOf(before);
        form.paragraphs[1] = 'The purpose of JCA-QKDN, reworded by its chair, is set out in Annex A.';
        const saved = await clients.chair.post(`${base}/drafts/${draftId}/text/en`, form);
        assert.equal(saved.statusCode, 303, saved.body);
        const after = ((await clients.chair.api('GET', `${apiBase}/${draftId}`)).json() as Kept).texts.en;
        assert.equal(after.paragraphs[1]!.text, 'The purpose of JCA-QKDN, reworded by its chair, is set out in Annex A.');
        assert.equal(after.paragraphs[0]!.text, before.paragraphs[0]!.text);
        const [edited] = await t.db.select().from(events).where(and(eq(events.kind, 'circular.edited'), eq(events.subjectId, String(draftId))));
        assert.deepEqual(Object.keys(edited!.after as object), ['language', 'paragraph2']);
        const history = await clients.chair.get('/activities/JCA-QKDN/history');
        assert.match(history.body, /Circular reworded in English by Test chair: paragraph 2/);

        // A form that fails keeps everything typed: the empty subject is named, the new paragraph is still there.
        const typed = { ...form, subject: '', paragraphs: form.paragraphs.map((p, i) => (i === 3 ? 'Typed before the subject was emptied.' : p)) };
        const refused = await clients.chair.post(`${base}/drafts/${draftId}/text/en`, typed);
        assert.equal(refused.statusCode, 422);
        assert.match(refused.body, /Typed before the subject was emptied\./);
        assert.match(refused.body, /href="#field-subject"/);
        // Emptying a paragraph leaves it out and numbers the others again, without a gap.
        const shorter = await clients.chair.api('PUT', `${apiBase}/${draftId}/text/en`, { ...form, paragraphs: form.paragraphs.map((p, i) => (i === 2 ? '' : p)) });
        assert.equal(shorter.statusCode, 200, shorter.body);
        const numbers = (shorter.json() as Kept).texts.en.paragraphs.filter((p) => p.number).map((p) => Number(p.number));
        assert.deepEqual(numbers, numbers.map((_n, i) => i + 1));
        assert.equal(numbers.length, before.paragraphs.filter((p) => p.number).length - 1);
        // A form written for another shape of the draft is refused, not half applied.
        const stale = await clients.chair.api('PUT', `${apiBase}/${draftId}/text/en`, form);
        assert.equal(stale.statusCode, 409);
      });

      it('refuses to issue without a number, and while the French text still marks facts as missing, naming them', async () => {
        const none = await clients.secretariat.post(`${base}/drafts/${draftId}/issue`, { number: '' });
        assert.equal(none.statusCode, 422);
        assert.match(none.body, /Enter the number TSB gave this circular: Concord never invents one\./);
        const api = await clients.secretariat.api('POST', `${apiBase}/${draftId}/issue`, { number: '68' });
        assert.equal(api.statusCode, 422, api.body);
        const fields = (api.json() as Failure).error.details.fields;
        assert.deepEqual(Object.keys(fields), ['text']);
        assert.match(fields.text!, /The French text still marks as missing: .*la ville de la réunion en français/);
        assert.doesNotMatch(fields.text!, /English text/);
      });

      it('the secretariat issues it under TSB’s number: a document with DOCX and PDF in both languages, the edited text in the PDF', async () => {
        const french = ((await clients.secretariat.api('GET', `${apiBase}/${draftId}`)).json() as Kept).texts.fr;
        const filled = await clients.secretariat.post(`${base}/drafts/${draftId}/text/fr`, completed(french));
        assert.equal(filled.statusCode, 303, filled.body);
        const chair = await clients.chair.post(`${base}/drafts/${draftId}/issue`, { number: '68' });
        assert.equal(chair.statusCode, 403);

        const issued = await clients.secretariat.post(`${base}/drafts/${draftId}/issue`, { number: '68' });
        assert.equal(issued.statusCode, 303, issued.body);
        const page = await clients.secretariat.get(String(issued.headers.location));
        assert.match(page.body, /TSB Circular 68 is issued and stored with the activity’s documents\./);
        const circular = (await clients.secretariat.api('GET', `${apiBase}/${draftId}`)).json() as Kept;
        assert.equal(circular.status, 'issued');
        assert.equal(circular.texts.en.details[0]!.value, 'TSB Circular 68');
        assert.equal(circular.texts.fr.details[0]!.value, 'Circulaire TSB 68');
        const [document] = await t.db.select().from(documents).where(eq(documents.id, circular.documentId!));
        assert.deepEqual([document!.kind, document!.number, document!.sequence, document!.status], ['circular', 'TSB Circular 68', null, 'published']);
        const files = await t.db.select().from(documentFiles).where(eq(documentFiles.documentId, document!.id));
        assert.deepEqual(files.map((f) => f.fileName).sort(), ['JCA-QKDN-TSB-Circular-68-en.docx', 'JCA-QKDN-TSB-Circular-68-en.pdf', 'JCA-QKDN-TSB-Circular-68-fr.docx', 'JCA-QKDN-TSB-Circular-68-fr.pdf']);
        // The issued files are the activity's documents, downloaded as any other, by any reader of the activity.
        const pdfLink = /href="([^"]+TSB-Circular-68-en\.pdf)"/.exec(page.body)?.[1];
        assert.ok(pdfLink, 'the page links the issued PDF');
        const pdf = await clients.anonymous.get(pdfLink);
        assert.equal(pdf.statusCode, 200);
        if (!pdfTextMissing) {
          const text = pdfText(pdf.rawPayload);
          assert.match(text, /reworded by its chair/);
          assert.match(text, /TSB Circular 68/);
        }
        // Issued is final: no more rewording, no second issue.
        assert.equal((await clients.chair.api('PUT', `${apiBase}/${draftId}/text/en`, formOf(circular.texts.en))).statusCode, 409);
        assert.equal((await clients.secretariat.api('POST', `${apiBase}/${draftId}/issue`, { number: '69' })).statusCode, 409);
        const history = await clients.secretariat.get('/activities/JCA-QKDN/history');
        assert.match(history.body, /TSB Circular 68 issued/);
      });

      it('refuses a number TSB already used, and a meeting without its city or contributions deadline, naming what lacks', async () => {
        const qkdn = await getActivity(t.db, systemActor('test'), 'JCA-QKDN');
        const [meeting] = await t.db.select().from(meetings).where(and(eq(meetings.activityId, qkdn.id), eq(meetings.number, 1)));
        const second = (await clients.secretariat.api('POST', apiBase, { kind: 'announce', meeting: '1', date: '2023-01-18' })).json() as Kept;
        // Written again from the records, a language loses its rewording and keeps its place and date.
        const reworded = { ...formOf(second.texts.en), placeAndDate: 'Geneva, 20 January 2023', paragraphs: second.texts.en.paragraphs.map((p, i) => (i === 0 ? 'Reworded.' : p.text)) };
        assert.equal((await clients.chair.api('PUT', `${apiBase}/${second.id}/text/en`, reworded)).statusCode, 200);
        const rewritten = await clients.chair.post(`${base}/drafts/${second.id}/rewrite/en`, {});
        assert.equal(rewritten.statusCode, 303, rewritten.body);
        const again = ((await clients.chair.api('GET', `${apiBase}/${second.id}`)).json() as Kept).texts.en;
        assert.deepEqual([again.paragraphs[0]!.text, again.placeAndDate], [second.texts.en.paragraphs[0]!.text, 'Geneva, 20 January 2023']);
        assert.match((await clients.chair.get('/activities/JCA-QKDN/history')).body, /Circular written again from the records, in English/);
        await t.db.update(meetings).set({ city: null }).where(eq(meetings.id, meeting!.id));
        await t.db.delete(importantDates).where(and(eq(importantDates.meetingId, meeting!.id), eq(importantDates.kind, 'contribution')));
        const refused = await clients.secretariat.api('POST', `${apiBase}/${second.id}/issue`, { number: '68' });
        assert.equal(refused.statusCode, 422);
        const fields = (refused.json() as Failure).error.details.fields;
        assert.equal(fields.number, 'TSB Circular 68 is already issued: enter the number of this circular.');
        assert.equal(fields.meeting, 'The records of the meeting lack its city and its deadline for contributions: complete the meeting, then write the circular again.');
        const french = await clients.secretariat.post(`${base}/drafts/${second.id}/issue`, { number: 'x*' }, {});
        assert.equal(french.statusCode, 422);
        assert.match(french.body, /A circular number is written with digits and letters/);
      });

      it('sends the issued circular to the list once, with both PDFs, through the announcements', async () => {
        const sent = await clients.secretariat.post(`${base}/drafts/${draftId}/send`, {});
        assert.equal(sent.statusCode, 303, sent.body);
        const circular = (await clients.secretariat.api('GET', `${apiBase}/${draftId}`)).json() as Kept;
        assert.ok(circular.sentAt);
        const [announcement] = await t.db.select().from(announcements).where(eq(announcements.subject, `TSB Circular 68: ${circular.texts.en.subject}`));
        assert.ok(announcement, 'the announcement is in the list');
        assert.deepEqual(announcement.attachments.map((a) => a.fileName), ['JCA-QKDN-TSB-Circular-68-en.pdf', 'JCA-QKDN-TSB-Circular-68-fr.pdf']);
        assert.match(announcement.textBody, /reworded by its chair[\s\S]*Circulaire TSB 68/);
        const again = await clients.secretariat.post(`${base}/drafts/${draftId}/send`, {});
        assert.equal(again.statusCode, 409);
        assert.match(again.body, /already sent to the list/);
        const unissued = (await clients.chair.api('GET', apiBase)).json() as Kept[];
        const draft = unissued.find((c) => c.status === 'draft')!;
        assert.equal((await clients.secretariat.api('POST', `${apiBase}/${draft.id}/send`)).statusCode, 409);
      });

      it('refuses every route to those who may not use it, and a chair the issuing and sending', async () => {
        const form = { kind: 'announce', meeting: '1' };
        // A well-formed body, so that what answers is who asks, not what was sent.
        const text = formOf(((await clients.chair.api('GET', `${apiBase}/${draftId}`)).json() as Kept).texts.fr);
        const refusedAll: [string, TestClient, number][] = [
          ['anonymous', clients.anonymous, 401],
          ['observer', clients.observer, 403],
          ['member', clients.member, 403],
          ['other secretariat', clients.otherSecretariat, 403],
        ];
        for (const [name, client, status] of refusedAll) {
          const page = (code: number) => [status, 303].includes(code);
          assert.ok(page((await client.post(`${base}/drafts`, form)).statusCode), `${name} keep`);
          assert.ok(page((await client.get(`${base}/drafts/${draftId}`)).statusCode), `${name} page`);
          assert.ok(page((await client.get(`${base}/drafts/${draftId}/letter.pdf?lang=en`)).statusCode), `${name} letter`);
          assert.ok(page((await client.post(`${base}/drafts/${draftId}/text/en`, { subject: 'x' })).statusCode), `${name} text`);
          assert.ok(page((await client.post(`${base}/drafts/${draftId}/issue`, { number: '70' })).statusCode), `${name} issue`);
          assert.ok(page((await client.post(`${base}/drafts/${draftId}/send`, {})).statusCode), `${name} send`);
          assert.ok(page((await client.post(`${base}/drafts/${draftId}/rewrite/fr`, {})).statusCode), `${name} rewrite`);
          assert.equal((await client.api('POST', `${apiBase}/${draftId}/rewrite/fr`)).statusCode, status, `${name} API rewrite`);
          assert.equal((await client.api('GET', apiBase)).statusCode, status, `${name} API list`);
          assert.equal((await client.api('POST', apiBase, form)).statusCode, status, `${name} API keep`);
          assert.equal((await client.api('GET', `${apiBase}/${draftId}`)).statusCode, status, `${name} API one`);
          assert.equal((await client.api('PUT', `${apiBase}/${draftId}/text/fr`, text)).statusCode, status, `${name} API text`);
          assert.equal((await client.api('POST', `${apiBase}/${draftId}/issue`, { number: '70' })).statusCode, status, `${name} API issue`);
          assert.equal((await client.api('POST', `${apiBase}/${draftId}/send`)).statusCode, status, `${name} API send`);
        }
        assert.equal((await clients.chair.api('POST', `${apiBase}/${draftId}/issue`, { number: '70' })).statusCode, 403);
        assert.equal((await clients.chair.api('POST', `${apiBase}/${draftId}/send`)).statusCode, 403);
        assert.equal((await clients.chair.post(`${base}/drafts/${draftId}/send`, {})).statusCode, 403);
        // The chair downloads a draft's letter; another activity's circular is not found from this one.
        const letter = await clients.chair.get(`${base}/drafts/${draftId}/letter.docx?lang=fr`);
        assert.equal(letter.statusCode, 200);
        assert.equal(letter.rawPayload.subarray(0, 2).toString(), 'PK');
        const mv = await clients.otherSecretariat.api('POST', '/api/v1/activities/JCA-MV/circulars', { kind: 'convene' });
        assert.equal(mv.statusCode, 201, mv.body);
        assert.equal((await clients.chair.api('GET', `${apiBase}/${(mv.json() as Kept).id}`)).statusCode, 404);
        // Nothing a refused request sent was written: only the kept circulars above exist for JCA-QKDN.
        assert.equal(((await clients.chair.api('GET', apiBase)).json() as Kept[]).length, 2);
      });
    });
  });
}
