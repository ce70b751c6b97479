// The period and the sections, as pure functions: where a period starts and ends (dates, meetings, refusals naming
// the field), which events fall inside it (just inside and just outside each end), how they sort into sections, and
// the text written from them in English and French.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { heldInPeriod, inPeriod, type MeetingBound, periodInput, resolvePeriod } from './period.ts';
import { composeActivityReport, nothingToReport, type PeriodEvent, type ReportFacts, sortEvents } from './sections.ts';

const meetings: MeetingBound[] = [
  { number: 1, startsAt: new Date('2026-03-10T08:00:00Z'), endsAt: new Date('2026-03-10T16:00:00Z'), status: 'held' },
  { number: 2, startsAt: new Date('2026-06-01T07:00:00Z'), endsAt: new Date('2026-06-02T15:00:00Z'), status: 'held' },
  { number: 3, startsAt: new Date('2026-09-01T07:00:00Z'), endsAt: new Date('2026-09-01T09:00:00Z'), status: 'cancelled' },
];

const refusal = (work: () => unknown): { fields: Record<string, string>; message: string } => {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'validation_failed');
    return { fields: (error.details.fields ?? {}) as Record<string, string>, message: error.message };
  }
  assert.fail('expected a refusal');
};

describe('the period', () => {
  it('runs from the first date’s midnight to the day after the last date (UTC), the last day included', () => {
    const period = resolvePeriod({ fromDate: '2026-03-01', toDate: '2026-06-30' }, meetings, 'en');
    assert.equal(period.start.toISOString(), '2026-03-01T00:00:00.000Z');
    assert.equal(period.end.toISOString(), '2026-07-01T00:00:00.000Z');
  });

  it('runs from a meeting’s start to another’s end, both meetings included', () => {
    const period = resolvePeriod({ fromMeeting: 1, toMeeting: 2 }, meetings, 'en');
    assert.equal(period.start.toISOString(), '2026-03-10T08:00:00.000Z');
    assert.equal(period.end.toISOString(), '2026-06-02T15:00:00.000Z');
    assert.equal(heldInPeriod(meetings[0]!, period), true);
    assert.equal(heldInPeriod(meetings[1]!, period), true);
    // From meeting 2 onwards, meeting 1 is outside.
    assert.equal(heldInPeriod(meetings[0]!, resolvePeriod({ fromMeeting: 2, toDate: '2026-12-31' }, meetings, 'en')), false);
  });

  it('counts an instant at the start as inside and one at the end as outside', () => {
    const period = { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-07-01T00:00:00Z') };
    assert.equal(inPeriod(new Date('2026-02-28T23:59:59.999Z'), period), false);
    assert.equal(inPeriod(new Date('2026-03-01T00:00:00Z'), period), true);
    assert.equal(inPeriod(new Date('2026-06-30T23:59:59.999Z'), period), true);
    assert.equal(inPeriod(new Date('2026-07-01T00:00:00Z'), period), false);
  });

  it('refuses an end after the start, an unknown or cancelled meeting, a side given twice or not at all, naming the field', () => {
    assert.deepEqual(refusal(() => resolvePeriod({ fromDate: '2026-07-01', toDate: '2026-06-30' }, meetings, 'en')).fields, {
      toDate: 'The period ends before it starts: choose an end after the start.',
    });
    assert.deepEqual(refusal(() => resolvePeriod({ fromMeeting: 2, toMeeting: 1 }, meetings, 'en')).fields, { toMeeting: 'The period ends before it starts: choose an end after the start.' });
    assert.deepEqual(refusal(() => resolvePeriod({ fromMeeting: 9, toDate: '2026-12-31' }, meetings, 'en')).fields, { fromMeeting: 'The activity has no meeting 9 (or it was cancelled).' });
    assert.deepEqual(refusal(() => resolvePeriod({ fromDate: '2026-01-01', toMeeting: 3 }, meetings, 'fr')).fields, { toMeeting: 'L’activité n’a pas de réunion 3 (ou elle a été annulée).' });
    assert.deepEqual(refusal(() => resolvePeriod({ fromDate: '2026-01-01', fromMeeting: 1, toDate: '2026-12-31' }, meetings, 'en')).fields, {
      fromMeeting: 'Start the period at a date or at a meeting, not both.',
    });
    assert.deepEqual(refusal(() => resolvePeriod({ fromDate: '2026-01-01' }, meetings, 'en')).fields, { toDate: 'Choose where the period ends: a date or a meeting.' });
  });

  it('reads blank form fields as not given and refuses a date that does not exist', () => {
    assert.deepEqual(periodInput.parse({ fromDate: '', fromMeeting: '2', toDate: '2026-12-31', toMeeting: '' }), { fromDate: undefined, fromMeeting: 2, toDate: '2026-12-31', toMeeting: undefined });
    assert.equal(periodInput.safeParse({ fromDate: '2026-02-30' }).success, false);
  });
});

const event = (at: string, kind: string, text: string, extra: Partial<PeriodEvent> = {}): PeriodEvent => ({ at: new Date(at), kind, subjectId: '1', text, after: {}, changes: [], ...extra });
const period = { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-07-01T00:00:00Z') };

describe('the sections', () => {
  const events: PeriodEvent[] = [
    event('2026-02-28T23:59:59.999Z', 'roadmap.entry_added', 'Y.1 added (just before)'),
    event('2026-03-01T00:00:00Z', 'roadmap.entry_added', 'Y.2 added (at the start)'),
    event('2026-06-30T23:59:59.999Z', 'roadmap.entry_removed', 'Y.3 removed (at the last instant)'),
    event('2026-07-01T00:00:00Z', 'roadmap.entry_removed', 'Y.4 removed (at the end)'),
    event('2026-04-01T00:00:00Z', 'roadmap.entry_updated', 'Y.5 changed (Title)', { changes: [{ field: 'title', before: 'A', after: 'B' }], after: { identifier: 'Y.5' } }),
    event('2026-04-02T00:00:00Z', 'roadmap.entry_updated', 'Y.6 changed (Status)', { changes: [{ field: 'status', before: 'Draft', after: 'Approved' }], after: { identifier: 'Y.6' } }),
    event('2026-04-03T00:00:00Z', 'overlap.decided', 'Overlap review: Y.2 and X.9, not related', { after: { decision: 'not_related' } }),
    event('2026-04-04T00:00:00Z', 'overlap.decided', 'Overlap review: Y.2 and ISO 1, same text', { after: { decision: 'same_text' } }),
    event('2026-04-05T00:00:00Z', 'gap.created', 'Gap G-1 recorded: Key relay'),
    event('2026-04-06T00:00:00Z', 'liaison.received', 'Incoming', { subjectId: '7', after: { reference: 'LS-IN-1', title: 'From SG17' } }),
    event('2026-04-07T00:00:00Z', 'liaison.sent', 'Sent', { subjectId: '8', after: { reference: 'LS-OUT-1' } }),
    event('2026-04-08T00:00:00Z', 'contact.updated', 'Contact entry of Ana changed (E-mail)'),
  ];

  it('keeps the events inside the period and sorts them: additions, status changes only, confirmed overlaps only', () => {
    const sections = sortEvents(events, period, new Map([['7', { title: 'From SG17', state: 'open' }], ['8', { title: 'To SG17', state: 'sent' }]]), 'en');
    assert.deepEqual(sections.roadmap, { added: ['Y.2 added (at the start)'], statusChanges: ['Y.6: from Draft to Approved'], removed: ['Y.3 removed (at the last instant)'] });
    assert.deepEqual(sections.overlaps, ['Overlap review: Y.2 and ISO 1, same text']);
    assert.deepEqual(sections.gaps, ['Gap G-1 recorded: Key relay']);
    assert.deepEqual(sections.liaisons, { incoming: [{ label: 'LS-IN-1', title: 'From SG17', state: 'open' }], outgoing: [{ label: 'LS-OUT-1', title: 'To SG17', state: 'sent' }] });
    assert.deepEqual(sections.contacts, ['Contact entry of Ana changed (E-mail)']);
  });

  const facts = (over: Partial<ReportFacts> = {}): ReportFacts => ({
    acronym: 'JCA-QKDN',
    period: { ...period, choice: { fromDate: '2026-03-01', toDate: '2026-06-30' } },
    chairs: ['Junsen Lai'],
    meetings: [
      {
        meeting: { number: 2, title: 'Second meeting', startsAt: new Date('2026-06-01T07:00:00Z'), endsAt: new Date('2026-06-02T15:00:00Z'), timeZone: 'Europe/Zurich', venue: 'ITU headquarters', city: 'Geneva', mode: 'hybrid', colocatedEvent: null },
        decisions: [{ label: 'D1', text: 'The roadmap was approved.' }],
      },
    ],
    sections: sortEvents(events, period, new Map([['7', { title: 'From SG17', state: 'open' }], ['8', { title: 'To SG17', state: 'sent' }]]), 'en'),
    actions: [{ label: 'A2.1', text: 'Update the roadmap', owner: 'TSB', dueOn: '2026-09-30', status: 'open' }],
    ...over,
  });

  it('writes the report to TSAG with every section, the meeting in the meeting report’s own words', () => {
    const text = composeActivityReport('tsag', facts(), 'en');
    assert.match(text, /^# Report of JCA-QKDN to TSAG\n\nThis report covers the work of JCA-QKDN from 1 March 2026 to 30 June 2026\./);
    assert.match(text, /\n### 2nd meeting: Second meeting\n\nThe 2nd meeting of JCA-QKDN was held at ITU headquarters, Geneva, on 1 June 2026 – 2 June 2026 \(hybrid meeting\)\. The meeting was chaired by Junsen Lai\.\n\nDecisions:\n\n- D1: The roadmap was approved\.\n/);
    assert.match(text, /\n1 entry added:\n\n- Y\.2 added \(at the start\)\n\n1 status change:\n\n- Y\.6: from Draft to Approved\n\n1 entry removed:\n\n- Y\.3 removed/);
    assert.match(text, /\n1 overlap confirmed:\n\n- Overlap review: Y\.2 and ISO 1, same text\n\n1 gap found:\n\n- Gap G-1 recorded: Key relay\n/);
    assert.match(text, /\n1 incoming liaison statement:\n\n- LS-IN-1 From SG17 \(open\)\n\n1 outgoing liaison statement:\n\n- LS-OUT-1 To SG17 \(sent\)\n/);
    assert.match(text, /\n## Contacts and representatives\n\n- Contact entry of Ana changed \(E-mail\)\n/);
    assert.match(text, /\n1 action item was open on 30 June 2026:\n\n- A2\.1 \(TSB, due 30 September 2026, open\): Update the roadmap\n/);
    assert.match(text, /\nTSAG is invited to note this report\.$/);
    assert.ok(!text.includes('too many changes'));
    assert.match(composeActivityReport('tsag', facts({ truncated: true }), 'en'), /\n\nThe period holds too many changes for one report: only the first 5,000 are read\. Choose a shorter period\.\n/);
  });

  it('writes the progress report to the study groups, in French with its typography, from one meeting to another', () => {
    const text = composeActivityReport('study_groups', facts({ period: { start: new Date('2026-03-10T08:00:00Z'), end: new Date('2026-06-02T15:00:00Z'), choice: { fromMeeting: 1, toMeeting: 2 } } }), 'fr');
    assert.match(text, /^# Rapport d’avancement de JCA-QKDN aux commissions d’études\n\nLe présent rapport rend compte des travaux de JCA-QKDN de la 1re réunion à la 2e réunion\./);
    assert.match(text, /\n### 2e réunion\u202f: Second meeting\n/);
    assert.match(text, /\n1 déclaration de liaison reçue\u202f:\n\n- LS-IN-1 From SG17 \(open\)\n/);
    assert.match(text, /\nLes commissions d’études sont invitées à prendre note du présent rapport/);
  });

  it('says "none" per empty section, and knows a period with nothing at all', () => {
    const empty = facts({ meetings: [], actions: [], sections: sortEvents([], period, new Map(), 'en') });
    assert.equal(nothingToReport(empty), true);
    assert.equal(nothingToReport(facts()), false);
    const text = composeActivityReport('tsag', { ...empty, actions: [{ label: 'A1.1', text: 'x', owner: 'TSB', dueOn: null, status: 'open' }] }, 'en');
    for (const none of ['No meeting was held in the period.', 'The roadmap did not change in the period.', 'No overlap was confirmed in the period.', 'No gap was found in the period.', 'No liaison statement was received or sent in the period.', 'No contact or representative changed in the period.']) {
      assert.ok(text.includes(`\n${none}\n`), none);
    }
  });
});
