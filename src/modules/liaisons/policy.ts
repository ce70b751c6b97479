// Who may do what with liaison statements: every such check for liaisons is here, so routes, views and the domain
// ask the same question. Which changes a statement's state allows, and who makes each, is the table in
// liaison-states.ts; this file says who those people are.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { contributors, leadership, participants, role } from '../../platform/roles.ts';
import { canActivity } from '../activities/index.ts';
import { allowedInState, appliesTo, type LiaisonDeciders, type LiaisonTransition, liaisonSteps, liaisonTransitions } from './liaison-states.ts';
import type { LiaisonAccess, LiaisonDirection, OutgoingState } from './schema.ts';

export type LiaisonAction = 'read' | 'register_incoming' | 'draft' | LiaisonTransition;

type ActivityLike = { id: number; visibility: 'public' | 'members' };
export type StatementLike = {
  direction: LiaisonDirection;
  state: OutgoingState | null;
  access: LiaisonAccess;
  createdByUserId: number | null;
  assigneePersonId: number | null;
};

/** Those who approve an outgoing statement: the activity's chairs and its secretariat. */
export const approverRoles = leadership;
const drafters = contributors;

/** An outgoing statement is the activity's own business until it has been sent. */
const published = (s: StatementLike) => s.direction === 'in' || s.state === 'sent' || s.state === 'closed';

/** Participants (any role, observers included) read every statement of the activity, drafts and members-only ones too. */
export function readsEveryStatement(actor: Actor, activity: ActivityLike): boolean {
  return canActivity(actor, 'read', activity) && (isAdmin(actor) || hasAnyRole(actor, activity.id, participants));
}

/** Whether the actor is one of those the transition table names for a change of this statement. */
function isDecider(actor: Actor, deciders: LiaisonDeciders, activity: ActivityLike, statement: StatementLike): boolean {
  const admin = isAdmin(actor);
  const leads = admin || hasAnyRole(actor, activity.id, leadership);
  switch (deciders) {
    case 'leadership':
      return leads;
    case 'secretariat':
      return admin || hasAnyRole(actor, activity.id, [role.secretariat]);
    case 'leadership_or_drafter': {
      // Only an outgoing statement has a drafter; whoever registered an incoming one did so as a chair or secretariat.
      const drafter = statement.direction === 'out' && actor.kind === 'user' && statement.createdByUserId === actor.userId && hasAnyRole(actor, activity.id, drafters);
      return leads || drafter;
    }
    case 'leadership_or_assignee': {
      const assignee = actor.kind === 'user' && actor.personId !== null && actor.personId === statement.assigneePersonId;
      return leads || (assignee && hasAnyRole(actor, activity.id, participants));
    }
  }
}

/**
 * Whether the actor may do this, whatever the statement's state (allowedActions adds the state). Participants read
 * every statement of the activity; anyone who may read the activity reads its public statements once they are
 * public (incoming, or outgoing and sent). Members draft outgoing statements; the chairs and the secretariat
 * register incoming ones; for each change of a statement, those the transition table names.
 */
export function canLiaison(actor: Actor, action: LiaisonAction, activity: ActivityLike, statement?: StatementLike): boolean {
  if (!canActivity(actor, 'read', activity)) return false;
  switch (action) {
    case 'read':
      if (!statement) return true;
      return readsEveryStatement(actor, activity) || (statement.access === 'public' && published(statement));
    case 'register_incoming':
      return isAdmin(actor) || hasAnyRole(actor, activity.id, leadership);
    case 'draft':
      return isAdmin(actor) || hasAnyRole(actor, activity.id, drafters);
    default:
      return !!statement && appliesTo(action, statement.direction) && isDecider(actor, liaisonSteps[action].by, activity, statement);
  }
}

/** The changes the actor may make now: allowed in the statement's state and by the actor's roles (buttons, the API's `allowedActions`). */
export function allowedActions(actor: Actor, activity: ActivityLike, statement: StatementLike): LiaisonTransition[] {
  return liaisonTransitions.filter((action) => allowedInState(action, statement) && canLiaison(actor, action, activity, statement));
}

/**
 * The one check before a change: a statement the actor may not read is "not found" (as if it did not exist), one
 * they may read but not change is forbidden. Without a statement, the action is on the activity (registering,
 * drafting). The state is checked after (liaison-states.ts requireState).
 */
export function authorizeLiaison(actor: Actor, action: LiaisonAction, activity: ActivityLike, statement?: StatementLike): void {
  if (!canLiaison(actor, 'read', activity, statement)) throw notFound();
  if (!canLiaison(actor, action, activity, statement)) throw forbidden();
}
