// What a report for a period says, read from the event log and the modules' records as the report's readers would
// see them. A report is written for an audience (members of the activity, or everyone): it is read with a stand-in
// reader of that audience — a member holding no office, or an anonymous visitor — through the same rules the
// history page, the meeting pages and the liaison register apply to a real one. So a report for everyone holds no
// members-only statement, and none holds a proposal still waiting or a draft the leadership alone sees.
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { roadmapEntries } from '../../db/schema.ts';
import { type Actor, anonymous } from '../../platform/actor.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { role } from '../../platform/roles.ts';
import { events } from '../../platform/schema.ts';
import { describeEvents, historyVocabulary, redactEvents, visibleEvents } from '../history/index.ts';
import { liaisonStatusesOf } from '../liaisons/index.ts';
import { actionsOpenAt, meetingsHeldBetween } from '../meetings/index.ts';
import type { Period } from './period.ts';
import type { ActivityReportAudience } from './schema.ts';
import { type PeriodEvent, type ReportFacts, sectionEventKinds, sortEvents } from './sections.ts';

type ActivityLike = { id: number; acronym: string; visibility: 'public' | 'members' };

/** Past this many events a period is too long for one report: the text would be unreadable anyway. */
export const maxEvents = 5000;

/**
 * The reader a report is written for: an anonymous visitor for a public report; for a members' report, a member of
 * the activity with no office (no secretariat or chair rights, no account of its own: nothing is "theirs").
 */
export function audienceReader(activity: { id: number }, audience: ActivityReportAudience): Actor {
  if (audience === 'public') return anonymous;
  return { kind: 'user', userId: -1, name: 'report reader', email: '', isAdmin: false, locale: null, personId: null, roles: new Map([[activity.id, new Set([role.member])]]) };
}

/** Everything the report says about the period, in `locale`, as its audience may see it. */
export async function gatherFacts(tx: Tx, modules: readonly ConcordModule[], activity: ActivityLike, period: Period, audience: ActivityReportAudience, locale: Locale): Promise<ReportFacts> {
  const reader = audienceReader(activity, audience);
  const rows = await tx
    .select()
    .from(events)
    .where(
      and(
        eq(events.activityId, activity.id),
        inArray(events.kind, [...sectionEventKinds]),
        gte(events.at, period.start),
        lt(events.at, period.end),
        visibleEvents(modules, reader, activity),
      ),
    )
    .orderBy(asc(events.id))
    .limit(maxEvents);
  // A report speaks of the activity's work, not of who typed it: its sentences leave the person out (the history keeps
  // them), so "Gap G-1 recorded: …" rather than "… recorded by Dana Secretariat: …".
  const impersonal = redactEvents(modules, reader, activity, rows).map((row) => ({ ...row, actorUserId: null }));
  const described = await describeEvents(tx, impersonal, locale, historyVocabulary(modules, locale));

  // An entry's edit stores only the changed fields: its identifier comes from the register.
  const entryIds = [...new Set(rows.filter((r) => r.subjectType === 'roadmap_entry').map((r) => Number(r.subjectId)).filter(Number.isSafeInteger))];
  const identifiers = new Map(
    (entryIds.length ? await tx.select({ id: roadmapEntries.id, identifier: roadmapEntries.identifier }).from(roadmapEntries).where(inArray(roadmapEntries.id, entryIds)) : []).map((e) => [String(e.id), e.identifier]),
  );
  const liaisonIds = [...new Set(rows.filter((r) => r.subjectType === 'liaison_statement').map((r) => Number(r.subjectId)).filter(Number.isSafeInteger))];
  const liaisonStatuses = await liaisonStatusesOf(tx, activity.id, liaisonIds, locale);

  const periodEvents: PeriodEvent[] = described.map((e) => {
    const after = e.after && typeof e.after === 'object' ? { ...(e.after as Record<string, unknown>) } : {};
    const identifier = identifiers.get(e.subjectId);
    if (identifier && e.subjectType === 'roadmap_entry') after.identifier = identifier;
    return { at: e.at, kind: e.kind, subjectId: e.subjectId, text: e.summary, after, changes: e.changes.map((c) => ({ field: c.field, before: c.before.text, after: c.after.text })) };
  });

  const held = await meetingsHeldBetween(tx, reader, activity, { from: period.start, to: period.end });
  return {
    acronym: activity.acronym,
    period,
    chairs: held.chairs,
    meetings: held.meetings,
    sections: sortEvents(periodEvents, period, liaisonStatuses, locale),
    actions: await actionsOpenAt(tx, reader, activity, period.end),
    truncated: rows.length === maxEvents,
  };
}
