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
    f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CH' : 'en-GB', { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** Formats an instant for people, in the reader's language; the time zone defaults to UTC and is always shown. */
export function formatDateTime(value: Date, locale: Locale, timeZone = 'UTC'): string {
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

/** Formats a calendar date (YYYY-MM-DD) without shifting it through a time zone. */
export function formatDate(value: string, locale: Locale): string {
  const [y, m, d] = value.split('-').map(Number);
  return formatter(locale, 'UTC', { dateStyle: 'long' }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

/**
 * A number as a reader of `locale` writes it: 12,345 in English, 12 345 in French (narrow no-break space, as in
 * French typography). French numbers follow the language, not Switzerland's "12'345", which newer ICU versions
 * give fr-CH and older ones did not.
 */
export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr' : 'en-GB', options).format(value);
}
