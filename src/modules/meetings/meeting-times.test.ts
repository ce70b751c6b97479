import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { escapeText, foldLine } from '../../platform/content-lines.ts';
import { icsInstant, renderCalendar } from './calendar.ts';
import { applyDeadline, type Deadline } from './deadlines.ts';
import { countdown, instantToLocal, localToInstant } from './meeting-times.ts';
import { type MeetingInput, resolveMeetingTimes } from './meetings.ts';

const instant = (date: string, time: string, zone: string) => {
  const result = localToInstant(date, time, zone);
  assert.ok(result.ok, `${date} ${time} ${zone} should exist`);
  return result.instant.toISOString();
};

const meetingInput = (overrides: Partial<MeetingInput> = {}): MeetingInput => ({
  title: 'Meeting',
  mode: 'hybrid',
  timeZone: 'Europe/Zurich',
  startDate: '2023-03-22',
  startTime: '13:00',
  endDate: '2023-03-22',
  endTime: '14:30',
  ...overrides,
});

describe('wall-clock times in a meeting zone', () => {
  it('converts Geneva winter time (UTC+1) and summer time (UTC+2)', () => {
    assert.equal(instant('2023-03-22', '13:00', 'Europe/Zurich'), '2023-03-22T12:00:00.000Z');
    assert.equal(instant('2025-10-09', '11:15', 'Europe/Zurich'), '2025-10-09T09:15:00.000Z');
    assert.equal(instant('2027-02-10', '09:00', 'America/New_York'), '2027-02-10T14:00:00.000Z');
    assert.equal(instant('2027-07-10', '09:00', 'America/New_York'), '2027-07-10T13:00:00.000Z');
  });

  it('refuses a time skipped when the clocks go forward', () => {
    assert.deepEqual(localToInstant('2026-03-29', '02:30', 'Europe/Zurich'), { ok: false, reason: 'nonexistent' });
    assert.deepEqual(localToInstant('2027-03-14', '02:00', 'America/New_York'), { ok: false, reason: 'nonexistent' });
    assert.equal(instant('2026-03-29', '03:00', 'Europe/Zurich'), '2026-03-29T01:00:00.000Z');
  });

  it('takes the earlier instant in the hour repeated when the clocks go back', () => {
    assert.equal(instant('2026-10-25', '02:30', 'Europe/Zurich'), '2026-10-25T00:30:00.000Z');
  });

  it('refuses an unknown zone and an impossible date', () => {
    assert.deepEqual(localToInstant('2026-03-29', '10:00', 'Europe/Atlantis'), { ok: false, reason: 'invalid_zone' });
    assert.deepEqual(localToInstant('2026-02-30', '10:00', 'Europe/Zurich'), { ok: false, reason: 'invalid_date' });
  });

  it('reads an instant back on the venue clock', () => {
    assert.deepEqual(instantToLocal(new Date('2023-03-22T12:00:00Z'), 'Europe/Zurich'), { date: '2023-03-22', time: '13:00' });
  });

  it('counts down in days, hours and minutes, and past deadlines as elapsed', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    assert.deepEqual(countdown(new Date('2026-11-25T13:30:00Z'), now), { past: false, days: 3, hours: 3, minutes: 30 });
    assert.deepEqual(countdown(new Date('2026-11-22T09:15:00Z'), now), { past: true, days: 0, hours: 0, minutes: 45 });
    assert.deepEqual(countdown(now, now), { past: true, days: 0, hours: 0, minutes: 0 });
  });
});

