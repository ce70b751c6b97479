import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { membershipRoles } from '../../platform/roles.ts';
import { users } from '../../platform/schema.ts';
import { activities } from '../activities/schema.ts';
import { people } from '../people/schema.ts';

/**
 * An invitation to hold a role in an activity, mailed to a person. Only the hash of its link's token is kept; resending
 * replaces the hash, so the link mailed before stops working. Pending while neither accepted nor revoked and not expired.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role', { enum: membershipRoles }).notNull(),
    /** the address the link was mailed to (the person's when it was sent) */
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** hashes of the links that resending replaced: such a link is refused with its own sentence (use the newest mail) */
    replacedTokenHashes: jsonb('replaced_token_hashes').$type<string[]>().notNull().default([]),
    invitedByUserId: integer('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    invitedByName: text('invited_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    sendCount: integer('send_count').notNull().default(1),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedByUserId: integer('accepted_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // One open invitation per person and role in an activity: a second one would leave two live links for one role.
    uniqueIndex('invitations_open_unique')
      .on(t.activityId, t.personId, t.role)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    index('invitations_activity_idx').on(t.activityId, t.id),
  ],
);

/**
 * A sign-up waiting for its address to be confirmed: no account exists until the link mailed to the address is
 * opened, so an address nobody controls never gets one. The password is kept only as its argon2id hash.
 */
export const signUps = pgTable(
  'sign_ups',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale', { enum: ['en', 'fr'] }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('sign_ups_email_idx').on(sql`lower(${t.email})`)],
);
