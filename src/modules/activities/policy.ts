import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { managers, participants, role } from '../../platform/roles.ts';

export type ActivityAction = 'read' | 'create' | 'update' | 'revise_tor' | 'manage_roles' | 'read_contacts';
type ActivityLike = { id: number; visibility: 'public' | 'members' };

/**
 * Who may do what with an activity. Public activities are readable by anyone; members-only ones by those with a role.
 * The secretariat runs the activity; chairs may revise its terms of reference; site admins create activities.
 */
export function canActivity(actor: Actor, action: ActivityAction, activity?: ActivityLike): boolean {
  if (isAdmin(actor)) return true;
  if (action === 'create' || !activity) return false;
  switch (action) {
    case 'read':
      return activity.visibility === 'public' || hasAnyRole(actor, activity.id, participants);
    case 'read_contacts':
      return hasAnyRole(actor, activity.id, participants);
    case 'update':
    case 'manage_roles':
      return hasAnyRole(actor, activity.id, [role.secretariat]);
    case 'revise_tor':
      return hasAnyRole(actor, activity.id, managers);
  }
}
