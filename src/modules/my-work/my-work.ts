// Gathers a reader's work and an activity's news from the modules that own them: each module's index.ts answers with
// its own rules (who approves, who reads), so nothing of those rules is written again here.
import type { Db } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { dueInstant, type WorkItem } from '../../platform/work-items.ts';
import type { Activity } from '../activities/index.ts';
import { contributionsOf } from '../documents/index.ts';
import { gapProposalsToDecide } from '../gaps/index.ts';
import { liaisonWorkOf, openLiaisonsOf } from '../liaisons/index.ts';
import { meetingsOverviewOf, meetingWorkOf, type MeetingsOverview } from '../meetings/index.ts';
import { proposalsToDecide, recentRoadmapChanges } from '../roadmap/index.ts';

export type MyWork = {
  approvals: { liaisons: WorkItem[]; proposals: WorkItem[]; gaps: WorkItem[]; registrations: WorkItem[] };
  assigned: WorkItem[];
  actions: WorkItem[];
  registrations: WorkItem[];
  contributions: WorkItem[];
  /** meeting deadlines and liaison reply dates to come, the nearest first */
  deadlines: WorkItem[];
};

const byDue = (a: WorkItem, b: WorkItem) => dueInstant(a.due) - dueInstant(b.due);

/** Everything that waits for a signed-in reader. Eight reads at once, none per item. */
export async function gatherMyWork(db: Db, actor: Actor, locale: Locale, now = new Date()): Promise<MyWork> {
  const [liaisons, meetings, proposals, gaps, contributions] = await Promise.all([
    liaisonWorkOf(db, actor, locale, now),
    meetingWorkOf(db, actor, locale, now),
    proposalsToDecide(db, actor, locale),
    gapProposalsToDecide(db, actor, locale),
    contributionsOf(db, actor, locale),
  ]);
  return {
    approvals: { liaisons: liaisons.toApprove, proposals, gaps, registrations: meetings.registrationsToApprove },
    assigned: liaisons.assigned,
    actions: meetings.myActions,
    registrations: meetings.myRegistrations,
    contributions,
    deadlines: [...meetings.deadlines, ...liaisons.deadlines].sort(byDue).slice(0, 30),
  };
}

export type ActivityNews = MeetingsOverview & { openLiaisons: WorkItem[]; recentChanges: WorkItem[] };

/** What is happening in an activity, as this reader may see it: a handful of indexed reads, whatever the activity's size. */
export async function gatherActivityNews(db: Db, actor: Actor, activity: Activity, locale: Locale, now = new Date()): Promise<ActivityNews> {
  const [meetings, openLiaisons, recentChanges] = await Promise.all([
    meetingsOverviewOf(db, actor, activity, locale, now),
    openLiaisonsOf(db, actor, activity, locale, now),
    recentRoadmapChanges(db, actor, activity, locale),
  ]);
  return { ...meetings, openLiaisons, recentChanges };
}
