export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'fr';
}

/** Picks the best supported language from an Accept-Language header (RFC 9110 weights), English by default. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      // RFC 9110 allows spaces around ";" ("fr ; q=0.8"), so the tag is trimmed as well as the parameters.
      const [tag = '', ...params] = part.split(';').map((p) => p.trim());
      const q = params.find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { language: tag.toLowerCase().split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((r) => r.language).find(isLocale) ?? 'en';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/**
 * French names for the zones English names by an abbreviation (en-GB's CET, CEST, EET…): French has its own, built
 * the same way (heure normale / heure avancée d’Europe centrale → HNEC / HAEC, as French official usage and Canada's
 * Termium write them), whereas ICU's French gives only "UTC+1". A zone English too names only by its offset
 * (GMT-5, GMT+9) reads as ICU's French offset (UTC−5, UTC+9), so each language names every zone one way.
 */
const frenchZoneNames: Record<string, string> = {
  CET: 'HNEC',
  CEST: 'HAEC',
  EET: 'HNEE',
  EEST: 'HAEE',
  WET: 'HNEO',
  WEST: 'HAEO',
  GMT: 'UTC',
  UTC: 'UTC',
};

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/** The name of `timeZone`'s clock at that instant, as a reader of `locale` writes it: "CET" in English, "HNEC" in French. */
export function zoneName(value: Date, locale: Locale, timeZone: string): string {
  const english = part(formatter('en', timeZone, { timeZoneName: 'short' }).formatToParts(value), 'timeZoneName');
  if (locale === 'en') return english;
  return frenchZoneNames[english] ?? part(formatter('fr', timeZone, { timeZoneName: 'short' }).formatToParts(value), 'timeZoneName').replace(/^UTC\+0$/, 'UTC');
}

/** A wall-clock time as French writes it: "14 h 30", "9 h" on the hour (no-break spaces, so it never wraps). */
function frenchTime(hour: string, minute: string): string {
  const h = String(Number(hour));
  return minute === '00' ? `${h}\u00a0h` : `${h}\u00a0h\u00a0${minute}`;
}

/** The time alone (with its zone) of an instant: "14:30 CET", "14 h 30 HNEC". */
export function formatTime(value: Date, locale: Locale, timeZone = 'UTC'): string {
  const parts = formatter(locale, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(value);
  const time = locale === 'fr' ? frenchTime(part(parts, 'hour'), part(parts, 'minute')) : `${part(parts, 'hour')}:${part(parts, 'minute')}`;
  return `${time} ${zoneName(value, locale, timeZone)}`;
}

/**
 * Formats an instant for people, in the reader's language; the time zone defaults to UTC and is always shown:
 * "7 Dec 2026, 14:30 CET", "7 décembre 2026 à 14 h 30 HNEC".
 */
export function formatDateTime(value: Date, locale: Locale, timeZone = 'UTC'): string {
  if (locale === 'fr') {
    const parts = formatter('fr', timeZone, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(value);
    const day = part(parts, 'day') === '1' ? '1er' : part(parts, 'day');
    return `${day} ${part(parts, 'month')} ${part(parts, 'year')} à ${frenchTime(part(parts, 'hour'), part(parts, 'minute'))} ${zoneName(value, locale, timeZone)}`;
  }
  // dateStyle cannot be combined with timeZoneName, so the parts are named one by one.
  return formatter(locale, timeZone, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(value);
}

/** Formats a calendar date (YYYY-MM-DD) without shifting it through a time zone: "7 December 2026", "7 décembre 2026" ("1er" for the first, as French writes it). */
export function formatDate(value: string, locale: Locale): string {
  const [y, m, d] = value.split('-').map(Number);
  const text = formatter(locale, 'UTC', { dateStyle: 'long' }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
  return locale === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

/**
 * A number as a reader of `locale` writes it: 12,345 in English, 12 345 in French (narrow no-break space, as in
 * French typography). French numbers follow the language, not Switzerland's "12'345", which newer ICU versions
 * give fr-CH and older ones did not.
 */
export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  // Making a NumberFormat costs about 30 µs, formatting with one under 1: a page of 50 overlap pairs made hundreds.
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    if (numberFormats.size >= 200) numberFormats.clear();
    numberFormats.set(key, (format = new Intl.NumberFormat(locale === 'fr' ? 'fr' : 'en-GB', options)));
  }
  return format.format(value);
}
const numberFormats = new Map<string, Intl.NumberFormat>();
