// Reading registrations: the public counts, the participant list, one's own registration, the one a mail link
// points to, and whether the remote link may be shown. Nothing here writes; the changes are in registration-changes.ts.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import { cachedRead } from '../../platform/read-cache.ts';
import { hashToken } from '../../platform/tokens.ts';
import type { Activity } from '../activities/index.ts';
import { activities } from '../../db/schema.ts';
import type { Meeting } from './deadlines.ts';
import { canMeeting } from './policy.ts';
import { registrationHoldsRemoteLink } from './registration-states.ts';
import { meetings, registrations } from './schema.ts';

export type Registration = typeof registrations.$inferSelect;

export type RegistrationCounts = { onsite: number; remote: number; waiting: number };

/** Confirmed registrations per mode and the waiting list's length: public figures (pending ones do not count). */
export function registrationCounts(tx: Tx, meetingId: number): Promise<RegistrationCounts> {
  return cachedRead(tx, `registration-counts:${meetingId}`, () => countRegistrations(tx, meetingId));
}

async function countRegistrations(tx: Tx, meetingId: number): Promise<RegistrationCounts> {
  const rows = await tx
    .select({ mode: registrations.mode, status: registrations.status, count: sql<number>`count(*)::int` })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), sql`${registrations.status} in ('registered', 'waiting')`))
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
> & {
  /** ISO instants: when the registration was made, and until when its confirmation link is valid (pending ones) */
  createdAt: string;
  confirmationExpiresAt: string | null;
};

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
      'mode', r.mode, 'status', r.status, 'late', r.late, 'attended', r.attended,
      'createdAt', to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'confirmationExpiresAt', to_char(r.confirmation_expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
      order by case r.status when 'registered' then 0 when 'waiting' then 1 else 2 end, r.waiting_since, r.created_at, r.name, r.id), '[]')::text as list
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

/** Whether the actor may see the meeting's remote link: the activity's leadership, or a confirmed registration of their own with a place (registrationHoldsRemoteLink). */
export async function maySeeRemoteLink(tx: Tx, actor: Actor, activity: Activity, meetingId: number, knownOwn?: Registration | null): Promise<boolean> {
  // The leadership needs no registration: their own is read only for the others.
  if (canMeeting(actor, 'see_remote_link', activity)) return true;
  const own = knownOwn === undefined ? await findOwnRegistration(tx, actor, meetingId) : knownOwn;
  return canMeeting(actor, 'see_remote_link', activity, { registered: registrationHoldsRemoteLink(own) });
}
