// Signing in through an OpenID provider: the pending sign-in (begun here, answered once), and the account the
// provider's identity stands for (found by issuer and subject, or made or linked at the first sign-in by the one rule
// for verified addresses that invitations and sign-up use).
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { OidcProvider } from '../../config.ts';
import type { Db, Tx } from '../../db/engine.ts';
import { accountActor, findUserByEmail, openVerifiedAccount, type User } from '../../platform/auth/accounts.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { users } from '../../platform/schema.ts';
import { hashToken } from '../../platform/tokens.ts';
import { attachAccount, type AutomaticLink } from '../people/index.ts';
import { ssoMessages } from './messages.ts';
import { authorizationRequest, type ProviderClaims, redeemAnswer } from './provider-client.ts';
import { oidcIdentities, oidcLogins } from './schema.ts';

/** Minutes a person has to finish signing in at the provider. */
const loginMinutes = 10;

/** A sign-in refused on Concord's side, with the sentence the sign-in page shows. */
export class SignInRefused extends AppError {
  constructor(
    readonly reason: 'unknown_provider' | 'state_spent' | 'no_email' | 'unverified_email' | 'disabled',
    message: string,
  ) {
    super(reason === 'unknown_provider' ? 'not_found' : 'bad_request', message);
  }
}

export const redirectUriOf = (baseUrl: string, provider: OidcProvider) => `${baseUrl}/sign-in/oidc/${provider.id}/callback`;

/**
 * Starts a sign-in at the provider: returns the URL to send the browser to. Side effects: a pending sign-in row
 * (state and browser key hashed), and the removal of pending rows expired for a day (their replays already say "spent").
 */
export async function beginSignIn(db: Db, provider: OidcProvider, input: { baseUrl: string; browserKey: string; next: string }): Promise<URL> {
  const request = await authorizationRequest(provider, redirectUriOf(input.baseUrl, provider));
  await db.transaction(async (tx) => {
    await tx.delete(oidcLogins).where(lt(oidcLogins.expiresAt, new Date(Date.now() - 86_400_000)));
    await tx.insert(oidcLogins).values({
      stateHash: hashToken(request.state),
      browserHash: hashToken(input.browserKey),
      provider: provider.id,
      codeVerifier: request.codeVerifier,
      nonce: request.nonce,
      next: input.next,
      expiresAt: new Date(Date.now() + loginMinutes * 60_000),
    });
  });
  return request.url;
}

export type SignedIn = { user: User; next: string; link: AutomaticLink | null };

/**
 * Takes the provider's answer: spends its state (once, in this browser, within ten minutes, for this provider), has the
 * answer checked and its code redeemed, then signs in the account of that identity. Throws SignInRefused (Concord's
 * checks) or ProviderError (the provider's answer). Side effects: those of `accountForIdentity`.
 */
export async function finishSignIn(db: Db, provider: OidcProvider, input: { callbackUrl: URL; browserKey: string | undefined; locale: Locale }): Promise<SignedIn> {
  const words = ssoMessages(input.locale);
  const state = input.callbackUrl.searchParams.get('state');
  if (!state || !input.browserKey) throw new SignInRefused('state_spent', words.stateSpent);
  // Spent in one statement: of two requests carrying the same answer, one finds the row unused.
  const [pending] = await db
    .update(oidcLogins)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(oidcLogins.stateHash, hashToken(state)),
        eq(oidcLogins.browserHash, hashToken(input.browserKey)),
        eq(oidcLogins.provider, provider.id),
        isNull(oidcLogins.usedAt),
        gt(oidcLogins.expiresAt, new Date()),
      ),
    )
    .returning();
  if (!pending) throw new SignInRefused('state_spent', words.stateSpent);
  const claims = await redeemAnswer(provider, input.callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
  const { user, link } = await accountForIdentity(db, provider, claims, input.locale);
  return { user, link, next: pending.next };
}

