// The reports: text generated from facts (exact counts), the markup read back, and through HTTP on each engine the
// generation from real records, editing, release, access and the DOCX/PDF downloads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { testEngines } from '../../../test/support/database.ts';
import { makeActivity, makeUser } from '../../../test/support/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { events } from '../../platform/schema.ts';
import type { Activity } from '../activities/activities.ts';
import { createDocument } from '../documents/documents.ts';
import { meetingFields } from '../../../test/fixtures/meetings.ts';
import { pdfText, pdfTextMissing } from '../../../test/support/pdf-text.ts';
import type { MeetingScope } from './agenda.ts';
import { composeReport, type MeetingReport, type ReportFacts, reportBlocks, reportDocument } from './meeting-report.ts';
import { announceMeeting, createMeeting } from './meetings.ts';
import { markAttendance, registerParticipant } from './registration-changes.ts';

const facts: ReportFacts = {
  acronym: 'JCA-QKDN',
  meeting: {
    number: 1,
    title: 'First meeting',
    startsAt: new Date('2023-03-22T09:00:00Z'),
    endsAt: new Date('2023-03-22T11:00:00Z'),
    timeZone: 'Europe/Zurich',
    venue: 'ITU headquarters',
    city: 'Geneva',
    mode: 'hybrid',
    colocatedEvent: 'ITU-T SG13 meeting, 13–24 March 2023',
  },
  chairs: ['Junsen Lai'],
  attendance: { registered: { onsite: 12, remote: 30 }, attended: { onsite: 10, remote: 25 } },
  agenda: { version: 2, adopted: true, items: [{ number: '1', depth: 1, title: 'Opening' }, { number: '1.1', depth: 2, title: 'Welcome' }] },
  documents: [
    { label: 'JCA-QKDN-TD-001', title: 'Draft agenda', kind: 'td', source: 'Chair' },
    { label: 'JCA-QKDN-LS-IN-001', title: 'LS on QKDN from SG17', kind: 'ls-in', source: 'ITU-T SG17' },
  ],
  minutes: [{ number: '1', title: 'Opening', text: 'The chair opened the meeting.' }],
  decisions: [{ label: 'D1', text: 'The agenda was adopted.' }],
  actions: [{ label: 'A1.1', text: 'Update the roadmap', owner: 'TSB', dueOn: '2023-06-30', status: 'open' }],
  carried: [],
  liaisons: { incoming: [{ label: 'JCA-QKDN-LS-IN-001', title: 'LS on QKDN from SG17' }], outgoing: [] },
  nextMeeting: { number: 2, startsAt: new Date('2023-07-03T22:30:00Z'), timeZone: 'Europe/Zurich', city: 'Geneva', mode: 'virtual' },
  held: true,
};

