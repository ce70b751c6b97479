// Who may do what with overlap candidates. A pair belongs to the whole instance; its reviewers are the secretariat and
// chairs of any activity whose roadmap holds either entry.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { leadership, participants } from '../../platform/roles.ts';

export type OverlapAction = 'run' | 'review' | 'read_confirmed' | 'draft_liaison';

/** The activities in which `actor` reviews overlaps (none for anonymous visitors and Concord itself). */
export function reviewerActivityIds(actor: Actor): number[] {
  if (actor.kind !== 'user') return [];
  return [...actor.roles].filter(([, roles]) => leadership.some((r) => roles.has(r))).map(([id]) => id);
}

/**
 * run: site admins, Concord itself (CLI, jobs), and whoever reviews in some activity (a run covers the whole register,
 * and changes nothing but the candidates). review: the same; which pairs they may decide is narrowed by the pair's
 * activities (listOverlaps, decideOverlap). read_confirmed: an activity's participants read its confirmed overlaps.
 * draft_liaison: the activity's secretariat and chairs draft an outgoing liaison statement from a confirmed overlap.
 */
export function canOverlaps(actor: Actor, action: OverlapAction, activity?: { id: number }): boolean {
  if (isAdmin(actor)) return true;
  switch (action) {
    case 'run':
    case 'review':
      return reviewerActivityIds(actor).length > 0;
    case 'read_confirmed':
      // The confirmed overlaps of one activity: whoever holds a role in it.
      return !!activity && hasAnyRole(actor, activity.id, participants);
    case 'draft_liaison':
      return !!activity && mayReviewIn(actor, activity);
  }
}

/** Whether `actor` reads `activity`'s confirmed overlaps: its participants, site admins, everyone if it publishes them. */
export function readsConfirmedOverlaps(actor: Actor, activity: { id: number; publishOverlaps: boolean }): boolean {
  return activity.publishOverlaps || canOverlaps(actor, 'read_confirmed', activity);
}

/** Whether `actor` reviews pairs that touch `activity`'s roadmap: its secretariat and chairs, and site admins. */
export function mayReviewIn(actor: Actor, activity: { id: number }): boolean {
  return isAdmin(actor) || hasAnyRole(actor, activity.id, leadership);
}

/** The activities whose members-only roadmaps `actor` may read: those they hold any role in. */
export function readableActivityIds(actor: Actor): number[] {
  return actor.kind === 'user' ? [...actor.roles].filter(([, roles]) => roles.size > 0).map(([id]) => id) : [];
}
