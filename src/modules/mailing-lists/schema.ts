import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema.ts';
import { activities } from '../activities/schema.ts';
import { people } from '../people/schema.ts';

/** An activity's list, created the first time it is used. */
export const mailingLists = pgTable('mailing_lists', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  activityId: integer('activity_id')
    .notNull()
    .unique()
    .references(() => activities.id, { onDelete: 'cascade' }),
  address: text('address').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const subscriptionStatuses = ['pending', 'active', 'unsubscribed'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/**
 * One address on one list. Members of the activity are subscribed without a row (they are read from the memberships
 * at each send); a row for a member exists only once it is needed: to hold their unsubscribe token or their opt-out.
 * `unsubscribe_token` is kept as is (not hashed) because every list mail carries it; it only unsubscribes.
 */
export const listSubscriptions = pgTable(
  'list_subscriptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    listId: integer('list_id')
      .notNull()
      .references(() => mailingLists.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    personId: integer('person_id').references(() => people.id, { onDelete: 'set null' }),
    status: text('status', { enum: subscriptionStatuses }).notNull(),
    source: text('source', { enum: ['member', 'self', 'secretariat'] }).notNull(),
    confirmTokenHash: text('confirm_token_hash').unique(),
    confirmRequestedAt: timestamp('confirm_requested_at', { withTimezone: true }),
    unsubscribeToken: text('unsubscribe_token').notNull().unique(),
    subscribedAt: timestamp('subscribed_at', { withTimezone: true }),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('list_subscriptions_email_unique').on(t.listId, sql`lower(${t.email})`), index('list_subscriptions_status_idx').on(t.listId, t.status)],
);

export type AnnouncementAttachment = { fileName: string; contentType: string; size: number; sha256: string };

/** A message to the list, kept in the archive; its recipients are fixed by the fan-out job. */
export const announcements = pgTable(
  'announcements',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    /** built from the text by Concord (never HTML typed by the sender), or null for plain text only */
    htmlBody: text('html_body'),
    attachments: jsonb('attachments').$type<AnnouncementAttachment[]>().notNull().default([]),
    authorUserId: integer('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    status: text('status', { enum: ['queued', 'sent'] }).notNull().default('queued'),
    recipientCount: integer('recipient_count'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    fannedOutAt: timestamp('fanned_out_at', { withTimezone: true }),
    /**
     * A correction is itself an announcement, mailed to the list like any other; this is the one it corrects. The
     * archive shows the original with the newest correction's text.
     */
    correctionOfId: integer('correction_of_id').references((): AnyPgColumn => announcements.id, { onDelete: 'cascade' }),
    /** the newest correction of this announcement, when it was sent */
    correctedAt: timestamp('corrected_at', { withTimezone: true }),
    /** withdrawn from the public archive: kept, marked, for those who send announcements */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnByName: text('withdrawn_by_name'),
    withdrawalReason: text('withdrawal_reason'),
  },
  (t) => [index('announcements_activity_idx').on(t.activityId, t.id), index('announcements_correction_idx').on(t.correctionOfId)],
);

/** Who an announcement went to: exactly one row (and one outbox mail) per address, whatever crashes in between. */
export const announcementRecipients = pgTable(
  'announcement_recipients',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    announcementId: integer('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    subscriptionId: integer('subscription_id').references(() => listSubscriptions.id, { onDelete: 'set null' }),
    messageId: text('message_id').notNull(),
  },
  (t) => [unique('announcement_recipients_unique').on(t.announcementId, t.email), index('announcement_recipients_message_idx').on(t.messageId)],
);
