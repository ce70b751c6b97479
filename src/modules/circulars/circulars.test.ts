// The circular checker through the real app on both engines, against the demo's records: the hand-written circulars
// pass, slips are found through the page, the API and the CLI, bad files get words, and only the leadership may check.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeUser } from '../../../test/support/factories.ts';
import { docxWith, paragraphBombDocx, unclosedRowsDocx } from '../../../test/support/zip-bombs.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { systemActor } from '../../platform/actor.ts';
import { getActivity } from '../activities/index.ts';
import { checkCircularCommand, circularCommand } from './command.ts';

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

for (const engine of testEngines()) {
  describe(`circular checker on ${engine}`, () => {
    let t: TestApp;
    let clients: Record<'anonymous' | 'observer' | 'member' | 'chair' | 'viceChair' | 'secretariat' | 'otherSecretariat' | 'admin', TestClient>;
    const txt = (text: string | Buffer, name = 'draft.txt') => ({ name, type: 'text/plain', bytes: Buffer.from(text) });
    const apiUrl = (acronym = 'JCA-QKDN') => `/api/v1/activities/${acronym}/circulars/check`;
    const pageUrl = (acronym = 'JCA-QKDN') => `/activities/${acronym}/circulars/check`;

    before(async () => {
      t = await createTestApp(engine);
      await loadDemo(t.db);
      const qkdn = await getActivity(t.db, systemActor('test'), 'JCA-QKDN');
      const mv = await getActivity(t.db, systemActor('test'), 'JCA-MV');
      const client = async (options: Parameters<typeof makeUser>[1]) => new TestClient(t.app, (await makeUser(t.db, options)).cookie);
      clients = {
        anonymous: new TestClient(t.app),
        observer: await client({ role: 'observer', activityId: qkdn.id }),
        member: await client({ role: 'member', activityId: qkdn.id }),
        chair: await client({ role: 'chair', activityId: qkdn.id }),
        viceChair: await client({ role: 'vice_chair', activityId: qkdn.id }),
        secretariat: await client({ role: 'secretariat', activityId: qkdn.id }),
        otherSecretariat: await client({ role: 'secretariat', activityId: mv.id }),
        admin: await client({ admin: true }),
      };
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
      assert.match(french.body, /le mandat en français/);
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
      assert.match(written.out, /manquent dans les données:?\n(?:- .*\n)*- le mandat en français\n/);
      assert.equal(fs.readFileSync(docx).subarray(0, 2).toString(), 'PK');
      const reread = await cli(t, [docx, '--activity', 'JCA-MV', '--meeting', '1', '--json']);
      assert.ok((JSON.parse(reread.out) as { kind: string }[]).every((f) => f.kind === 'leftover'), reread.out);
      await assert.rejects(cli(t, ['generate', '--activity', 'JCA-MV', '--out', path.join(dir, 'x.odt')], circularCommand), /concord circular generate/);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
}
