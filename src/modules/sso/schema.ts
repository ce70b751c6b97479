import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema.ts';

/**
 * A sign-in sent to an OpenID provider and not yet back. Kept in the database, not in the process, so that the answer
 * may reach another app process, and so that a state is spent once (`used_at`) whichever process sees it. The state
 * and the browser's key are stored as hashes; the PKCE verifier and the nonce are only worth something with the
 * provider's one-time code, which never touches the database.
 */
export const oidcLogins = pgTable(
  'oidc_logins',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    stateHash: text('state_hash').notNull().unique(),
    /** the hash of the browser key cookie it was started with: the answer counts only in the same browser */
    browserHash: text('browser_hash').notNull(),
    /** the provider's id in OIDC_PROVIDERS */
    provider: text('provider').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    nonce: text('nonce').notNull(),
    /** where to go once signed in (a path on this site) */
    next: text('next').notNull().default('/'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('oidc_logins_expires_idx').on(t.expiresAt)],
);

/**
 * An account's identity at an OpenID provider: the issuer and the subject it gives the person (stable, unlike an
 * address). Found first at every sign-in; made at the first one, by the verified-address rule.
 */
export const oidcIdentities = pgTable(
  'oidc_identities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    /** the address the provider gave at the first sign-in */
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('oidc_identities_subject_unique').on(t.issuer, t.subject), index('oidc_identities_user_idx').on(t.userId)],
);
