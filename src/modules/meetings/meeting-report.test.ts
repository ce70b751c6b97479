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
import { composeReport, type ReportFacts, reportBlocks } from './meeting-report.ts';
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
      const [released] = (await anonymous.api('GET', api())).json().reports;
      assert.equal(released.status, 'released');
      assert.equal(released.body, edited);
      const again = await secretariat.api('POST', `${api()}/tsag-summary/generate`);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.message, 'This report has been released: it can no longer be changed.');
      assert.equal((await secretariat.api('PATCH', `${api()}/tsag-summary`, { body: 'Changed' })).statusCode, 409);
      const publicPage = await anonymous.get(page());
      assert.match(publicPage.body, /The next meeting will be held virtually in January 2026\./);

      const kinds = await t.db.select({ kind: events.kind }).from(events).where(and(eq(events.activityId, activity.id), eq(events.subjectType, 'meeting_report'))).orderBy(asc(events.id));
      assert.deepEqual(kinds.map((e) => e.kind), ['report.generated', 'report.edited', 'report.released']);
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
