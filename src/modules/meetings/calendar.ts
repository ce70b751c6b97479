// iCalendar (RFC 5545) for meetings and their deadlines. Times are written in UTC (the "Z" form), which every
// calendar converts to its reader's zone and which cannot drift across daylight-saving changes; the venue's zone is
// named in the description and in X-WR-TIMEZONE for readers that show it.
import { escapeText, foldLine } from '../../platform/content-lines.ts';
import type { Meeting } from './deadlines.ts';
import type { importantDates } from './schema.ts';

type ImportantDate = typeof importantDates.$inferSelect;
import { meetingMessages } from './messages.ts';

type ActivityRef = { acronym: string };

/** 20230322T120000Z */
export function icsInstant(value: Date): string {
  return value.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
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
    `X-WR-CALNAME:${escapeText(options.name)}`,
    ...(options.timeZone ? [`X-WR-TIMEZONE:${options.timeZone}`] : []),
  ];
  for (const e of options.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${icsInstant(e.stamp)}`,
      `DTSTART:${icsInstant(e.start)}`,
      `DTEND:${icsInstant(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
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
    summary: `${activity.acronym} ${m.numberedTitle(meeting.number, meeting.title)}`,
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
    summary: `${activity.acronym} ${m.numberedTitle(meeting.number, date.label)}`,
    description: `${date.label} for ${m.meetingNumber(meeting.number)}: ${meeting.title} (${meeting.timeZone})\n${options.baseUrl}${options.path}`,
    url: `${options.baseUrl}${options.path}`,
    stamp: date.createdAt,
  };
}
