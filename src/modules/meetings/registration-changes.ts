// Changing registrations: register (onsite or remote), change the mode, cancel, the onsite waiting list, attendance.
// The only code that writes meeting_registrations. Each change is one transaction that locks the meeting (so two
// registrations for the last onsite place are decided one after the other), reads the registration once, asks
// policy.ts once and the status table (registration-states.ts) once. A registrant manages their registration by the
// link in the confirmation mail (a token whose hash is stored) or, when signed in, from the meeting's registration page.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import type { Activity } from '../activities/index.ts';
import { applyDeadline, deadlineFor, type Meeting } from './deadlines.ts';
import { type MeetingMessages, meetingMessages } from './messages.ts';
import { canMeeting } from './policy.ts';
import type { RegistrationInput } from './registration-inputs.ts';
import { type MailLinks, mailRegistrant } from './registration-mail.ts';
import type { Registration } from './registration-queries.ts';
import { registrationSteps, requireRegistrationState } from './registration-states.ts';
import { meetings, type RegistrationMode, registrations } from './schema.ts';

export type RegistrationContext = MailLinks & { locale: Locale; now?: Date };

/**
 * How a registration is reached: by the token of its mail link, or by id for its owner (signed in) or the secretariat;
 * always within the meeting the URL names. An id given with a token must match, or the registration is not found: a
 * URL cannot mix them.
 */
export type RegistrationAccess = { token: string; registrationId?: number } | { registrationId: number };

/** Locks the activity's meeting for a change of its registrations; the activity is the one the caller already read. */
async function lockMeeting(tx: Tx, activity: Activity, meetingId: number): Promise<Meeting> {
  const [meeting] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.activityId, activity.id)))
    .for('update');
  if (!meeting) throw notFound();
  return meeting;
}

function checkOpen(meeting: Meeting, now: Date, m: MeetingMessages): void {
  if (meeting.status === 'cancelled') throw new AppError('conflict', m.registrationMeetingCancelled);
  if (meeting.status === 'planned') throw new AppError('conflict', m.registrationNotOpen);
  if (meeting.status === 'held' || meeting.endsAt.getTime() < now.getTime()) throw new AppError('conflict', m.registrationMeetingOver);
}

function checkModeOffered(meeting: Meeting, mode: RegistrationMode, m: MeetingMessages): void {
  if (meeting.mode === 'physical' && mode === 'remote') throw invalid({ mode: m.remoteNotOffered });
  if (meeting.mode === 'virtual' && mode === 'onsite') throw invalid({ mode: m.onsiteNotOffered });
}

async function onsiteTaken(tx: Tx, meetingId: number): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.mode, 'onsite'), eq(registrations.status, 'registered')));
  return Number(row?.count ?? 0);
}

const hasFreeOnsitePlace = async (tx: Tx, meeting: Meeting) =>
  meeting.onsiteCapacity === null || (await onsiteTaken(tx, meeting.id)) < meeting.onsiteCapacity;

/**
 * Registers someone for an announced meeting of the activity. Refuses a cancelled, not yet announced or past meeting,
 * a mode the meeting does not offer, an e-mail already registered, and — when the activity refuses late
 * registrations — a registration after the pre-registration deadline (accepted ones are marked late). An onsite
 * registration beyond the onsite places joins the waiting list. Side effects: a `registration.created` event; a
 * confirmation mail with the meeting as an .ics attachment and the link (token) to change or cancel. Returns the
 * registration and that token.
 */
