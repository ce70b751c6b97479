// Invitations to a role: the secretariat invites a person by e-mail; the person opens the link, creates an account (or
// uses the one they are signed in with), and holds the role. The only code that changes invitations.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, requireUser, type UserActor } from '../../platform/actor.ts';
import { accountActor, findUserByEmail, hashPassword, minimumPasswordLength, openVerifiedAccount, type User } from '../../platform/auth/accounts.ts';
import { AppError, forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { platformMessages } from '../../platform/i18n/messages.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { users } from '../../platform/schema.ts';
import { throttle } from '../../platform/throttle.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import { optionalEmail, optionalId, optionalText } from '../../platform/validation.ts';
import { activities, activityMemberships, people } from '../../db/schema.ts';
import { type Activity, activityMessages, activityRoles, type ActivityRole, grantInvitedRole } from '../activities/index.ts';
import { attachAccount, createPerson } from '../people/index.ts';
import { accessMessages } from './messages.ts';
import { canInvitation } from './policy.ts';
import { invitations } from './schema.ts';
import { readTogether } from '../../db/together.ts';

export type Invitation = typeof invitations.$inferSelect;
export type InvitationState = 'pending' | 'expired' | 'revoked' | 'accepted';

/** Where the mail's link leads and how long it lives: from the configuration. */
export type InvitationSettings = { baseUrl: string; invitationDays: number };

/** Sends and resends per inviting account, and per invited address, in an hour: enough for a busy secretariat, not for a spammer. */
const perInviter = { limit: 100, windowSeconds: 3600 };
const perAddress = { limit: 5, windowSeconds: 3600 };

export const invitationInput = z.object({
  /** someone in the register of people, or none to add a new person with the fields below */
  personId: optionalId(),
  name: optionalText(200),
  email: optionalEmail(),
  affiliation: optionalText(300),
  role: z.enum(activityRoles),
});
export type InvitationInput = z.output<typeof invitationInput>;

export function stateOf(invitation: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now = new Date()): InvitationState {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

export type InvitationRow = Invitation & { personName: string; state: InvitationState };

/** An activity's invitations: those still open first (waiting, then expired), then the 50 latest answered or withdrawn. */
export async function listInvitations(tx: Tx, activityId: number): Promise<{ open: InvitationRow[]; closed: InvitationRow[] }> {
  const columns = { invitation: invitations, personName: people.name };
  const base = () => tx.select(columns).from(invitations).innerJoin(people, eq(people.id, invitations.personId));
  const [open, closed] = await readTogether(tx, [
    () =>
      base()
        .where(and(eq(invitations.activityId, activityId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
        .orderBy(desc(invitations.sentAt), desc(invitations.id)),
    () =>
      base()
      .where(and(eq(invitations.activityId, activityId), sql`(${invitations.acceptedAt} is not null or ${invitations.revokedAt} is not null)`))
      .orderBy(desc(sql`coalesce(${invitations.acceptedAt}, ${invitations.revokedAt})`), desc(invitations.id))
      .limit(50),
  ]);
  const now = new Date();
  const rows = (list: typeof open) => list.map((r) => ({ ...r.invitation, personName: r.personName, state: stateOf(r.invitation, now) }));
  const waiting = rows(open);
  return { open: [...waiting.filter((r) => r.state === 'pending'), ...waiting.filter((r) => r.state === 'expired')], closed: rows(closed) };
}

/** Writes the mail with a fresh link, in the invited person's language when their account has one. */
async function mailInvitation(
  tx: Tx,
  invitation: Invitation,
  context: { activity: Activity; personName: string; token: string; settings: InvitationSettings; locale: Locale },
) {
  const [account] = await tx.select({ locale: users.locale }).from(users).where(sql`lower(${users.email}) = ${invitation.email.toLowerCase()}`);
  const locale = account?.locale ?? context.locale;
  const words = accessMessages(locale);
  const role = activityMessages(locale).roles[invitation.role];
  const activityName = (locale === 'fr' ? context.activity.nameFr : null) ?? context.activity.nameEn;
  await enqueueMail(
    tx,
    {
      purpose: 'invitation',
      to: invitation.email,
      subject: words.mailSubject(role, context.activity.acronym),
      text: words.mailBody({
        name: context.personName,
        inviter: invitation.invitedByName,
        acronym: context.activity.acronym,
        activityName,
        role,
        link: `${context.settings.baseUrl}/invitations/${context.token}`,
        until: formatDateTime(invitation.expiresAt, locale),
      }),
    },
    new URL(context.settings.baseUrl).hostname,
  );
}

const expiryFrom = (settings: InvitationSettings) => new Date(Date.now() + settings.invitationDays * 86_400_000);

/**
 * Invites a person (chosen, or added to the register here) to a role in the activity. Refused when the person has no
 * address, already holds the role, or already has an open invitation to it (resend that one instead); throttled per
 * inviting account and per address. Side effects: the new person's `person.created` event if one is added, the
 * invitation row (its token only hashed), the mail with the link, and an `invitation.sent` event on the activity.
 */
export async function inviteToRole(
  db: Db,
  actor: Actor,
  activity: Activity,
  input: InvitationInput,
  settings: InvitationSettings,
  locale: Locale,
): Promise<Invitation> {
  const inviter = requireUser(actor);
  if (!canInvitation(actor, 'invite', activity)) throw forbidden();
  const words = accessMessages(locale);
  const roleName = activityMessages(locale).roles[input.role];
  if (input.personId == null && (!input.name || !input.email)) {
    const required = platformMessages(locale).validation.required;
    throw invalid({ ...(input.name ? {} : { name: required }), ...(input.email ? {} : { email: required }) }, words.personOrNew);
  }
  try {
    return await db.transaction(async (tx) => {
      let person;
      if (input.personId != null) {
        [person] = await tx.select().from(people).where(eq(people.id, input.personId));
        if (!person) throw invalid({ personId: words.personMissing });
      } else {
        // Inside this transaction (a savepoint): an invitation that fails leaves no half-added person behind.
        person = await createPerson(tx as Db, actor, { name: input.name!, email: input.email!, affiliation: input.affiliation ?? null, isExample: false }, locale);
      }
      if (!person.email) throw invalid({ personId: words.noEmail(person.name) });
      await throttle(tx, [{ key: `invite:account:${inviter.userId}`, rule: perInviter }, { key: `invite:address:${person.email.toLowerCase()}`, rule: perAddress }], locale);
      const [held] = await tx
        .select({ id: activityMemberships.id })
        .from(activityMemberships)
        .where(and(eq(activityMemberships.activityId, activity.id), eq(activityMemberships.personId, person.id), eq(activityMemberships.role, input.role)));
      if (held) throw new AppError('conflict', words.alreadyHolds(person.name, roleName), { fields: { role: words.alreadyHolds(person.name, roleName) } });
      const token = newToken(32);
      const [invitation] = await tx
        .insert(invitations)
        .values({
          activityId: activity.id,
          personId: person.id,
          role: input.role,
          email: person.email,
          tokenHash: hashToken(token),
          invitedByUserId: inviter.userId,
          invitedByName: inviter.name,
          expiresAt: expiryFrom(settings),
        })
        .returning();
      if (!invitation) throw new Error('insert returned nothing');
      await mailInvitation(tx, invitation, { activity, personName: person.name, token, settings, locale });
      await recordEvent(tx, actor, {
        kind: 'invitation.sent',
        subjectType: 'invitation',
        subjectId: invitation.id,
        activityId: activity.id,
        summary: `${person.name} invited by e-mail to be ${input.role}`,
        after: { person: person.name, email: person.email, role: input.role, expiresAt: invitation.expiresAt.toISOString() },
      });
      return invitation;
    });
  } catch (error) {
    // The partial unique index: an open invitation to this role exists (the check is the database's, so two
    // secretaries sending at once cannot both succeed).
    if (isUniqueViolation(error) && input.personId != null) {
      const [person] = await db.select({ name: people.name }).from(people).where(eq(people.id, input.personId));
      const message = words.alreadyInvited(person?.name ?? '?', roleName);
      throw new AppError('conflict', message, { fields: { personId: message } });
    }
    throw error;
  }
}

async function lockOpenInvitation(tx: Tx, activity: Activity, invitationId: number, locale: Locale) {
  const [row] = await tx
    .select({ invitation: invitations, personName: people.name, personEmail: people.email })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .where(and(eq(invitations.id, invitationId), eq(invitations.activityId, activity.id)))
    .for('update', { of: invitations });
  if (!row) throw notFound();
  if (row.invitation.acceptedAt || row.invitation.revokedAt) throw new AppError('conflict', accessMessages(locale).notOpen);
  return row;
}

/**
 * Sends the invitation again with a new link and a new expiry (to the person's address as it is now); the link sent
 * before stops working, since only the new token's hash is kept. An expired invitation may be resent. Side effects:
 * the mail, and an `invitation.resent` event on the activity.
 */
export async function resendInvitation(
  db: Db,
  actor: Actor,
  activity: Activity,
  invitationId: number,
  settings: InvitationSettings,
  locale: Locale,
): Promise<Invitation> {
  const inviter = requireUser(actor);
  if (!canInvitation(actor, 'resend', activity)) throw forbidden();
  return db.transaction(async (tx) => {
    const { invitation: before, personName, personEmail } = await lockOpenInvitation(tx, activity, invitationId, locale);
    const email = personEmail ?? before.email;
    await throttle(tx, [{ key: `invite:account:${inviter.userId}`, rule: perInviter }, { key: `invite:address:${email.toLowerCase()}`, rule: perAddress }], locale);
    const token = newToken(32);
    const [invitation] = await tx
      .update(invitations)
      .set({
        tokenHash: hashToken(token),
        replacedTokenHashes: [...before.replacedTokenHashes, before.tokenHash],
        email,
        sentAt: new Date(),
        sendCount: before.sendCount + 1,
        expiresAt: expiryFrom(settings),
        invitedByName: inviter.name,
      })
      .where(eq(invitations.id, before.id))
      .returning();
    if (!invitation) throw notFound();
    await mailInvitation(tx, invitation, { activity, personName, token, settings, locale });
    await recordEvent(tx, actor, {
      kind: 'invitation.resent',
      subjectType: 'invitation',
      subjectId: invitation.id,
      activityId: activity.id,
      summary: `Invitation of ${personName} to be ${invitation.role} sent again`,
      before: { expiresAt: before.expiresAt.toISOString(), email: before.email },
      after: { person: personName, role: invitation.role, email, expiresAt: invitation.expiresAt.toISOString() },
    });
    return invitation;
  });
}

/** Withdraws an open invitation: its link stops working. Side effects: an `invitation.revoked` event on the activity. */
export async function revokeInvitation(db: Db, actor: Actor, activity: Activity, invitationId: number, locale: Locale): Promise<void> {
  requireUser(actor);
  if (!canInvitation(actor, 'revoke', activity)) throw forbidden();
  await db.transaction(async (tx) => {
    const { invitation, personName } = await lockOpenInvitation(tx, activity, invitationId, locale);
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitation.id));
    await recordEvent(tx, actor, {
      kind: 'invitation.revoked',
      subjectType: 'invitation',
      subjectId: invitation.id,
      activityId: activity.id,
      summary: `Invitation of ${personName} to be ${invitation.role} withdrawn`,
      after: { person: personName, role: invitation.role },
    });
  });
}

/** What the invitee's page shows: the invitation behind a link, and what accepting it will need. */
export type InvitationView = {
  invitation: Invitation;
  state: InvitationState;
  activity: { acronym: string; nameEn: string; nameFr: string | null };
  person: { id: number; name: string; userId: number | null };
  /** the account the person is linked to, if any (accepting then needs signing in with it) */
  personAccountEmail: string | null;
  /** whether an account already uses the invited address (a new one cannot be created with it) */
  addressHasAccount: boolean;
};

/** Whether the token is one that resending an invitation replaced (its own refusal: "use the newest mail"). */
export async function isReplacedToken(tx: Tx, token: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(sql`${invitations.replacedTokenHashes} @> ${JSON.stringify([hashToken(token)])}::jsonb`)
    .limit(1);
  return row !== undefined;
}

/** The invitation a link's token names, whatever its state, or undefined for a token that names none (or no longer does). */
export async function readInvitation(tx: Tx, token: string): Promise<InvitationView | undefined> {
  const [row] = await tx
    .select({ invitation: invitations, activity: { acronym: activities.acronym, nameEn: activities.nameEn, nameFr: activities.nameFr }, person: { id: people.id, name: people.name, userId: people.userId } })
    .from(invitations)
    .innerJoin(activities, eq(activities.id, invitations.activityId))
    .innerJoin(people, eq(people.id, invitations.personId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return undefined;
  const [linked] = row.person.userId === null ? [] : await tx.select({ email: users.email }).from(users).where(eq(users.id, row.person.userId));
  return {
    ...row,
    state: stateOf(row.invitation),
    personAccountEmail: linked?.email ?? null,
    addressHasAccount: (await findUserByEmail(tx, row.invitation.email)) !== undefined,
  };
}

/** The plain sentence for a link that cannot be accepted (each state has its own), and its status. */
export function refusalFor(state: Exclude<InvitationState, 'pending'> | 'unknown' | 'replaced', invitation: Invitation | undefined, locale: Locale): AppError {
  const words = accessMessages(locale);
  switch (state) {
    case 'unknown':
      return new AppError('not_found', words.linkUnknown);
    case 'replaced':
      return new AppError('gone', words.linkReplaced);
    case 'expired':
      return new AppError('gone', words.linkExpired(formatDateTime(invitation!.expiresAt, locale)));
    case 'revoked':
      return new AppError('gone', words.linkRevoked);
    case 'accepted':
      return new AppError('gone', words.linkUsed);
  }
}

/** Who accepts: a new account made with the password chosen on the page, or the account signed in. */
export type Acceptance = { kind: 'new_account'; password: string } | { kind: 'signed_in'; actor: UserActor };

/**
 * Accepts the invitation behind the token, once: creates the account with a verified address (or takes the signed-in
 * one), links it to the invited person, gives the role, and marks the invitation accepted. Refused with its own
 * sentence when the link is unknown, expired, withdrawn or used; when a new account is asked for an address or a
 * person that already has one (sign in instead); and when the signed-in account belongs to another person. Side
 * effects: `user.created` (a new account), `person.account_linked` (a new link), `membership.added` (unless the role
 * was held) and `invitation.accepted` events. Returns the account, and whether it is new (to open its session).
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  acceptance: Acceptance,
  locale: Locale,
): Promise<{ user: User | UserActor; created: boolean; activityAcronym: string; role: ActivityRole }> {
  const words = accessMessages(locale);
  if (acceptance.kind === 'new_account' && acceptance.password.length < minimumPasswordLength) {
    throw invalid({ password: platformMessages(locale).validation.tooShort(minimumPasswordLength) });
  }
  // Hashed before the transaction: argon2id takes a while, and the rows stay locked for less.
  const passwordHash = acceptance.kind === 'new_account' ? await hashPassword(acceptance.password) : undefined;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ invitation: invitations, person: people, acronym: activities.acronym })
        .from(invitations)
        .innerJoin(people, eq(people.id, invitations.personId))
        .innerJoin(activities, eq(activities.id, invitations.activityId))
        .where(eq(invitations.tokenHash, hashToken(token)))
        .for('update', { of: invitations });
      if (!row) throw refusalFor((await isReplacedToken(tx, token)) ? 'replaced' : 'unknown', undefined, locale);
      const state = stateOf(row.invitation);
      if (state !== 'pending') throw refusalFor(state, row.invitation, locale);
      const { invitation, person } = row;
      let actor: Actor;
      let user: User | UserActor;
      if (acceptance.kind === 'new_account') {
        if (person.userId !== null) throw new AppError('conflict', words.personHasAccount);
        if (await findUserByEmail(tx, invitation.email)) throw new AppError('conflict', words.signInToAccept(invitation.email));
        const created = await openVerifiedAccount(tx, { email: invitation.email, name: person.name, passwordHash: passwordHash!, locale, via: 'invitation' }, locale);
        user = created;
        actor = accountActor(created);
      } else {
        if (person.userId !== null && person.userId !== acceptance.actor.userId) {
          const [owner] = await tx.select({ email: users.email }).from(users).where(eq(users.id, person.userId));
          throw new AppError('conflict', words.wrongAccount(owner?.email ?? '?'));
        }
        user = acceptance.actor;
        actor = acceptance.actor;
      }
      const userId = 'userId' in user ? user.userId : user.id;
      await attachAccount(tx, actor, userId, { personId: person.id, via: 'invitation' }, locale);
      await grantInvitedRole(tx, actor, invitation.activityId, person.id, invitation.role);
      const [claimed] = await tx
        .update(invitations)
        .set({ acceptedAt: new Date(), acceptedByUserId: userId })
        .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
        .returning({ id: invitations.id });
      if (!claimed) throw refusalFor('accepted', invitation, locale);
      await recordEvent(tx, actor, {
        kind: 'invitation.accepted',
        subjectType: 'invitation',
        subjectId: invitation.id,
        activityId: invitation.activityId,
        summary: `${person.name} accepted the invitation to be ${invitation.role}`,
        after: { person: person.name, role: invitation.role, newAccount: acceptance.kind === 'new_account' },
      });
      return { user, created: acceptance.kind === 'new_account', activityAcronym: row.acronym, role: invitation.role };
    });
  } catch (error) {
    // Two acceptances at once of one new account: the second meets the address's unique index.
    if (isUniqueViolation(error)) throw new AppError('conflict', words.otherAccountEmail);
    throw error;
  }
}

/** Open invitations of an activity for a person, oldest first (the person's page could list them; used by tests). */
export function openInvitationsOf(tx: Tx, activityId: number, personId: number) {
  return tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.activityId, activityId), eq(invitations.personId, personId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(asc(invitations.id));
}
