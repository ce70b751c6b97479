// What the records say that a circular states: the activity's names and addresses, the other activities', the parent
// group, and the meeting's days, hours and deadlines in the venue's zone. Read in a handful of queries.
import { and, asc, eq, gte, ne } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { activities, importantDates, meetings, organizations } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { type Activity, canActivity } from '../activities/index.ts';
import type { ActivityNames, CircularFacts, Day } from './checker.ts';
import { findDates, localParts } from './dates.ts';

const namesOf = (a: Pick<Activity, 'acronym' | 'nameEn' | 'nameFr' | 'secretariatEmail' | 'mailingList'>): ActivityNames => ({
  acronym: a.acronym,
  names: [a.nameEn, a.nameFr ?? ''].filter(Boolean),
  emails: [a.secretariatEmail, a.mailingList].filter((e): e is string => !!e).map((e) => e.toLowerCase()),
});

const daysIn = (text: string | null): Day[] => (text ? findDates(text).filter((d) => d.valid).map(({ year, month, day }) => ({ year, month, day })) : []);

/** Which meeting a circular convenes: one by its number, the next one not cancelled (if any), or none. */
export type MeetingChoice = number | 'next' | 'none';

/** "" → the next meeting, "none" → none, "3" → meeting 3; anything else names the field. */
export function meetingChoice(value: string | undefined, locale: Locale): MeetingChoice {
  if (!value || value === 'next') return 'next';
  if (value === 'none') return 'none';
  if (/^\d{1,6}$/.test(value) && Number(value) > 0) return Number(value);
  const message = locale === 'fr' ? 'Choisissez une réunion de la liste.' : 'Choose a meeting from the list.';
  throw invalid({ meeting: message }, message);
}

/**
 * The facts for checking a circular of `activity` about a meeting. Other activities are those the actor may read: a
 * members-only one stays unnamed to outsiders. A meeting number the activity does not have is not found.
 */
export async function circularFacts(tx: Tx, actor: Actor, activity: Activity, choice: MeetingChoice): Promise<CircularFacts> {
  const meetingNumber = typeof choice === 'number' ? choice : undefined;
  const others = (await tx.select().from(activities).where(ne(activities.id, activity.id)).orderBy(asc(activities.acronym))).filter((a) => canActivity(actor, 'read', a));
  const organizationRows = await tx.select({ id: organizations.id, acronym: organizations.acronym }).from(organizations);
  const parent = organizationRows.find((o) => o.id === activity.parentOrganizationId);

  const [meeting] = choice === 'none' ? [] : await tx
    .select()
    .from(meetings)
    .where(
      meetingNumber !== undefined
        ? and(eq(meetings.activityId, activity.id), eq(meetings.number, meetingNumber))
        : and(eq(meetings.activityId, activity.id), ne(meetings.status, 'cancelled'), gte(meetings.endsAt, new Date())),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  if (meetingNumber !== undefined && !meeting) throw notFound();

  let meetingFacts: CircularFacts['meeting'] = null;
  if (meeting) {
    const start = localParts(meeting.startsAt, meeting.timeZone);
    const end = localParts(meeting.endsAt, meeting.timeZone);
    const days: Day[] = [];
    for (let t = Date.UTC(start.year, start.month - 1, start.day); t <= Date.UTC(end.year, end.month - 1, end.day); t += 86_400_000) {
      const d = new Date(t);
      days.push({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
    }
    const deadlines: NonNullable<CircularFacts['meeting']>['deadlines'] = {};
    for (const row of await tx.select().from(importantDates).where(eq(importantDates.meetingId, meeting.id))) {
      if (row.kind === 'other') continue;
      const { year, month, day } = localParts(row.dueAt, meeting.timeZone);
      deadlines[row.kind] = { year, month, day };
    }
    meetingFacts = { number: meeting.number, days, startMinutes: start.minutes, endMinutes: end.minutes, deadlines };
  }

  return {
    activity: namesOf(activity),
    others: others.map(namesOf),
    parentAcronym: parent?.acronym ?? null,
    knownAcronyms: organizationRows.map((o) => o.acronym),
    knownDays: [...daysIn(activity.foundingDecision), ...daysIn(meeting?.colocatedEvent ?? null)],
    meeting: meetingFacts,
  };
}
