// Who may do what with liaison statements. The state rules (what may happen next) are in liaisons.ts; this file only
// answers "is this person allowed to", so buttons and routes ask the same question.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { contributors, leadership, participants, role } from '../../platform/roles.ts';
import { canActivity } from '../activities/index.ts';
import type { LiaisonAccess, LiaisonDirection, OutgoingState } from './schema.ts';

export type LiaisonAction =
  | 'read'
  | 'register_incoming'
  | 'draft'
  | 'edit'
  | 'submit'
  | 'approve'
  | 'return'
  | 'send'
  | 'close'
  | 'withdraw'
  | 'assign'
  | 'set_action_status';

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

/**
 * Participants (any role, observers included) read every statement of the activity; anyone who may read the activity
 * reads its public statements once they are public (incoming, or outgoing and sent). Members draft outgoing statements
 * and edit, submit or withdraw their own; the chairs and the secretariat register incoming ones, edit any, approve,
 * close and assign; only the secretariat sends. The assignee of an incoming statement updates its action status.
 */
export function canLiaison(actor: Actor, action: LiaisonAction, activity: ActivityLike, statement?: StatementLike): boolean {
  if (!canActivity(actor, 'read', activity)) return false;
  const admin = isAdmin(actor);
  const participant = admin || hasAnyRole(actor, activity.id, participants);
  const leads = admin || hasAnyRole(actor, activity.id, leadership);
  const own = !!statement && actor.kind === 'user' && statement.createdByUserId === actor.userId && hasAnyRole(actor, activity.id, drafters);
  switch (action) {
    case 'read':
      if (!statement) return true;
      return participant || (statement.access === 'public' && published(statement));
    case 'register_incoming':
      return leads;
    case 'draft':
      return admin || hasAnyRole(actor, activity.id, drafters);
    case 'edit':
      if (!statement) return false;
      return leads || (statement.direction === 'out' && own);
    case 'submit':
    case 'withdraw':
      return !!statement && statement.direction === 'out' && (leads || own);
    case 'approve':
    case 'return':
      return !!statement && statement.direction === 'out' && leads;
    case 'send':
      return !!statement && statement.direction === 'out' && (admin || hasAnyRole(actor, activity.id, [role.secretariat]));
    case 'close':
      return !!statement && statement.direction === 'out' && leads;
    case 'assign':
      return !!statement && statement.direction === 'in' && leads;
    case 'set_action_status': {
      if (!statement || statement.direction !== 'in') return false;
      const assignee = actor.kind === 'user' && actor.personId !== null && actor.personId === statement.assigneePersonId;
      return leads || (assignee && participant);
    }
  }
}

/** Reads every statement of the activity, drafts and members-only ones included (views choose the register's introduction and show contact addresses by it). */
export const readsEverything = (actor: Actor, activity: ActivityLike) => isAdmin(actor) || hasAnyRole(actor, activity.id, participants);
