// The conversation with an OpenID provider, through openid-client: discovery (kept per process for an hour), the
// authorization request with PKCE, state and nonce, and the checks on the answer (issuer, state, PKCE, the ID token's
// signature, audience, nonce and times), then the claims (from the ID token, and the userinfo endpoint for what it lacks).
import type * as Oidc from 'openid-client';
import type { OidcProvider } from '../../config.ts';

// openid-client is loaded at the first sign-in through a provider, not at start: most instances configure none.
let oidcLibrary: typeof Oidc | undefined;
const loadOidc = async () => (oidcLibrary ??= await import('openid-client'));

/** Why the provider's side failed; the routes turn each into a sentence. */
export type ProviderFailure = 'unreachable' | 'wrong_issuer' | 'unverified_answer' | 'cancelled' | 'provider_refused';

export class ProviderError extends Error {
  constructor(
    readonly failure: ProviderFailure,
    message: string,
    /** the provider's own words (error_description), for provider_refused */
    readonly providerSays?: string,
  ) {
    super(message);
  }
}

/** What Concord keeps of the person the provider vouches for. */
export type ProviderClaims = { issuer: string; subject: string; email: string | null; emailVerified: boolean; name: string | null };

const discoveryHours = 1;
const timeoutSeconds = 10;
const discovered = new Map<string, { at: number; configuration: Promise<Oidc.Configuration> }>();

// Plain http only reaches a provider on this machine (config.ts refuses any other): tests and development.
const isLoopback = (issuer: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);

/** The provider's metadata, checked against the configured issuer (a mismatch is `wrong_issuer`). */
export function providerConfiguration(provider: OidcProvider): Promise<Oidc.Configuration> {
  const key = JSON.stringify([provider.id, provider.issuer, provider.clientId]);
  const kept = discovered.get(key);
  if (kept && Date.now() - kept.at < discoveryHours * 3_600_000) return kept.configuration;
  const issuer = new URL(provider.issuer);
  const configuration = loadOidc()
    .then((oidc) =>
      oidc.discovery(issuer, provider.clientId, provider.clientSecret, undefined, {
        execute: isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
        timeout: timeoutSeconds,
      }),
    )
    .catch((error: unknown) => {
      // A failed discovery is tried again at the next sign-in, not kept for an hour.
      discovered.delete(key);
      throw classify(error, 'discovery');
    });
  discovered.set(key, { at: Date.now(), configuration });
  return configuration;
}

/** A fresh PKCE verifier, state and nonce, and the provider's authorization URL carrying them. */
export async function authorizationRequest(provider: OidcProvider, redirectUri: string) {
  const configuration = await providerConfiguration(provider);
  const oidc = await loadOidc();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, codeVerifier, state, nonce };
}

/**
 * Checks the provider's answer (the callback URL as received) and redeems its code. Throws a ProviderError: the
 * provider said no (`cancelled`, `provider_refused`), or the answer fails a check (`wrong_issuer`, `unverified_answer`).
 */
export async function redeemAnswer(provider: OidcProvider, callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<ProviderClaims> {
  const configuration = await providerConfiguration(provider);
  const oidc = await loadOidc();
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new ProviderError('unverified_answer', 'no ID token');
    let claims: Record<string, unknown> = { ...idToken };
    // Providers often keep the address for the userinfo endpoint; it must name the same subject.
    if (typeof claims.email !== 'string' || claims.email_verified === undefined) {
      claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...claims };
    }
    const email = typeof claims.email === 'string' && claims.email.includes('@') ? claims.email.trim().toLowerCase() : null;
    return {
      issuer: idToken.iss,
      subject: idToken.sub,
      email,
      // Some providers send the string "true"; anything else is not a verification.
      emailVerified: claims.email_verified === true || claims.email_verified === 'true',
      name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : null,
    };
  } catch (error) {
    throw classify(error, 'answer');
  }
}

function classify(error: unknown, stage: 'discovery' | 'answer'): ProviderError {
  if (error instanceof ProviderError) return error;
  // Before the library is loaded, nothing can have thrown one of its errors.
  if (oidcLibrary && error instanceof oidcLibrary.AuthorizationResponseError) {
    const why = error.error_description ?? error.error;
    return error.error === 'access_denied' || error.error === 'login_required' || error.error === 'consent_required'
      ? new ProviderError('cancelled', why)
      : new ProviderError('provider_refused', why, why.slice(0, 300));
  }
  // openid-client wraps oauth4webapi's error ("invalid response encountered") around the one naming the field.
  const messages: string[] = [];
  for (let at: unknown = error, depth = 0; at instanceof Error && depth < 4; at = at.cause, depth++) messages.push(at.message);
  const message = messages.join(' ← ');
  const code = (error as { code?: string }).code ?? 'error';
  // The metadata's "issuer", an ID token's or the answer's "iss" is not the configured issuer.
  if (messages.some((m) => /unexpected (JWT )?"iss" \(issuer\) (claim|response parameter) value|"issuer" property does not match|metadata issuer does not match/.test(m))) {
    return new ProviderError('wrong_issuer', `${code}: ${message}`);
  }
  if (stage === 'discovery') return new ProviderError('unreachable', `${code}: ${message}`);
  return new ProviderError('unverified_answer', `${code}: ${message}`);
}
