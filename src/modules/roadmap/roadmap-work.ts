// What the roadmap asks of one reader (My work: proposals to decide) and what changed lately in an activity's roadmap
// (its overview), with the module's own rules (canProposal 'decide', canRoadmap 'read').
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { inList } from '../../db/bulk.ts';
import type { Tx } from '../../db/engine.ts';
import { activities } from '../../db/schema.ts';
import { type Actor, isSignedIn } from '../../platform/actor.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { events } from '../../platform/schema.ts';
import { approvalScopeOf, type WorkItem } from '../../platform/work-items.ts';
import { roadmapMessages, roadmapStatusName } from './messages.ts';
import { canProposal, canRoadmap } from './policy.ts';
import { proposalMessages } from './proposal-messages.ts';
import { roadmapEntries, roadmapProposals } from './schema.ts';

type ActivityRow = typeof activities.$inferSelect;

/** Pending proposals in the reader's activities (every activity for an admin) that they may decide, oldest first. One query. */
export async function proposalsToDecide(tx: Tx, actor: Actor, locale: Locale): Promise<WorkItem[]> {
  const scope = approvalScopeOf(actor);
  if (!isSignedIn(actor) || !scope) return [];
  const rows = await tx
    .select({ p: roadmapProposals, activity: activities, identifier: roadmapEntries.identifier })
    .from(roadmapProposals)
    .innerJoin(activities, eq(activities.id, roadmapProposals.activityId))
    .leftJoin(roadmapEntries, eq(roadmapEntries.id, roadmapProposals.entryId))
    .where(and(scope === 'all' ? undefined : inList(roadmapProposals.activityId, scope), eq(roadmapProposals.status, 'pending')))
    .orderBy(asc(roadmapProposals.createdAt))
    .limit(200);
  const p = proposalMessages(locale);
  const w = roadmapMessages(locale).work;
  return rows
    .filter(({ p: proposal, activity }) => canProposal(actor, 'decide', activity, proposal))
    .map(({ p: proposal, activity, identifier }) => ({
      activity,
      title: w.proposal(p.kinds[proposal.kind], identifier ?? String(proposal.proposed.identifier ?? '')),
      href: `/activities/${encodeURIComponent(activity.acronym)}/roadmap/proposals/${proposal.id}`,
      detail: w.proposedBy(proposal.proposerName),
    }));
}

/**
 * The last `limit` additions and status changes made in the activity's roadmap, newest first, from the event log
 * (read backwards along its (activity, id) index, so the cost does not grow with the history). Empty for a reader who
 * may not read the roadmap. One query.
 */
export async function recentRoadmapChanges(tx: Tx, actor: Actor, activity: ActivityRow, locale: Locale, limit = 8): Promise<WorkItem[]> {
  if (!canRoadmap(actor, 'read', activity)) return [];
  const rows = await tx
    .select({ kind: events.kind, at: events.at, before: events.before, after: events.after, entryId: roadmapEntries.id, identifier: roadmapEntries.identifier, title: roadmapEntries.title })
    .from(events)
    .innerJoin(roadmapEntries, sql`${roadmapEntries.id}::text = ${events.subjectId}`)
    .where(
      and(
        eq(events.activityId, activity.id),
        eq(events.subjectType, 'roadmap_entry'),
        or(inArray(events.kind, ['roadmap.entry_added', 'roadmap.entry_included']), and(eq(events.kind, 'roadmap.entry_updated'), sql`${events.after} ? 'status'`)),
      ),
    )
    .orderBy(desc(events.id))
    .limit(limit);
  const w = roadmapMessages(locale).work;
  return rows.map((row) => {
    const before = (row.before ?? {}) as Record<string, unknown>;
    const after = (row.after ?? {}) as Record<string, unknown>;
    return {
      activity,
      title: `${row.identifier} — ${row.title}`,
      href: `/roadmap/entries/${row.entryId}?activity=${encodeURIComponent(activity.acronym)}`,
      detail: row.kind === 'roadmap.entry_updated' ? w.status(roadmapStatusName(String(before.status ?? ''), locale), roadmapStatusName(String(after.status ?? ''), locale)) : w.added,
      happenedAt: row.at,
    };
  });
}
