// Meetings of an activity: create, edit, announce, mark held, cancel, delete a draft; their important dates and the activity's
// lateness rules. The only code that changes meetings, meeting_important_dates and meeting_settings.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, type FieldErrors, forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import { formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { isoDate, optionalText, optionalUrl, requiredText } from '../../platform/validation.ts';
import { cachedRead } from '../../platform/read-cache.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { activities, documents } from '../../db/schema.ts';
import { fillAgendaFromTemplate } from './agenda.ts';
import { type DeadlineKind, findMeeting, lateRulesOf, type Meeting } from './deadlines.ts';
import { meetingPath } from './meeting-paths.ts';
import { defaultDeadlineTime, isTimeZone, localToInstant } from './meeting-times.ts';
import { type MeetingMessages, meetingMessages } from './messages.ts';
import { canMeeting, meetingDeletable } from './policy.ts';
import { promoteFromWaitingList } from './registration-changes.ts';
import { registrantLocales } from './registration-mail.ts';
import { scheduleDeadlineReminders } from './reminders.ts';
import { importantDates, lateRules, meetingModes, meetingSettings, meetings, registrationConfirmations, registrations } from './schema.ts';

export type { Meeting } from './deadlines.ts';
export type ImportantDate = typeof importantDates.$inferSelect;
/** What the meeting functions need besides the actor: the language of messages, where links point, and the clock. */
export type MeetingContext = { locale: Locale; baseUrl: string; now?: Date };

// ---- Input ------------------------------------------------------------------------------------------------------

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v);
const dateField = () => z.preprocess(blankToNull, isoDate());
const optionalDateField = () => z.preprocess(blankToNull, isoDate().nullable()).optional();
const timeField = () => z.preprocess(blankToNull, z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'time'));
const optionalTimeField = () =>
  z.preprocess(blankToNull, z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'time').nullable()).optional();

/**
 * A meeting as forms and the API give it: wall-clock dates and times in the meeting's zone (what organisers know);
 * deadlines without a time fall at 23:59 there. Converted to instants by `resolveMeetingTimes`.
 */
export const meetingInput = z.object({
  number: z.preprocess(blankToNull, z.coerce.number().int().positive().max(9999).nullable()).optional(),
  title: requiredText(300),
  mode: z.enum(meetingModes),
  venue: optionalText(300),
  city: optionalText(120),
  cityFr: optionalText(120),
  timeZone: requiredText(64),
  startDate: dateField(),
  startTime: timeField(),
  endDate: dateField(),
  endTime: timeField(),
  colocatedEvent: optionalText(300),
  colocatedEventFr: optionalText(300),
  language: z.preprocess(blankToNull, z.string().max(60).nullable()).optional(),
  remoteUrl: optionalUrl(),
  onsiteCapacity: z.preprocess(blankToNull, z.coerce.number().int().min(1).max(100000).nullable()).optional(),
  /** who confirms registrations before they count; left out: e-mail for a new meeting, unchanged for an edit */
  registrationConfirmation: z.preprocess(blankToNull, z.enum(registrationConfirmations).nullable()).optional(),
  contributionDate: optionalDateField(),
  contributionTime: optionalTimeField(),
  registrationDate: optionalDateField(),
  registrationTime: optionalTimeField(),
});
export type MeetingInput = z.output<typeof meetingInput>;

export const cancelInput = z.object({ reason: requiredText(2000) });
export const importantDateInput = z.object({
  label: requiredText(200),
  date: dateField(),
  time: optionalTimeField(),
});
export type ImportantDateInput = z.output<typeof importantDateInput>;
export const lateRulesInput = z.object({ lateContributions: z.enum(lateRules), lateRegistrations: z.enum(lateRules) });

type Deadlines = Partial<Record<DeadlineKind, { dueAt: Date; hasTime: boolean } | null>>;
type ResolvedTimes = { startsAt: Date; endsAt: Date; deadlines: Deadlines };

/** One wall-clock time turned into an instant, or a message for `field`. */
function resolveOne(m: MeetingMessages, errors: FieldErrors, field: string, date: string, time: string, zone: string): Date | null {
  const result = localToInstant(date, time, zone);
  if (result.ok) return result.instant;
  errors[field] = result.reason === 'nonexistent' ? m.nonexistentTime(date, time, zone) : m.invalidTime;
  return null;
}

