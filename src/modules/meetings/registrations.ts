// Registration for meetings: register (onsite or remote), change the mode, cancel, the onsite waiting list, attendance.
// The only code that changes meeting_registrations. A registrant manages their registration by the link in the
// confirmation mail (a token whose hash is stored) or, when signed in, from the meeting's registration page.
import { hashToken, newToken } from '../../platform/tokens.ts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inList } from '../../db/bulk.ts';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { accountLocales } from '../../platform/auth/accounts.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { users } from '../../platform/schema.ts';
import { email, optionalText, requiredText } from '../../platform/validation.ts';
import type { Activity } from '../activities/index.ts';
import { activities } from '../../db/schema.ts';
import { csvDocument } from '../../platform/csv.ts';
import { cachedRead } from '../../platform/read-cache.ts';
import { meetingEvent, renderCalendar } from './calendar.ts';
import { applyDeadline, deadlineFor, type Meeting } from './deadlines.ts';
import { meetingPath } from './meeting-paths.ts';
import { type MeetingMessages, meetingMessages, type RegistrationMail } from './messages.ts';
import { canMeeting } from './policy.ts';
import { type RegistrationMode, registrationCapacities, registrationModes, registrations, meetings } from './schema.ts';

export type Registration = typeof registrations.$inferSelect;
export type RegistrationContext = { locale: Locale; baseUrl: string; now?: Date };

export const registrationInput = z.object({
  name: requiredText(200),
  email: email(),
  affiliation: optionalText(200),
  organizationRepresented: optionalText(200),
  capacity: z.enum(registrationCapacities),
  country: optionalText(100),
  mode: z.enum(registrationModes),
});
export type RegistrationInput = z.output<typeof registrationInput>;
export const modeInput = z.object({ mode: z.enum(registrationModes) });
export const attendanceInput = z.object({
  attended: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive())),
});

/**
 * How a registration is reached: by the token of its mail link, or by id for its owner (signed in) or the secretariat.
 * `meetingId` (and an id given with a token) must match, or the registration is not found: a URL cannot mix them.
 */
export type RegistrationAccess = ({ token: string; registrationId?: number } | { registrationId: number }) & { meetingId?: number };


// ---- Reading ----------------------------------------------------------------------------------------------------

export type RegistrationCounts = { onsite: number; remote: number; waiting: number };

/** Live registrations per mode and the waiting list's length: public figures. */
export function registrationCounts(tx: Tx, meetingId: number): Promise<RegistrationCounts> {
  return cachedRead(tx, `registration-counts:${meetingId}`, () => countRegistrations(tx, meetingId));
}

async function countRegistrations(tx: Tx, meetingId: number): Promise<RegistrationCounts> {
  const rows = await tx
    .select({ mode: registrations.mode, status: registrations.status, count: sql<number>`count(*)::int` })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), sql`${registrations.status} <> 'cancelled'`))
    .groupBy(registrations.mode, registrations.status);
  const counts: RegistrationCounts = { onsite: 0, remote: 0, waiting: 0 };
  for (const r of rows) {
    const n = Number(r.count);
    if (r.status === 'waiting') counts.waiting += n;
    else counts[r.mode] += n;
  }
  return counts;
}

/** Everyone who registered (cancelled ones last), registered before waiting, in order of registration. */
export function listRegistrations(tx: Tx, meetingId: number): Promise<Registration[]> {
  return tx
    .select()
    .from(registrations)
    .where(eq(registrations.meetingId, meetingId))
    .orderBy(
      sql`case ${registrations.status} when 'registered' then 0 when 'waiting' then 1 else 2 end`,
      asc(registrations.waitingSince),
      asc(registrations.name),
      asc(registrations.id),
    );
}

/** What the participants page shows of a registration. */
export type Participant = Pick<
  Registration,
  'id' | 'name' | 'email' | 'affiliation' | 'organizationRepresented' | 'capacity' | 'country' | 'mode' | 'status' | 'late' | 'attended'
>;

/**
 * The live registrations (registered, then the waiting list in its order) with what the participants page shows, as
 * one JSON text: PGlite parses result rows cell by cell in JavaScript, and 400 rows of 11 cells cost more than the
 * whole page's budget; one cell of JSON is parsed natively. The same query runs on PostgreSQL.
 */
