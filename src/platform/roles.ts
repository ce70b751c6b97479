// The roles a person holds in an activity, and the groups that every module's policy is written in. Role names are
// spelled here only: a rule names a group or `role.x`, so a misspelt role is a compile error, and a change to who
// leads or contributes is made once for every module.

export const role = {
  secretariat: 'secretariat',
  chair: 'chair',
  coChair: 'co_chair',
  viceChair: 'vice_chair',
  member: 'member',
  observer: 'observer',
  /**
   * Not a membership: held while a person is named on the activity's contacts list as the representative of a body
   * or a liaison representative (every contact role but the TSB contact, until the entry's end date). It is read with
   * the memberships for the signed-in user (activities/memberships.ts loadActivityRoles); it lets them take part
   * without being a member, e.g. propose roadmap entries for the body they represent.
   */
  representative: 'representative',
} as const;
export type Role = (typeof role)[keyof typeof role];

/** The roles an activity gives a person (rows of activity_memberships, whose column enum is this list). */
export const membershipRoles = [role.secretariat, role.chair, role.coChair, role.viceChair, role.member, role.observer] as const;
export type MembershipRole = (typeof membershipRoles)[number];

/** Preside over the activity and its meetings; the activity page and the contacts list show them as its leadership. */
export const leaders = [role.chair, role.coChair, role.viceChair] as const;
export type Leader = (typeof leaders)[number];

/** The chair and the co-chairs: named in a meeting's report. */
export const chairs = [role.chair, role.coChair] as const;

/** Manage the activity's work with the secretariat: edit the roadmap, prepare agendas, send announcements, revise the terms of reference. */
export const managers = [role.secretariat, ...chairs] as const;

/** The secretariat and every leader: approve liaison statements, read the whole history and draft proceedings. */
export const leadership = [role.secretariat, ...leaders] as const;

/** Contribute to the work (documents, liaison drafts, roadmap proposals): the leadership and the members, not observers. */
export const contributors = [...leadership, role.member] as const;

/** Take part, observers included: they read everything the activity keeps for its participants. */
export const participants = [...contributors, role.observer] as const;

/** Whether a set of roles (a membership's, or an actor's in one activity) includes any of `wanted`. */
export function holdsAny(held: Iterable<Role>, wanted: readonly Role[]): boolean {
  for (const r of held) if (wanted.includes(r)) return true;
  return false;
}

// Every membership role is a participant and the other way round, and a role is a membership or representative: a
// role added to one list but not the other would silently get no rights (or rights nobody chose). The compiler checks.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type RoleListsAgree = [
  Holds<Same<(typeof participants)[number], MembershipRole>>,
  Holds<Same<Role, MembershipRole | typeof role.representative>>,
];
