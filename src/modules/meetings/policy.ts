// Who may do what with an activity's meetings and their proceedings (agenda, minutes, decisions, action items, reports).
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { leaders, leadership, managers, participants, role } from '../../platform/roles.ts';
import { canActivity } from '../activities/index.ts';

export type MeetingAction =
  | 'read'
  | 'manage'
  | 'register'
  | 'read_participants'
  | 'export_participants'
  | 'mark_attendance'
  | 'see_remote_link';

type ActivityLike = { id: number; visibility: 'public' | 'members' };
/** What a decision may depend on beyond the activity: whether the actor holds a live registration for the meeting. */
type MeetingFacts = { registered?: boolean };

/**
 * Who may do what with an activity's meetings. Anyone who can read the activity sees its meetings and may register
 * (anonymously for a public activity); the members see who registered; the secretariat creates, edits, announces and
 * cancels meetings, sets the dates and rules, exports the participant list and marks attendance. The remote link is
 * for registered participants and the activity's leadership.
 */
export function canMeeting(actor: Actor, action: MeetingAction, activity: ActivityLike, facts: MeetingFacts = {}): boolean {
  if (isAdmin(actor)) return true;
  const readable = activity.visibility === 'public' || hasAnyRole(actor, activity.id, participants);
  switch (action) {
    case 'read':
    case 'register':
      return readable;
    case 'read_participants':
      return hasAnyRole(actor, activity.id, participants);
    case 'manage':
    case 'export_participants':
    case 'mark_attendance':
      return hasAnyRole(actor, activity.id, [role.secretariat]);
    case 'see_remote_link':
      return readable && (facts.registered === true || hasAnyRole(actor, activity.id, leadership));
  }
}

export type ProceedingsAction =
  /** the published agenda, the outcomes, released reports */
  | 'read'
  /** the working agenda, unissued changes, report drafts */
  | 'read_drafts'
  /** add, edit, reorder, delete agenda items; link documents; issue a version; the activity's template */
  | 'edit_agenda'
  /** adopt an issued version */
  | 'adopt_agenda'
  /** minutes, decisions, action items */
  | 'record_outcomes'
  /** generate and edit the TSAG summary and the meeting report, and release them */
  | 'write_reports';

/**
 * The proceedings read like their activity. The secretariat and the chairs prepare the agenda, record the outcomes
 * and write the reports; the agenda is adopted by whoever presides over the meeting (chair, co-chair or vice-chair),
 * as the meeting adopts its agenda under its chair. Members and observers read.
 */
export function canProceedings(actor: Actor, action: ProceedingsAction, activity: ActivityLike): boolean {
  if (!canActivity(actor, 'read', activity)) return false;
  if (isAdmin(actor)) return true;
  switch (action) {
    case 'read':
      return true;
    case 'read_drafts':
      return hasAnyRole(actor, activity.id, leadership);
    case 'edit_agenda':
    case 'record_outcomes':
    case 'write_reports':
      return hasAnyRole(actor, activity.id, managers);
    case 'adopt_agenda':
      return hasAnyRole(actor, activity.id, leaders);
  }
}
