// Dates and times as circulars write them, in English and in French: "22 March 2023", "13–24 March 2023",
// "du 13 au 24 mars 2023", "1er octobre 2025", "March 22, 2023", "2023-03-22"; "13:00–14:30", "13 h 00", "1 p.m.".
// Pure functions: the checker compares what they find with the records.

/** A calendar day as written; `valid` is false for a day the month does not have (30 February). */
export type WrittenDate = { year: number; month: number; day: number; valid: boolean; text: string; index: number };

const monthNames: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11,
  december: 12, dec: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8,
  septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
};

const month = `(${Object.keys(monthNames).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const day = '(\\d{1,2})(?:er|st|nd|rd|th)?';
const dash = '\\s*(?:[-‐‑–—]|to|au|and|et)\\s*';
// Tried in this order at each place; a match's text is taken out before the next pattern runs, so "13–24 March
// 2023" is one range, not also "24 March 2023".
const patterns: { re: RegExp; read: (m: RegExpExecArray) => [number, number, number][] }[] = [
  // 30 September – 7 October 2025
  { re: new RegExp(`\\b${day}\\s+${month}${dash}${day}\\s+${month}\\s+(\\d{4})\\b`, 'giu'), read: (m) => [[+m[5]!, mon(m[2]!), +m[1]!], [+m[5]!, mon(m[4]!), +m[3]!]] },
  // 13–24 March 2023, du 13 au 24 mars 2023
  { re: new RegExp(`\\b${day}${dash}${day}\\s+${month}\\s+(\\d{4})\\b`, 'giu'), read: (m) => [[+m[4]!, mon(m[3]!), +m[1]!], [+m[4]!, mon(m[3]!), +m[2]!]] },
  // 22 March 2023, 1er mars 2023
  { re: new RegExp(`\\b${day}\\s+${month}\\s+(\\d{4})\\b`, 'giu'), read: (m) => [[+m[3]!, mon(m[2]!), +m[1]!]] },
  // March 22, 2023
  { re: new RegExp(`\\b${month}\\s+${day},?\\s+(\\d{4})\\b`, 'giu'), read: (m) => [[+m[3]!, mon(m[1]!), +m[2]!]] },
  // 2023-03-22
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, read: (m) => [[+m[1]!, +m[2]!, +m[3]!]] },
];

function mon(name: string): number {
  return monthNames[name.toLowerCase().replace(/\.$/, '')] ?? 0;
}

export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Every date written in `text`, in the order they appear (a range gives its two ends). */
export function findDates(text: string): WrittenDate[] {
  const found: WrittenDate[] = [];
  let rest = text;
  for (const { re, read } of patterns) {
    re.lastIndex = 0;
    rest = rest.replace(re, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const index = args[args.length - 2] as number;
      for (const [year, m, d] of read(match)) {
        const valid = m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(year, m);
        found.push({ year, month: m, day: d, valid, text: match[0], index });
      }
      return ' '.repeat(match[0].length);
    });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** "2023-03-22", for comparing and for messages. */
export const isoDay = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** A time of day as written: "13:00", "13 h 00", "13h", "1 p.m.", "1.30 pm"; as minutes after midnight. */
export type WrittenTime = { minutes: number; text: string };

const timePatterns: { re: RegExp; read: (m: RegExpExecArray) => number | undefined }[] = [
  { re: /\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?\s?m\.?(?![a-z])/gi, read: (m) => {
    const h = +m[1]!, min = +(m[2] ?? 0);
    if (h < 1 || h > 12 || min > 59) return undefined;
    return ((h % 12) + (m[3]!.toLowerCase() === 'p' ? 12 : 0)) * 60 + min;
  } },
  { re: /\b([01]?\d|2[0-3])\s?(?::|h)\s?([0-5]\d)\b/g, read: (m) => +m[1]! * 60 + +m[2]! },
  // "13 h" alone, French style, only where an "h" stands by itself after the hour
  { re: /\b([01]?\d|2[0-3])\s?h(?![a-zà-ÿ0-9])/gi, read: (m) => +m[1]! * 60 },
];

/** Every time of day written in `text`. */
export function findTimes(text: string): WrittenTime[] {
  const found: { minutes: number; text: string; index: number }[] = [];
  let rest = text;
  for (const { re, read } of timePatterns) {
    re.lastIndex = 0;
    rest = rest.replace(re, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const minutes = read(match);
      if (minutes === undefined) return match[0];
      found.push({ minutes, text: match[0], index: args[args.length - 2] as number });
      return ' '.repeat(match[0].length);
    });
  }
  return found.sort((a, b) => a.index - b.index).map(({ minutes, text }) => ({ minutes, text }));
}

/** "13:00" from minutes after midnight. */
export const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Whether text names a time zone: an abbreviation (CET, CEST, UTC+1…), "Geneva time", "heure de Genève", "local
 * time", "heure locale". A time without one of these is ambiguous for remote participants.
 */
export const namesTimeZone = (text: string): boolean =>
  /\b(?:UTC|GMT|CET|CEST|EET|EEST|WET|WEST|BST|EST|EDT|CST|CDT|PST|PDT|MST|MDT|JST|KST|IST|AEST|AEDT|HNEC|HAEC)\b/.test(text) ||
  /\b[A-Z][a-zé]+(?:\s[A-Z][a-zé]+)?\s(?:\([A-Z][a-z]+\)\s)?time\b/.test(text) ||
  /\b(?:local time|time zone)\b/i.test(text) ||
  /\bheure\s(?:de|d['’]|du|des|locale|normale|avancée|d['’]été|d['’]hiver)/i.test(text) ||
  /\bfuseau horaire\b/i.test(text);

/** The local calendar day and clock time of an instant in a zone. */
export function localParts(instant: Date, timeZone: string): { year: number; month: number; day: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { year: +parts.year!, month: +parts.month!, day: +parts.day!, minutes: +parts.hour! * 60 + +parts.minute! };
}
