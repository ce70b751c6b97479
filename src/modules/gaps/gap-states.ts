// The one table of which change a gap's state allows and where it leads; the refusals, the page's buttons and the
// API's allowedActions all read it.
import type { Actor } from '../../platform/actor.ts';
import { acceptedStatuses, canGap } from './policy.ts';
import type { GapStatus } from './schema.ts';

export type GapChange = 'accept' | 'decline' | 'edit' | 'link' | 'unlink';

/** From which states each change may be made; accept and decline lead to one state, the others keep it. */
export const gapChanges: Record<GapChange, { from: readonly GapStatus[]; to?: GapStatus }> = {
  // A declined proposal may be reconsidered; an accepted gap that no longer matters is closed, not declined.
  accept: { from: ['proposed', 'declined'], to: 'open' },
  decline: { from: ['proposed'], to: 'declined' },
  edit: { from: ['proposed', 'open', 'being_addressed', 'closed', 'declined'] },
  // Progress belongs to accepted gaps.
  link: { from: acceptedStatuses },
  unlink: { from: acceptedStatuses },
};

/** The states an edit may set: among the accepted ones, for an accepted gap; a proposal is accepted or declined instead. */
export function editableStatuses(current: GapStatus): readonly GapStatus[] {
  return (acceptedStatuses as readonly GapStatus[]).includes(current) ? acceptedStatuses : [current];
}

export const changeAllowedFrom = (change: GapChange, status: GapStatus) => gapChanges[change].from.includes(status);

type ActivityLike = { id: number; visibility: 'public' | 'members' };

/** What the actor may do with the gap now (for buttons and for the API's `allowedActions`). */
export function allowedGapChanges(
  actor: Actor,
  activity: ActivityLike,
  settings: { publishGaps: boolean },
  gap: { status: GapStatus; proposerUserId: number | null },
): GapChange[] {
  const rights: Record<GapChange, 'edit' | 'decide' | 'link'> = { accept: 'decide', decline: 'decide', edit: 'edit', link: 'link', unlink: 'link' };
  return (Object.keys(gapChanges) as GapChange[]).filter((change) => changeAllowedFrom(change, gap.status) && canGap(actor, rights[change], activity, settings, gap));
}