/**
 * The instants of a meeting's start, end and deadlines in its zone. Refuses an unknown zone, a time skipped by
 * daylight saving, an end before the start, and a deadline time without a date, naming the field each time.
 */
export function resolveMeetingTimes(input: MeetingInput, locale: Locale): ResolvedTimes {
  const m = meetingMessages(locale);
  const errors: FieldErrors = {};
  if (!isTimeZone(input.timeZone)) throw invalid({ timeZone: m.invalidZone });
  const startsAt = resolveOne(m, errors, 'startTime', input.startDate, input.startTime, input.timeZone);
  const endsAt = resolveOne(m, errors, 'endTime', input.endDate, input.endTime, input.timeZone);
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) errors.endTime = m.endBeforeStart;
  const deadlines: Deadlines = {};
  for (const kind of ['contribution', 'registration'] as const) {
    const date = input[`${kind}Date`];
    const time = input[`${kind}Time`];
    if (date === undefined && time === undefined) continue;
    if (!date) {
      if (time) errors[`${kind}Date`] = m.timeWithoutDate;
      deadlines[kind] = null;
      continue;
    }
    const dueAt = resolveOne(m, errors, `${kind}Time`, date, time ?? defaultDeadlineTime, input.timeZone);
    // A contribution or registration deadline after the meeting has begun makes no sense: both are for before it.
    if (dueAt && startsAt && dueAt.getTime() > startsAt.getTime()) {
      errors[`${kind}Date`] = m.deadlineAfterStart(m.deadlineKinds[kind], formatDateTime(startsAt, locale, input.timeZone));
    } else if (dueAt) deadlines[kind] = { dueAt, hasTime: Boolean(time) };
  }
  if (Object.keys(errors).length || !startsAt || !endsAt) throw invalid(errors);
  return { startsAt, endsAt, deadlines };
}

// ---- Reading ----------------------------------------------------------------------------------------------------

/** A meeting of a readable activity by acronym and number, or not found (also when the activity is not readable). */
export async function loadMeeting(tx: Tx, actor: Actor, acronym: string, number: number): Promise<{ activity: Activity; meeting: Meeting }> {
  const activity = await getActivity(tx, actor, acronym);
  const meeting = await findMeeting(tx, activity.id, number);
  if (!meeting) throw notFound();
  return { activity, meeting };
}

/** The activity's meetings: upcoming (not yet ended) soonest first, past ones latest first. */
export async function listMeetings(tx: Tx, activityId: number, now = new Date()): Promise<{ upcoming: Meeting[]; past: Meeting[] }> {
  const rows = await tx.select().from(meetings).where(eq(meetings.activityId, activityId)).orderBy(asc(meetings.startsAt));
  const upcoming = rows.filter((r) => r.endsAt.getTime() >= now.getTime());
  const past = rows.filter((r) => r.endsAt.getTime() < now.getTime()).reverse();
  return { upcoming, past };
}

export function listImportantDates(tx: Tx, meetingId: number): Promise<ImportantDate[]> {
  return cachedRead(tx, `important-dates:${meetingId}`, () =>
    tx.select().from(importantDates).where(eq(importantDates.meetingId, meetingId)).orderBy(asc(importantDates.dueAt), asc(importantDates.id)),
  );
}

/** Every important date of the activity's meetings (for the calendar feed). */
export function listActivityDates(tx: Tx, activityId: number): Promise<(ImportantDate & { meetingNumber: number; meetingTitle: string })[]> {
  return tx
    .select({
      id: importantDates.id,
      meetingId: importantDates.meetingId,
      kind: importantDates.kind,
      label: importantDates.label,
      dueAt: importantDates.dueAt,
      hasTime: importantDates.hasTime,
      createdAt: importantDates.createdAt,
      meetingNumber: meetings.number,
      meetingTitle: meetings.title,
    })
    .from(importantDates)
    .innerJoin(meetings, eq(meetings.id, importantDates.meetingId))
    .where(eq(meetings.activityId, activityId))
    .orderBy(asc(importantDates.dueAt));
}

// ---- Changes ----------------------------------------------------------------------------------------------------

async function lockActivity(tx: Tx, actor: Actor, activityId: number): Promise<Activity> {
  const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId)).for('update');
  if (!activity || !canMeeting(actor, 'read', activity)) throw notFound();
  if (!canMeeting(actor, 'manage', activity)) throw forbidden();
  return activity;
}

