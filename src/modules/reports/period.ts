// A report's period (pure): from a date or a meeting to a date or a meeting, resolved against the activity's
// meetings into the instants [start, end) its sections read. Dates are whole days in UTC (the event log's clock); a
// meeting as the start includes that meeting, as the end includes it up to its close.
import { z } from 'zod';
import { invalid } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { reportMessages } from './messages.ts';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const day = z.preprocess(blankToUndefined, z.iso.date().optional());
const meetingNumber = z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(100_000).optional());

/** The period as chosen: each end a date or a meeting number (not both). */
export const periodInput = z.object({ fromDate: day, fromMeeting: meetingNumber, toDate: day, toMeeting: meetingNumber });
export type PeriodInput = z.output<typeof periodInput>;

export type MeetingBound = { number: number; startsAt: Date; endsAt: Date; status: string };
export type Period = { start: Date; end: Date; choice: PeriodInput };

/**
 * Resolves the chosen period against the activity's meetings. Refused, naming the field: an end given both as a date
 * and a meeting, or as neither; a meeting the activity does not have (or a cancelled one); a period that ends before
 * it starts.
 */
export function resolvePeriod(input: PeriodInput, meetings: readonly MeetingBound[], locale: Locale): Period {
  const m = reportMessages(locale);
  const end = (side: 'from' | 'to'): { at: Date; field: string } => {
    const date = side === 'from' ? input.fromDate : input.toDate;
    const number = side === 'from' ? input.fromMeeting : input.toMeeting;
    const dateField = side === 'from' ? 'fromDate' : 'toDate';
    const meetingField = side === 'from' ? 'fromMeeting' : 'toMeeting';
    if (date !== undefined && number !== undefined) throw invalid({ [meetingField]: m.period.both(side) }, m.period.both(side));
    if (date === undefined && number === undefined) throw invalid({ [dateField]: m.period.missing(side) }, m.period.missing(side));
    if (date !== undefined) {
      const midnight = new Date(`${date}T00:00:00Z`);
      // The end date is included whole: the period runs to the next midnight.
      return { at: side === 'from' ? midnight : new Date(midnight.getTime() + 86_400_000), field: dateField };
    }
    const meeting = meetings.find((x) => x.number === number && x.status !== 'cancelled');
    if (!meeting) throw invalid({ [meetingField]: m.period.unknownMeeting(number!) }, m.period.unknownMeeting(number!));
    return { at: side === 'from' ? meeting.startsAt : meeting.endsAt, field: meetingField };
  };
  const from = end('from');
  const to = end('to');
  if (to.at.getTime() <= from.at.getTime()) throw invalid({ [to.field]: m.period.endsBeforeStart }, m.period.endsBeforeStart);
  return { start: from.at, end: to.at, choice: input };
}

/** Whether an instant falls in the period: from its start included to its end excluded. */
export const inPeriod = (at: Date, period: { start: Date; end: Date }): boolean => at.getTime() >= period.start.getTime() && at.getTime() < period.end.getTime();

/** A meeting belongs to the period when it ended within it (a meeting under way at its end is not yet held). */
export const heldInPeriod = (meeting: { endsAt: Date }, period: { start: Date; end: Date }): boolean =>
  meeting.endsAt.getTime() > period.start.getTime() && meeting.endsAt.getTime() <= period.end.getTime();
