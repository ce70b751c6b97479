// The announcement of a meeting to its activity's mailing list, offered when registration opens: a draft written from
// the meeting (dates, place, deadlines, where to register) and the meeting's calendar file attached. The mailing
// list does the sending (a durable fan-out job, then the outbox), so this file only writes the draft and hands over.
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { type CheckedFile, checkUpload } from '../../platform/files.ts';
import { formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { checkbox } from '../../platform/validation.ts';
import { type Announcement, announcementInput, sendAnnouncement } from '../mailing-lists/index.ts';
import { deadlineEvent, meetingEvent, renderCalendar } from './calendar.ts';
import type { Meeting } from './deadlines.ts';
import { meetingPath } from './meeting-paths.ts';
import { formatRange } from './meeting-times.ts';
import { type ImportantDate, listImportantDates } from './meetings.ts';
import { meetingMessages } from './messages.ts';

type ActivityRef = { id: number; acronym: string };

export const meetingAnnouncementInput = announcementInput.extend({ attachCalendar: checkbox() });
export type MeetingAnnouncementInput = z.output<typeof meetingAnnouncementInput>;

/** The announcement as the secretariat first sees it: subject and text in the reader's language, from the meeting. */
export function draftMeetingAnnouncement(
  activity: ActivityRef,
  meeting: Meeting,
  dates: readonly ImportantDate[],
  options: { locale: Locale; baseUrl: string },
): { subject: string; text: string } {
  const m = meetingMessages(options.locale);
  const w = m.announcementDraft;
  const zone = meeting.timeZone;
  const at = (d: Date) => formatDateTime(d, options.locale, zone);
  const page = `${options.baseUrl}${meetingPath(activity, meeting)}`;
  const place = [meeting.venue, meeting.city].filter(Boolean).join(', ');
  const lines = [
    w.greeting,
    '',
    w.opening(activity.acronym, meeting.number, meeting.title),
    '',
    `${m.fields.when}${w.colon}${formatRange(meeting.startsAt, meeting.endsAt, zone, options.locale, at)} (${zone})`,
    `${m.fields.mode}${w.colon}${m.modes[meeting.mode]}`,
    ...(place && meeting.mode !== 'virtual' ? [`${m.fields.place}${w.colon}${place}`] : []),
    ...(meeting.colocatedEvent ? [`${m.fields.colocatedEvent}${w.colon}${meeting.colocatedEvent}`] : []),
    `${m.fields.language}${w.colon}${meeting.language}`,
    ...(dates.length ? ['', `${m.importantDates}${w.colon.trimEnd()}`, ...dates.map((d) => `- ${d.kind === 'other' ? d.label : m.dateKinds[d.kind]}${w.colon}${at(d.dueAt)}`)] : []),
    '',
    `${w.register}${w.colon}${page}/register`,
    `${w.meetingPage}${w.colon}${page}`,
    ...(meeting.mode === 'physical' ? [] : ['', w.remoteLink]),
    '',
    w.calendar,
    '',
    w.signature(activity.acronym),
  ];
  return { subject: w.subject(activity.acronym, meeting.number, meeting.title), text: lines.join('\n') };
}

/**
 * The meeting's calendar file as an attachment: the meeting and its dates, without the remote link (a list reaches
 * people who have not registered), checked as any upload is, so what Concord attaches passes its own check.
 */
export async function meetingCalendarFile(activity: ActivityRef, meeting: Meeting, dates: readonly ImportantDate[], options: { baseUrl: string; locale: Locale }): Promise<CheckedFile> {
  const path = meetingPath(activity, meeting);
  const calendar = renderCalendar({
    name: `${activity.acronym} meeting ${meeting.number}`,
    timeZone: meeting.timeZone,
    events: [meetingEvent(activity, meeting, { baseUrl: options.baseUrl, path, includeRemoteUrl: false }), ...dates.map((d) => deadlineEvent(activity, meeting, d, { baseUrl: options.baseUrl, path }))],
  });
  const bytes = Buffer.from(calendar, 'utf8');
  return checkUpload(
    { fileName: meetingCalendarName(activity, meeting), contentType: 'text/calendar', bytes },
    { field: 'attachCalendar', allowed: ['ics'], maxBytes: Math.max(bytes.length, 1), locale: options.locale },
  );
}

export const meetingCalendarName = (activity: { acronym: string }, meeting: { number: number }) => `${activity.acronym}-meeting-${meeting.number}.ics`;

/** Dates of the meeting for the draft and the calendar (none for a cancelled meeting). */
export const announcementDates = (tx: Tx, meeting: Meeting) => (meeting.status === 'cancelled' ? Promise.resolve([]) : listImportantDates(tx, meeting.id));

/**
 * Sends the announcement of an announced meeting (registration open) to the activity's list, with the meeting's
 * calendar attached when asked and any other files the sender added. Refused for a meeting not announced (nobody can
 * register yet) or already over. Side effects: those of the mailing list's `sendAnnouncement` (an
 * `announcement.sent` event, a fan-out job that queues one outbox mail per subscriber, the files stored).
 */
export async function sendMeetingAnnouncement(
  db: Db,
  actor: Actor,
  activity: ActivityRef,
  meeting: Meeting,
  input: MeetingAnnouncementInput,
  files: CheckedFile[],
  options: { dataDir: string; baseUrl: string; locale: Locale; now?: Date },
): Promise<Announcement> {
  const m = meetingMessages(options.locale);
  if (meeting.status !== 'announced') throw new AppError('conflict', m.announcementDraft.notOpen(m.statuses[meeting.status]));
  if (meeting.endsAt.getTime() <= (options.now ?? new Date()).getTime()) throw new AppError('conflict', m.announcementDraft.over);
  const calendar = input.attachCalendar ? [await meetingCalendarFile(activity, meeting, await announcementDates(db, meeting), options)] : [];
  return sendAnnouncement(db, actor, activity.id, { subject: input.subject, text: input.text, html: input.html }, [...calendar, ...files], { dataDir: options.dataDir });
}
