// Reminders before a meeting's deadlines: job rows scheduled when a deadline is set or moved, a handler that mails
// the activity's members and the meeting's registered participants. The job's dedupeKey names the meeting, the
// deadline, its time and the offset, so the same reminder is never queued twice; the handler re-reads the deadline,
// so a reminder for a deadline that has since moved (or gone) sends nothing.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/engine.ts';
import { formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { enqueueJob, type JobContext } from '../../platform/jobs.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { accountLocales } from '../../platform/auth/accounts.ts';
import { users } from '../../platform/schema.ts';
import { activities, activityMemberships, people } from '../../db/schema.ts';
import { meetingPath } from './meeting-paths.ts';
import { countdown } from './meeting-times.ts';
import { meetingMessages } from './messages.ts';
import { registrantLocales } from './registration-mail.ts';
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
 * for the pre-registration deadline, those already registered are left out. Each mail is in the recipient's account
 * language (English when no account is known). Runs in the job's transaction.
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
  // Each address in its language when one is known: a registrant's (registrantLocales), a member's account (linked to
  // the person record, else the account with that address).
  const registered = await tx
    .select({ email: registrations.email, userId: registrations.userId, locale: registrations.locale })
    .from(registrations)
    // Pending registrations are left out: nobody confirmed those addresses.
    .where(and(eq(registrations.meetingId, meeting.id), sql`${registrations.status} in ('registered', 'waiting')`));
  const registeredLocales = await registrantLocales(tx, registered);
  const members = await tx
    .select({ email: people.email, locale: users.locale })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .leftJoin(users, eq(users.id, people.userId))
    .where(and(eq(activityMemberships.activityId, activity.id), isNotNull(people.email), eq(people.isExample, false)));
  const registeredSet = new Set(registered.map((r) => r.email.toLowerCase()));
  const recipients = new Map<string, Locale | null>();
  const add = (email: string, locale: Locale | null) => recipients.set(email, recipients.get(email) ?? locale);
  for (const member of members) {
    const email = member.email!.toLowerCase();
    if (job.kind === 'registration' && registeredSet.has(email)) continue;
    add(email, member.locale);
  }
  if (job.kind === 'contribution') registered.forEach((r, i) => add(r.email.toLowerCase(), registeredLocales[i] ?? null));
  const byAddress = await accountLocales(tx, [...recipients].filter(([, locale]) => !locale).map(([email]) => email));
  for (const [email, locale] of byAddress) recipients.set(email, locale);
  // Written once per language, English when none is known.
  const mailIn = (locale: Locale) => {
    const m = meetingMessages(locale);
    const details = {
      acronym: activity.acronym,
      meetingTitle: m.numberedTitle(meeting.number, meeting.title),
      deadlineLabel: date.kind === 'other' ? date.label : m.dateKinds[date.kind],
      when: `${formatDateTime(date.dueAt, locale, meeting.timeZone)} (${meeting.timeZone})`,
      left: m.countdown(countdown(date.dueAt, now)),
      link: `${config.baseUrl}${meetingPath(activity, meeting)}`,
    };
    return { subject: m.mail.reminderSubject(details), text: m.mail.reminderBody(details) };
  };
  const written = new Map<Locale, { subject: string; text: string }>();
  for (const [to, known] of [...recipients].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const locale = known ?? 'en';
    if (!written.has(locale)) written.set(locale, mailIn(locale));
    await enqueueMail(tx, { purpose: 'meetings.deadline_reminder', to, ...written.get(locale)! });
  }
  log.info({ meetingId: meeting.id, kind: job.kind, recipients: recipients.size }, 'deadline reminder queued');
}
