// Who reads how much of an activity's history. The history pages turn the answers into a filter on the events
// (routes.tsx historyVisibility); which event kinds are public records is decided there, with the records' own rules.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { leadership, participants } from '../../platform/roles.ts';

/**
 * read_internal: changes to records that are not public (drafts, members-only documents and statements, proposals).
 * read_personal: besides, the personal details of people outside the activity (registrations, list subscriptions,
 * mail received).
 */
export type HistoryAction = 'read_internal' | 'read_personal';
type ActivityLike = { id: number };

/**
 * Site admins, the secretariat and the chairs read everything. Participants (members and observers) read everything
 * but outsiders' personal details. Everyone else, representatives who are not members included, reads changes to
 * public records only: the same records the documents and liaison policies let them open.
 */
export function canHistory(actor: Actor, action: HistoryAction, activity: ActivityLike): boolean {
  if (isAdmin(actor)) return true;
  switch (action) {
    case 'read_internal':
      return hasAnyRole(actor, activity.id, participants);
    case 'read_personal':
      return hasAnyRole(actor, activity.id, leadership);
  }
}
