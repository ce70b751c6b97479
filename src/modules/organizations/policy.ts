import { type Actor, isAdmin, isSecretariatAnywhere } from '../../platform/actor.ts';

export type OrganizationAction = 'read' | 'create' | 'update' | 'delete';

/** The register of bodies is public to read; site admins and any activity's secretariat keep it. */
export function canOrganization(actor: Actor, action: OrganizationAction): boolean {
  if (action === 'read') return true;
  return isAdmin(actor) || isSecretariatAnywhere(actor);
}
