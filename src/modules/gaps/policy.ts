// Who may do what with an activity's gaps, and which gaps a reader sees: gapScope is the one rule that the pages, the
// API, the exports, the roadmap document and the history all apply (as a test on a row, or as SQL in gaps.ts).
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { contributors, leadership, participants } from '../../platform/roles.ts';
import { canActivity } from '../activities/index.ts';
import type { GapStatus } from './schema.ts';

type ActivityLike = { id: number; visibility: 'public' | 'members' };
type SettingsLike = { publishGaps: boolean };
type GapLike = { status: GapStatus; proposerUserId: number | null };

/** The gaps that are the activity's own findings: accepted, whatever their progress. */
export const acceptedStatuses = ['open', 'being_addressed', 'closed'] as const satisfies readonly GapStatus[];
export const isAccepted = (status: GapStatus) => (acceptedStatuses as readonly GapStatus[]).includes(status);

/**
 * Which of an activity's gaps a reader sees. all: every gap, proposals and declined ones included. some: accepted
 * gaps always, only when the activity publishes them, or never; and, for `ownBy`, that user's own proposals whatever
 * became of them. none: not even the activity.
 */
export type GapScope =
  | { kind: 'all' }
  | { kind: 'some'; accepted: 'always' | 'if_published'; ownBy: number | null }
  | { kind: 'none' };

/**
 * Site admins and the activity's leadership (secretariat, chairs, vice-chairs) see every gap; its participants
 * (observers too) see the accepted ones and their own proposals; anyone else who may read the activity sees the
 * accepted ones if the activity publishes them. A members-only activity is read by its participants only.
 */
export function gapScope(reader: Actor, activity: ActivityLike): GapScope {
  if (!canActivity(reader, 'read', activity)) return { kind: 'none' };
  if (isAdmin(reader) || hasAnyRole(reader, activity.id, leadership)) return { kind: 'all' };
  if (hasAnyRole(reader, activity.id, participants)) return { kind: 'some', accepted: 'always', ownBy: reader.kind === 'user' ? reader.userId : null };
  return { kind: 'some', accepted: 'if_published', ownBy: null };
}

/** Whether a reader with this scope sees the gap, given the activity's choice to publish. */
export function seesGap(scope: GapScope, gap: GapLike, published: boolean): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'some':
      if (scope.ownBy !== null && gap.proposerUserId === scope.ownBy) return true;
      return isAccepted(gap.status) && (scope.accepted === 'always' || published);
  }
}

export type GapListAction = 'read' | 'propose' | 'create';

/**
 * read: the list is open to whoever sees accepted gaps there (participants always, others when published).
 * propose: the activity's contributors (members and leadership; not observers, as for roadmap proposals).
 * create: the leadership, who accept and decline proposals too. Site admins may do everything. Whether accepted gaps
 * are published is the activity's setting, which its secretariat changes (activities' canActivity 'update').
 */
export function canGaps(actor: Actor, action: GapListAction, activity: ActivityLike, settings: SettingsLike): boolean {
  const scope = gapScope(actor, activity);
  if (scope.kind === 'none') return false;
  if (isAdmin(actor)) return true;
  switch (action) {
    case 'read':
      return scope.kind === 'all' || scope.accepted === 'always' || settings.publishGaps;
    case 'propose':
      return hasAnyRole(actor, activity.id, contributors);
    case 'create':
      return hasAnyRole(actor, activity.id, leadership);
  }
}

export type GapAction = 'read' | 'edit' | 'decide' | 'link';

/** read: gapScope; edit, decide (accept, decline) and link entries (its progress): the leadership and site admins. */
export function canGap(actor: Actor, action: GapAction, activity: ActivityLike, settings: SettingsLike, gap: GapLike): boolean {
  if (!seesGap(gapScope(actor, activity), gap, settings.publishGaps)) return false;
  if (action === 'read') return true;
  return isAdmin(actor) || hasAnyRole(actor, activity.id, leadership);
}
