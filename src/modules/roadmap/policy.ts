import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { canActivity } from '../activities/index.ts';

export type RoadmapAction = 'read' | 'edit' | 'propose';
type ActivityLike = { id: number; visibility: 'public' | 'members' };

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
      return hasAnyRole(actor, activity.id, ['secretariat', 'chair', 'co_chair']);
    case 'propose':
      return hasAnyRole(actor, activity.id, ['secretariat', 'chair', 'co_chair', 'vice_chair', 'member', 'representative']);
  }
}