export function listParticipants(tx: Tx, meetingId: number): Promise<Participant[]> {
  return cachedRead(tx, `participants:${meetingId}`, () => readParticipants(tx, meetingId));
}

async function readParticipants(tx: Tx, meetingId: number): Promise<Participant[]> {
  const result = (await tx.execute(sql`
    select coalesce(json_agg(json_build_object(
      'id', r.id, 'name', r.name, 'email', r.email, 'affiliation', r.affiliation,
      'organizationRepresented', r.organization_represented, 'capacity', r.capacity, 'country', r.country,
      'mode', r.mode, 'status', r.status, 'late', r.late, 'attended', r.attended)
      order by case r.status when 'registered' then 0 else 1 end, r.waiting_since, r.name, r.id), '[]')::text as list
    from ${registrations} r
    where r.meeting_id = ${meetingId} and r.status <> 'cancelled'`)) as unknown as { rows: { list: string }[] };
  return JSON.parse(result.rows[0]?.list ?? '[]') as Participant[];
}

/** The signed-in actor's live registration for the meeting (by account, else by e-mail), or null. */
export async function findOwnRegistration(tx: Tx, actor: Actor, meetingId: number): Promise<Registration | null> {
  if (actor.kind !== 'user') return null;
  return cachedRead(tx, `own-registration:${meetingId}:${actor.userId}`, () => readOwnRegistration(tx, actor, meetingId));
}

async function readOwnRegistration(tx: Tx, actor: Actor & { kind: 'user' }, meetingId: number): Promise<Registration | null> {
  const [row] = await tx
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.meetingId, meetingId),
        sql`${registrations.status} <> 'cancelled'`,
        sql`(${registrations.userId} = ${actor.userId} or lower(${registrations.email}) = ${actor.email.toLowerCase()})`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The registration a mail link points to, with its meeting and activity; not found for an unknown token. */
export async function findRegistrationByToken(tx: Tx, token: string): Promise<{ registration: Registration; meeting: Meeting; activity: Activity }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound();
  const [row] = await tx
    .select({ registration: registrations, meeting: meetings, activity: activities })
    .from(registrations)
    .innerJoin(meetings, eq(meetings.id, registrations.meetingId))
    .innerJoin(activities, eq(activities.id, meetings.activityId))
    .where(eq(registrations.manageTokenHash, hashToken(token)));
  if (!row) throw notFound();
  return row;
}

// ---- Mail -------------------------------------------------------------------------------------------------------

/**
 * The language to write to each registrant in, in the order given: their account's (linked to the registration, else
 * the account with that address), else the one they registered in; null when neither is known. The one rule for every
 * mail to registrants: confirmations, promotions, cancellations, reminders.
 */
export async function registrantLocales(tx: Tx, rows: Pick<Registration, 'userId' | 'email' | 'locale'>[]): Promise<(Locale | null)[]> {
  const userIds = [...new Set(rows.flatMap((r) => (r.userId === null ? [] : [r.userId])))];
  const byUser = new Map(
    userIds.length ? (await tx.select({ id: users.id, locale: users.locale }).from(users).where(inList(users.id, userIds))).map((u) => [u.id, u.locale]) : [],
  );
  const linked = (r: (typeof rows)[number]) => (r.userId === null ? null : (byUser.get(r.userId) ?? null));
  const byAddress = await accountLocales(tx, rows.filter((r) => !linked(r)).map((r) => r.email));
  return rows.map((r) => linked(r) ?? byAddress.get(r.email.toLowerCase()) ?? r.locale ?? null);
}

/**
 * The mail words and details for one registrant, in their language; `fallback` when it is not known: the request's
 * language when they act themselves, English when someone else does.
 */
async function mailFor(tx: Tx, activity: Activity, meeting: Meeting, registration: Registration, token: string | null, ctx: RegistrationContext, fallback: Locale) {
  const [known] = await registrantLocales(tx, [registration]);
  const locale = known ?? fallback;
  const m = meetingMessages(locale);
  return { m, details: mailDetails(activity, meeting, registration, token, { ...ctx, locale }, m) };
}

