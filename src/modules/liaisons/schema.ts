// Liaison statements of an activity, incoming and outgoing: who they are from and to, the contacts, the replies that
// link them into threads, and the roadmap entries they concern. Only src/modules/liaisons/ writes these tables.
import { date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema.ts';
import { activities } from '../activities/schema.ts';
import { documents } from '../documents/schema.ts';
import { agendaItems } from '../meetings/proceedings-schema.ts';
import { meetings } from '../meetings/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { people } from '../people/schema.ts';
import { roadmapEntries } from '../roadmap/schema.ts';

export const liaisonDirections = ['in', 'out'] as const;
export type LiaisonDirection = (typeof liaisonDirections)[number];

export const liaisonPurposes = ['for_action', 'for_comment', 'for_information'] as const;
export type LiaisonPurpose = (typeof liaisonPurposes)[number];

/** What an incoming statement asks of the activity, as tracked by its assignee. */
export const liaisonActionStatuses = ['open', 'in_progress', 'answered', 'no_action_needed'] as const;
export type LiaisonActionStatus = (typeof liaisonActionStatuses)[number];

/** The life of an outgoing statement: draft → submitted → approved → sent → closed, or withdrawn before it is sent. */
export const outgoingStates = ['draft', 'submitted', 'approved', 'sent', 'closed', 'withdrawn'] as const;
export type OutgoingState = (typeof outgoingStates)[number];

export const approvalModes = ['at_meeting', 'by_correspondence'] as const;
export type ApprovalMode = (typeof approvalModes)[number];

export const liaisonAccessLevels = ['public', 'members'] as const;
export type LiaisonAccess = (typeof liaisonAccessLevels)[number];

export const liaisonStatements = pgTable(
  'liaison_statements',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: liaisonDirections }).notNull(),
    title: text('title').notNull(),
    purpose: text('purpose', { enum: liaisonPurposes }).notNull(),
    /** for an incoming statement, when the activity must answer; for an outgoing one, when a reply is expected */
    deadline: date('deadline'),
    body: text('body').notNull().default(''),
    /** the identifiers the sending body gave it (e.g. "SG17-LS123", "ETSI ISG QKD(24)012") */
    theirReference: text('their_reference'),
    /** incoming: the sender's contact (name and address as given) */
    fromContactName: text('from_contact_name'),
    fromContactEmail: text('from_contact_email'),
    receivedOn: date('received_on'),
    sentOn: date('sent_on'),
    /** the LS-in / LS-out document holding the attachments (documents module); its number names the statement */
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
    documentNumber: text('document_number'),
    /** where the statement is handled */
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    /** incoming: who makes sure the action asked is done, and how far it is */
    assigneePersonId: integer('assignee_person_id').references(() => people.id, { onDelete: 'set null' }),
    actionStatus: text('action_status', { enum: liaisonActionStatuses }),
    /** outgoing only */
    state: text('state', { enum: outgoingStates }),
    approvalMode: text('approval_mode', { enum: approvalModes }),
    approvalMeetingId: integer('approval_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    objectionDeadline: date('objection_deadline'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedByName: text('approved_by_name'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    access: text('access', { enum: liaisonAccessLevels }).notNull().default('public'),
    createdByUserId: integer('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('liaison_statements_activity_idx').on(t.activityId, t.direction),
    index('liaison_statements_deadline_idx').on(t.deadline),
  ],
);

export const liaisonOrganizationSides = ['from', 'to'] as const;
export type LiaisonOrganizationSide = (typeof liaisonOrganizationSides)[number];

/** The bodies a statement is from (incoming) or to (both directions: an incoming one may be copied to others). */
export const liaisonOrganizations = pgTable(
  'liaison_organizations',
  {
    statementId: integer('statement_id')
      .notNull()
      .references(() => liaisonStatements.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    side: text('side', { enum: liaisonOrganizationSides }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.organizationId, t.side] }), index('liaison_organizations_org_idx').on(t.organizationId)],
);

/** The contacts an outgoing statement is addressed to (several), each mailed when it is sent. */
export const liaisonRecipients = pgTable(
  'liaison_recipients',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    statementId: integer('statement_id')
      .notNull()
      .references(() => liaisonStatements.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    email: text('email').notNull(),
  },
  (t) => [index('liaison_recipients_statement_idx').on(t.statementId)],
);

/** `replyId` answers `repliedToId`; both pages show the link. A statement may answer several and have several replies. */
export const liaisonReplies = pgTable(
  'liaison_replies',
  {
    replyId: integer('reply_id')
      .notNull()
      .references(() => liaisonStatements.id, { onDelete: 'cascade' }),
    repliedToId: integer('replied_to_id')
      .notNull()
      .references(() => liaisonStatements.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.replyId, t.repliedToId] }), index('liaison_replies_replied_to_idx').on(t.repliedToId)],
);

export const liaisonRoadmapEntries = pgTable(
  'liaison_roadmap_entries',
  {
    statementId: integer('statement_id')
      .notNull()
      .references(() => liaisonStatements.id, { onDelete: 'cascade' }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.entryId] })],
);
