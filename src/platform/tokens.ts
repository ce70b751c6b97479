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
