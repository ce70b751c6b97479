// Roles people hold in activities: leadership, secretariat, members, observers. Permissions are read from here.
import { and, asc, eq, sql } from 'drizzle-orm';
import { inList } from '../../db/bulk.ts';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { cachedRead } from '../../platform/read-cache.ts';
import { type Role, role } from '../../platform/roles.ts';
import { activityContacts, type ContactRole, contactRoles, people } from '../../db/schema.ts';
import { activityMessages } from './messages.ts';
import { canActivity } from './policy.ts';
import { activities, type ActivityRole, activityMemberships } from './schema.ts';

/** Everyone the contacts list names for a body or a liaison; the TSB contact is ITU staff, not a representative. */
const representativeRoles: ContactRole[] = contactRoles.filter((contactRole) => contactRole !== 'tsb_contact');

/** The person behind a user account and the roles that person holds in each activity (for the request's actor). */
export function loadActivityRoles(
  db: Tx,
  userId: number,
): Promise<{ personId: number | null; roles: Map<number, Set<Role>> }> {
  // One round trip on every signed-in request: the roles held, and `role.representative` where the person is named on an
  // activity's contacts list (of a study group or an external body) while their mandate runs, which lets them take
  // part without being a member, e.g. propose roadmap entries for the body they represent.
  const today = new Date().toISOString().slice(0, 10);
  return cachedRead(db, `roles:${userId}:${today}`, () => readActivityRoles(db, userId, today));
}

async function readActivityRoles(db: Tx, userId: number, today: string): Promise<{ personId: number | null; roles: Map<number, Set<Role>> }> {
  const result = (await db.execute(sql`
    select p.id as "personId", m.activity_id as "activityId", m.role
    from ${people} p left join ${activityMemberships} m on m.person_id = p.id
    where p.user_id = ${userId}
    union all
    select p.id, c.activity_id, ${role.representative}::text
    from ${people} p join ${activityContacts} c on c.person_id = p.id
    where p.user_id = ${userId} and ${inList(sql`c.role`, representativeRoles)} and (c.until is null or c.until >= ${today}::date)`)) as unknown as {
    rows: { personId: number; activityId: number | null; role: Role | null }[];
  };
  const roles = new Map<number, Set<Role>>();
  for (const row of result.rows) {
    if (row.activityId === null || row.role === null) continue;
    const set = roles.get(row.activityId) ?? new Set<Role>();
    set.add(row.role);
    roles.set(row.activityId, set);
  }
  const personId = result.rows[0]?.personId ?? null;
  return { personId, roles };
}

export function listRolesOfPerson(tx: Tx, personId: number): Promise<{ acronym: string; role: ActivityRole }[]> {
  return tx
    .select({ acronym: activities.acronym, role: activityMemberships.role })
    .from(activityMemberships)
    .innerJoin(activities, eq(activities.id, activityMemberships.activityId))
    .where(eq(activityMemberships.personId, personId))
    .orderBy(asc(activities.acronym));
}

export type Membership = {
  id: number;
  role: ActivityRole;
  since: string | null;
  personId: number;
  name: string;
  email: string | null;
  affiliation: string | null;
  country: string | null;
  isExample: boolean;
};

export function listMemberships(tx: Tx, activityId: number): Promise<Membership[]> {
  return tx
    .select({
      id: activityMemberships.id,
      role: activityMemberships.role,
      since: activityMemberships.since,
      personId: people.id,
      name: people.name,
      email: people.email,
      affiliation: people.affiliation,
      country: people.country,
      isExample: people.isExample,
    })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .where(eq(activityMemberships.activityId, activityId))
    .orderBy(asc(activityMemberships.role), asc(people.name));
}

/** Gives a person a role in an activity. Side effects: a `membership.added` event on the activity. */
export async function addMembership(
  db: Db,
  actor: Actor,
  activityId: number,
  input: { personId: number; role: ActivityRole; since?: string | null },
  locale: Locale,
): Promise<void> {
  const words = activityMessages(locale);
  await db.transaction(async (tx) => {
    const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
    if (!activity) throw notFound();
    if (!canActivity(actor, 'manage_roles', activity)) throw forbidden();
    const [person] = await tx.select().from(people).where(eq(people.id, input.personId));
    if (!person) throw invalid({ personId: words.personMissing });
    const inserted = await tx
      .insert(activityMemberships)
      .values({ activityId, personId: input.personId, role: input.role, since: input.since ?? null })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) throw new AppError('conflict', words.roleExists(person.name, words.roles[input.role]));
    await recordEvent(tx, actor, {
      kind: 'membership.added',
      subjectType: 'activity',
      subjectId: activityId,
      activityId,
      summary: `${person.name} added as ${input.role}`,
      after: { person: person.name, role: input.role, since: input.since ?? null },
    });
  });
}

/**
 * Gives the role an accepted invitation names, in the caller's transaction. The secretariat's right to give it was
 * checked when the invitation was sent, and the invitation is the authority now; holding the role already is fine.
 * Side effects: a `membership.added` event on the activity (none when the role was held), with the accepting
 * person as its actor.
 */
export async function grantInvitedRole(tx: Tx, actor: Actor, activityId: number, personId: number, granted: ActivityRole): Promise<boolean> {
  const [person] = await tx.select({ name: people.name }).from(people).where(eq(people.id, personId));
  if (!person) throw notFound();
  const since = new Date().toISOString().slice(0, 10);
  const inserted = await tx.insert(activityMemberships).values({ activityId, personId, role: granted, since }).onConflictDoNothing().returning();
  if (!inserted.length) return false;
  await recordEvent(tx, actor, {
    kind: 'membership.added',
    subjectType: 'activity',
    subjectId: activityId,
    activityId,
    summary: `${person.name} added as ${granted} (invitation accepted)`,
    after: { person: person.name, role: granted, since },
  });
  return true;
}

/** Takes a role away. Side effects: a `membership.removed` event on the activity. */
export async function removeMembership(db: Db, actor: Actor, activityId: number, membershipId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
    if (!activity) throw notFound();
    if (!canActivity(actor, 'manage_roles', activity)) throw forbidden();
    const [row] = await tx
      .delete(activityMemberships)
      .where(and(eq(activityMemberships.id, membershipId), eq(activityMemberships.activityId, activityId)))
      .returning();
    if (!row) throw notFound();
    const [person] = await tx.select().from(people).where(eq(people.id, row.personId));
    await recordEvent(tx, actor, {
      kind: 'membership.removed',
      subjectType: 'activity',
      subjectId: activityId,
      activityId,
      summary: `${person?.name ?? 'A person'} no longer ${row.role}`,
      before: { person: person?.name ?? null, role: row.role, since: row.since },
    });
  });
}
