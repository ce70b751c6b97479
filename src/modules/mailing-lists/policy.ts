// Who may do what with an activity's mailing list and its archive.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { managers, role } from '../../platform/roles.ts';
import { canActivity } from '../activities/index.ts';

export type ListAction = 'read_archive' | 'subscribe' | 'send' | 'correct' | 'withdraw' | 'read_withdrawn' | 'manage';
type ActivityLike = { id: number; visibility: 'public' | 'members'; status?: 'active' | 'closed' };

/**
 * The archive reads like the activity: public for a public activity, members only otherwise. Anyone may ask to join
 * the list of a public, active activity (confirmed by mail); members are on it already. The secretariat and the chairs
 * send announcements and see who they reached; they also take one back: correct it (a correction to the list) or
 * withdraw it from the archive, and they alone still read what was withdrawn. The secretariat manages subscribers.
 */
export function canList(actor: Actor, action: ListAction, activity: ActivityLike): boolean {
  if (!canActivity(actor, 'read', activity)) return false;
  switch (action) {
    case 'read_archive':
      return true;
    case 'subscribe':
      return activity.visibility === 'public' && activity.status !== 'closed';
    case 'send':
    case 'correct':
    case 'withdraw':
    case 'read_withdrawn':
      return isAdmin(actor) || hasAnyRole(actor, activity.id, managers);
    case 'manage':
      return isAdmin(actor) || hasAnyRole(actor, activity.id, [role.secretariat]);
  }
}