export async function registerParticipant(
  db: Db,
  actor: Actor,
  activity: Activity,
  meetingId: number,
  input: RegistrationInput,
  ctx: RegistrationContext,
): Promise<{ registration: Registration; token: string }> {
  const m = meetingMessages(ctx.locale);
  const now = ctx.now ?? new Date();
  if (!canMeeting(actor, 'read', activity)) throw notFound();
  if (!canMeeting(actor, 'register', activity)) throw forbidden();
  try {
    return await db.transaction(async (tx) => {
      const meeting = await lockMeeting(tx, activity, meetingId);
      checkOpen(meeting, now, m);
      checkModeOffered(meeting, input.mode, m);
      const { late } = applyDeadline(await deadlineFor(tx, meeting.id, 'registration'), now, ctx.locale);
      const [existing] = await tx
        .select({ id: registrations.id })
        .from(registrations)
        .where(and(eq(registrations.meetingId, meetingId), sql`lower(${registrations.email}) = ${input.email.toLowerCase()}`, sql`${registrations.status} <> 'cancelled'`));
      if (existing) throw new AppError('conflict', m.alreadyRegistered(input.email), { fields: { email: m.alreadyRegistered(input.email) } });
      const waiting = input.mode === 'onsite' && !(await hasFreeOnsitePlace(tx, meeting));
      const token = newToken();
      const [registration] = await tx
        .insert(registrations)
        .values({
          meetingId,
          personId: actor.kind === 'user' ? actor.personId : null,
          userId: actor.kind === 'user' ? actor.userId : null,
          name: input.name,
          email: input.email,
          affiliation: input.affiliation ?? '',
          organizationRepresented: input.organizationRepresented ?? '',
          capacity: input.capacity,
          country: input.country ?? '',
          mode: input.mode,
          status: waiting ? 'waiting' : 'registered',
          waitingSince: waiting ? now : null,
          late,
          manageTokenHash: hashToken(token),
          locale: ctx.locale,
        })
        .returning();
      if (!registration) throw new Error('registration insert returned nothing');
      await mailRegistrant(tx, 'registered', activity, meeting, registration, { token, fallback: ctx.locale }, ctx);
      await recordEvent(tx, actor, {
        kind: 'registration.created',
        subjectType: 'meeting',
        subjectId: meeting.id,
        activityId: activity.id,
        summary: `${registration.name} registered for meeting ${meeting.number} (${registration.mode}${waiting ? ', waiting list' : ''}${late ? ', late' : ''})`,
        after: { registrationId: registration.id, name: registration.name, mode: registration.mode, status: registration.status, late },
      });
      return { registration, token };
    });
  } catch (error) {
    // Two registrations with the same e-mail at the same moment: the partial unique index refuses the second.
    if (isUniqueViolation(error)) throw new AppError('conflict', m.alreadyRegistered(input.email), { fields: { email: m.alreadyRegistered(input.email) } });
    throw error;
  }
}

/**
 * Gives freed onsite places to the waiting list, first come first served, as long as places are free (all of it when
 * the meeting has no limit). Runs inside the caller's transaction, which holds the meeting row locked.
 * Side effects per person: a `registration.promoted` event and a mail (in their language: someone else's change freed
 * the place).
 */
export async function promoteFromWaitingList(tx: Tx, actor: Actor, activity: Activity, meeting: Meeting, ctx: RegistrationContext): Promise<number> {
  const waiting = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, meeting.id), eq(registrations.status, 'waiting')))
    .orderBy(asc(registrations.waitingSince), asc(registrations.id));
  if (!waiting.length || meeting.status === 'cancelled') return 0;
  const free = meeting.onsiteCapacity === null ? waiting.length : Math.max(0, meeting.onsiteCapacity - (await onsiteTaken(tx, meeting.id)));
  let promoted = 0;
  for (const next of waiting.slice(0, free)) {
    const [registration] = await tx
      .update(registrations)
      .set({ status: registrationSteps.promote.to, waitingSince: null, updatedAt: new Date() })
      .where(eq(registrations.id, next.id))
      .returning();
    if (!registration) continue;
    await mailRegistrant(tx, 'promoted', activity, meeting, registration, { fallback: 'en' }, ctx);
    await recordEvent(tx, actor, {
      kind: 'registration.promoted',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: meeting.activityId,
      summary: `${registration.name} moved from the waiting list to an onsite place at meeting ${meeting.number}`,
      before: { registrationId: registration.id, status: next.status },
      after: { registrationId: registration.id, name: registration.name, status: registration.status },
    });
    promoted++;
  }
  return promoted;
}

/**
 * The registration reached by token or id, read once and locked after its meeting (always in that order, so two
 * changes never wait on each other crosswise). By id, only its owner and the secretariat reach it; anyone else finds
 * nothing, as for a registration that does not exist.
 */
async function registrationForChange(tx: Tx, actor: Actor, activity: Activity, meetingId: number, access: RegistrationAccess) {
  const meeting = await lockMeeting(tx, activity, meetingId);
  const hash = 'token' in access ? hashToken(access.token) : null;
  const [registration] = await tx
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.meetingId, meeting.id),
        hash ? eq(registrations.manageTokenHash, hash) : undefined,
        access.registrationId !== undefined ? eq(registrations.id, access.registrationId) : undefined,
      ),
    )
    .for('update');
  if (!registration) throw notFound();
  // The token is the key; without it, the policy decides.
  if (!hash && !canMeeting(actor, 'manage_registration', activity, { ownRegistration: ownsRegistration(actor, registration) })) throw notFound();
  return { registration, meeting };
}

/** Whether the registration is the actor's: linked to their account, or made with their address. */
const ownsRegistration = (actor: Actor, registration: Registration) =>
  actor.kind === 'user' && (registration.userId === actor.userId || registration.email.toLowerCase() === actor.email.toLowerCase());

/**
 * Changes how someone attends. Moving to onsite when the places are taken puts them on the waiting list; leaving an
 * onsite place gives it to the next person waiting. Side effects: a `registration.changed` event; a mail (with the
 * .ics) to the registrant; promotion mails.
 */
