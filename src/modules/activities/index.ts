// The activities module's public surface: what other modules may use. Anything not here is the module's own.
export { type Activity, getActivity } from './activities.ts';
export { grantInvitedRole, listRolesOfPerson } from './memberships.ts';
export { activityRoles, type ActivityRole } from './schema.ts';
export { activityMessages } from './messages.ts';
export { canActivity } from './policy.ts';
export { getTorVersion } from './terms-of-reference.ts';
export { ActivityFrame } from './views.tsx';
export { type ActivityOverviewPart, extendActivityOverview } from './overview-extensions.ts';
