// Who may do what with a meeting's proceedings: its agenda, minutes, decisions, action items and reports.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { canActivity } from '../activities/index.ts';

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

type ActivityLike = { id: number; visibility: 'public' | 'members' };

const editors = ['secretariat', 'chair', 'co_chair'] as const;
const presiding = ['chair', 'co_chair', 'vice_chair'] as const;

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
      return hasAnyRole(actor, activity.id, [...editors, 'vice_chair']);
    case 'edit_agenda':
    case 'record_outcomes':
    case 'write_reports':
      return hasAnyRole(actor, activity.id, editors);
    case 'adopt_agenda':
      return hasAnyRole(actor, activity.id, presiding);
  }
}