export async function changeRegistrationMode(
  db: Db,
  actor: Actor,
  activity: Activity,
  meetingId: number,
  access: RegistrationAccess,
  mode: RegistrationMode,
  ctx: RegistrationContext,
): Promise<Registration> {
  const m = meetingMessages(ctx.locale);
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const { registration: before, meeting } = await registrationForChange(tx, actor, activity, meetingId, access);
    requireRegistrationState('change_mode', before, ctx.locale);
    checkOpen(meeting, now, m);
    checkModeOffered(meeting, mode, m);
    if (before.mode === mode) return before;
    const leavesPlace = before.mode === 'onsite' && before.status === 'registered';
    const waiting = mode === 'onsite' && !(await hasFreeOnsitePlace(tx, meeting));
    const [registration] = await tx
      .update(registrations)
      .set({ mode, status: waiting ? 'waiting' : 'registered', waitingSince: waiting ? now : null, updatedAt: new Date() })
      .where(eq(registrations.id, before.id))
      .returning();
    if (!registration) throw notFound();
    await mailRegistrant(tx, 'changed', activity, meeting, registration, { fallback: ctx.locale }, ctx);
    await recordEvent(tx, actor, {
      kind: 'registration.changed',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: activity.id,
      summary: `${registration.name} now attends meeting ${meeting.number} ${mode}${waiting ? ' (waiting list)' : ''}`,
      before: { registrationId: before.id, mode: before.mode, status: before.status },
      after: { registrationId: before.id, name: registration.name, mode, status: registration.status },
    });
    if (leavesPlace) await promoteFromWaitingList(tx, actor, activity, meeting, ctx);
    return registration;
  });
}

/**
 * Cancels a registration. An onsite place it held goes to the next person waiting. Side effects: a
 * `registration.cancelled` event; a mail to the registrant; promotion mails.
 */
export async function cancelRegistration(db: Db, actor: Actor, activity: Activity, meetingId: number, access: RegistrationAccess, ctx: RegistrationContext): Promise<Registration> {
  return db.transaction(async (tx) => {
    const { registration: before, meeting } = await registrationForChange(tx, actor, activity, meetingId, access);
    requireRegistrationState('cancel', before, ctx.locale);
    const [registration] = await tx
      .update(registrations)
      .set({ status: registrationSteps.cancel.to, waitingSince: null, cancelledAt: new Date(), updatedAt: new Date() })
      .where(eq(registrations.id, before.id))
      .returning();
    if (!registration) throw notFound();
    await mailRegistrant(tx, 'cancelled', activity, meeting, registration, { fallback: ctx.locale }, ctx);
    await recordEvent(tx, actor, {
      kind: 'registration.cancelled',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: activity.id,
      summary: `${registration.name} cancelled their registration for meeting ${meeting.number}`,
      before: { registrationId: before.id, mode: before.mode, status: before.status },
      after: { registrationId: before.id, name: registration.name, status: 'cancelled' },
    });
    if (before.mode === 'onsite' && before.status === 'registered') await promoteFromWaitingList(tx, actor, activity, meeting, ctx);
    return registration;
  });
}

/**
 * Records who attended, once the meeting has started: the registered participants listed are marked present, the
 * others absent. Side effects: a `registration.attendance` event with the count (none when nothing changed).
 */
export async function markAttendance(db: Db, actor: Actor, activity: Activity, meetingId: number, attendedIds: number[], ctx: RegistrationContext): Promise<number> {
  const m = meetingMessages(ctx.locale);
  const now = ctx.now ?? new Date();
  if (!canMeeting(actor, 'read', activity)) throw notFound();
  if (!canMeeting(actor, 'mark_attendance', activity)) throw forbidden();
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, activity, meetingId);
    if (now.getTime() < meeting.startsAt.getTime()) throw new AppError('conflict', m.attendanceTooEarly);
    const rows = await tx
      .select({ id: registrations.id, attended: registrations.attended })
      .from(registrations)
      .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'registered')));
    const present = new Set(attendedIds);
    let count = 0;
    let changed = 0;
    for (const row of rows) {
      const attended = present.has(row.id);
      if (attended) count++;
      if (row.attended === attended) continue;
      changed++;
      await tx.update(registrations).set({ attended, updatedAt: new Date() }).where(eq(registrations.id, row.id));
    }
    if (changed) {
      await recordEvent(tx, actor, {
        kind: 'registration.attendance',
        subjectType: 'meeting',
        subjectId: meeting.id,
        activityId: activity.id,
        summary: `Attendance at meeting ${meeting.number}: ${count} of ${rows.length} present`,
        after: { present: count, registered: rows.length },
      });
    }
    return count;
  });
}
