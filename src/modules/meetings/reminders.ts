// Reminders before a meeting's deadlines: job rows scheduled when a deadline is set or moved, a handler that mails
// the activity's members and the meeting's registered participants. The job's dedupeKey names the meeting, the
// deadline, its time and the offset, so the same reminder is never queued twice; the handler re-reads the deadline,
// so a reminder for a deadline that has since moved (or gone) sends nothing.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/engine.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { enqueueJob, type JobContext } from '../../platform/jobs.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { activities, activityMemberships } from '../activities/schema.ts';
import { people } from '../people/schema.ts';
import { meetingPath } from './meeting-frame.tsx';
import { countdown } from './meeting-times.ts';
import { meetingMessages } from './messages.ts';
import { importantDates, meetings, registrations } from './schema.ts';

export const reminderJobKind = 'meetings.deadline_reminder';
/** Days before a deadline at which its reminders go out. */
export const reminderOffsetsDays = [7, 1] as const;

const dayMs = 86_400_000;

export function reminderDedupeKey(meetingId: number, kind: string, dueAt: Date, offsetDays: number): string {
  return `meeting-reminder:${meetingId}:${kind}:${dueAt.toISOString()}:${offsetDays}d`;
}

/** Queues the reminders of a deadline that are still in the future. Returns how many new jobs were queued. */
export async function scheduleDeadlineReminders(
  tx: Tx,
  deadline: { meetingId: number; kind: 'contribution' | 'registration'; dueAt: Date },
  now: Date,
): Promise<number> {
  let queued = 0;
  for (const offsetDays of reminderOffsetsDays) {
    const runAt = new Date(deadline.dueAt.getTime() - offsetDays * dayMs);
    if (runAt.getTime() <= now.getTime()) continue;
    const added = await enqueueJob(tx, {
      kind: reminderJobKind,
      payload: { meetingId: deadline.meetingId, kind: deadline.kind, dueAt: deadline.dueAt.toISOString(), offsetDays },
      runAt,
      dedupeKey: reminderDedupeKey(deadline.meetingId, deadline.kind, deadline.dueAt, offsetDays),
    });
    if (added) queued++;
  }
  return queued;
}

const reminderPayload = z.object({
  meetingId: z.number().int(),
  kind: z.enum(['contribution', 'registration']),
  dueAt: z.string(),
  offsetDays: z.number().int(),
});

/**
 * Sends one deadline reminder, if the deadline is still the one it was scheduled for and the meeting is not cancelled
 * or held: one mail per person, to the activity's members (with an e-mail) and the meeting's registered participants;
 * for the pre-registration deadline, those already registered are left out. Runs in the job's transaction.
 */
export async function sendDeadlineReminder(payload: unknown, { tx, config, now, log }: JobContext): Promise<void> {
  const job = reminderPayload.parse(payload);
  const [row] = await tx
    .select({ meeting: meetings, activity: activities, date: importantDates })
    .from(importantDates)
    .innerJoin(meetings, eq(meetings.id, importantDates.meetingId))
    .innerJoin(activities, eq(activities.id, meetings.activityId))
    .where(and(eq(importantDates.meetingId, job.meetingId), eq(importantDates.kind, job.kind)));
  if (!row || row.date.dueAt.toISOString() !== job.dueAt || row.meeting.status === 'cancelled' || row.meeting.status === 'held') {
    log.info({ meetingId: job.meetingId, kind: job.kind }, 'deadline reminder no longer applies');
    return;
  }
  const { meeting, activity, date } = row;
  const registered = await tx
    .select({ email: registrations.email })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meeting.id), sql`${registrations.status} <> 'cancelled'`));
  const members = await tx
    .select({ email: people.email })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .where(and(eq(activityMemberships.activityId, activity.id), isNotNull(people.email), eq(people.isExample, false)));
  const registeredSet = new Set(registered.map((r) => r.email.toLowerCase()));
  const recipients = new Set<string>();
  for (const member of members) {
    const email = member.email!.toLowerCase();
    if (job.kind === 'registration' && registeredSet.has(email)) continue;
    recipients.add(email);
  }
  if (job.kind === 'contribution') for (const email of registeredSet) recipients.add(email);
  // Reminders are written in English: a list of members has no one language, and most JCA work is in English.
  const m = meetingMessages('en');
  const details = {
    acronym: activity.acronym,
    meetingTitle: `${m.meetingNumber(meeting.number)}: ${meeting.title}`,
    deadlineLabel: date.label,
    when: `${formatDateTime(date.dueAt, 'en', meeting.timeZone)} (${meeting.timeZone})`,
    left: m.countdown(countdown(date.dueAt, now)),
    link: `${config.baseUrl}${meetingPath(activity, meeting)}`,
  };
  for (const to of [...recipients].sort()) {
    await enqueueMail(tx, {
      purpose: 'meetings.deadline_reminder',
      to,
      subject: m.mail.reminderSubject(details),
      text: m.mail.reminderBody(details),
    });
  }
  log.info({ meetingId: meeting.id, kind: job.kind, recipients: recipients.size }, 'deadline reminder queued');
}
