// Who may do what with an activity's meetings and their proceedings (agenda, minutes, decisions, action items, reports).
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { leaders, leadership, managers, participants, role } from '../../platform/roles.ts';
import { canActivity } from '../activities/index.ts';
import { canDocument } from '../documents/index.ts';
import type { MeetingReportAccess, MeetingReportStatus } from './proceedings-schema.ts';

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

/**
 * Who may do what with an activity's meetings. Anyone who can read the activity sees its meetings and may register
 * (anonymously for a public activity); the members see who registered; the secretariat creates, edits, announces and
 * cancels meetings, sets the dates and rules, exports the participant list and marks attendance. The remote link is
 * for registered participants and the activity's leadership. A registration is managed (by id) by its owner and the
 * secretariat; by its mail link, by whoever holds the link.
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
    case 'manage_registration':
      return facts.ownRegistration === true || hasAnyRole(actor, activity.id, [role.secretariat]);
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

/**
 * Who reads a meeting's report: those who write reports, drafts included; anyone else a released one, by its access
 * level exactly as a published document of the activity is read (documents/policy.ts): released is not public.
 */
export function canReadReport(actor: Actor, activity: ActivityLike, report: { status: MeetingReportStatus; access: MeetingReportAccess }): boolean {
  if (!canProceedings(actor, 'read', activity)) return false;
  if (canProceedings(actor, 'write_reports', activity)) return true;
  if (report.status !== 'released') return false;
  return canDocument(actor, 'read', activity, { access: report.access, status: 'published', submittedByUserId: null });
}

/**
 * A meeting still in preparation may be deleted by the secretariat: never announced (planned), nobody registered, no
 * document. Anything further has been seen by others and is only cancelled, so its record stays.
 */
export function meetingDeletable(meeting: { status: string }, facts: { registrations: number; documents: number }): boolean {
  return meeting.status === 'planned' && facts.registrations === 0 && facts.documents === 0;
}
