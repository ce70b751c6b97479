// The activity reports through the real app on both engines, on the demo's JCA-QKDN: a period holding its held
// first meeting with a decision, a confirmed overlap, a gap, a received and a sent statement, a changed contact and an
// open action; each appears in the report to TSAG, in English and French; a report for everyone leaves out a
// members-only statement; bad periods are refused naming the field; access per route and role; editing, release as a
// numbered document, the DOCX and PDF; the CLI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { type DemoCast, demoCast, makeUser } from '../../../test/support/factories.ts';
import { pdfText, pdfTextMissing } from '../../../test/support/pdf-text.ts';
import { documents, meetings, organizations } from '../../db/schema.ts';
import { systemActor } from '../../platform/actor.ts';
import { concordModules } from '../index.ts';
import { getActivity } from '../activities/index.ts';
import { reportCommand } from './command.ts';
import { releaseReport } from './reports.ts';

type Report = { id: number; kind: string; status: string; language: string; audience: string; body: string; documentNumber: string | null; tsagNumber: string | null };

const today = new Date().toISOString().slice(0, 10);

for (const engine of testEngines()) {
  describe(`activity reports on ${engine}`, () => {
    let t: TestApp;
    let clients: DemoCast;
    const api = '/api/v1/activities/JCA-QKDN/reports';
    const page = '/activities/JCA-QKDN/reports';
    const facts = { overlap: '', gapTitle: 'Key relay interoperability (report test)', decision: 'The action plan outline was noted (report test).', action: 'Circulate the roadmap to the study groups (report test)' };
    const period = { fromDate: '2023-01-01', toDate: today };
    const generate = (client: TestClient, body: Record<string, unknown>) => client.api('POST', api, { kind: 'tsag', language: 'en', ...period, ...body });

    before(async () => {
      t = await createTestApp(engine, {}, undefined, { demo: true });
      clients = await demoCast(t);
      const qkdn = await getActivity(t.db, systemActor('test'), 'JCA-QKDN');
      const s = clients.secretariat;
      const ok = async (response: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201) => {
        const r = await response;
        assert.equal(r.statusCode, status, r.body);
        return r.json() as Record<string, unknown> & { id: number };
      };
      // The held first meeting's decision and an open action.
      await ok(s.api('POST', '/api/v1/activities/JCA-QKDN/meetings/1/outcomes/decisions', { text: facts.decision }));
      await ok(s.api('POST', '/api/v1/activities/JCA-QKDN/meetings/1/outcomes/actions', { text: facts.action, ownerName: 'TSB' }));
      // A confirmed overlap among the demo's candidates.
      const [pair] = (await s.api('GET', '/api/v1/overlaps?activity=JCA-QKDN&state=open&limit=1')).json() as { id: number; a: { identifier: string }; b: { identifier: string } }[];
      assert.ok(pair, 'the demo has overlap candidates');
      facts.overlap = pair.a.identifier;
      await ok(s.api('POST', `/api/v1/overlaps/${pair.id}/decision`, { decision: 'overlapping' }), 200);
      // A gap recorded by the secretariat.
      await ok(s.api('POST', '/api/v1/activities/JCA-QKDN/gaps', { title: facts.gapTitle, description: 'No standard covers it.', priority: 'high' }));
      // Statements: one received for everyone, one received for members only, one sent.
      const [org] = await t.db.select({ id: organizations.id }).from(organizations).limit(1);
      const incoming = (title: string, access: string) => ({ direction: 'in', title, purpose: 'for_information', fromOrganizationIds: [org!.id], theirReference: `REF-${access}`, access });
      await ok(s.api('POST', '/api/v1/activities/JCA-QKDN/liaisons', incoming('Public statement received (report test)', 'public')));
      await ok(s.api('POST', '/api/v1/activities/JCA-QKDN/liaisons', incoming('Members-only statement received (report test)', 'members')));
      const out = await ok(
        s.api('POST', '/api/v1/activities/JCA-QKDN/liaisons', {
          direction: 'out',
          title: 'Statement sent (report test)',
          purpose: 'for_information',
          toOrganizationIds: [org!.id],
          recipients: [{ name: 'Rapporteur', email: 'rapporteur@example.org' }],
          body: 'For your information.',
          access: 'public',
        }),
      );
      const [first] = await t.db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.activityId, qkdn.id), eq(meetings.number, 1)));
      for (const transition of [{ action: 'submit' }, { action: 'approve', mode: 'at_meeting', meetingId: first!.id }, { action: 'send' }]) {
        await ok(s.api('POST', `/api/v1/activities/JCA-QKDN/liaisons/${out.id}/transitions`, transition), 200);
      }
      // A changed contact.
      const { contacts } = (await s.api('GET', '/api/v1/activities/JCA-QKDN/contacts')).json() as { contacts: { id: number | null; name: string }[] };
      const contact = contacts.find((c) => c.id !== null)!;
      await ok(s.api('PATCH', `/api/v1/activities/JCA-QKDN/contacts/${contact.id}`, { topic: 'Key management (report test)' }), 200);
    });
    after(async () => {
      await t.close();
    });

    let draft: Report;

    it('writes the report to TSAG from the records: the held meeting and its decision, the roadmap, the confirmed overlap, the gap, both statements with their state, the contact, the open action', async () => {
      const response = await generate(clients.chair, {});
      assert.equal(response.statusCode, 201, response.body);
      draft = response.json() as Report;
      assert.equal(draft.status, 'draft');
      const body = draft.body;
      assert.match(body, new RegExp(`^# Report of JCA-QKDN to TSAG\\n\\nThis report covers the work of JCA-QKDN from 1 January 2023 to `));
      assert.match(body, /\n### 1st meeting: First meeting of JCA-QKDN\n\nThe 1st meeting of JCA-QKDN was held at ITU headquarters, Geneva, on 22 March 2023 \(hybrid meeting\)\./);
      assert.ok(body.includes(`- D1: ${facts.decision}`), 'the decision');
      assert.match(body, /\n\d+ entries added:\n/, 'the demo roadmap’s additions');
      assert.match(body, /\n1 overlap confirmed:\n\n- Overlap review: .+, overlapping\n/);
      assert.ok(body.includes(facts.overlap), 'the overlap names its entries');
      assert.match(body, new RegExp(`\\n1 gap found:\\n\\n- .*${facts.gapTitle.replace(/[()]/g, '\\$&')}`));
      assert.match(body, /- \S+ Public statement received \(report test\) \(open\)\n/);
      assert.match(body, /- \S+ Members-only statement received \(report test\) \(open\)\n/);
      assert.match(body, /\n1 outgoing liaison statement:\n\n- \S+ Statement sent \(report test\) \(sent\)\n/);
      assert.match(body, /\n## Contacts and representatives\n\n(- .+\n)*- Contact entry of .+ changed \(.*topic or mandate\)\n/);
      assert.match(body, new RegExp(`\\n1 action item was open on .+:\\n\\n- A1\\.1 \\(TSB, open\\): ${facts.action.replace(/[()]/g, '\\$&')}\\n`));
      assert.match(body, /\nTSAG is invited to note this report\.$/);
    });

    it('writes the same in French, for the study groups, and a report for everyone leaves out the members-only statement', async () => {
      const french = (await generate(clients.secretariat, { kind: 'study_groups', language: 'fr' })).json() as Report;
      assert.match(french.body, /^# Rapport d’avancement de JCA-QKDN aux commissions d’études\n\nLe présent rapport rend compte des travaux de JCA-QKDN du 1er janvier 2023 au /);
      assert.match(french.body, /\n### 1re réunion\u202f: First meeting of JCA-QKDN\n\nLa 1re réunion de JCA-QKDN s’est tenue à ITU headquarters, Geneva, le 22 mars 2023 \(réunion hybride\)\./);
      assert.ok(french.body.includes(`- D1\u202f: ${facts.decision}`));
      assert.match(french.body, /\n1 chevauchement confirmé\u202f:\n/);
      assert.match(french.body, /\n1 lacune relevée\u202f:\n/);
      assert.match(french.body, /\n1 déclaration de liaison envoyée\u202f:\n\n- \S+ Statement sent \(report test\) \(envoyée\)\n/);
      assert.match(french.body, /\n## Contacts et représentants\n/);
      assert.match(french.body, /\n1 action était en cours le .+\u202f:\n\n- A1\.1 \(TSB, ouverte\)\u202f: /);
      const forEveryone = (await generate(clients.secretariat, { audience: 'public' })).json() as Report;
      assert.ok(forEveryone.body.includes('Public statement received (report test)'));
      assert.ok(!forEveryone.body.includes('Members-only statement received'), 'a members-only statement stays out of a public report');
    });

    it('refuses bad periods naming the field, and a period with nothing to report with a plain message', async () => {
      const backwards = await generate(clients.secretariat, { fromDate: '2026-07-01', toDate: '2026-06-30' });
      assert.equal(backwards.statusCode, 422);
      assert.equal(backwards.json().error.details.fields.toDate, 'The period ends before it starts: choose an end after the start.');
      const unknown = await generate(clients.secretariat, { fromDate: undefined, fromMeeting: 42 });
      assert.equal(unknown.statusCode, 422);
      assert.equal(unknown.json().error.details.fields.fromMeeting, 'The activity has no meeting 42 (or it was cancelled).');
      const nothing = await generate(clients.secretariat, { fromDate: '2010-01-01', toDate: '2010-12-31' });
      assert.equal(nothing.statusCode, 422);
      assert.match(nothing.json().error.message, /^Nothing happened in JCA-QKDN from 1 January 2010 to 31 December 2010 that the report’s readers may see/);
      // Through the form, the same refusals come back on the page, by the fields.
      const form = await clients.secretariat.post(page, { kind: 'tsag', language: 'en', audience: 'members', fromDate: '', fromMeeting: '42', toDate: today, toMeeting: '' });
      assert.equal(form.statusCode, 422);
      assert.match(form.body, /id="error-fromMeeting"[^>]*>The activity has no meeting 42/);
    });

    it('lets only the secretariat and the chairs draft and read drafts; the others get 401, 403 or 404 per route', async () => {
      const { anonymous, observer, member, viceChair, chair, otherSecretariat } = clients;
      assert.equal((await generate(anonymous, {})).statusCode, 401);
      for (const client of [observer, member, viceChair, otherSecretariat]) assert.equal((await generate(client, {})).statusCode, 403);
      assert.equal((await anonymous.get(`${page}/new`)).statusCode, 303, 'a visitor is sent to sign in');
      assert.equal((await member.get(`${page}/new`)).statusCode, 403);
      assert.equal((await chair.get(`${page}/new`)).statusCode, 200);
      assert.equal((await member.post(page, { kind: 'tsag', language: 'en', fromDate: '2023-01-01', toDate: today })).statusCode, 403);
      for (const client of [anonymous, observer, member, viceChair, otherSecretariat]) {
        assert.equal((await client.api('GET', `${api}/${draft.id}`)).statusCode, 404, 'a draft is not theirs to read');
        assert.equal((await client.get(`${page}/${draft.id}.pdf`)).statusCode, 404);
        assert.deepEqual((await client.api('GET', api)).json().reports, []);
      }
      assert.equal((await anonymous.api('PATCH', `${api}/${draft.id}`, { body: 'x' })).statusCode, 401);
      assert.equal((await member.api('PATCH', `${api}/${draft.id}`, { body: 'x' })).statusCode, 403);
      assert.equal((await member.post(`${page}/${draft.id}`, { body: 'x' })).statusCode, 403);
      assert.equal((await member.post(`${page}/${draft.id}/regenerate`, {})).statusCode, 403);
      assert.equal((await chair.api('POST', `${api}/${draft.id}/release`)).statusCode, 403, 'chairs draft; the secretariat releases');
      assert.equal((await chair.post(`${page}/${draft.id}/release`, {})).statusCode, 403);
      assert.equal((await anonymous.api('POST', `${api}/${draft.id}/release`)).statusCode, 401);
      const again = await chair.post(`${page}/${draft.id}/regenerate`, {});
      assert.equal(again.statusCode, 303, 'a chair writes the draft again from the records');
      const list = await chair.get(page);
      assert.match(list.body, new RegExp(`href="${page}/${draft.id}"`));
    });

    it('saves what the secretariat types, releases it as a numbered document readable by the activity’s members, then keeps it', async () => {
      const s = clients.secretariat;
      const edited = `${draft.body}\n\n## Note\n\nTyped by the secretariat before release.`;
      const empty = await s.post(`${page}/${draft.id}`, { body: '', tsagNumber: '' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /id="error-body"/);
      const saved = await s.post(`${page}/${draft.id}`, { body: edited, tsagNumber: 'TSAG-TD777' });
      assert.equal(saved.statusCode, 303, saved.body);
      const shown = (await s.api('GET', `${api}/${draft.id}`)).json() as Report;
      assert.equal(shown.body, edited);
      assert.equal(shown.tsagNumber, 'TSAG-TD777');

      const draftPdf = await s.get(`${page}/${draft.id}.pdf`);
      assert.equal(draftPdf.statusCode, 200);
      if (!pdfTextMissing) {
        const text = pdfText(draftPdf.rawPayload);
        assert.match(text, /DRAFT — TSAG-TD777/);
        assert.match(text, /Number TSAG-TD777 Source JCA-QKDN Title Report of JCA-QKDN to TSAG Purpose Information Contact /);
        assert.match(text, /Typed by the secretariat before release\./);
      }

      // Files written from an older state of the draft are refused: someone saved in between.
      const activity = await getActivity(t.db, systemActor('test'), 'JCA-QKDN');
      await assert.rejects(
        releaseReport(t.db, systemActor('test'), activity, draft.id, { expectedUpdatedAt: new Date(0), files: [] }, 'en'),
        /The text changed while you were releasing it/,
      );
      const released = await s.post(`${page}/${draft.id}/release`, {});
      assert.equal(released.statusCode, 303, released.body);
      const report = (await clients.member.api('GET', `${api}/${draft.id}`)).json() as Report;
      assert.equal(report.status, 'released');
      assert.match(report.documentNumber ?? '', /^JCA-QKDN-/);
      const [document] = await t.db.select().from(documents).where(eq(documents.number, report.documentNumber!));
      assert.equal(document?.kind, 'report');
      assert.equal(document?.access, 'members');
      assert.equal((await clients.anonymous.api('GET', `${api}/${draft.id}`)).statusCode, 404, 'released for members, not public');
      assert.equal((await s.api('PATCH', `${api}/${draft.id}`, { body: 'Changed' })).statusCode, 409);
      assert.equal((await s.api('POST', `${api}/${draft.id}/regenerate`)).statusCode, 409);

      const docx = await clients.member.get(`${page}/${draft.id}.docx`);
      assert.equal(docx.statusCode, 200);
      const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
      for (const text of ['TSAG-TD777', 'Report of JCA-QKDN to TSAG', 'Typed by the secretariat before release.']) assert.ok(xml.includes(text), text);
      assert.ok(!xml.includes('Draft: this text has not been released yet.'));
      const history = await clients.member.get('/activities/JCA-QKDN/history');
      assert.match(history.body, new RegExp(`Report to TSAG released as ${report.documentNumber}`));
    });

    it('writes a draft from the command line, and refuses a bad period with the option named', async () => {
      let out = '';
      const run = (args: string[]) =>
        reportCommand.run(args, { config: t.config, withDatabase: (work) => work(t.database), readStdin: async () => Buffer.alloc(0), stdout: { write: (text: string) => (out += text) }, modules: concordModules });
      const code = await run(['generate', '--activity', 'JCA-QKDN', '--from', 'meeting:1', '--to', today, '--kind', 'study-groups', '--lang', 'fr']);
      assert.equal(code, 0);
      assert.match(out, /^# Rapport d’avancement de JCA-QKDN aux commissions d’études\n\nLe présent rapport rend compte des travaux de JCA-QKDN de la 1re réunion à /);
      await assert.rejects(run(['generate', '--activity', 'JCA-QKDN', '--from', 'meeting:9', '--to', today, '--kind', 'tsag', '--lang', 'en']), /--from: The activity has no meeting 9/);
    });
  });
}
