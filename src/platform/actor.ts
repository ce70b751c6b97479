import { AppError } from './errors.ts';
import { holdsAny, type Role, role } from './roles.ts';

// Who is asking: an anonymous visitor, a signed-in user (with their roles per activity), or Concord itself (CLI, jobs).
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: number;
      name: string;
      email: string;
      isAdmin: boolean;
      locale: 'en' | 'fr' | null;
      /** the IANA zone chosen on the account page; absent or null: times read in UTC (meetings also in their venue's) */
      timeZone?: string | null;
      personId: number | null;
      /** activity id → the roles the user's person holds in it */
      roles: ReadonlyMap<number, ReadonlySet<Role>>;
    }
  | { kind: 'system'; name: string };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor = (name = 'concord'): Actor => ({ kind: 'system', name });

export function isSignedIn(actor: Actor): actor is UserActor {
  return actor.kind === 'user';
}

/** Site admins and Concord itself may do anything. */
export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.isAdmin);
}

const noRoles: ReadonlySet<Role> = new Set();

export function rolesIn(actor: Actor, activityId: number): ReadonlySet<Role> {
  return actor.kind === 'user' ? (actor.roles.get(activityId) ?? noRoles) : noRoles;
}

/** Whether the actor holds any of `roles` (a group from platform/roles.ts) in the activity; admins are not implied. */
export function hasAnyRole(actor: Actor, activityId: number, roles: readonly Role[]): boolean {
  return holdsAny(rolesIn(actor, activityId), roles);
}

/** Holds any secretariat role anywhere: the secretariat keeps the shared registers of bodies and contacts. */
export function isSecretariatAnywhere(actor: Actor): boolean {
  if (actor.kind !== 'user') return false;
  for (const roles of actor.roles.values()) if (roles.has(role.secretariat)) return true;
  return false;
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? actor.name : actor.kind === 'system' ? actor.name : 'anonymous';
}

/** The signed-in user, or a 401 (pages turn it into a redirect to sign in). */
export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  return actor;
}
