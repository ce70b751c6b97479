// Documents of an activity: contributions, temporary documents, reports, agendas and liaison statements, numbered per
// activity and kind; their files per revision; the counters that hand out numbers; and mail that waits for the
// secretariat. Only src/modules/documents/ writes these tables.
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema.ts';
import { activities } from '../activities/schema.ts';
import { agendaItems } from '../meetings/proceedings-schema.ts';
import { meetings } from '../meetings/schema.ts';
import { people } from '../people/schema.ts';

export const documentKinds = ['contribution', 'td', 'report', 'agenda', 'ls-in', 'ls-out', 'circular'] as const;
export type DocumentKind = (typeof documentKinds)[number];
/**
 * Kinds numbered in someone else's series: a TSB circular carries the number TSB gave it (entered by the secretariat,
 * never taken from Concord's counters), so neither the contribution form nor the publication form offers it.
 */
export const externallyNumberedKinds: readonly DocumentKind[] = ['circular'];

export const documentAccessLevels = ['public', 'members'] as const;
export type DocumentAccess = (typeof documentAccessLevels)[number];

/** submitted: a contribution waiting for the secretariat (no number yet); published: numbered; withdrawn: kept, not listed. */
export const documentStatuses = ['submitted', 'published', 'withdrawn'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/** How the document arrived: a form, the API, a mail piped to `concord mail-in`, or another module (liaisons, reports). */
export const documentOrigins = ['web', 'api', 'mail', 'system'] as const;
export type DocumentOrigin = (typeof documentOrigins)[number];

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const documents = pgTable(
  'documents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    // set null: a meeting deleted by mistake must not take numbered documents with it.
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: documentKinds }).notNull(),
    /** the n in JCA-QKDN-C-00n; null while a contribution waits for its number */
    sequence: integer('sequence'),
    /** the base number, e.g. JCA-QKDN-C-001 (revisions add -R1, -R2 when shown) */
    number: text('number'),
    /** 0 for the original, then 1, 2… shown as -R1, -R2 */
    revision: integer('revision').notNull().default(0),
    title: text('title').notNull(),
    source: text('source').notNull().default(''),
    authors: text('authors').notNull().default(''),
    purpose: text('purpose').notNull().default(''),
    contact: text('contact').notNull().default(''),
    abstract: text('abstract').notNull().default(''),
    // set null: an agenda item that goes (its meeting deleted) leaves the document in place, unplaced.
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    access: text('access', { enum: documentAccessLevels }).notNull().default('public'),
    status: text('status', { enum: documentStatuses }).notNull(),
    late: boolean('late').notNull().default(false),
    origin: text('origin', { enum: documentOrigins }).notNull().default('web'),
    submittedByUserId: integer('submitted_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** the sender's address for documents that came by mail */
    submittedByEmail: text('submitted_by_email'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    unique('documents_activity_number_unique').on(t.activityId, t.number),
    unique('documents_activity_kind_sequence_unique').on(t.activityId, t.kind, t.sequence),
    index('documents_meeting_idx').on(t.meetingId),
    index('documents_activity_created_idx').on(t.activityId, t.createdAt),
  ],
);

/** One file of one revision of a document; the bytes live under DATA_DIR/files by their SHA-256. */
export const documentFiles = pgTable(
  'document_files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull().default(0),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedByUserId: integer('uploaded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('document_files_name_unique').on(t.documentId, t.revision, t.fileName),
    index('document_files_sha_idx').on(t.sha256),
  ],
);

/**
 * The last sequence handed out per (activity, kind). Taking a number updates this row in the transaction that numbers
 * the document, so concurrent submissions queue on the row lock: no duplicate, and a rollback gives the number back
 * (no gap).
 */
export const documentCounters = pgTable(
  'document_counters',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: documentKinds }).notNull(),
    lastSequence: integer('last_sequence').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.kind] })],
);

export type QueuedAttachment = { fileName: string; contentType: string; size: number; sha256: string; refused?: string };

export const mailQueueReasons = [
  'unknown_sender',
  'not_a_member',
  'unknown_activity',
  'no_attachment',
  'refused_attachment',
  'after_deadline',
  // A member's address in From:, but nothing proves the member sent it (no passing DMARC or aligned DKIM from our own
  // receiving server, and not their secret submission address): a forged From: is one line in any mail program.
  'unverified_sender',
] as const;
export type MailQueueReason = (typeof mailQueueReasons)[number];

/** A mail `concord mail-in` could not turn into contributions: it waits for the secretariat to accept or discard it. */
export const mailInQueue = pgTable(
  'mail_in_queue',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id').references(() => activities.id, { onDelete: 'cascade' }),
    messageId: text('message_id'),
    fromAddress: text('from_address').notNull().default(''),
    fromName: text('from_name').notNull().default(''),
    toAddresses: text('to_addresses').notNull().default(''),
    subject: text('subject').notNull().default(''),
    bodyText: text('body_text').notNull().default(''),
    reason: text('reason', { enum: mailQueueReasons }).notNull(),
    /** how the sender was checked, as shown to the secretariat (e.g. "dmarc=fail by mx.example.org"); null before this was kept */
    senderCheck: text('sender_check'),
    attachments: jsonb('attachments').$type<QueuedAttachment[]>().notNull().default([]),
    status: text('status', { enum: ['pending', 'accepted', 'discarded'] })
      .notNull()
      .default('pending'),
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
    decidedByUserId: integer('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mail_in_queue_pending_idx').on(t.activityId, t.status), index('mail_in_queue_message_idx').on(t.messageId)],
);

/**
 * A person's secret submission address: mail to contributions+<activity>+<secret>@… (MAIL_IN_ADDRESS) counts as theirs
 * whatever its From: says. Kept in clear because the person reads it again on My account; it grants only what a
 * member's mail does (submitting contributions), and regenerating it replaces it.
 */
export const submissionAddresses = pgTable('submission_addresses', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
