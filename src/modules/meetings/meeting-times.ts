// Wall-clock times in a meeting's IANA zone ↔ stored instants. Luxon does the zone arithmetic (tz database of ICU).
import { DateTime } from 'luxon';
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

/** The zone's offset name at that instant ("CET", "CEST", "GMT+1"), so a reader sees which clock is meant. */
export function zoneAbbreviation(instant: Date, zone: string, locale: 'en' | 'fr'): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale(locale === 'fr' ? 'fr-CH' : 'en-GB').toFormat('ZZZZ');
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

const timeFormatters = new Map<string, Intl.DateTimeFormat>();
function timeOnly(locale: 'en' | 'fr', zone: string): Intl.DateTimeFormat {
  const key = `${locale}|${zone}`;
  let f = timeFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CH' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: zone });
    timeFormatters.set(key, f);
  }
  return f;
}

/** "22 Mar 2023, 13:00 – 14:30 CET" when both ends fall on the same day in `zone`, both in full otherwise. */
export function formatRange(start: Date, end: Date, zone: string, locale: 'en' | 'fr', formatFull: (d: Date) => string): string {
  const sameDay = instantToLocal(start, zone).date === instantToLocal(end, zone).date;
  return sameDay ? `${formatFull(start).replace(/\s+\S+$/, '')} – ${timeOnly(locale, zone).format(end)}` : `${formatFull(start)} – ${formatFull(end)}`;
}
