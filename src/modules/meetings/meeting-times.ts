// Wall-clock times in a meeting's IANA zone ↔ stored instants. Luxon does the zone arithmetic (tz database of ICU).
import { DateTime, IANAZone } from 'luxon';
import { formatTime, zoneName } from '../../platform/i18n/locale.ts';
import { isTimeZone } from '../../platform/i18n/time-zones.tsx';

/** A deadline given without a time falls at this minute in the meeting's zone. */
export const defaultDeadlineTime = '23:59';

/** One check for meetings' zones and readers' (platform/i18n/time-zones.tsx). */
export { isTimeZone } from '../../platform/i18n/time-zones.tsx';

export type LocalTimeResult = { ok: true; instant: Date } | { ok: false; reason: 'invalid_date' | 'invalid_zone' | 'nonexistent' };

/**
 * The instant at which a wall-clock date and time occur in `zone`. A time that does not exist there (the hour skipped
 * when clocks go forward) is refused, never shifted silently; in the repeated hour of autumn the earlier instant is taken.
 */
export function localToInstant(date: string, time: string, zone: string): LocalTimeResult {
  if (!isTimeZone(zone)) return { ok: false, reason: 'invalid_zone' };
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) return { ok: false, reason: 'invalid_date' };
  const wanted = { year: +d[1]!, month: +d[2]!, day: +d[3]!, hour: +t[1]!, minute: +t[2]! };
  const value = DateTime.fromObject(wanted, { zone });
  if (!value.isValid) return { ok: false, reason: 'invalid_date' };
  // Luxon moves a nonexistent local time forward by the gap; a changed wall clock gives it away.
  const same =
    value.year === wanted.year &&
    value.month === wanted.month &&
    value.day === wanted.day &&
    value.hour === wanted.hour &&
    value.minute === wanted.minute;
  if (!same) return { ok: false, reason: 'nonexistent' };
  // In the repeated hour Luxon takes the later instant; the earlier one shows the same wall clock an hour (or, in a
  // few zones, half an hour) before.
  for (const minutes of [60, 30]) {
    const earlier: DateTime = value.minus({ minutes });
    if (earlier.hour === value.hour && earlier.minute === value.minute && earlier.day === value.day) return { ok: true, instant: earlier.toJSDate() };
  }
  return { ok: true, instant: value.toJSDate() };
}

/** The date and time (HH:MM) of an instant on the wall clock of `zone`, as forms show them. */
export function instantToLocal(instant: Date, zone: string): { date: string; time: string } {
  const value = DateTime.fromJSDate(instant, { zone });
  return { date: value.toFormat('yyyy-MM-dd'), time: value.toFormat('HH:mm') };
}

/** The zone's name at that instant as the reader writes it ("CET", "CEST", "GMT-5"; "HNEC", "HAEC", "UTC−5"). */
export function zoneAbbreviation(instant: Date, zone: string, locale: 'en' | 'fr'): string {
  return zoneName(instant, locale, zone);
}

export type Countdown = { past: boolean; days: number; hours: number; minutes: number };

/** Time left until `due` (or elapsed since it), in whole days, hours and minutes. */
export function countdown(due: Date, now: Date): Countdown {
  const diff = due.getTime() - now.getTime();
  const past = diff <= 0;
  let minutes = Math.floor(Math.abs(diff) / 60_000);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  return { past, days, hours, minutes };
}

/**
 * "22 Mar 2023, 13:00 – 14:30 CET" ("22 mars 2023 à 13 h – 14 h 30 HNEC") when both ends fall on the same day and
 * clock in `zone`, both in full otherwise.
 */
export function formatRange(start: Date, end: Date, zone: string, locale: 'en' | 'fr', formatFull: (d: Date) => string): string {
  const sameDay = instantToLocal(start, zone).date === instantToLocal(end, zone).date;
  const sameClock = zoneName(start, locale, zone) === zoneName(end, locale, zone);
  if (!sameDay || !sameClock) return `${formatFull(start)} – ${formatFull(end)}`;
  return `${formatFull(start).replace(/\s+\S+$/, '')} – ${formatTime(end, locale, zone)}`;
}
