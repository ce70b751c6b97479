// Accounts: users, passwords (argon2id), sessions, API tokens and password resets.
import { hashToken, newToken } from '../tokens.ts';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inList } from '../../db/bulk.ts';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, isAdmin } from '../actor.ts';
import { AppError, forbidden, invalid, isUniqueViolation } from '../errors.ts';
import { recordEvent } from '../events.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { enqueueJob, type JobContext } from '../jobs.ts';
import { throttle } from '../throttle.ts';
import { platformMessages } from '../i18n/messages.ts';
import type { Locale } from '../i18n/locale.ts';
import { apiTokens, passwordResets, sessions, users } from '../schema.ts';
import { checkbox, email, requiredText } from '../validation.ts';

export type User = typeof users.$inferSelect;
export const minimumPasswordLength = 10;
const defaultSessionDays = 30;
const resetMinutes = 60;

const newSecret = () => newToken(32);

// argon2id (the library's default algorithm) with the costs Concord has always used (64 MiB, 3 passes, 4 lanes):
// stronger than the library's defaults, and hashes made before keep verifying since each hash names its own costs.
const argon2Costs = { memoryCost: 65536, timeCost: 3, parallelism: 4 };

export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, argon2Costs);
}

// Verifying against this when the account does not exist keeps sign-in time the same, so timing reveals nothing.
let dummyHash: Promise<string> | undefined;

export async function findUserByEmail(tx: Tx, email: string): Promise<User | undefined> {
  const [user] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user;
}

/** Checks the password; returns the user, or undefined for a wrong e-mail, password or a disabled account. */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<User | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user?.passwordHash || user.disabledAt) {
    dummyHash ??= hashPassword('not a real password');
    await argon2Verify(await dummyHash, password);
    return undefined;
  }
  return (await argon2Verify(user.passwordHash, password)) ? user : undefined;
}

export const newUserInput = z.object({
  name: requiredText(200),
  email: email(),
  password: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200).optional()),
  isAdmin: checkbox(),
});

export type NewUser = {
  email: string;
  name: string;
  password?: string | null;
  /** an argon2id hash made earlier, for callers creating many accounts with one password (the demo) */
  passwordHash?: string;
  isAdmin?: boolean;
  locale?: Locale | null;
};

/**
 * Creates an account. Only site admins (or Concord itself, from the CLI) may.
 * Side effects: writes a `user.created` event.
 */
export async function createUser(db: Db, actor: Actor, input: NewUser, locale: Locale = 'en'): Promise<User> {
  if (!isAdmin(actor)) throw forbidden();
  if (input.password != null && input.password.length < minimumPasswordLength) {
    throw invalid({ password: platformMessages(locale).validation.tooShort(minimumPasswordLength) });
  }
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          email: input.email.toLowerCase(),
          name: input.name,
          passwordHash,
          isAdmin: input.isAdmin ?? false,
          locale: input.locale ?? null,
        })
        .returning();
      if (!user) throw new Error('insert returned nothing');
      await recordEvent(tx, actor, {
        kind: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        summary: `Account ${user.email} created`,
        after: { email: user.email, name: user.name, isAdmin: user.isAdmin },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid({ email: platformMessages(locale).admin.emailTaken });
    throw error;
  }
}

/** The account as the actor of the events it causes right after it is made (no roles yet: they are read per request). */
export function accountActor(user: User): Actor {
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin, locale: user.locale, timeZone: user.timeZone, personId: null, roles: new Map() };
}

/**
 * Creates an account whose owner has just proven the address is theirs by opening a link mailed to it (an invitation
 * or a sign-up confirmation), or whose single sign-on provider vouches for it (then without a password): no admin is
 * involved, the link or the provider is the authority, so the caller must have checked it in the same transaction. The address is marked verified. Side effects: a `user.created` event saying how it came.
 * An address that already has an account is refused on the `email` field.
 */
