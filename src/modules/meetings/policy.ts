import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';

export type MeetingAction =
  | 'read'
  | 'manage'
  | 'register'
  | 'read_participants'
  | 'export_participants'
  | 'mark_attendance'
  | 'see_remote_link'
  | 'manage_registration';

type ActivityLike = { id: number; visibility: 'public' | 'members' };
/**
 * What a decision may depend on beyond the activity: whether the actor holds a live registration for the meeting;
 * whether the registration in question is the actor's own.
 */
type MeetingFacts = { registered?: boolean; ownRegistration?: boolean };

const anyRole = ['secretariat', 'chair', 'co_chair', 'vice_chair', 'member', 'observer'] as const;
const leadership = ['secretariat', 'chair', 'co_chair', 'vice_chair'] as const;

/**
 * Who may do what with an activity's meetings. Anyone who can read the activity sees its meetings and may register
 * (anonymously for a public activity); the members see who registered; the secretariat creates, edits, announces and
 * cancels meetings, sets the dates and rules, exports the participant list and marks attendance. The remote link is
 * for registered participants and the activity's leadership. A registration is managed (by id) by its owner and the
 * secretariat; by its mail link, by whoever holds the link.
 */
export function canMeeting(actor: Actor, action: MeetingAction, activity: ActivityLike, facts: MeetingFacts = {}): boolean {
  if (isAdmin(actor)) return true;
  const readable = activity.visibility === 'public' || hasAnyRole(actor, activity.id, anyRole);
  switch (action) {
    case 'read':
    case 'register':
      return readable;
    case 'read_participants':
      return hasAnyRole(actor, activity.id, anyRole);
    case 'manage':
    case 'export_participants':
    case 'mark_attendance':
      return hasAnyRole(actor, activity.id, ['secretariat']);
    case 'manage_registration':
      return facts.ownRegistration === true || hasAnyRole(actor, activity.id, ['secretariat']);
    case 'see_remote_link':
      return readable && (facts.registered === true || hasAnyRole(actor, activity.id, leadership));
  }
}
