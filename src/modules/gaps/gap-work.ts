// What gaps ask of one reader (My work): proposed gaps they may accept or decline, by the module's own rule (canGap 'decide').
import { and, asc, eq, inArray } from 'drizzle-orm';
import { inList } from '../../db/bulk.ts';
import type { Tx } from '../../db/engine.ts';
import { activities } from '../../db/schema.ts';
import { type Actor, isSignedIn } from '../../platform/actor.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { approvalScopeOf, type WorkItem } from '../../platform/work-items.ts';
import { gapMessages } from './messages.ts';
import { canGap } from './policy.ts';
import { gaps } from './schema.ts';

/** Proposed gaps in the reader's activities (every activity for an admin) that they may decide, oldest first. One query. */
export async function gapProposalsToDecide(tx: Tx, actor: Actor, locale: Locale): Promise<WorkItem[]> {
  const scope = approvalScopeOf(actor);
  if (!isSignedIn(actor) || !scope) return [];
  const rows = await tx
    .select({ gap: gaps, activity: activities })
    .from(gaps)
    .innerJoin(activities, eq(activities.id, gaps.activityId))
    .where(and(scope === 'all' ? undefined : inList(gaps.activityId, scope), inArray(gaps.status, ['proposed'])))
    .orderBy(asc(gaps.createdAt))
    .limit(200);
  const m = gapMessages(locale);
  return rows
    .filter(({ gap, activity }) => canGap(actor, 'decide', activity, activity, gap))
    .map(({ gap, activity }) => ({
      activity,
      title: `G-${gap.number}: ${gap.title}`,
      href: `/activities/${encodeURIComponent(activity.acronym)}/gaps/${gap.number}`,
      detail: `${m.statuses[gap.status]} — ${m.proposedBy} ${gap.proposerName}`,
    }));
}
