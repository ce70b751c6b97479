import type { Actor } from '../../platform/actor.ts';
import { canActivity } from '../activities/index.ts';

export type InvitationAction = 'invite' | 'list' | 'resend' | 'revoke';
type ActivityLike = { id: number; visibility: 'public' | 'members' };

/**
 * Who may invite people to an activity's roles, see its invitations, send them again or withdraw them: those who give
 * roles there by hand (its secretariat and site admins), since an accepted invitation gives the same role.
 */
export function canInvitation(actor: Actor, _action: InvitationAction, activity: ActivityLike): boolean {
  return canActivity(actor, 'manage_roles', activity);
}

/** Whether visitors may create their own account on this instance (SIGN_UP); off by default, people join by invitation. */
export function signUpOpen(config: { signUp: boolean }): boolean {
  return config.signUp;
}
