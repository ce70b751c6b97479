// What meetings ask of one reader (My work) and what an activity's meetings have coming (its overview), with the
// module's own rules: canMeeting for who approves registrations and reads meetings, canProceedings for action items.
import { and, asc, desc, eq, gte, inArray, ne, or, sql } from 'drizzle-orm';
import { inList } from '../../db/bulk.ts';
import type { Tx } from '../../db/engine.ts';
import { activities } from '../../db/schema.ts';
import { type Actor, isSignedIn } from '../../platform/actor.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { activityIdsOf, approvalScopeOf, type WorkActivity, type WorkItem } from '../../platform/work-items.ts';
import { meetingPath } from './meeting-paths.ts';
import { meetingMessages } from './messages.ts';
import { outcomesMessages } from './outcomes-messages.ts';
import { canMeeting, canProceedings } from './policy.ts';
import { actionItems } from './proceedings-schema.ts';
import { importantDates, meetings, registrations } from './schema.ts';

type ActivityRow = typeof activities.$inferSelect;
type MeetingRow = typeof meetings.$inferSelect;
type ActionRow = typeof actionItems.$inferSelect;

const actionItem = (action: ActionRow, meeting: Pick<MeetingRow, 'number'>, activity: WorkActivity, locale: Locale): WorkItem => ({
  activity,
  title: meetingMessages(locale).work.action(meeting.number, action.number, action.text),
  href: `${meetingPath(activity, meeting)}/minutes/actions/${action.id}`,
  detail: `${outcomesMessages(locale).statuses[action.status]} — ${meetingMessages(locale).work.owner(action.ownerName)}`,
  ...(action.dueOn ? { due: { on: action.dueOn } } : {}),
});

const deadlineItem = (date: typeof importantDates.$inferSelect, meeting: MeetingRow, activity: WorkActivity, locale: Locale): WorkItem => ({
  activity,
  title: meetingMessages(locale).work.deadline(date.label, meeting.number, meeting.title),
  href: meetingPath(activity, meeting),
  due: { at: date.dueAt, zone: meeting.timeZone },
});

export type MeetingWork = {
  /** registrations waiting for the secretariat's approval, for those who manage the meetings */
  registrationsToApprove: WorkItem[];
  /** the reader's own live registrations for meetings that have not ended */
  myRegistrations: WorkItem[];
  /** action items the reader owns that are not done */
  myActions: WorkItem[];
  /** meeting deadlines still to come in the reader's activities */
  deadlines: WorkItem[];
};

