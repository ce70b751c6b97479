// Sign-up, where the instance opens it (SIGN_UP): a visitor gives a name, an address and a password; the account is
// made only when the link mailed to that address is opened, and is then linked to the one person with that address.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/engine.ts';
import { systemActor } from '../../platform/actor.ts';
import { accountActor, findUserByEmail, hashPassword, minimumPasswordLength, openVerifiedAccount, type User } from '../../platform/auth/accounts.ts';
import { AppError, invalid, isUniqueViolation } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { platformMessages } from '../../platform/i18n/messages.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { throttle } from '../../platform/throttle.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import { email, requiredText } from '../../platform/validation.ts';
import { attachAccount, type AutomaticLink } from '../people/index.ts';
import { accessMessages } from './messages.ts';
import { signUpOpen } from './policy.ts';
import { signUps } from './schema.ts';
import { people } from '../../db/schema.ts';

export const signUpInput = z.object({
  name: requiredText(200),
  email: email(),
  password: z.string().max(200),
});
export type SignUpInput = z.output<typeof signUpInput>;

const linkHours = 24;
/** Mails to one address, and sign-ups from one network address, in an hour. */
const perAddress = { limit: 3, windowSeconds: 3600 };
const perClient = { limit: 20, windowSeconds: 3600 };

export type SignUpSettings = { signUp: boolean; baseUrl: string };

/**
 * Asks for an account: mails a confirmation link (valid 24 hours) to the address, or, when the address already has an
 * account, a note saying so with the sign-in and reset links. The answer is the same either way, so the form tells
 * nobody which addresses have accounts. Refused when sign-up is closed; throttled per address and per client.
 * Side effects: the pending sign-up (password hashed, token hashed), the mail, and a `sign_up.requested` event.
 */
export async function requestSignUp(db: Db, input: SignUpInput, settings: SignUpSettings, client: string, locale: Locale): Promise<void> {
  const words = accessMessages(locale);
  if (!signUpOpen(settings)) throw new AppError('not_found', words.signUpClosed);
  if (input.password.length < minimumPasswordLength) {
    throw invalid({ password: platformMessages(locale).validation.tooShort(minimumPasswordLength) });
  }
  // Hashed whether or not the address has an account, so the answer takes as long either way.
  const passwordHash = await hashPassword(input.password);
  const address = input.email.toLowerCase();
  const domain = new URL(settings.baseUrl).hostname;
  await db.transaction(async (tx) => {
    await throttle(tx, [{ key: `sign_up:address:${address}`, rule: perAddress }, { key: `sign_up:client:${client}`, rule: perClient }], locale);
    const existing = await findUserByEmail(tx, address);
    if (existing) {
      const theirs = accessMessages(existing.locale ?? locale);
      await enqueueMail(tx, { purpose: 'sign_up_existing', to: existing.email, subject: theirs.existingMailSubject, text: theirs.existingMailBody(existing.name, `${settings.baseUrl}/sign-in`, `${settings.baseUrl}/password/forgot`) }, domain);
      await recordEvent(tx, systemActor(), { kind: 'user.sign_up_repeated', subjectType: 'user', subjectId: existing.id, summary: `Sign-up asked again for ${existing.email}, which has an account` });
      return;
    }
    const token = newToken(32);
    const [row] = await tx
      .insert(signUps)
      .values({ email: address, name: input.name, passwordHash, locale, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + linkHours * 3_600_000) })
      .returning({ id: signUps.id });
    if (!row) throw new Error('insert returned nothing');
    await enqueueMail(tx, { purpose: 'sign_up', to: address, subject: words.signUpMailSubject, text: words.signUpMailBody(input.name, `${settings.baseUrl}/sign-up/confirm/${token}`) }, domain);
    await recordEvent(tx, systemActor(), { kind: 'sign_up.requested', subjectType: 'sign_up', subjectId: row.id, summary: `Sign-up asked for ${address}`, after: { email: address, name: input.name } });
  });
}

export type SignUpLinkState = 'valid' | 'unknown' | 'expired' | 'used';

/** What a confirmation link stands for: its state and the address it confirms. */
export async function readSignUp(db: Db, token: string): Promise<{ state: SignUpLinkState; email?: string }> {
  const [row] = await db.select().from(signUps).where(eq(signUps.tokenHash, hashToken(token)));
  if (!row) return { state: 'unknown' };
  if (row.confirmedAt) return { state: 'used', email: row.email };
  if (row.expiresAt <= new Date()) return { state: 'expired', email: row.email };
  return { state: 'valid', email: row.email };
}

function refusal(state: Exclude<SignUpLinkState, 'valid'>, locale: Locale): AppError {
  const words = accessMessages(locale);
  if (state === 'unknown') return new AppError('not_found', words.confirmUnknown);
  return new AppError('gone', state === 'expired' ? words.confirmExpired : words.confirmUsed);
}

/**
 * Confirms the address behind the link, once, and creates the account (address verified), then links it by the one
 * rule for verified addresses (`attachAccount`, automatic). Refused with its own sentence for an unknown, expired or
 * used link, and when the address got an account meanwhile. Side effects: `user.created`, `person.account_linked`
 * when a person matches, and a `sign_up.confirmed` event saying whether the account was linked.
 */
export async function confirmSignUp(db: Db, token: string, locale: Locale): Promise<{ user: User; link: AutomaticLink; personName: string | null }> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.select().from(signUps).where(eq(signUps.tokenHash, hashToken(token))).for('update');
      if (!row) throw refusal('unknown', locale);
      if (row.confirmedAt) throw refusal('used', locale);
      if (row.expiresAt <= new Date()) throw refusal('expired', locale);
      if (await findUserByEmail(tx, row.email)) throw refusal('used', locale);
      const user = await openVerifiedAccount(tx, { email: row.email, name: row.name, passwordHash: row.passwordHash, locale: row.locale, via: 'sign_up' }, locale);
      const actor = accountActor(user);
      const link = await attachAccount(tx, actor, user.id, { via: 'verified_address' }, locale);
      await tx.update(signUps).set({ confirmedAt: new Date(), userId: user.id }).where(eq(signUps.id, row.id));
      await recordEvent(tx, actor, {
        kind: 'sign_up.confirmed',
        subjectType: 'sign_up',
        subjectId: row.id,
        summary: `${row.email} confirmed; ${link.linked ? 'account linked to its person' : `no person linked (${link.reason})`}`,
        after: { email: row.email, linked: link.linked, ...(link.linked ? {} : { reason: link.reason }) },
      });
      const [person] = link.linked ? await tx.select({ name: people.name }).from(people).where(eq(people.id, link.personId)) : [];
      return { user, link, personName: person?.name ?? null };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal('used', locale);
    throw error;
  }
}
