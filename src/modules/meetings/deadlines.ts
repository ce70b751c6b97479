// Deadlines of a meeting and the activity's rule for what arrives after them. Used by registration and by documents.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { AppError } from '../../platform/errors.ts';
import { formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { cachedRead } from '../../platform/read-cache.ts';
import { meetingMessages } from './messages.ts';
import { importantDates, type LateRule, meetingSettings, meetings } from './schema.ts';

export type Meeting = typeof meetings.$inferSelect;
export type DeadlineKind = 'contribution' | 'registration';

/** A deadline as the rules need it: when it falls, the zone to name it in, and what happens after it. */
export type Deadline = { kind: DeadlineKind; label: string; dueAt: Date; timeZone: string; rule: LateRule };

/** What an activity does after a deadline when it has not chosen: late contributions are taken (marked), late registrations refused. */
export const defaultLateRules: Record<DeadlineKind, LateRule> = { contribution: 'accept_late', registration: 'refuse' };

/** A meeting by its number within an activity, or null. */
export async function findMeeting(tx: Tx, activityId: number, number: number): Promise<Meeting | null> {
  const [row] = await cachedRead(tx, `meeting:${activityId}:${number}`, () =>
    tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.activityId, activityId), eq(meetings.number, number))),
  );
  return row ?? null;
}

/** The activity's lateness rules, with the defaults filled in. */
export async function lateRulesOf(tx: Tx, activityId: number): Promise<Record<DeadlineKind, LateRule>> {
  const [row] = await tx.select().from(meetingSettings).where(eq(meetingSettings.activityId, activityId));
  return lateRules(row);
}

const lateRules = (row: Pick<typeof meetingSettings.$inferSelect, 'lateContributions' | 'lateRegistrations'> | null | undefined): Record<DeadlineKind, LateRule> =>
  row ? { contribution: row.lateContributions, registration: row.lateRegistrations } : { ...defaultLateRules };

/** The meeting's contribution or registration deadline with the activity's rule, or null when it has none. */
export function deadlineFor(tx: Tx, meetingId: number, kind: DeadlineKind): Promise<Deadline | null> {
  return cachedRead(tx, `deadline:${meetingId}:${kind}`, () => readDeadline(tx, meetingId, kind));
}

/** The date and the activity's rule in one statement (registering reads it in its transaction, under load). */
async function readDeadline(tx: Tx, meetingId: number, kind: DeadlineKind): Promise<Deadline | null> {
  const [row] = await tx
    .select({
      label: importantDates.label,
      dueAt: importantDates.dueAt,
      timeZone: meetings.timeZone,
      settings: { lateContributions: meetingSettings.lateContributions, lateRegistrations: meetingSettings.lateRegistrations },
    })
    .from(importantDates)
    .innerJoin(meetings, eq(meetings.id, importantDates.meetingId))
    .leftJoin(meetingSettings, eq(meetingSettings.activityId, meetings.activityId))
    .where(and(eq(importantDates.meetingId, meetingId), eq(importantDates.kind, kind)));
  if (!row) return null;
  return { kind, label: row.label, dueAt: row.dueAt, timeZone: row.timeZone, rule: lateRules(row.settings)[kind] };
}

/**
 * Applies a deadline to something arriving at `at`: on time, or late and accepted (marked late), or refused with an
 * AppError ('conflict') whose message names the deadline with its date, time and zone. No deadline means on time.
 */
export function applyDeadline(deadline: Deadline | null, at: Date, locale: Locale): { late: boolean } {
  if (!deadline || at.getTime() <= deadline.dueAt.getTime()) return { late: false };
  if (deadline.rule === 'accept_late') return { late: true };
  const m = meetingMessages(locale);
  const when = formatDateTime(deadline.dueAt, locale, deadline.timeZone);
  throw new AppError('conflict', m.deadlinePassed(m.deadlineKinds[deadline.kind], when, deadline.timeZone), {
    deadline: deadline.dueAt.toISOString(),
    kind: deadline.kind,
  });
}