export async function openVerifiedAccount(
  tx: Tx,
  input: { email: string; name: string; passwordHash: string | null; locale?: Locale | null; via: 'invitation' | 'sign_up' | 'single_sign_on' },
  locale: Locale,
): Promise<User> {
  const existing = await findUserByEmail(tx, input.email);
  if (existing) throw invalid({ email: platformMessages(locale).admin.emailTaken });
  const [user] = await tx
    .insert(users)
    .values({ email: input.email.toLowerCase(), name: input.name, passwordHash: input.passwordHash, locale: input.locale ?? null, emailVerifiedAt: new Date() })
    .returning();
  if (!user) throw new Error('insert returned nothing');
  await recordEvent(tx, accountActor(user), {
    kind: 'user.created',
    subjectType: 'user',
    subjectId: user.id,
    summary: `Account ${user.email} created (${{ invitation: 'from an invitation', sign_up: 'signed up', single_sign_on: 'at a first single sign-on' }[input.via]})`,
    after: { email: user.email, name: user.name, isAdmin: false, via: input.via },
  });
  return user;
}

/** Updates a user's own name, language and time zone. Side effects: a `user.updated` event. */
export async function updateProfile(
  db: Db,
  actor: Actor,
  userId: number,
  input: { name?: string; locale?: Locale | null; timeZone?: string | null },
): Promise<void> {
  if (!(actor.kind === 'user' && actor.userId === userId) && !isAdmin(actor)) throw forbidden();
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId));
    if (!before) throw new AppError('not_found');
    await tx.update(users).set(input).where(eq(users.id, userId));
    await recordEvent(tx, actor, {
      kind: 'user.updated',
      subjectType: 'user',
      subjectId: userId,
      summary: `Profile of ${before.email} updated`,
      before: { name: before.name, locale: before.locale, ...(input.timeZone === undefined ? {} : { timeZone: before.timeZone }) },
      after: input,
    });
  });
}

export async function setAdmin(db: Db, actor: Actor, userId: number, admin: boolean): Promise<void> {
  if (!isAdmin(actor)) throw forbidden();
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId));
    if (!before) throw new AppError('not_found');
    await tx.update(users).set({ isAdmin: admin }).where(eq(users.id, userId));
    await recordEvent(tx, actor, {
      kind: 'user.admin_changed',
      subjectType: 'user',
      subjectId: userId,
      summary: `${before.email} ${admin ? 'made' : 'no longer'} site administrator`,
      before: { isAdmin: before.isAdmin },
      after: { isAdmin: admin },
    });
  });
}

/** Opens a session lasting at most `days`; returns the cookie value (only its hash is stored). */
export async function createSession(db: Db, userId: number, days = defaultSessionDays): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

/** How stale a session's last use may be before a request writes it again: bookkeeping at most once per this, per session. */
export const sessionTouchMinutes = 5;

/**
 * The user of a live session: not past its absolute end, nor unused for `idleHours`. Writes the session's last use
 * only when the stored one is older than `sessionTouchMinutes`, so a busy reader costs one write per five minutes,
 * not one per page (idle time is measured to within those minutes).
 */
export async function userForSession(db: Db, token: string, idleHours = 8): Promise<User | undefined> {
  const now = Date.now();
  const [row] = await db
    .select({ user: users, sessionId: sessions.id, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        gt(sessions.expiresAt, new Date(now)),
        gt(sessions.lastSeenAt, new Date(now - idleHours * 3_600_000)),
        isNull(users.disabledAt),
      ),
    );
  if (!row) return undefined;
  if (row.lastSeenAt.getTime() < now - sessionTouchMinutes * 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, row.sessionId));
  }
  return row.user;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

const tokenPrefix = 'cnc_';

/** Creates an API token for the actor; returns the secret once (only its hash is kept). */
export async function createApiToken(db: Db, actor: Actor, name: string): Promise<{ id: number; token: string }> {
  if (actor.kind !== 'user') throw forbidden();
  const token = tokenPrefix + newSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: actor.userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10) })
      .returning({ id: apiTokens.id });
    if (!row) throw new Error('insert returned nothing');
    await recordEvent(tx, actor, {
      kind: 'api_token.created',
      subjectType: 'user',
      subjectId: actor.userId,
      summary: `API token "${name}" created`,
    });
    return { id: row.id, token };
  });
}

export function listApiTokens(db: Db, userId: number) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(apiTokens.id);
}

export async function revokeApiToken(db: Db, actor: Actor, tokenId: number): Promise<void> {
  if (actor.kind !== 'user') throw forbidden();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .returning();
    // Someone else's token answers "not found", like a missing one: its existence is not theirs to learn.
    if (!row) throw new AppError('not_found');
    await recordEvent(tx, actor, {
      kind: 'api_token.revoked',
      subjectType: 'user',
      subjectId: actor.userId,
      summary: `API token "${row.name}" revoked`,
    });
  });
}

