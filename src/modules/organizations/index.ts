// The organizations module's public surface: what other modules may use. Anything not here is the module's own.
export { organizationMessages } from './messages.ts';
export { ensureOrganizations, getOrganization, listOrganizationTree, type OrganizationNode } from './organizations.ts';
export { canOrganization } from './policy.ts';
