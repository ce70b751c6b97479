// Who may do what with an activity's documents. Routes, views and the API all ask here.
import { type Actor, hasAnyRole, isAdmin } from '../../platform/actor.ts';
import { chairs, contributors, participants, role } from '../../platform/roles.ts';
import type { DocumentAccess, DocumentStatus } from './schema.ts';

export type DocumentAction = 'read' | 'submit' | 'manage' | 'place' | 'revise';
type ActivityLike = { id: number; visibility: 'public' | 'members' };
type DocumentLike = { access: DocumentAccess; status: DocumentStatus; submittedByUserId: number | null };

/** Everyone with a role in the activity reads members-only documents, observers included (they attend meetings). */
const readers = participants;
/**
 * Submit documents (on the site or by mail, documents/mail-in.ts): observers follow the work but do not contribute to
 * it, and a representative who is not a member submits through the body they represent.
 */
export const submitters = contributors;

/** Reads the activity's member-only things (and its documents list at all, for a members-only activity). */
export function isActivityReader(actor: Actor, activity: ActivityLike): boolean {
  return isAdmin(actor) || hasAnyRole(actor, activity.id, readers);
}

/**
 * read: a published (or withdrawn) document by its access level; a contribution still waiting for its number only by
 * the secretariat and its submitter. submit: members and leadership, not observers. manage (number, assign agenda
 * items, publish temporary documents, handle the mail queue, withdraw): the secretariat. revise: the secretariat, or
 * the submitter of a contribution. place (link a numbered document to an agenda item): those who prepare the agenda,
 * the secretariat, chairs and co-chairs, as the agenda pages allow them.
 */
export function canDocument(actor: Actor, action: DocumentAction, activity: ActivityLike, document?: DocumentLike): boolean {
  const activityReadable = activity.visibility === 'public' || isActivityReader(actor, activity);
  if (!activityReadable) return false;
  const manager = isAdmin(actor) || hasAnyRole(actor, activity.id, [role.secretariat]);
  const own = document !== undefined && actor.kind === 'user' && document.submittedByUserId === actor.userId;
  switch (action) {
    case 'submit':
      return isAdmin(actor) || hasAnyRole(actor, activity.id, submitters);
    case 'manage':
      return manager;
    case 'place':
      return manager || hasAnyRole(actor, activity.id, chairs);
    case 'revise':
      return manager || (own && hasAnyRole(actor, activity.id, submitters) && document?.status !== 'withdrawn');
    case 'read':
      if (!document) return true;
      if (manager || own) return true;
      if (document.status === 'submitted') return false;
      return document.access === 'public' || isActivityReader(actor, activity);
  }
}