function mailDetails(activity: Activity, meeting: Meeting, registration: Registration, token: string | null, ctx: RegistrationContext, m: MeetingMessages): RegistrationMail {
  const path = meetingPath(activity, meeting);
  return {
    name: registration.name,
    acronym: activity.acronym,
    meetingTitle: `${activity.acronym} ${m.meetingNumber(meeting.number)}: ${meeting.title}`,
    when: `${formatDateTime(meeting.startsAt, ctx.locale, meeting.timeZone)} – ${formatDateTime(meeting.endsAt, ctx.locale, meeting.timeZone)} (${meeting.timeZone})`,
    place: [meeting.venue, meeting.city].filter(Boolean).join(', '),
    mode: registration.mode,
    status: registration.status,
    late: registration.late,
    remoteUrl: registration.mode === 'remote' || meeting.mode !== 'physical' ? meeting.remoteUrl : null,
    meetingLink: `${ctx.baseUrl}${path}`,
    // Without the token (a promotion mail written later) the link leads to the registration page, where a signed-in
    // registrant manages it; the confirmation mail already carried the token link.
    manageLink: token ? `${ctx.baseUrl}${path}/registration/${token}` : `${ctx.baseUrl}${path}/register`,
  };
}

/** The meeting as an .ics attachment; the remote link is included because the recipient is registered. */
function calendarAttachment(activity: Activity, meeting: Meeting, ctx: RegistrationContext) {
  const path = meetingPath(activity, meeting);
  const content = renderCalendar({
    name: `${activity.acronym} meeting ${meeting.number}`,
    timeZone: meeting.timeZone,
    events: [meetingEvent(activity, meeting, { baseUrl: ctx.baseUrl, path, includeRemoteUrl: true })],
  });
  return { fileName: `${activity.acronym}-meeting-${meeting.number}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content };
}

// ---- Changes ----------------------------------------------------------------------------------------------------

async function lockMeetingForRegistration(tx: Tx, meetingId: number): Promise<{ meeting: Meeting; activity: Activity }> {
  // The meeting row is locked so two registrations for the last onsite place are decided one after the other.
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
  if (!meeting) throw notFound();
  const [activity] = await tx.select().from(activities).where(eq(activities.id, meeting.activityId));
  if (!activity) throw notFound();
  return { meeting, activity };
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
 * Registers someone for an announced meeting. Refuses a cancelled, not yet announced or past meeting, a mode the
 * meeting does not offer, an e-mail already registered, and — when the activity refuses late registrations — a
 * registration after the pre-registration deadline (accepted ones are marked late). An onsite registration beyond
 * the onsite places joins the waiting list. Side effects: a `registration.created` event; a confirmation mail with the
 * meeting as an .ics attachment and the link (token) to change or cancel. Returns the registration and that token.
 */
export async function registerParticipant(
  db: Db,
  actor: Actor,
  meetingId: number,
  input: RegistrationInput,
  ctx: RegistrationContext,
): Promise<{ registration: Registration; token: string }> {
  const m = meetingMessages(ctx.locale);
  const now = ctx.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const { meeting, activity } = await lockMeetingForRegistration(tx, meetingId);
      if (!canMeeting(actor, 'read', activity)) throw notFound();
      if (!canMeeting(actor, 'register', activity)) throw forbidden();
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
      const mail = await mailFor(tx, activity, meeting, registration, token, ctx, ctx.locale);
      await enqueueMail(tx, {
        purpose: 'meetings.registration',
        to: registration.email,
        subject: mail.m.mail.registeredSubject(mail.details),
        text: mail.m.mail.registeredBody(mail.details),
        attachments: [calendarAttachment(activity, meeting, ctx)],
      });
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
 * Side effects per person: a `registration.promoted` event and a mail.
 */
export async function promoteFromWaitingList(tx: Tx, actor: Actor, meeting: Meeting, ctx: RegistrationContext): Promise<number> {
  const m = meetingMessages(ctx.locale);
  const waiting = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, meeting.id), eq(registrations.status, 'waiting')))
    .orderBy(asc(registrations.waitingSince), asc(registrations.id));
  if (!waiting.length || meeting.status === 'cancelled') return 0;
  const free = meeting.onsiteCapacity === null ? waiting.length : Math.max(0, meeting.onsiteCapacity - (await onsiteTaken(tx, meeting.id)));
  const [activity] = await tx.select().from(activities).where(eq(activities.id, meeting.activityId));
  if (!activity) return 0;
  let promoted = 0;
  for (const next of waiting.slice(0, free)) {
    const [registration] = await tx
      .update(registrations)
      .set({ status: 'registered', waitingSince: null, updatedAt: new Date() })
      .where(eq(registrations.id, next.id))
      .returning();
    if (!registration) continue;
    // Someone else's change freed the place: the registrant's language, not the request's.
    const mail = await mailFor(tx, activity, meeting, registration, null, ctx, 'en');
    await enqueueMail(tx, {
      purpose: 'meetings.registration_promoted',
      to: registration.email,
      subject: mail.m.mail.promotedSubject(mail.details),
      text: mail.m.mail.promotedBody(mail.details),
      attachments: [calendarAttachment(activity, meeting, ctx)],
    });
    await recordEvent(tx, actor, {
      kind: 'registration.promoted',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: meeting.activityId,
      summary: `${registration.name} moved from the waiting list to an onsite place at meeting ${meeting.number}`,
      before: { registrationId: registration.id, status: 'waiting' },
      after: { registrationId: registration.id, name: registration.name, status: 'registered' },
    });
    promoted++;
  }
  return promoted;
}

/** The registration reached by token or id, with the meeting locked; refuses an actor who is neither its owner nor the secretariat. */
async function lockRegistration(tx: Tx, actor: Actor, access: RegistrationAccess) {
  const hash = 'token' in access ? hashToken(access.token) : null;
  const [found] = await tx
    .select({ id: registrations.id, meetingId: registrations.meetingId })
    .from(registrations)
    .where(hash ? eq(registrations.manageTokenHash, hash) : eq(registrations.id, access.registrationId ?? 0));
  if (!found) throw notFound();
  if (access.meetingId !== undefined && access.meetingId !== found.meetingId) throw notFound();
  if (access.registrationId !== undefined && access.registrationId !== found.id) throw notFound();
  const { meeting, activity } = await lockMeetingForRegistration(tx, found.meetingId);
  const [registration] = await tx.select().from(registrations).where(eq(registrations.id, found.id)).for('update');
  if (!registration) throw notFound();
  if (!hash) {
    const own = actor.kind === 'user' && (registration.userId === actor.userId || registration.email.toLowerCase() === actor.email.toLowerCase());
    if (!own && !canMeeting(actor, 'manage', activity)) throw notFound();
  }
  return { registration, meeting, activity };
}

/**
 * Changes how someone attends. Moving to onsite when the places are taken puts them on the waiting list; leaving an
 * onsite place gives it to the next person waiting. Side effects: a `registration.changed` event; a mail (with the
 * .ics) to the registrant; promotion mails.
 */
export async function changeRegistrationMode(
  db: Db,
  actor: Actor,
  access: RegistrationAccess,
  mode: RegistrationMode,
  ctx: RegistrationContext,
): Promise<Registration> {
  const m = meetingMessages(ctx.locale);
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const { registration: before, meeting, activity } = await lockRegistration(tx, actor, access);
    if (before.status === 'cancelled') throw new AppError('conflict', m.registrationAlreadyCancelled);
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
    const mail = await mailFor(tx, activity, meeting, registration, null, ctx, ctx.locale);
    await enqueueMail(tx, {
      purpose: 'meetings.registration_changed',
      to: registration.email,
      subject: mail.m.mail.changedSubject(mail.details),
      text: mail.m.mail.registeredBody(mail.details),
      attachments: [calendarAttachment(activity, meeting, ctx)],
    });
    await recordEvent(tx, actor, {
      kind: 'registration.changed',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: activity.id,
      summary: `${registration.name} now attends meeting ${meeting.number} ${mode}${waiting ? ' (waiting list)' : ''}`,
      before: { registrationId: before.id, mode: before.mode, status: before.status },
      after: { registrationId: before.id, name: registration.name, mode, status: registration.status },
    });
    if (leavesPlace) await promoteFromWaitingList(tx, actor, meeting, ctx);
    return registration;
  });
}

/**
 * Cancels a registration. An onsite place it held goes to the next person waiting. Side effects: a
 * `registration.cancelled` event; a mail to the registrant; promotion mails.
 */
export async function cancelRegistration(db: Db, actor: Actor, access: RegistrationAccess, ctx: RegistrationContext): Promise<Registration> {
  const m = meetingMessages(ctx.locale);
  return db.transaction(async (tx) => {
    const { registration: before, meeting, activity } = await lockRegistration(tx, actor, access);
    if (before.status === 'cancelled') throw new AppError('conflict', m.registrationAlreadyCancelled);
    const [registration] = await tx
      .update(registrations)
      .set({ status: 'cancelled', waitingSince: null, cancelledAt: new Date(), updatedAt: new Date() })
      .where(eq(registrations.id, before.id))
      .returning();
    if (!registration) throw notFound();
    const mail = await mailFor(tx, activity, meeting, registration, null, ctx, ctx.locale);
    await enqueueMail(tx, {
      purpose: 'meetings.registration_cancelled',
      to: registration.email,
      subject: mail.m.mail.cancelledSubject(mail.details),
      text: mail.m.mail.cancelledBody(mail.details),
    });
    await recordEvent(tx, actor, {
      kind: 'registration.cancelled',
      subjectType: 'meeting',
      subjectId: meeting.id,
      activityId: activity.id,
      summary: `${registration.name} cancelled their registration for meeting ${meeting.number}`,
      before: { registrationId: before.id, mode: before.mode, status: before.status },
      after: { registrationId: before.id, name: registration.name, status: 'cancelled' },
    });
    if (before.mode === 'onsite' && before.status === 'registered') await promoteFromWaitingList(tx, actor, meeting, ctx);
    return registration;
  });
}

/**
 * Records who attended, once the meeting has started: the registered participants listed are marked present, the
 * others absent. Side effects: a `registration.attendance` event with the count.
 */
export async function markAttendance(db: Db, actor: Actor, meetingId: number, attendedIds: number[], ctx: RegistrationContext): Promise<number> {
  const m = meetingMessages(ctx.locale);
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const { meeting, activity } = await lockMeetingForRegistration(tx, meetingId);
    if (!canMeeting(actor, 'read', activity)) throw notFound();
    if (!canMeeting(actor, 'mark_attendance', activity)) throw forbidden();
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

// ---- Export -----------------------------------------------------------------------------------------------------

/** The participant list as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read accents), in the reader's language. */
export function registrationsCsv(rows: Registration[], locale: Locale): string {
  const m = meetingMessages(locale);
  const t = locale === 'fr'
    ? ['Nom', 'Courriel', 'Affiliation', 'Organisation représentée', 'Qualité', 'Pays', 'Format', 'Statut', 'En retard', 'Présent', 'Inscrit le']
    : ['Name', 'E-mail', 'Affiliation', 'Organization represented', 'Capacity', 'Country', 'Mode', 'Status', 'Late', 'Attended', 'Registered at'];
  const yes = locale === 'fr' ? 'oui' : 'yes';
  const no = locale === 'fr' ? 'non' : 'no';
  return csvDocument([
    t,
    ...rows.map((r) => [
      r.name,
      r.email,
      r.affiliation,
      r.organizationRepresented,
      m.capacities[r.capacity],
      r.country,
      m.registrationModes[r.mode],
      m.registrationStatuses[r.status],
      r.late ? yes : no,
      r.attended === null ? '' : r.attended ? yes : no,
      r.createdAt.toISOString(),
    ]),
  ]);
}

/** Whether the actor may see the meeting's remote link: registered (live) or leadership. */
export async function maySeeRemoteLink(tx: Tx, actor: Actor, activity: Activity, meetingId: number, knownOwn?: Registration | null): Promise<boolean> {
  // Those who see it without a registration (the leadership) are answered without looking one up.
  if (canMeeting(actor, 'see_remote_link', activity, { registered: false })) return true;
  const own = knownOwn === undefined ? await findOwnRegistration(tx, actor, meetingId) : knownOwn;
  return canMeeting(actor, 'see_remote_link', activity, { registered: own?.status === 'registered' });
}