async function lockMeeting(tx: Tx, actor: Actor, meetingId: number): Promise<{ activity: Activity; meeting: Meeting }> {
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
  if (!meeting) throw notFound();
  const [activity] = await tx.select().from(activities).where(eq(activities.id, meeting.activityId));
  if (!activity || !canMeeting(actor, 'read', activity)) throw notFound();
  if (!canMeeting(actor, 'manage', activity)) throw forbidden();
  return { activity, meeting };
}

/** Writes (or removes, for null) the contribution and registration deadlines given, and schedules their reminders. */
async function writeDeadlines(tx: Tx, meeting: Meeting, deadlines: Deadlines, m: MeetingMessages, now: Date): Promise<void> {
  for (const kind of ['contribution', 'registration'] as const) {
    const value = deadlines[kind];
    if (value === undefined) continue;
    if (value === null) {
      await tx.delete(importantDates).where(and(eq(importantDates.meetingId, meeting.id), eq(importantDates.kind, kind)));
      continue;
    }
    const [existing] = await tx
      .select()
      .from(importantDates)
      .where(and(eq(importantDates.meetingId, meeting.id), eq(importantDates.kind, kind)));
    if (existing) {
      await tx.update(importantDates).set({ dueAt: value.dueAt, hasTime: value.hasTime }).where(eq(importantDates.id, existing.id));
    } else {
      await tx.insert(importantDates).values({ meetingId: meeting.id, kind, label: m.dateKinds[kind], dueAt: value.dueAt, hasTime: value.hasTime });
    }
    await scheduleDeadlineReminders(tx, { meetingId: meeting.id, kind, dueAt: value.dueAt }, now);
  }
}

const eventValues = (meeting: Meeting) => ({
  number: meeting.number,
  title: meeting.title,
  mode: meeting.mode,
  venue: meeting.venue,
  city: meeting.city,
  cityFr: meeting.cityFr,
  timeZone: meeting.timeZone,
  startsAt: meeting.startsAt.toISOString(),
  endsAt: meeting.endsAt.toISOString(),
  colocatedEvent: meeting.colocatedEvent,
  colocatedEventFr: meeting.colocatedEventFr,
  language: meeting.language,
  remoteUrl: meeting.remoteUrl,
  onsiteCapacity: meeting.onsiteCapacity,
  registrationConfirmation: meeting.registrationConfirmation,
  status: meeting.status,
});

const deadlineValues = (d: Deadlines) =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [`${k}Deadline`, v ? v.dueAt.toISOString() : null]));

/**
 * Creates a meeting (status planned) with its deadlines and its working agenda, the activity's agenda template (its
 * own, else the standard JCA agenda) as a draft to edit; the number is the next free one unless given.
 * Side effects: a `meeting.created` and an `agenda.started` event; reminder jobs for each future deadline.
 */
