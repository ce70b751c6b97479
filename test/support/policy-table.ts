// The cast every policy table is written with, and the check that runs a row. Pure values, no database: each module's
// policy.test.ts lists, per action and record, who of the cast is allowed, and everyone else must be refused.
import assert from 'node:assert/strict';
import { type Actor, anonymous, systemActor, type UserActor } from '../../src/platform/actor.ts';
import { type Role, role } from '../../src/platform/roles.ts';

/** The activity the cast's roles are held in; `other` is another activity, where only the outsiders hold roles. */
export const activityId = 1;
export const otherActivityId = 2;
export const publicActivity = { id: activityId, visibility: 'public' as const };
export const membersOnlyActivity = { id: activityId, visibility: 'members' as const };

let nextId = 100;
/** A signed-in user with the given roles per activity; ids are distinct so records can name one as their owner. */
export function userWith(roles: Partial<Record<number, readonly Role[]>>, options: { admin?: boolean } = {}): UserActor {
  const id = nextId++;
  return {
    kind: 'user',
    userId: id,
    name: `User ${id}`,
    email: `user${id}@example.org`,
    isAdmin: options.admin ?? false,
    locale: null,
    personId: id + 1000,
    roles: new Map(Object.entries(roles).map(([activity, held]) => [Number(activity), new Set(held)])),
  };
}

export const cast = {
  anonymous,
  /** signed in, no role anywhere */
  stranger: userWith({}),
  /** a member of another activity */
  otherMember: userWith({ [otherActivityId]: [role.member] }),
  /** the secretariat of another activity (keeps the shared registers of bodies and people) */
  otherSecretariat: userWith({ [otherActivityId]: [role.secretariat] }),
  /** named on the activity's contacts list as a body's representative, not a member */
  representative: userWith({ [activityId]: [role.representative] }),
  observer: userWith({ [activityId]: [role.observer] }),
  member: userWith({ [activityId]: [role.member] }),
  viceChair: userWith({ [activityId]: [role.viceChair] }),
  coChair: userWith({ [activityId]: [role.coChair] }),
  chair: userWith({ [activityId]: [role.chair] }),
  secretariat: userWith({ [activityId]: [role.secretariat] }),
  admin: userWith({}, { admin: true }),
  system: systemActor('test') as Actor,
} satisfies Record<string, Actor>;
export type CastMember = keyof typeof cast;
export const castMembers = Object.keys(cast) as CastMember[];

/** Shorthands for rows. */
export const everyone: readonly CastMember[] = castMembers;
export const nobody: readonly CastMember[] = [];
export const adminOnly: readonly CastMember[] = ['admin', 'system'];
/** Holding a membership role in the activity, and site admins. */
export const participantsAndAdmins: readonly CastMember[] = ['observer', 'member', 'viceChair', 'coChair', 'chair', 'secretariat', 'admin', 'system'];
export const contributorsAndAdmins: readonly CastMember[] = ['member', 'viceChair', 'coChair', 'chair', 'secretariat', 'admin', 'system'];
export const leadershipAndAdmins: readonly CastMember[] = ['viceChair', 'coChair', 'chair', 'secretariat', 'admin', 'system'];
export const managersAndAdmins: readonly CastMember[] = ['coChair', 'chair', 'secretariat', 'admin', 'system'];
export const secretariatAndAdmins: readonly CastMember[] = ['secretariat', 'admin', 'system'];

/**
 * One row of a table: asks the policy for every member of the cast and compares the answers, exact booleans, with
 * "allowed if named in `allowed`". A failure shows every actor's answer against the expected one.
 */
export function assertRow(allowed: readonly CastMember[], ask: (actor: Actor, name: CastMember) => boolean): void {
  const unknown = allowed.filter((name) => !castMembers.includes(name));
  assert.deepEqual(unknown, [], 'the row names only members of the cast');
  const answers = Object.fromEntries(castMembers.map((name) => [name, ask(cast[name], name)]));
  const expected = Object.fromEntries(castMembers.map((name) => [name, allowed.includes(name)]));
  assert.deepStrictEqual(answers, expected);
}

/** A row's title: the action, the record, and who may. */
export function rowTitle(action: string, record: string, allowed: readonly CastMember[]): string {
  const who = allowed.length === castMembers.length ? 'everyone' : allowed.length ? allowed.join(', ') : 'nobody';
  return `${action} ${record}: ${who}`;
}