describe('report text from the records', () => {
  it('writes the executive summary for TSAG with exact counts', () => {
    assert.equal(
      composeReport('executive_summary', facts, 'en'),
      [
        '# Executive summary of the 1st meeting of JCA-QKDN',
        '',
        'The 1st meeting of JCA-QKDN was held at ITU headquarters, Geneva, on 22 March 2023 (hybrid meeting). It took place alongside the ITU-T SG13 meeting, 13–24 March 2023. The meeting was chaired by Junsen Lai.',
        '',
        '## Attendance',
        '',
        '35 participants attended: 10 on site and 25 remotely.',
        '',
        '## Documents',
        '',
        '2 documents were available to the meeting.',
        '',
        '## Main results',
        '',
        '- D1: The agenda was adopted.',
        '',
        '## Liaison statements',
        '',
        '1 incoming liaison statement:',
        '',
        '- JCA-QKDN-LS-IN-001 LS on QKDN from SG17',
        '',
        '## Action items',
        '',
        '1 new action item.',
        '',
        '- A1.1 (TSB, due 30 June 2023, open): Update the roadmap',
        '',
        '## Next meeting',
        '',
        'The 2nd meeting is planned for 4 July 2023 (virtual meeting).',
      ].join('\n'),
    );
  });

  it('writes the meeting report with the agenda, documents and minutes, and counts registrations when attendance was not taken', () => {
    const text = composeReport('meeting_report', { ...facts, attendance: { registered: { onsite: 1, remote: 0 }, attended: null } }, 'en');
    assert.match(text, /^# Report of the 1st meeting of JCA-QKDN/);
    assert.match(text, /\n1 participant registered: 1 on site and 0 remotely \(attendance was not taken\)\.\n/);
    assert.match(text, /\nThe meeting adopted its agenda \(version 2\)\.\n\n- 1 Opening\n  - 1\.1 Welcome\n/);
    assert.match(text, /\n- JCA-QKDN-TD-001 Draft agenda \(Chair\)\n/);
    assert.match(text, /\n### 1 Opening\n\nThe chair opened the meeting\.\n/);
  });

  it('speaks French when asked', () => {
    const text = composeReport('executive_summary', facts, 'fr');
    assert.match(text, /^# Résumé de la 1re réunion de JCA-QKDN/);
    assert.match(text, /\n35 participants : 10 sur place et 25 à distance\.\n/);
  });

  it('never says "was held" of a meeting that has not ended: the draft speaks of it as under way, with registrations so far', () => {
    const ahead = { ...facts, held: false, attendance: { registered: { onsite: 4, remote: 9 }, attended: null } };
    const text = composeReport('executive_summary', ahead, 'en');
    assert.doesNotMatch(text, /was held|took place|was chaired|attendance was not taken/);
    assert.match(text, /\nThe 1st meeting of JCA-QKDN takes place at ITU headquarters, Geneva, on 22 March 2023 \(hybrid meeting\)\. It takes place alongside the ITU-T SG13 meeting, 13–24 March 2023\. The meeting is chaired by Junsen Lai\.\n/);
    assert.match(text, /\n13 participants have registered so far: 4 on site and 9 remotely\.\n/);
    const french = composeReport('executive_summary', ahead, 'fr');
    assert.match(french, /La 1re réunion de JCA-QKDN se tient à ITU headquarters, Geneva, le 22 mars 2023 \(réunion hybride\)\./);
    assert.match(french, /\n13 inscrits à ce jour\u202f: 4 sur place et 9 à distance\.\n/);
  });

  it('marks a draft as such in the document, and heads the executive summary with TSAG’s document header', () => {
    const scope = {
      activity: { acronym: 'JCA-QKDN' },
      meeting: { title: 'First meeting', endsAt: new Date('2030-01-01T00:00:00Z'), status: 'announced' },
    } as unknown as MeetingScope;
    const report = { kind: 'executive_summary', status: 'draft', language: 'en', body: '# Executive summary\n\nText.', tsagNumber: 'TSAG-TD123', access: 'members' } as MeetingReport;
    const contacts = [{ name: 'Junsen Lai', organization: 'China Telecom', country: 'China', email: 'junsen@example.org' }];
    const doc = reportDocument(report, scope, contacts, new Date('2029-12-31T00:00:00Z'));
    assert.equal(doc.header, 'DRAFT — TSAG-TD123');
    assert.equal(doc.title, 'DRAFT — Executive summary');
    const [header, notice] = doc.blocks;
    assert.equal(header?.kind, 'table');
    assert.deepEqual(
      header?.kind === 'table' ? header.rows.map((row) => row.map((c) => c.lines.join(' / '))) : [],
      [
        ['Number', 'TSAG-TD123'],
        ['Source', 'JCA-QKDN'],
        ['Title', 'Executive summary'],
        ['Purpose', 'Information'],
        ['Contact', 'Junsen Lai, China Telecom, China, E-mail: junsen@example.org'],
      ],
    );
    assert.deepEqual(notice, { kind: 'paragraph', bold: true, text: 'Draft: the meeting has not ended yet. This text is not final and has not been released.' });
    const released = reportDocument({ ...report, status: 'released', kind: 'meeting_report', tsagNumber: null }, scope, [], new Date('2030-02-01T00:00:00Z'));
    assert.equal(released.header, undefined);
    assert.ok(!JSON.stringify(released.blocks).includes('Draft'), 'a released report carries no draft mark');
  });

  it('reads its markup back as blocks', () => {
    assert.deepEqual(reportBlocks('# Title\n\n## Part\nline one\nline two\n\n- a\n  - b\n### Sub'), [
      { kind: 'title', text: 'Title' },
      { kind: 'heading', level: 1, text: 'Part' },
      { kind: 'paragraph', text: 'line one line two' },
      { kind: 'bullet', depth: 0, text: 'a' },
      { kind: 'bullet', depth: 1, text: 'b' },
      { kind: 'heading', level: 2, text: 'Sub' },
    ]);
  });
});

for (const engine of testEngines()) {
  describe(`meeting reports on ${engine}`, () => {
    let t: TestApp;
    let activity: Activity;
    let secretariat: TestClient;
    let member: TestClient;
    let anonymous: TestClient;
    const page = () => `/activities/${activity.acronym}/meetings/1/report`;
    const api = () => `/api/v1/activities/${activity.acronym}/meetings/1/reports`;

    before(async () => {
      t = await createTestApp(engine);
      activity = await makeActivity(t.db);
      secretariat = new TestClient(t.app, (await makeUser(t.db, { role: 'secretariat', activityId: activity.id })).cookie);
      await makeUser(t.db, { role: 'chair', activityId: activity.id, name: 'Junsen Lai' });
      member = new TestClient(t.app, (await makeUser(t.db, { role: 'member', activityId: activity.id })).cookie);
      anonymous = new TestClient(t.app);
      const system = systemActor('test');
      const ctx = { locale: 'en' as const, baseUrl: t.config.baseUrl };
      const meeting = await createMeeting(t.db, system, activity.id, meetingFields({ colocatedEvent: 'ITU-T SG21 meeting, 6–17 October 2025' }), ctx);
      await announceMeeting(t.db, system, meeting.id, { ...ctx, now: new Date('2025-09-01T00:00:00Z') });
      const registered: number[] = [];
      const modes = ['onsite', 'onsite', 'onsite', 'remote', 'remote', 'remote'] as const;
      for (const [i, mode] of modes.entries()) {
        const { registration } = await registerParticipant(
          t.db,
          system,
          activity,
          meeting.id,
          { name: `Participant ${i}`, email: `p${i}@example.org`, capacity: 'sector_member', mode },
          { ...ctx, now: new Date('2025-09-15T00:00:00Z') },
        );
        registered.push(registration.id);
      }
      // Present: two of the three on site, one of the three remote.
      await markAttendance(t.db, system, activity, meeting.id, [registered[0]!, registered[1]!, registered[3]!], { ...ctx, now: new Date('2025-10-09T10:00:00Z') });
      await t.db.transaction(async (tx) => {
        for (const [kind, title] of [['td', 'Draft agenda'], ['td', 'Roadmap update'], ['ls-in', 'LS on metaverse from SG16'], ['ls-out', 'LS to MSF']] as const) {
          await createDocument(tx, system, { activityId: activity.id, kind, meetingId: meeting.id, title, access: 'public', files: [] });
        }
      });
      assert.equal((await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/meetings/1/outcomes/decisions`, { text: 'The terms of reference were noted.' })).statusCode, 201);
      assert.equal((await secretariat.api('POST', `/api/v1/activities/${activity.acronym}/meetings/1/outcomes/actions`, { text: 'Send the LS to MSF', ownerName: 'TSB' })).statusCode, 201);
    });
    after(async () => {
      await t.close();
    });

    it('generates the executive summary from the records with exact counts, as a draft only the writers see', async () => {
      assert.equal((await member.post(`${page()}/tsag-summary/generate`, {})).statusCode, 403);
      const response = await secretariat.post(`${page()}/tsag-summary/generate`, {});
      assert.equal(response.statusCode, 303, response.body);
      const [draft] = (await secretariat.api('GET', api())).json().reports;
      assert.equal(draft.kind, 'executive_summary');
      assert.equal(draft.status, 'draft');
      assert.match(draft.body, /It took place alongside the ITU-T SG21 meeting, 6–17 October 2025\. The meeting was chaired by Junsen Lai\./);
      assert.match(draft.body, /\n3 participants attended: 2 on site and 1 remotely\.\n/);
      assert.match(draft.body, /\n4 documents were available to the meeting\.\n/);
      assert.match(draft.body, /\n- D1: The terms of reference were noted\.\n/);
      assert.match(draft.body, /\n1 incoming liaison statement:\n\n- [A-Z0-9-]+ LS on metaverse from SG16\n/);
      assert.match(draft.body, /\n1 outgoing liaison statement:\n\n- [A-Z0-9-]+ LS to MSF\n/);
      assert.match(draft.body, /\n- A1\.1 \(TSB, open\): Send the LS to MSF$/);
      assert.deepEqual((await member.api('GET', api())).json().reports, [], 'drafts are not shown to members');
      assert.equal((await anonymous.get(`${page()}/tsag-summary.pdf`)).statusCode, 404);
      const memberPage = await member.get(page());
      assert.match(memberPage.body, /Not released yet/);
    });

    it('lets the secretariat edit the draft, release it, and then keeps it as released', async () => {
      const [draft] = (await secretariat.api('GET', api())).json().reports;
      const edited = `${draft.body}\n\n## Next meeting\n\nThe next meeting will be held virtually in January 2026.`;
      let response = await secretariat.post(`${page()}/tsag-summary`, { 'body-tsag-summary': '' });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /id="error-body-tsag-summary"/);
      response = await secretariat.post(`${page()}/tsag-summary`, { 'body-tsag-summary': edited });
      assert.equal(response.statusCode, 303, response.body);
      assert.equal((await member.post(`${page()}/tsag-summary/release`, {})).statusCode, 403);
      response = await secretariat.post(`${page()}/tsag-summary/release`, {});
      assert.equal(response.statusCode, 303);
      // Released is not public: the activity's members read it; everyone only once the secretariat makes it public.
      const [released] = (await member.api('GET', api())).json().reports;
      assert.equal(released.status, 'released');
      assert.equal(released.access, 'members');
      assert.equal(released.body, edited);
      assert.deepEqual((await anonymous.api('GET', api())).json().reports, []);
      assert.equal((await anonymous.get(`${page()}/tsag-summary.pdf`)).statusCode, 404);
      assert.equal((await member.api('PATCH', `${api()}/tsag-summary/settings`, { access: 'public' })).statusCode, 403, 'a member does not publish');
      assert.equal((await anonymous.api('PATCH', `${api()}/tsag-summary/settings`, { access: 'public' })).statusCode, 401);
      assert.equal((await secretariat.api('PATCH', `${api()}/tsag-summary/settings`, { tsagNumber: 'TSAG-TD9' })).statusCode, 409, 'a released report keeps its number');
      response = await secretariat.post(`${page()}/tsag-summary/settings`, { 'access-tsag-summary': 'public' });
      assert.equal(response.statusCode, 303, response.body);
      assert.equal((await anonymous.api('GET', api())).json().reports[0]?.access, 'public');
      const again = await secretariat.api('POST', `${api()}/tsag-summary/generate`);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.message, 'This report has been released: it can no longer be changed.');
      assert.equal((await secretariat.api('PATCH', `${api()}/tsag-summary`, { body: 'Changed' })).statusCode, 409);
      const publicPage = await anonymous.get(page());
      assert.match(publicPage.body, /The next meeting will be held virtually in January 2026\./);

      const kinds = await t.db.select({ kind: events.kind }).from(events).where(and(eq(events.activityId, activity.id), eq(events.subjectType, 'meeting_report'))).orderBy(asc(events.id));
      assert.deepEqual(kinds.map((e) => e.kind), ['report.generated', 'report.edited', 'report.released', 'report.settings_changed']);
      const history = await anonymous.get(`/activities/${activity.acronym}/history`);
      assert.match(history.body, /Executive summary for TSAG by Test secretariat: released/, 'a public report’s release is in the public history');
    });

    it('exports the released report as DOCX and PDF', async () => {
      const docx = await anonymous.get(`${page()}/tsag-summary.docx`);
      assert.equal(docx.statusCode, 200);
      assert.match(String(docx.headers['content-disposition']), /-meeting-1-tsag-summary\.docx"/);
      const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
      for (const text of ['Executive summary of the 1st meeting', '3 participants attended: 2 on site and 1 remotely.', 'The next meeting will be held virtually in January 2026.']) {
        assert.ok(xml.includes(text), `the DOCX holds "${text}"`);
      }
      const pdf = await anonymous.get(`${page()}/tsag-summary.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    });

    it('keeps the reports of a meeting that has not ended as drafts, marked “Draft” in the DOCX and PDF, with TSAG’s header', async () => {
      const system = systemActor('test');
      const ctx = { locale: 'en' as const, baseUrl: t.config.baseUrl };
      const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
      await createMeeting(t.db, system, activity.id, meetingFields({ title: 'Second meeting', startDate: soon, endDate: soon }), ctx);
      const second = `/activities/${activity.acronym}/meetings/2/report`;
      const secondApi = `/api/v1/activities/${activity.acronym}/meetings/2/reports`;
      const generated = await secretariat.api('POST', `${secondApi}/tsag-summary/generate`);
      assert.equal(generated.statusCode, 200, generated.body);
      assert.doesNotMatch(generated.json().body, /was held/);
      assert.match(generated.json().body, /The 2nd meeting of .+ takes place at ITU headquarters, Geneva, on /);
      const shown = await secretariat.get(second);
      assert.match(shown.body, /Draft: the meeting ends on .+\. The text can be prepared now; it can be released once the meeting has ended\./);
      assert.ok(!shown.body.includes(`action="${second}/tsag-summary/release"`), 'no release button before the end');
      const early = await secretariat.api('POST', `${secondApi}/tsag-summary/release`);
      assert.equal(early.statusCode, 409);
      assert.match(early.json().error.message, /^The meeting ends on .+: its reports can be released once it has ended\. Until then they stay drafts\.$/);
      const earlyForm = await secretariat.post(`${second}/tsag-summary/release`, {});
      assert.match(earlyForm.body, /its reports can be released once it has ended/);

      assert.equal((await member.api('PATCH', `${secondApi}/tsag-summary/settings`, { tsagNumber: 'TSAG-TD123' })).statusCode, 403);
      const numbered = await secretariat.api('PATCH', `${secondApi}/tsag-summary/settings`, { tsagNumber: 'TSAG-TD123' });
      assert.equal(numbered.statusCode, 200, numbered.body);
      assert.equal(numbered.json().tsagNumber, 'TSAG-TD123');
      const unknownLevel = await secretariat.api('PATCH', `${secondApi}/tsag-summary/settings`, { access: 'everyone' });
      assert.equal(unknownLevel.statusCode, 422);
      assert.ok(unknownLevel.json().error.details.fields.access, 'the field is named');

      const docx = await secretariat.get(`${second}/tsag-summary.docx`);
      assert.equal(docx.statusCode, 200);
      assert.match(String(docx.headers['content-disposition']), /-meeting-2-tsag-summary-draft\.docx"/);
      const zip = await JSZip.loadAsync(docx.rawPayload);
      const xml = await zip.file('word/document.xml')!.async('string');
      const headers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/header\d*\.xml$/.test(name)).map((name) => zip.file(name)!.async('string')));
      assert.ok(headers.some((h) => h.includes('DRAFT — TSAG-TD123')), 'every page is headed DRAFT and the TSAG number');
      for (const text of ['Draft: the meeting has not ended yet.', 'TSAG-TD123', 'Information', 'Junsen Lai']) assert.ok(xml.includes(text), `the DOCX holds "${text}"`);
      if (!pdfTextMissing) {
        const pdf = pdfText((await secretariat.get(`${second}/tsag-summary.pdf`)).rawPayload);
        assert.match(pdf, /DRAFT — TSAG-TD123/);
        assert.match(pdf, /Number TSAG-TD123 Source [A-Z0-9-]+ Title Executive summary of the 2nd meeting of [A-Z0-9-]+ Purpose Information Contact Junsen Lai/);
        assert.match(pdf, /Draft: the meeting has not ended yet\. This text is not final and has not been released\./);
      }
    });

    it('generates the meeting report in French on request, with the documents listed', async () => {
      secretariat.setCookie('concord_locale=fr');
      const response = await secretariat.api('POST', `${api()}/meeting-report/generate`);
      secretariat.setCookie('concord_locale=en');
      assert.equal(response.statusCode, 200, response.body);
      const report = response.json();
      assert.equal(report.language, 'fr');
      assert.match(report.body, /^# Rapport de la 1re réunion de /);
      assert.match(report.body, /\n3 participants : 2 sur place et 1 à distance\.\n/);
      assert.match(report.body, /\n4 documents étaient disponibles pour la réunion\.\n/);
      assert.match(report.body, /Roadmap update/);
    });
  });
}
