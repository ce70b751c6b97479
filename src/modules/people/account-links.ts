// Which account is a person's: the link that gives an account the person's roles (people.user_id). Every way of
// linking goes through `attachAccount`: by hand (the secretariat, an admin, the CLI), from an accepted invitation, and
// automatically when an account's verified address matches exactly one person (sign-up now, single sign-on later).
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { users } from '../../platform/schema.ts';
import { peopleMessages } from './messages.ts';
import { canPerson } from './policy.ts';
import { people } from './schema.ts';

/** Why an automatic link was not made: the secretariat sees such accounts and links them by hand. */
export type NoLinkReason = 'account_linked' | 'unverified' | 'no_person' | 'several_people' | 'person_linked';
export type AutomaticLink = { linked: true; personId: number } | { linked: false; reason: NoLinkReason };

/**
 * The rule for linking without a person choosing: an account that has no person yet, whose address is verified, is
 * linked to the one person with that address, unless that person already has another account. Zero or several
 * matches link nothing: guessing would hand someone else's roles to this account.
 */
export function chooseAutomaticLink(
  account: { id: number; verified: boolean; personId: number | null },
  matches: readonly { id: number; userId: number | null }[],
): AutomaticLink {
  if (account.personId !== null) return { linked: false, reason: 'account_linked' };
  if (!account.verified) return { linked: false, reason: 'unverified' };
  if (matches.length === 0) return { linked: false, reason: 'no_person' };
  if (matches.length > 1) return { linked: false, reason: 'several_people' };
  const [person] = matches as [{ id: number; userId: number | null }];
  if (person.userId !== null && person.userId !== account.id) return { linked: false, reason: 'person_linked' };
  return { linked: true, personId: person.id };
}

/** How a link was made, stored with its event. */
export type LinkWay = 'by_hand' | 'invitation' | 'verified_address';

type Target = { personId: number; via: 'by_hand' | 'invitation' } | { via: 'verified_address' };

/**
 * Links the account to a person: the one named (by hand, or by the invitation the owner accepted), or the one the
 * verified address designates (`chooseAutomaticLink`). An explicit link is refused with a conflict naming the other
 * side when the person has another account or the account another person; the automatic one answers why it made no
 * link instead. Side effects: a `person.account_linked` event on the person (which also drops every process's kept
 * roles, so the account's roles apply from its next request).
 */
export async function attachAccount(tx: Tx, actor: Actor, userId: number, target: Target, locale: Locale): Promise<AutomaticLink> {
  const words = peopleMessages(locale);
  const [account] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!account) throw notFound(words.accountMissing);
  const [current] = await tx.select().from(people).where(eq(people.userId, userId));
  let personId: number;
  if (target.via === 'verified_address') {
    const matches = await tx
      .select({ id: people.id, userId: people.userId })
      .from(people)
      .where(sql`lower(${people.email}) = ${account.email.toLowerCase()}`)
      .orderBy(asc(people.id));
    const choice = chooseAutomaticLink({ id: account.id, verified: account.emailVerifiedAt !== null, personId: current?.id ?? null }, matches);
    if (!choice.linked) return choice;
    personId = choice.personId;
  } else {
    personId = target.personId;
    if (current && current.id !== personId) throw new AppError('conflict', words.accountTaken(account.email, current.name));
  }
  const [person] = await tx.select().from(people).where(eq(people.id, personId)).for('update');
  if (!person) throw notFound();
  if (person.userId === userId) return { linked: true, personId };
  if (person.userId !== null) {
    const [other] = await tx.select({ email: users.email }).from(users).where(eq(users.id, person.userId));
    throw new AppError('conflict', words.personTaken(person.name, other?.email ?? '?'));
  }
  await tx.update(people).set({ userId, updatedAt: new Date() }).where(eq(people.id, personId));
  await recordEvent(tx, actor, {
    kind: 'person.account_linked',
    subjectType: 'person',
    subjectId: personId,
    summary: `${person.name} linked to the account ${account.email}`,
    after: { account: account.email, via: target.via },
  });
  return { linked: true, personId };
}

