// Signing in with a password, within limits: wrong passwords are counted per account (by the address typed, whether or
// not it has an account, so the limit tells nobody which addresses do) and per client address, in the database's
// throttles table so every app process counts the same failures. Past either limit, sign-in is locked for a while,
// the right password included; the account's owner is told once per lock.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/engine.ts';
import { recordEvent } from '../events.ts';
import { platformMessages } from '../i18n/messages.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { clearFailures, lockedFor, recordFailure } from '../throttle.ts';
import { findUserByEmail, type User, verifyCredentials } from './accounts.ts';

export type SignInOutcome = { kind: 'signed_in'; user: User } | { kind: 'refused' } | { kind: 'locked'; retryAfterSeconds: number };

const accountKey = (email: string) => `sign-in:account:${email.trim().toLowerCase()}`;
const addressKey = (clientAddress: string) => `sign-in:address:${clientAddress}`;

/**
 * Checks a password, unless the account or the client's address is locked (then nothing is checked: `locked`).
 * Side effects: a wrong password counts a failure under both keys; the failure that locks an account queues a notice
 * mail to it (when the address has an account) and records a `user.sign_in_locked` event; a right one clears the
 * account's failures.
 */
export async function attemptSignIn(
  db: Db,
  input: { email: string; password: string; clientAddress: string },
  config: Pick<Config, 'limits' | 'baseUrl'>,
): Promise<SignInOutcome> {
  const windowSeconds = config.limits.signInLockMinutes * 60;
  const account = { key: accountKey(input.email), rule: { limit: config.limits.signInFailuresPerAccount, windowSeconds } };
  const address = { key: addressKey(input.clientAddress), rule: { limit: config.limits.signInFailuresPerAddress, windowSeconds } };
  const wait = await lockedFor(db, [account, address]);
  if (wait > 0) return { kind: 'locked', retryAfterSeconds: wait };

  const user = await verifyCredentials(db, input.email, input.password);
  if (user) {
    await clearFailures(db, account.key);
    return { kind: 'signed_in', user };
  }
  const lockedNow = await db.transaction(async (tx) => {
    const byAccount = await recordFailure(tx, account.key, account.rule);
    const byAddress = await recordFailure(tx, address.key, address.rule);
    if (byAccount.lockedNow) {
      const owner = await findUserByEmail(tx, input.email);
      if (owner && !owner.disabledAt) {
        const words = platformMessages(owner.locale ?? 'en').auth;
        await enqueueMail(
          tx,
          {
            purpose: 'sign_in_locked',
            to: owner.email,
            subject: words.lockMailSubject,
            text: words.lockMailBody(owner.name, byAccount.failures, config.limits.signInLockMinutes, `${config.baseUrl}/password/forgot`),
          },
          new URL(config.baseUrl).hostname,
        );
        await recordEvent(tx, { kind: 'system', name: 'concord' }, {
          kind: 'user.sign_in_locked',
          subjectType: 'user',
          subjectId: owner.id,
          summary: `Sign-in to ${owner.email} locked for ${config.limits.signInLockMinutes} minutes after ${byAccount.failures} wrong passwords`,
        });
      }
    }
    return byAccount.lockedNow || byAddress.lockedNow;
  });
  return lockedNow ? { kind: 'locked', retryAfterSeconds: windowSeconds } : { kind: 'refused' };
}