/** What meetings ask of the reader across the activities where they hold a role. Four queries, whatever the counts. */
export async function meetingWorkOf(tx: Tx, actor: Actor, locale: Locale, now = new Date()): Promise<MeetingWork> {
  const work: MeetingWork = { registrationsToApprove: [], myRegistrations: [], myActions: [], deadlines: [] };
  if (!isSignedIn(actor)) return work;
  const ids = activityIdsOf(actor);
  const scope = approvalScopeOf(actor);
  const m = meetingMessages(locale);
  const [pending, own, actions, dates] = await Promise.all([
    scope
      ? tx
          .select({ r: registrations, meeting: meetings, activity: activities })
          .from(registrations)
          .innerJoin(meetings, eq(meetings.id, registrations.meetingId))
          .innerJoin(activities, eq(activities.id, meetings.activityId))
          .where(
            and(
              scope === 'all' ? undefined : inList(meetings.activityId, scope),
              eq(registrations.status, 'pending'),
              eq(meetings.registrationConfirmation, 'secretariat'),
              gte(meetings.endsAt, now),
            ),
          )
          .orderBy(asc(meetings.startsAt), asc(registrations.id))
          .limit(200)
      : [],
    tx
      .select({ r: registrations, meeting: meetings, activity: activities })
      .from(registrations)
      .innerJoin(meetings, eq(meetings.id, registrations.meetingId))
      .innerJoin(activities, eq(activities.id, meetings.activityId))
      .where(
        and(
          actor.personId !== null ? or(eq(registrations.userId, actor.userId), eq(registrations.personId, actor.personId)) : eq(registrations.userId, actor.userId),
          ne(registrations.status, 'cancelled'),
          gte(meetings.endsAt, now),
        ),
      )
      .orderBy(asc(meetings.startsAt))
      .limit(100),
    actor.personId !== null
      ? tx
          .select({ a: actionItems, meeting: meetings, activity: activities })
          .from(actionItems)
          .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
          .innerJoin(activities, eq(activities.id, actionItems.activityId))
          .where(and(eq(actionItems.ownerPersonId, actor.personId), ne(actionItems.status, 'done')))
          .orderBy(sql`${actionItems.dueOn} asc nulls last`, asc(actionItems.id))
          .limit(200)
      : [],
    ids.length
      ? tx
          .select({ d: importantDates, meeting: meetings, activity: activities })
          .from(importantDates)
          .innerJoin(meetings, eq(meetings.id, importantDates.meetingId))
          .innerJoin(activities, eq(activities.id, meetings.activityId))
          .where(and(inList(meetings.activityId, ids), gte(importantDates.dueAt, now), ne(meetings.status, 'cancelled')))
          .orderBy(asc(importantDates.dueAt))
          .limit(30)
      : [],
  ]);
  for (const { r, meeting, activity } of pending) {
    if (!canMeeting(actor, 'manage_registration', activity)) continue;
    work.registrationsToApprove.push({
      activity,
      title: m.work.registrationToApprove(r.name, meeting.number, meeting.title),
      href: `${meetingPath(activity, meeting)}/participants`,
      detail: `${m.registrationStatuses[r.status]} — ${m.registrationModes[r.mode]}`,
    });
  }
  for (const { r, meeting, activity } of own) {
    if (!canMeeting(actor, 'read', activity)) continue;
    work.myRegistrations.push({
      activity,
      title: m.work.meeting(meeting.number, meeting.title),
      href: meetingPath(activity, meeting),
      detail: `${m.registrationStatuses[r.status]} — ${m.registrationModes[r.mode]}`,
      due: { at: meeting.startsAt, zone: meeting.timeZone },
    });
  }
  for (const { a, meeting, activity } of actions) {
    if (canProceedings(actor, 'read', activity)) work.myActions.push(actionItem(a, meeting, activity, locale));
  }
  for (const { d, meeting, activity } of dates) {
    if (canMeeting(actor, 'read', activity)) work.deadlines.push(deadlineItem(d, meeting, activity, locale));
  }
  return work;
}

export type MeetingsOverview = {
  /** the next meeting (the earliest not ended nor cancelled) and its dates still to come */
  next: { meeting: WorkItem; deadlines: WorkItem[] } | null;
  /** the activity's action items not done, oldest first (at most `limit`) */
  openActions: WorkItem[];
};

/** An activity's next meeting with its coming deadlines, and its open action items, as the reader may see them. Three queries. */
export async function meetingsOverviewOf(tx: Tx, actor: Actor, activity: ActivityRow, locale: Locale, now = new Date(), limit = 8): Promise<MeetingsOverview> {
  if (!canMeeting(actor, 'read', activity)) return { next: null, openActions: [] };
  const m = meetingMessages(locale);
  const [nextRows, actions] = await Promise.all([
    tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.activityId, activity.id), gte(meetings.endsAt, now), ne(meetings.status, 'cancelled')))
      .orderBy(asc(meetings.startsAt))
      .limit(1),
    canProceedings(actor, 'read', activity)
      ? tx
          .select({ a: actionItems, number: meetings.number })
          .from(actionItems)
          .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
          .where(and(eq(actionItems.activityId, activity.id), inArray(actionItems.status, ['open', 'in_progress'])))
          .orderBy(sql`${actionItems.dueOn} asc nulls last`, desc(actionItems.id))
          .limit(limit)
      : [],
  ]);
  const meeting = nextRows[0];
  const dates = meeting
    ? await tx
        .select()
        .from(importantDates)
        .where(and(eq(importantDates.meetingId, meeting.id), gte(importantDates.dueAt, now)))
        .orderBy(asc(importantDates.dueAt))
    : [];
  return {
    next: meeting
      ? {
          meeting: {
            activity,
            title: m.work.meeting(meeting.number, meeting.title),
            href: meetingPath(activity, meeting),
            detail: m.statuses[meeting.status],
            due: { at: meeting.startsAt, zone: meeting.timeZone },
          },
          deadlines: dates.map((d) => ({ activity, title: d.label, href: meetingPath(activity, meeting), due: { at: d.dueAt, zone: meeting.timeZone } })),
        }
      : null,
    openActions: actions.map(({ a, number }) => actionItem(a, { number }, activity, locale)),
  };
}
