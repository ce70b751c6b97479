// Who may do what with an activity's contacts and representatives.
import { type Actor, isAdmin } from '../../platform/actor.ts';
import { canActivity } from '../activities/index.ts';

export type ContactAction = 'read' | 'read_addresses' | 'edit';
type ActivityLike = { id: number; visibility: 'public' | 'members' };

/**
 * The list reads like its activity (public activities: anyone), but e-mail addresses and telephone numbers only for
 * those who hold a role in the activity (members, observers, leadership, secretariat) and site admins: strangers and
 * anonymous visitors never see them, on pages, in exports or through the API. The secretariat keeps the list.
 */
export function canContacts(actor: Actor, action: ContactAction, activity: ActivityLike): boolean {
  if (!canActivity(actor, 'read', activity)) return false;
  if (isAdmin(actor)) return true;
  switch (action) {
    case 'read':
      return true;
    case 'read_addresses':
      return canActivity(actor, 'read_contacts', activity);
    case 'edit':
      return canActivity(actor, 'manage_roles', activity);
  }
}