export async function createMeeting(db: Db, actor: Actor, activityId: number, input: MeetingInput, ctx: MeetingContext): Promise<Meeting> {
  const m = meetingMessages(ctx.locale);
  const times = resolveMeetingTimes(input, ctx.locale);
  try {
    return await db.transaction(async (tx) => {
      // The activity row is locked so two secretaries creating meetings at once get different numbers.
      const activity = await lockActivity(tx, actor, activityId);
      let number = input.number ?? null;
      if (number === null) {
        const [row] = await tx
          .select({ max: sql<number | null>`max(${meetings.number})` })
          .from(meetings)
          .where(eq(meetings.activityId, activityId));
        number = Number(row?.max ?? 0) + 1;
      } else if (await findMeeting(tx, activityId, number)) {
        throw invalid({ number: m.numberTaken(number) });
      }
      const [meeting] = await tx
        .insert(meetings)
        .values({
          activityId,
          number,
          title: input.title,
          mode: input.mode,
          venue: input.venue ?? null,
          city: input.city ?? null,
          cityFr: input.cityFr ?? null,
          timeZone: input.timeZone,
          startsAt: times.startsAt,
          endsAt: times.endsAt,
          colocatedEvent: input.colocatedEvent ?? null,
          colocatedEventFr: input.colocatedEventFr ?? null,
          language: input.language ?? 'English',
          remoteUrl: input.remoteUrl ?? null,
          onsiteCapacity: input.onsiteCapacity ?? null,
          registrationConfirmation: input.registrationConfirmation ?? 'email',
        })
        .returning();
      if (!meeting) throw new Error('meeting insert returned nothing');
      await writeDeadlines(tx, meeting, times.deadlines, m, ctx.now ?? new Date());
      await recordEvent(tx, actor, {
        kind: 'meeting.created',
        subjectType: 'meeting',
        subjectId: meeting.id,
        activityId: activity.id,
        summary: `Meeting ${meeting.number} created: ${meeting.title}`,
        after: { ...eventValues(meeting), ...deadlineValues(times.deadlines) },
      });
      await fillAgendaFromTemplate(tx, actor, { activity, meeting });
      return meeting;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid({ number: m.numberTaken(input.number ?? 0) });
    throw error;
  }
}

/**
 * Changes a meeting's facts and deadlines (a blank deadline removes it). Moving a deadline schedules new reminders;
 * those of the old time find the deadline moved and send nothing. Side effects: a `meeting.updated` event with the
 * changed fields (none when nothing changed).
 */
export async function updateMeeting(db: Db, actor: Actor, meetingId: number, input: MeetingInput, ctx: MeetingContext): Promise<Meeting> {
  const m = meetingMessages(ctx.locale);
  const times = resolveMeetingTimes(input, ctx.locale);
  try {
    return await db.transaction(async (tx) => {
      const { meeting: before, activity } = await lockMeeting(tx, actor, meetingId);
      if (input.number && input.number !== before.number) {
        const clash = await findMeeting(tx, before.activityId, input.number);
        if (clash) throw invalid({ number: m.numberTaken(input.number) });
      }
      const beforeDates = await tx.select().from(importantDates).where(eq(importantDates.meetingId, meetingId));
      const [meeting] = await tx
        .update(meetings)
        .set({
          number: input.number ?? before.number,
          title: input.title,
          mode: input.mode,
          venue: input.venue ?? null,
          city: input.city ?? null,
          cityFr: input.cityFr ?? null,
          timeZone: input.timeZone,
          startsAt: times.startsAt,
          endsAt: times.endsAt,
          colocatedEvent: input.colocatedEvent ?? null,
          colocatedEventFr: input.colocatedEventFr ?? null,
          language: input.language ?? before.language,
          remoteUrl: input.remoteUrl ?? null,
          onsiteCapacity: input.onsiteCapacity ?? null,
          registrationConfirmation: input.registrationConfirmation ?? before.registrationConfirmation,
          updatedAt: new Date(),
        })
        .where(eq(meetings.id, meetingId))
        .returning();
      if (!meeting) throw notFound();
      await writeDeadlines(tx, meeting, times.deadlines, m, ctx.now ?? new Date());
      // More onsite places (or none) may let people in from the waiting list.
      await promoteFromWaitingList(tx, actor, activity, meeting, ctx);
      const oldDeadlines = Object.fromEntries(
        beforeDates.filter((d) => d.kind !== 'other').map((d) => [`${d.kind}Deadline`, d.dueAt.toISOString()]),
      );
      const diff = changedFields(
        { contributionDeadline: null, registrationDeadline: null, ...eventValues(before), ...oldDeadlines } as Record<string, unknown>,
        { ...eventValues(meeting), ...deadlineValues(times.deadlines) },
      );
      if (diff) {
        await recordEvent(tx, actor, {
          kind: 'meeting.updated',
          subjectType: 'meeting',
          subjectId: meeting.id,
          activityId: meeting.activityId,
          summary: `Meeting ${meeting.number} changed: ${Object.keys(diff.after).join(', ')}`,
          ...diff,
        });
      }
      return meeting;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid({ number: m.numberTaken(input.number ?? 0) });
    throw error;
  }
}

async function setStatus(
  db: Db,
  actor: Actor,
  meetingId: number,
  next: 'announced' | 'held',
  ctx: MeetingContext,
): Promise<Meeting> {
  const m = meetingMessages(ctx.locale);
  return db.transaction(async (tx) => {
    const { meeting: before } = await lockMeeting(tx, actor, meetingId);
    if (next === 'announced' && before.status !== 'planned') throw new AppError('conflict', m.cannotAnnounce(m.statuses[before.status]));
    if (next === 'held' && before.status !== 'announced') throw new AppError('conflict', m.cannotHold);
    const [meeting] = await tx.update(meetings).set({ status: next, updatedAt: new Date() }).where(eq(meetings.id, meetingId)).returning();
    if (!meeting) throw notFound();
    await recordEvent(tx, actor, {
      kind: next === 'announced' ? 'meeting.announced' : 'meeting.held',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: meeting.activityId,
      summary: `Meeting ${meeting.number} ${next}`,
      before: { status: before.status },
      after: { status: next },
    });
    return meeting;
  });
}

/** Announces a planned meeting, which opens registration. Side effects: a `meeting.announced` event. */
export const announceMeeting = (db: Db, actor: Actor, meetingId: number, ctx: MeetingContext) => setStatus(db, actor, meetingId, 'announced', ctx);
/** Records that an announced meeting took place. Side effects: a `meeting.held` event. */
export const markMeetingHeld = (db: Db, actor: Actor, meetingId: number, ctx: MeetingContext) => setStatus(db, actor, meetingId, 'held', ctx);

/**
 * Cancels a meeting with a reason. Side effects: a `meeting.cancelled` event; a mail with the reason to everyone
 * registered or waiting. Registrations are kept (the record of who meant to come).
 */
export async function cancelMeeting(db: Db, actor: Actor, meetingId: number, reason: string, ctx: MeetingContext): Promise<Meeting> {
  const m = meetingMessages(ctx.locale);
  if (!reason.trim()) throw invalid({ reason: m.cancelReasonRequired });
  return db.transaction(async (tx) => {
    const { activity, meeting: before } = await lockMeeting(tx, actor, meetingId);
    if (before.status === 'cancelled') throw new AppError('conflict', m.cannotCancel);
    const [meeting] = await tx
      .update(meetings)
      .set({ status: 'cancelled', cancelReason: reason.trim(), updatedAt: new Date() })
      .where(eq(meetings.id, meetingId))
      .returning();
    if (!meeting) throw notFound();
    const people = await tx
      .select({ name: registrations.name, email: registrations.email, userId: registrations.userId, locale: registrations.locale })
      .from(registrations)
      .where(and(eq(registrations.meetingId, meetingId), sql`${registrations.status} in ('registered', 'waiting')`));
    // Each registrant in their language (English when it is not known); the reason stays as it was written.
    const locales = await registrantLocales(tx, people);
    for (const [i, p] of people.entries()) {
      const words = meetingMessages(locales[i] ?? 'en');
      const title = `${activity.acronym} ${words.numberedTitle(meeting.number, meeting.title)}`;
      await enqueueMail(tx, {
        purpose: 'meeting.cancelled',
        to: p.email,
        subject: words.mail.meetingCancelledSubject(activity.acronym, meeting.title),
        text: words.mail.meetingCancelledBody(p.name, title, meeting.cancelReason ?? '', `${ctx.baseUrl}${meetingPath(activity, meeting)}`),
      });
    }
    await recordEvent(tx, actor, {
      kind: 'meeting.cancelled',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: meeting.activityId,
      summary: `Meeting ${meeting.number} cancelled: ${reason.trim()}`,
      before: { status: before.status },
      after: { status: 'cancelled', cancelReason: meeting.cancelReason },
    });
    return meeting;
  });
}

/** What decides whether a meeting may still be deleted: its registrations (any, even cancelled) and documents. */
export async function deletionFacts(tx: Tx, meetingId: number): Promise<{ registrations: number; documents: number }> {
  const [registered] = await tx.select({ n: sql<number>`count(*)::int` }).from(registrations).where(eq(registrations.meetingId, meetingId));
  const [documented] = await tx.select({ n: sql<number>`count(*)::int` }).from(documents).where(eq(documents.meetingId, meetingId));
  return { registrations: Number(registered?.n ?? 0), documents: Number(documented?.n ?? 0) };
}

/** Why a meeting can no longer be deleted, in words, or null when it can (policy.ts meetingDeletable). */
export function deletionRefusal(meeting: Meeting, facts: { registrations: number; documents: number }, locale: Locale): string | null {
  if (meetingDeletable(meeting, facts)) return null;
  const m = meetingMessages(locale);
  if (meeting.status !== 'planned') return m.cannotDeleteStatus(m.statuses[meeting.status].toLowerCase());
  return m.cannotDeleteRecords(facts.registrations, facts.documents);
}

/**
 * Deletes a meeting still in preparation (secretariat): never announced, no registration, no document — a draft made
 * by mistake. Its working agenda and dates go with it; a liaison statement that named it keeps no link. Anything
 * further is cancelled instead (cancelMeeting), so the record of what others saw stays.
 * Side effects: the meeting and its rows; a `meeting.deleted` event naming its number and title.
 */
export async function deleteMeeting(db: Db, actor: Actor, meetingId: number, ctx: MeetingContext): Promise<Meeting> {
  return db.transaction(async (tx) => {
    const { meeting } = await lockMeeting(tx, actor, meetingId);
    const refusal = deletionRefusal(meeting, await deletionFacts(tx, meetingId), ctx.locale);
    if (refusal) throw new AppError('conflict', refusal);
    await tx.delete(meetings).where(eq(meetings.id, meetingId));
    await recordEvent(tx, actor, {
      kind: 'meeting.deleted',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: meeting.activityId,
      summary: `Draft meeting ${meeting.number} deleted: ${meeting.title}`,
      before: { number: meeting.number, title: meeting.title, status: meeting.status },
    });
    return meeting;
  });
}

/** Adds a named date (kind "other") to a meeting, at 23:59 in its zone unless a time is given. Side effects: an event. */
export async function addImportantDate(db: Db, actor: Actor, meetingId: number, input: ImportantDateInput, ctx: MeetingContext): Promise<ImportantDate> {
  const m = meetingMessages(ctx.locale);
  return db.transaction(async (tx) => {
    const { meeting } = await lockMeeting(tx, actor, meetingId);
    const errors: FieldErrors = {};
    const dueAt = resolveOne(m, errors, 'time', input.date, input.time ?? defaultDeadlineTime, meeting.timeZone);
    if (!dueAt) throw invalid(errors);
    const [row] = await tx
      .insert(importantDates)
      .values({ meetingId, kind: 'other', label: input.label, dueAt, hasTime: Boolean(input.time) })
      .returning();
    if (!row) throw new Error('date insert returned nothing');
    await recordEvent(tx, actor, {
      kind: 'meeting.date_added',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: meeting.activityId,
      summary: `Date added to meeting ${meeting.number}: ${input.label}, ${formatDateTime(dueAt, 'en', meeting.timeZone)}`,
      after: { label: input.label, dueAt: dueAt.toISOString() },
    });
    return row;
  });
}

/** Removes an important date of a meeting (deadlines too: the meeting then has none). Side effects: an event. */
export async function removeImportantDate(db: Db, actor: Actor, meetingId: number, dateId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { meeting } = await lockMeeting(tx, actor, meetingId);
    const [row] = await tx
      .delete(importantDates)
      .where(and(eq(importantDates.id, dateId), eq(importantDates.meetingId, meetingId)))
      .returning();
    if (!row) throw notFound();
    await recordEvent(tx, actor, {
      kind: 'meeting.date_removed',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: meeting.activityId,
      summary: `Date removed from meeting ${meeting.number}: ${row.label}`,
      before: { label: row.label, kind: row.kind, dueAt: row.dueAt.toISOString() },
    });
  });
}

/** Sets what the activity does after a deadline. Side effects: a `meeting.rules_updated` event on the activity. */
export async function updateLateRules(
  db: Db,
  actor: Actor,
  activityId: number,
  input: z.output<typeof lateRulesInput>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockActivity(tx, actor, activityId);
    const before = await lateRulesOf(tx, activityId);
    await tx
      .insert(meetingSettings)
      .values({ activityId, ...input })
      .onConflictDoUpdate({ target: meetingSettings.activityId, set: { ...input, updatedAt: new Date() } });
    const diff = changedFields(
      { lateContributions: before.contribution, lateRegistrations: before.registration },
      input,
    );
    if (diff) {
      await recordEvent(tx, actor, {
        kind: 'meeting.rules_updated',
        subjectType: 'activity',
        subjectId: activityId,
        activityId,
        summary: `Deadline rules: contributions ${input.lateContributions}, registrations ${input.lateRegistrations}`,
        ...diff,
      });
    }
  });
}

/** The next meeting number an activity would get (for the form's hint). */
export async function nextMeetingNumber(tx: Tx, activityId: number): Promise<number> {
  const [row] = await tx.select({ number: meetings.number }).from(meetings).where(eq(meetings.activityId, activityId)).orderBy(desc(meetings.number)).limit(1);
  return (row?.number ?? 0) + 1;
}
