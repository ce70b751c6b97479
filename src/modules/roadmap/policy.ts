// Who may do what with an activity's roadmap and the proposals made to it.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { contributors, managers, role } from '../../platform/roles.ts';
import { canActivity } from '../activities/index.ts';

export type RoadmapAction = 'read' | 'edit' | 'propose';
type ActivityLike = { id: number; visibility: 'public' | 'members' };

/**
 * Propose entries and changes: those who contribute to the activity, and the representatives named on its contacts
 * list (of study groups and external bodies, while their mandate runs), who speak for their body without being members.
 */
const proposers = [...contributors, role.representative] as const;

/**
 * The roadmap reads like its activity (public activities: anyone). The secretariat and the chairs edit it directly;
 * members, and representatives named on the activity's contacts list (of study groups and external bodies), propose
 * entries and changes, which the secretariat accepts or rejects.
 */
export function canRoadmap(actor: Actor, action: RoadmapAction, activity: ActivityLike): boolean {
  if (!canActivity(actor, 'read', activity)) return false;
  if (isAdmin(actor)) return true;
  switch (action) {
    case 'read':
      return true;
    case 'edit':
      return hasAnyRole(actor, activity.id, managers);
    case 'propose':
      return hasAnyRole(actor, activity.id, proposers);
  }
}

export type ProposalAction = 'read' | 'decide' | 'withdraw';
/**
 * Proposing is canRoadmap 'propose'. Those who edit the roadmap see and decide every proposal of the activity;
 * a proposer sees their own and may withdraw it. Anyone else does not see it at all.
 */
export function canProposal(actor: Actor, action: ProposalAction, activity: ActivityLike, proposal: { proposerUserId: number | null }): boolean {
  if (!canRoadmap(actor, 'read', activity)) return false;
  const own = actor.kind === 'user' && proposal.proposerUserId === actor.userId;
  switch (action) {
    case 'read':
      return own || canRoadmap(actor, 'edit', activity);
    case 'decide':
      return canRoadmap(actor, 'edit', activity);
    case 'withdraw':
      return own;
  }
}
