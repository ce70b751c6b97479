// Who may do what with an activity's circulars: the leadership (secretariat, chairs, vice-chairs) drafts and checks
// them; only the secretariat issues them (TSB signs a circular, the activity's officers only prepare it).
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { leadership, role } from '../../platform/roles.ts';
import { canActivity } from '../activities/index.ts';

type ActivityLike = { id: number; visibility: 'public' | 'members' };
export type CircularAction = 'check' | 'draft' | 'issue';

export function canCirculars(actor: Actor, action: CircularAction, activity: ActivityLike): boolean {
  if (!canActivity(actor, 'read', activity)) return false;
  if (isAdmin(actor)) return true;
  return hasAnyRole(actor, activity.id, action === 'issue' ? [role.secretariat] : leadership);
}
