// What the activity's reports for a period (to TSAG, to the study groups) read of the meetings: the meetings held in
// the period with their decisions, and the action items still open at its end. Read for a reader, by the
// proceedings' own rule (policy.ts canProceedings), so a report written for the public says nothing its readers
// could not read on the meeting pages.
import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, or } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { chairs as chairRoles } from '../../platform/roles.ts';
import { activityMemberships, people } from '../../db/schema.ts';
import { type ActionFact, type HeldMeetingFacts } from './meeting-report.ts';
import { actionLabel, decisionLabel } from './outcomes.ts';
import { canProceedings } from './policy.ts';
import { actionItems, meetingDecisions } from './proceedings-schema.ts';
import { meetings } from './schema.ts';

type ActivityLike = { id: number; visibility: 'public' | 'members' };

export type HeldMeeting = { meeting: HeldMeetingFacts & { title: string }; decisions: { label: string; text: string }[] };

/** The activity's meetings, by number, for choosing a period from one meeting to another. */
export async function meetingBounds(tx: Tx, activityId: number): Promise<{ number: number; title: string; startsAt: Date; endsAt: Date; timeZone: string; status: string }[]> {
  return tx
    .select({ number: meetings.number, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, timeZone: meetings.timeZone, status: meetings.status })
    .from(meetings)
    .where(eq(meetings.activityId, activityId))
    .orderBy(asc(meetings.number));
}

/** The current chairs of the activity (chair, co-chairs), by name: who chaired its meetings, as the meeting report says. */
async function chairNames(tx: Tx, activityId: number): Promise<string[]> {
  const rows = await tx
    .select({ name: people.name })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .where(and(eq(activityMemberships.activityId, activityId), inArray(activityMemberships.role, [...chairRoles])))
    .orderBy(asc(activityMemberships.role), asc(people.name));
  return rows.map((r) => r.name);
}

/**
 * The meetings held in [from, to): ended within it and not cancelled, with their decisions (deleted ones left out) and
 * the activity's chairs. Empty for a reader who may not read the proceedings. Two queries whatever the count.
 */
export async function meetingsHeldBetween(tx: Tx, reader: Actor, activity: ActivityLike, period: { from: Date; to: Date }): Promise<{ chairs: string[]; meetings: HeldMeeting[] }> {
  if (!canProceedings(reader, 'read', activity)) return { chairs: [], meetings: [] };
  const rows = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.activityId, activity.id), ne(meetings.status, 'cancelled'), gt(meetings.endsAt, period.from), lte(meetings.endsAt, period.to)))
    .orderBy(asc(meetings.number));
  if (!rows.length) return { chairs: [], meetings: [] };
  const decisions = await tx
    .select({ meetingId: meetingDecisions.meetingId, number: meetingDecisions.number, text: meetingDecisions.text })
    .from(meetingDecisions)
    .where(and(inArray(meetingDecisions.meetingId, rows.map((r) => r.id)), isNull(meetingDecisions.deletedAt)))
    .orderBy(asc(meetingDecisions.number));
  return {
    chairs: await chairNames(tx, activity.id),
    meetings: rows.map((r) => ({
      meeting: { number: r.number, title: r.title, startsAt: r.startsAt, endsAt: r.endsAt, timeZone: r.timeZone, venue: r.venue, city: r.city, mode: r.mode, colocatedEvent: r.colocatedEvent },
      decisions: decisions.filter((d) => d.meetingId === r.id).map((d) => ({ label: decisionLabel(d), text: d.text })),
    })),
  };
}

/**
 * The action items open at `at`: raised before it and not done by then (a later "done" does not hide one that was
 * open at the end of the period). Empty for a reader who may not read the proceedings.
 */
export async function actionsOpenAt(tx: Tx, reader: Actor, activity: ActivityLike, at: Date): Promise<ActionFact[]> {
  if (!canProceedings(reader, 'read', activity)) return [];
  const rows = await tx
    .select({ number: actionItems.number, meetingNumber: meetings.number, text: actionItems.text, owner: actionItems.ownerName, dueOn: actionItems.dueOn, status: actionItems.status, doneAt: actionItems.doneAt })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(and(eq(actionItems.activityId, activity.id), lt(actionItems.createdAt, at), or(ne(actionItems.status, 'done'), gt(actionItems.doneAt, at))))
    .orderBy(asc(meetings.number), asc(actionItems.number));
  return rows.map((r) => ({ label: actionLabel(r), text: r.text, owner: r.owner, dueOn: r.dueOn, status: r.status === 'done' ? 'open' : r.status }));
}
