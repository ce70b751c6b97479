import { AppError } from './errors.ts';

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
      personId: number | null;
      /** activity id → the roles the user's person holds in it */
      roles: ReadonlyMap<number, ReadonlySet<string>>;
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

export function rolesIn(actor: Actor, activityId: number): ReadonlySet<string> {
  return actor.kind === 'user' ? (actor.roles.get(activityId) ?? new Set()) : new Set();
}

export function hasAnyRole(actor: Actor, activityId: number, roles: readonly string[]): boolean {
  const held = rolesIn(actor, activityId);
  return roles.some((r) => held.has(r));
}

/** Holds any secretariat role anywhere: the secretariat keeps the shared registers of bodies and contacts. */
export function isSecretariatAnywhere(actor: Actor): boolean {
  if (actor.kind !== 'user') return false;
  for (const roles of actor.roles.values()) if (roles.has('secretariat')) return true;
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
