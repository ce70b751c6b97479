// iCalendar (RFC 5545) for meetings and their deadlines. Times are written in UTC (the "Z" form), which every
// calendar converts to its reader's zone and which cannot drift across daylight-saving changes; the venue's zone is
// named in the description and in X-WR-TIMEZONE for readers that show it.
import type { ImportantDate, Meeting } from './meetings.ts';
import { meetingMessages } from './messages.ts';

type ActivityRef = { acronym: string };

/** 20230322T120000Z */
export function icsInstant(value: Date): string {
  return value.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Escapes text as RFC 5545 §3.3.11 asks: backslash, semicolon, comma and newlines. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back while `end` falls on a UTF-8 continuation byte.
    while (end < bytes.length && end > start && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines begin with a space
  }
  return parts.join('\r\n ');
}

export type CalendarEvent = {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  sequence?: number;
  stamp: Date;
};

/** A whole VCALENDAR with CRLF line ends. */
export function renderCalendar(options: { name: string; timeZone?: string; method?: 'PUBLISH' | 'REQUEST'; events: CalendarEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Concord//Meetings//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method ?? 'PUBLISH'}`,
    `X-WR-CALNAME:${icsText(options.name)}`,
    ...(options.timeZone ? [`X-WR-TIMEZONE:${options.timeZone}`] : []),
  ];
  for (const e of options.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${icsInstant(e.stamp)}`,
      `DTSTART:${icsInstant(e.start)}`,
      `DTEND:${icsInstant(e.end)}`,
      `SUMMARY:${icsText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${icsText(e.description)}`] : []),
      ...(e.location ? [`LOCATION:${icsText(e.location)}`] : []),
      ...(e.url ? [`URL:${e.url}`] : []),
      `STATUS:${e.status ?? 'CONFIRMED'}`,
      `SEQUENCE:${e.sequence ?? 0}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

const place = (meeting: Meeting) => [meeting.venue, meeting.city].filter(Boolean).join(', ');

/** A meeting as a calendar event; the remote link goes in only when `includeRemoteUrl` (registered participants). */
export function meetingEvent(
  activity: ActivityRef,
  meeting: Meeting,
  options: { baseUrl: string; path: string; includeRemoteUrl: boolean },
): CalendarEvent {
  const m = meetingMessages('en');
  const description = [
    `${m.modes[meeting.mode]} meeting; times at the venue are in ${meeting.timeZone}.`,
    ...(meeting.colocatedEvent ? [`Held alongside: ${meeting.colocatedEvent}`] : []),
    ...(meeting.status === 'cancelled' ? [`Cancelled: ${meeting.cancelReason ?? ''}`] : []),
    ...(options.includeRemoteUrl && meeting.remoteUrl ? [`Remote participation: ${meeting.remoteUrl}`] : []),
    `${options.baseUrl}${options.path}`,
  ].join('\n');
  return {
    uid: `meeting-${meeting.id}@concord`,
    start: meeting.startsAt,
    end: meeting.endsAt,
    summary: `${activity.acronym} ${m.meetingNumber(meeting.number)}: ${meeting.title}`,
    description,
    location: place(meeting) || (meeting.mode === 'virtual' ? 'Online' : undefined),
    url: `${options.baseUrl}${options.path}`,
    status: meeting.status === 'cancelled' ? 'CANCELLED' : meeting.status === 'planned' ? 'TENTATIVE' : 'CONFIRMED',
    sequence: Math.floor(meeting.updatedAt.getTime() / 1000) - Math.floor(meeting.createdAt.getTime() / 1000),
    stamp: meeting.updatedAt,
  };
}

/** A deadline as a short event ending at the deadline (calendars show it at the right minute in every zone). */
export function deadlineEvent(
  activity: ActivityRef,
  meeting: Pick<Meeting, 'number' | 'title' | 'timeZone'>,
  date: ImportantDate,
  options: { baseUrl: string; path: string },
): CalendarEvent {
  const m = meetingMessages('en');
  return {
    uid: `meeting-date-${date.id}@concord`,
    start: date.dueAt,
    end: date.dueAt,
    summary: `${activity.acronym} ${m.meetingNumber(meeting.number)}: ${date.label}`,
    description: `${date.label} for ${m.meetingNumber(meeting.number)}: ${meeting.title} (${meeting.timeZone})\n${options.baseUrl}${options.path}`,
    url: `${options.baseUrl}${options.path}`,
    stamp: date.createdAt,
  };
}
