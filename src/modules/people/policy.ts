import { type Actor, isAdmin, isSecretariatAnywhere } from '../../platform/actor.ts';

export type PersonAction = 'list' | 'read' | 'create' | 'update' | 'delete' | 'link_account';

/**
 * Contacts hold personal data (e-mail, telephone): signed-in users may read them, and site admins and any activity's
 * secretariat keep them, and link accounts to them (which hands the account the person's roles). Anonymous visitors see only the names an activity page shows (its leadership).
 */
export function canPerson(actor: Actor, action: PersonAction): boolean {
  if (action === 'list' || action === 'read') return actor.kind !== 'anonymous';
  return isAdmin(actor) || isSecretariatAnywhere(actor);
}