/** Links by hand (the secretariat, a site admin, the CLI as Concord). Side effects: those of `attachAccount`. */
export async function linkAccountByHand(db: Db, actor: Actor, personId: number, userId: number, locale: Locale): Promise<void> {
  if (!canPerson(actor, 'link_account')) throw forbidden();
  await db.transaction((tx) => attachAccount(tx, actor, userId, { personId, via: 'by_hand' }, locale));
}

/** Takes the account away from the person (it keeps existing, without roles). Side effects: a `person.account_unlinked` event. */
export async function unlinkAccount(db: Db, actor: Actor, personId: number, locale: Locale): Promise<void> {
  if (!canPerson(actor, 'link_account')) throw forbidden();
  await db.transaction(async (tx) => {
    const [person] = await tx.select().from(people).where(eq(people.id, personId)).for('update');
    if (!person) throw notFound();
    if (person.userId === null) throw new AppError('conflict', peopleMessages(locale).noAccountToUnlink(person.name));
    const [account] = await tx.select({ email: users.email }).from(users).where(eq(users.id, person.userId));
    await tx.update(people).set({ userId: null, updatedAt: new Date() }).where(eq(people.id, personId));
    await recordEvent(tx, actor, {
      kind: 'person.account_unlinked',
      subjectType: 'person',
      subjectId: personId,
      summary: `${person.name} no longer linked to the account ${account?.email ?? '?'}`,
      before: { account: account?.email ?? null },
    });
  });
}

export type LinkedAccount = { id: number; email: string; name: string; emailVerifiedAt: Date | null };

/** The account linked to a person, if any. */
export async function accountOfPerson(tx: Tx, personId: number): Promise<LinkedAccount | undefined> {
  const [row] = await tx
    .select({ id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt })
    .from(people)
    .innerJoin(users, eq(users.id, people.userId))
    .where(eq(people.id, personId));
  return row;
}

export type UnlinkedAccount = LinkedAccount & {
  createdAt: Date;
  /** the person with the same address, when there is one: the link the secretariat will most likely make */
  match: { personId: number; name: string; hasAccount: boolean } | null;
};

/**
 * Accounts (not disabled) that no person is linked to, newest first: those the automatic rule could not link, and
 * those an admin created. The secretariat links them by hand.
 */
export async function listUnlinkedAccounts(tx: Tx): Promise<UnlinkedAccount[]> {
  const matching = sql`lower(match.email) = lower(${users.email})`;
  const rows = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
      matchId: sql<number | null>`(select match.id from ${people} match where ${matching} limit 1)`,
      matchName: sql<string | null>`(select match.name from ${people} match where ${matching} limit 1)`,
      matchHasAccount: sql<boolean | null>`(select match.user_id is not null from ${people} match where ${matching} limit 1)`,
    })
    .from(users)
    .leftJoin(people, eq(people.userId, users.id))
    .where(and(isNull(people.id), isNull(users.disabledAt)))
    .orderBy(sql`${users.createdAt} desc`, asc(users.id))
    .limit(500);
  return rows.map(({ matchId, matchName, matchHasAccount, ...account }) => ({
    ...account,
    match: matchId === null ? null : { personId: Number(matchId), name: matchName ?? '', hasAccount: matchHasAccount === true },
  }));
}

/** People without an account, by name: the choices when linking an account by hand. */
export function listPeopleWithoutAccount(tx: Tx): Promise<{ id: number; name: string; email: string | null; affiliation: string | null }[]> {
  return tx
    .select({ id: people.id, name: people.name, email: people.email, affiliation: people.affiliation })
    .from(people)
    .where(isNull(people.userId))
    .orderBy(asc(people.name))
    .limit(2000);
}

/** An account by its address, for the CLI and the API that name accounts by e-mail. */
export async function findAccountByEmail(tx: Tx, email: string): Promise<{ id: number; email: string } | undefined> {
  const [row] = await tx.select({ id: users.id, email: users.email }).from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row;
}