export async function userForApiToken(db: Db, token: string): Promise<User | undefined> {
  if (!token.startsWith(tokenPrefix)) return undefined;
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId });
  if (!row) return undefined;
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, row.userId), isNull(users.disabledAt)));
  return user;
}

/** The job that mails a reset link, queued by `requestPasswordReset` and run by the worker. */
export const passwordResetJobKind = 'password_reset.send';

/**
 * Asks for a password reset: queues a job that mails the link if the address has an account. The answer takes the
 * same work whether it has one or not (one throttle count and one job row), so its timing says nothing about which
 * addresses have accounts; the lookup and the mail happen in the worker. Refused (429) past PASSWORD_RESETS_PER_HOUR
 * requests for one address, counted whether or not it has an account, for the same reason.
 */
export async function requestPasswordReset(db: Db, emailAddress: string, settings: { perHour: number; locale: Locale }): Promise<void> {
  const address = emailAddress.trim().toLowerCase();
  await db.transaction(async (tx) => {
    await throttle(tx, [{ key: `password-reset:${address}`, rule: { limit: settings.perHour, windowSeconds: 3600 } }], settings.locale);
    await enqueueJob(tx, { kind: passwordResetJobKind, payload: { email: address } });
  });
}

/**
 * The reset job: when the address has an enabled account, stores a one-hour token and queues the mail with the link.
 * Side effects: a `password_resets` row, an outbox mail, a `user.password_reset_requested` event.
 */
export async function sendPasswordReset(payload: { email?: unknown }, { tx, config }: JobContext): Promise<void> {
  if (typeof payload.email !== 'string') return;
  const user = await findUserByEmail(tx, payload.email);
  if (!user || user.disabledAt) return;
  const token = newSecret();
  const words = platformMessages(user.locale ?? 'en').auth;
  await tx.insert(passwordResets).values({
    userId: user.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + resetMinutes * 60_000),
  });
  await enqueueMail(
    tx,
    {
      purpose: 'password_reset',
      to: user.email,
      subject: words.resetMailSubject,
      text: words.resetMailBody(user.name, `${config.baseUrl}/password/reset/${token}`),
    },
    new URL(config.baseUrl).hostname,
  );
  await recordEvent(tx, { kind: 'system', name: 'concord' }, {
    kind: 'user.password_reset_requested',
    subjectType: 'user',
    subjectId: user.id,
    summary: `Password reset requested for ${user.email}`,
  });
}

async function openReset(tx: Tx, token: string) {
  const [reset] = await tx
    .select()
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, new Date()),
      ),
    );
  return reset;
}

export async function isResetTokenValid(db: Db, token: string): Promise<boolean> {
  return (await openReset(db, token)) !== undefined;
}

/** Sets the new password and uses up the token and every other unused one of the user; every open session of the user ends. */
export async function resetPassword(db: Db, token: string, password: string, locale: Locale): Promise<void> {
  const words = platformMessages(locale);
  if (password.length < minimumPasswordLength) {
    throw invalid({ password: words.validation.tooShort(minimumPasswordLength) });
  }
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const reset = await openReset(tx, token);
    if (!reset) throw new AppError('not_found', words.auth.resetInvalid);
    // Marked used only if still unused: of two requests with one link, the second waits on the row and finds it used.
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    if (!claimed) throw new AppError('not_found', words.auth.resetInvalid);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId));
    // Every other link mailed before is spent too: one left in a mailbox must not open the account again.
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, reset.userId));
    await recordEvent(tx, { kind: 'system', name: 'concord' }, {
      kind: 'user.password_reset',
      subjectType: 'user',
      subjectId: reset.userId,
      summary: 'Password changed through a reset link',
    });
  });
}

/**
 * The languages chosen by the accounts behind these addresses, by lower-cased address (addresses without an account,
 * or whose account has no language, are absent): mail to someone other than the reader is written in theirs.
 */
export async function accountLocales(tx: Tx, emails: readonly string[]): Promise<Map<string, Locale>> {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  if (!wanted.length) return new Map();
  const rows = await tx.select({ email: users.email, locale: users.locale }).from(users).where(inList(sql`lower(${users.email})`, wanted));
  return new Map(rows.filter((r) => r.locale).map((r) => [r.email.toLowerCase(), r.locale as Locale]));
}

export async function getUser(db: Db, userId: number): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user;
}

export function listUsers(db: Db) {
  return db.select().from(users).orderBy(users.name);
}
