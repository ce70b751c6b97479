// Deadline reminders: durable jobs queued when a deadline is set or moved, each with a key that makes "sent once" a
// database rule. The job re-reads the statement when it runs, so a moved deadline or a finished action sends nothing.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/engine.ts';
import { systemActor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/events.ts';
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import type { JobContext } from '../../platform/jobs.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { users } from '../../platform/schema.ts';
import { activities, people } from '../../db/schema.ts';
import { liaisonHref, referenceOf, secretariatAddresses } from './liaisons.ts';
import { liaisonMessages } from './messages.ts';
import { liaisonReplies, liaisonStatements } from './schema.ts';

/** Days before an incoming statement's deadline when its assignee is reminded (0: on the day). */
export const incomingReminderDays = [14, 7, 3, 1, 0] as const;
/** Days before the reply date of a sent statement when its drafter and the secretariat hear that no reply came. */
export const outgoingReminderDays = [7, 0] as const;
export const reminderJobKind = 'liaison.deadline_reminder';
/** Reminders go out at 06:00 UTC on their day: morning in Geneva, still the same day from the Americas to Asia. */
const reminderHourUtc = 6;

type Statement = typeof liaisonStatements.$inferSelect;
const reminderPayload = z.object({ statementId: z.number().int().positive(), deadline: z.iso.date(), daysBefore: z.number().int().min(0) });
type ReminderPayload = z.output<typeof reminderPayload>;

const dayMs = 86_400_000;
const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
const reminderDays = (s: Pick<Statement, 'direction'>) => (s.direction === 'in' ? incomingReminderDays : outgoingReminderDays);

/**
 * Queues the reminders for the statement's current deadline whose day has not passed (an incoming one, or an
 * outgoing one once sent). Keys name the statement, the deadline and the day, so queuing again is harmless and a
 * deadline moved back to a date already reminded does not remind twice.
 */
export async function scheduleReminders(tx: Tx, s: Statement, now: Date): Promise<number> {
  if (!s.deadline) return 0;
  if (s.direction === 'out' && s.state !== 'sent') return 0;
  const today = now.toISOString().slice(0, 10);
  let queued = 0;
  for (const days of reminderDays(s)) {
    const day = addDays(s.deadline, -days);
    if (day < today) continue;
    const added = await enqueueJob(tx, {
      kind: reminderJobKind,
      payload: { statementId: s.id, deadline: s.deadline, daysBefore: days } satisfies ReminderPayload,
      runAt: new Date(Date.parse(`${day}T00:00:00Z`) + reminderHourUtc * 3_600_000),
      dedupeKey: `${reminderJobKind}:${s.id}:${s.deadline}:${days}`,
    });
    if (added) queued++;
  }
  return queued;
}

/** Whether this reminder is still worth sending now; a later one already due replaces it (a worker that was down). */
function stillDue(s: Statement, payload: ReminderPayload, today: string, hasReply: boolean): boolean {
  if (s.deadline !== payload.deadline) return false;
  const left = daysBetween(today, s.deadline);
  if (left < 0) return false;
  const later = reminderDays(s).filter((d) => d < payload.daysBefore);
  if (later.some((d) => left <= d)) return false;
  if (s.direction === 'in') return s.actionStatus === 'open' || s.actionStatus === 'in_progress';
  return s.state === 'sent' && !hasReply;
}

type Addressee = { name: string; email: string; locale: Locale };

async function secretariatOf(tx: Tx, activity: typeof activities.$inferSelect): Promise<Addressee[]> {
  return (await secretariatAddresses(tx, activity)).map((a) => ({ name: a.name, email: a.email, locale: a.locale }));
}

/**
 * The job: reminds the assignee of an incoming statement (the secretariat when nobody is assigned), or the drafter
 * and the secretariat of a sent statement still without a reply. Runs in the job's transaction, so the mail and the
 * `liaison.reminder_sent` event are written exactly once.
 */
export async function runDeadlineReminder(stored: unknown, { tx, config, now }: JobContext): Promise<void> {
  const payload = reminderPayload.parse(stored);
  const [s] = await tx.select().from(liaisonStatements).where(eq(liaisonStatements.id, payload.statementId));
  if (!s) return;
  const [activity] = await tx.select().from(activities).where(eq(activities.id, s.activityId));
  if (!activity) return;
  const replies = await tx
    .select({ id: liaisonStatements.id })
    .from(liaisonReplies)
    .innerJoin(liaisonStatements, eq(liaisonStatements.id, liaisonReplies.replyId))
    .where(and(eq(liaisonReplies.repliedToId, s.id), eq(liaisonStatements.direction, 'in')));
  const today = now.toISOString().slice(0, 10);
  if (!stillDue(s, payload, today, replies.length > 0)) return;
  const days = daysBetween(today, payload.deadline);
  let addressees: Addressee[] = [];
  if (s.direction === 'in' && s.assigneePersonId) {
    const [person] = await tx
      .select({ name: people.name, email: people.email, userEmail: users.email, locale: users.locale, disabledAt: users.disabledAt })
      .from(people)
      .leftJoin(users, eq(users.id, people.userId))
      .where(eq(people.id, s.assigneePersonId));
    const email = person?.userEmail && !person.disabledAt ? person.userEmail : person?.email;
    if (person && email) addressees = [{ name: person.name, email, locale: person.locale ?? 'en' }];
  }
  if (s.direction === 'out' && s.createdByUserId) {
    const [drafter] = await tx.select().from(users).where(eq(users.id, s.createdByUserId));
    if (drafter && !drafter.disabledAt) addressees.push({ name: drafter.name, email: drafter.email, locale: drafter.locale ?? 'en' });
  }
  if (!addressees.length || s.direction === 'out') addressees.push(...(await secretariatOf(tx, activity)));
  const seen = new Set<string>();
  addressees = addressees.filter((a) => !seen.has(a.email.toLowerCase()) && seen.add(a.email.toLowerCase()));
  if (!addressees.length) return;
  for (const to of addressees) {
    const m = liaisonMessages(to.locale);
    const facts = {
      acronym: activity.acronym,
      reference: referenceOf(s),
      title: s.title.replace(/\s+/g, ' ').trim(),
      purpose: m.purposes[s.purpose],
      deadline: formatDate(payload.deadline, to.locale),
      link: `${config.baseUrl}${liaisonHref(activity, s.id)}`,
      days,
    };
    const incoming = s.direction === 'in';
    await enqueueMail(
      tx,
      {
        purpose: incoming ? 'liaison_deadline_reminder' : 'liaison_reply_reminder',
        to: to.email,
        subject: incoming ? m.mail.reminderSubject(facts) : m.mail.awaitingSubject(facts),
        text: incoming ? m.mail.reminderBody({ ...facts, status: m.actionStatuses[s.actionStatus ?? 'open'] }) : m.mail.awaitingBody(facts),
      },
      new URL(config.baseUrl).hostname,
    );
  }
  await recordEvent(tx, systemActor('reminders'), {
    kind: 'liaison.reminder_sent',
    subjectType: 'liaison_statement',
    subjectId: s.id,
    activityId: activity.id,
    summary: `Reminder ${days === 0 ? 'on the deadline day' : `${days} day(s) before the deadline`} sent to ${addressees.map((a) => a.name).join(', ')}`,
    after: { deadline: payload.deadline, daysBefore: payload.daysBefore, daysLeft: days, to: addressees.map((a) => a.name) },
  });
}