/** Whether and how an identity without an account of its own gets one: the rule, apart from the database. */
export type IdentityChoice =
  | { refuse: 'no_email' | 'unverified_email' | 'disabled' }
  | { link: number }
  | { create: true };

/**
 * An identity seen for the first time: refused without an address the provider verified (an unverified one would let
 * anyone claim someone else's account by typing their address at a provider); linked to the account with that address
 * (unless disabled); otherwise a new account is made.
 */
export function chooseAccountForIdentity(claims: Pick<ProviderClaims, 'email' | 'emailVerified'>, existing: { id: number; disabled: boolean } | undefined): IdentityChoice {
  if (!claims.email) return { refuse: 'no_email' };
  if (!claims.emailVerified) return { refuse: 'unverified_email' };
  if (existing?.disabled) return { refuse: 'disabled' };
  return existing ? { link: existing.id } : { create: true };
}

/**
 * The account this identity signs in as. Known identity: its account (refused when disabled). First sign-in: by
 * `chooseAccountForIdentity`, the account with the verified address gets the identity (and its address marked verified),
 * or a new account without a password is made; either way the account is then linked to its person by the rule for
 * verified addresses (`attachAccount`). Side effects: `user.created` for a new account, `user.identity_linked`, and
 * `person.account_linked` when a person matches.
 */
export async function accountForIdentity(db: Db, provider: OidcProvider, claims: ProviderClaims, locale: Locale): Promise<{ user: User; link: AutomaticLink | null }> {
  const words = ssoMessages(locale);
  const refuse = (reason: 'no_email' | 'unverified_email' | 'disabled') =>
    new SignInRefused(reason, reason === 'no_email' ? words.noEmail(provider.label) : reason === 'unverified_email' ? words.unverifiedEmail(provider.label, claims.email ?? '') : words.disabled);
  const attempt = () =>
    db.transaction(async (tx) => {
      const [known] = await tx
        .select({ identityId: oidcIdentities.id, user: users })
        .from(oidcIdentities)
        .innerJoin(users, eq(users.id, oidcIdentities.userId))
        .where(and(eq(oidcIdentities.issuer, claims.issuer), eq(oidcIdentities.subject, claims.subject)));
      if (known) {
        if (known.user.disabledAt) throw refuse('disabled');
        await tx.update(oidcIdentities).set({ lastSignInAt: new Date() }).where(eq(oidcIdentities.id, known.identityId));
        return { user: known.user, link: null };
      }
      const existing = claims.email ? await findUserByEmail(tx, claims.email) : undefined;
      const choice = chooseAccountForIdentity(claims, existing && { id: existing.id, disabled: existing.disabledAt !== null });
      if ('refuse' in choice) throw refuse(choice.refuse);
      let user: User;
      if ('link' in choice) {
        user = existing!;
        if (!user.emailVerifiedAt) [user] = (await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id)).returning()) as [User];
      } else {
        user = await openVerifiedAccount(tx, { email: claims.email!, name: claims.name ?? claims.email!.split('@')[0]!, passwordHash: null, via: 'single_sign_on' }, locale);
      }
      await linkIdentity(tx, user, provider, claims);
      const link = await attachAccount(tx, accountActor(user), user.id, { via: 'verified_address' }, locale);
      return { user, link };
    });
  try {
    return await attempt();
  } catch (error) {
    // The same person signing in twice at once: the other request made the identity or the account; use it.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

async function linkIdentity(tx: Tx, user: User, provider: OidcProvider, claims: ProviderClaims) {
  await tx.insert(oidcIdentities).values({ userId: user.id, issuer: claims.issuer, subject: claims.subject, email: claims.email ?? '' });
  await recordEvent(tx, accountActor(user), {
    kind: 'user.identity_linked',
    subjectType: 'user',
    subjectId: user.id,
    summary: `${user.email} signs in with ${provider.label} (${claims.issuer})`,
    after: { provider: provider.id, issuer: claims.issuer, email: claims.email },
  });
}