describe('resolveMeetingTimes', () => {
  it('puts a deadline given without a time at 23:59 in the meeting zone', () => {
    const times = resolveMeetingTimes(meetingInput({ contributionDate: '2023-03-13', registrationDate: '2023-03-20', registrationTime: '12:00' }), 'en');
    assert.equal(times.startsAt.toISOString(), '2023-03-22T12:00:00.000Z');
    assert.equal(times.deadlines.contribution?.dueAt.toISOString(), '2023-03-13T22:59:00.000Z');
    assert.equal(times.deadlines.contribution?.hasTime, false);
    assert.equal(times.deadlines.registration?.dueAt.toISOString(), '2023-03-20T11:00:00.000Z');
    assert.equal(times.deadlines.registration?.hasTime, true);
  });

  it('puts the 23:59 of a summer-time deadline one hour earlier in UTC', () => {
    const times = resolveMeetingTimes(meetingInput({ startDate: '2025-10-09', endDate: '2025-10-09', contributionDate: '2025-09-30' }), 'en');
    assert.equal(times.deadlines.contribution?.dueAt.toISOString(), '2025-09-30T21:59:00.000Z');
  });

  it('refuses a start in the skipped hour, naming the field, the time and the zone', () => {
    assert.throws(
      () => resolveMeetingTimes(meetingInput({ startDate: '2026-03-29', startTime: '02:30', endDate: '2026-03-29', endTime: '04:00' }), 'en'),
      (error: AppError) => {
        assert.equal(error.code, 'validation_failed');
        assert.equal(
          error.details.fields?.startTime,
          '2026-03-29 02:30 does not exist in Europe/Zurich: the clocks skip that hour for daylight saving time. Choose another time.',
        );
        return true;
      },
    );
  });

  it('refuses an end before the start, an unknown zone and a deadline time without a date', () => {
    assert.throws(() => resolveMeetingTimes(meetingInput({ endTime: '12:00' }), 'en'), (e: AppError) => e.details.fields?.endTime === 'The end must come after the start.');
    assert.throws(() => resolveMeetingTimes(meetingInput({ timeZone: 'Mars/Olympus' }), 'fr'), (e: AppError) => /IANA/.test(e.details.fields?.timeZone ?? ''));
    assert.throws(() => resolveMeetingTimes(meetingInput({ contributionTime: '10:00' }), 'en'), (e: AppError) => e.details.fields?.contributionDate === 'Give the date as well, or clear the time.');
  });
});

describe('applyDeadline', () => {
  const deadline = (rule: Deadline['rule']): Deadline => ({
    kind: 'registration',
    label: 'Pre-registration deadline',
    dueAt: new Date('2023-03-20T22:59:00Z'),
    timeZone: 'Europe/Zurich',
    rule,
  });

  it('is on time up to and including the deadline minute', () => {
    assert.deepEqual(applyDeadline(deadline('refuse'), new Date('2023-03-20T22:59:00Z'), 'en'), { late: false });
    assert.deepEqual(applyDeadline(null, new Date('2030-01-01T00:00:00Z'), 'en'), { late: false });
  });

  it('marks late when the activity accepts late submissions', () => {
    assert.deepEqual(applyDeadline(deadline('accept_late'), new Date('2023-03-20T23:00:00Z'), 'en'), { late: true });
  });

  it('refuses with the deadline’s date, time and zone when the activity refuses', () => {
    assert.throws(
      () => applyDeadline(deadline('refuse'), new Date('2023-03-20T23:00:00Z'), 'en'),
      (error: AppError) => {
        assert.equal(error.code, 'conflict');
        assert.equal(error.message, 'The pre-registration deadline has passed (20 Mar 2023, 23:59 CET, Europe/Zurich): this activity does not accept late submissions.');
        return true;
      },
    );
    assert.throws(() => applyDeadline(deadline('refuse'), new Date('2023-03-21T00:00:00Z'), 'fr'), (e: AppError) => e.message.startsWith('La date limite de préinscription est passée (20 mars 2023 à 23\u00a0h\u00a059 HNEC'));
  });
});

describe('iCalendar text', () => {
  it('writes instants in UTC and escapes text', () => {
    assert.equal(icsInstant(new Date('2023-03-22T12:00:00.000Z')), '20230322T120000Z');
    assert.equal(escapeText('a, b; c\\d\ne'), 'a\\, b\\; c\\\\d\\ne');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part) <= 75, `part too long: ${part}`);
    assert.equal(folded.split('\r\n').map((p, i) => (i ? p.slice(1) : p)).join(''), line);
  });

  it('ends every line with CRLF', () => {
    const text = renderCalendar({ name: 'X', events: [] });
    assert.ok(text.endsWith('END:VCALENDAR\r\n'), 'ends with END:VCALENDAR and CRLF');
    assert.equal(text.split('\n').filter((l) => l && !l.endsWith('\r')).length, 0);
  });
});
