// Secret tokens sent in links and cookies: random, URL-safe, and stored only as their hash, so a stolen database
// holds nothing a visitor could present.
import { createHash, randomBytes } from 'node:crypto';

/** A new random token, URL-safe (base64url of `bytes` random bytes). */
export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** What is stored for a token: its sha256, in hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A run of URL-safe characters as long as the shortest token (24 random bytes → 32 characters). */
const tokenLike = /[A-Za-z0-9_-]{32,}/g;

/**
 * The text with every token-like run cut to its first four characters and an ellipsis: mail shown to a site admin (the
 * outbox page) keeps which link went where, without the live password-reset, invitation or sign-up links that would
 * let the admin act as the recipient.
 */
export function maskTokens(text: string): string {
  return text.replace(tokenLike, (token) => `${token.slice(0, 4)}…`);
}
