// A meeting's proceedings: its agenda (live items, issued versions, the activity's template), minutes per agenda
// item, numbered decisions, action items carried from meeting to meeting, and the reports written from them.
import { type AnyPgColumn, date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema.ts';
import { activities } from '../activities/schema.ts';
import { people } from '../people/schema.ts';
import type { AgendaTemplateItem } from './agenda-template.ts';
import { meetings } from './schema.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/**
 * One item of a meeting's working agenda. Items nest through parent_id and keep their order in `position` among
 * their siblings; the number shown (5, 5.1) is computed from that order, so the id is what documents, minutes and
 * decisions point at and it survives reordering.
 */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnyPgColumn => agendaItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** The title as French circulars print it; null: not given (the circular names it missing, never prints English). */
    titleFr: text('title_fr'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.parentId, t.position), index('agenda_items_parent_idx').on(t.parentId)],
);

export const agendaVersionStatuses = ['draft', 'adopted'] as const;
export type AgendaVersionStatus = (typeof agendaVersionStatuses)[number];

/**
 * A confirmed overlap as an issued agenda lists it under "Issues requiring coordination" (the overlaps module's
 * CoordinationIssue): both entries and the decision as they were when the version was issued.
 */
export type AgendaCoordinationIssue = {
  a: { id: number; organization: string; identifier: string; title: string };
  b: { id: number; organization: string; identifier: string; title: string };
  decision: 'same_text' | 'duplicated_work' | 'overlapping';
  decidedAt: string;
};

/**
 * An agenda item as frozen in an issued version: its id (for links), the number it had, its level; the coordination
 * item also the confirmed overlaps it listed (absent in versions issued before they were listed).
 */
export type AgendaSnapshotItem = {
  id: number;
  parentId: number | null;
  number: string;
  depth: number;
  title: string;
  notes: string | null;
  coordination?: AgendaCoordinationIssue[];
};

/**
 * An issued agenda: a frozen copy of the working items. Issuing makes version n+1 a draft; adopting marks the latest
 * version adopted. The working items stay editable; what readers see is the latest adopted version, else the latest
 * draft.
 */
export const agendaVersions = pgTable(
  'agenda_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: agendaVersionStatuses }).notNull().default('draft'),
    items: jsonb('items').$type<AgendaSnapshotItem[]>().notNull(),
    note: text('note'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedByUserId: integer('issued_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    issuedByName: text('issued_by_name').notNull(),
    adoptedAt: timestamp('adopted_at', { withTimezone: true }),
    adoptedByUserId: integer('adopted_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    adoptedByName: text('adopted_by_name'),
  },
  (t) => [unique('agenda_versions_meeting_version_unique').on(t.meetingId, t.version)],
);

/** The items every new meeting of the activity starts its agenda from. */
export const agendaTemplates = pgTable('agenda_templates', {
  activityId: integer('activity_id')
    .primaryKey()
    .references(() => activities.id, { onDelete: 'cascade' }),
  items: jsonb('items').$type<AgendaTemplateItem[]>().notNull(),
  updatedAt: updatedAt(),
  updatedByName: text('updated_by_name').notNull(),
});

// Records that hang on an agenda item use 'no action' rather than 'restrict': checked at the end of the statement,
// so deleting a meeting cascades to its items and their records together, while deleteAgendaItem refuses to delete
// an item that still has records (and the database refuses it too).

/** The minutes of one agenda item (one text per item). */
export const agendaMinutes = pgTable('agenda_minutes', {
  agendaItemId: integer('agenda_item_id')
    .primaryKey()
    .references(() => agendaItems.id, { onDelete: 'no action' }),
  meetingId: integer('meeting_id')
    .notNull()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  updatedAt: updatedAt(),
  updatedByName: text('updated_by_name').notNull(),
});

/** A decision of a meeting, numbered 1, 2… within it (a number is never reused). */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id, { onDelete: 'no action' }),
    text: text('text').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** a decision recorded by mistake is deleted but its row stays, so its number is never given again */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [unique('meeting_decisions_number_unique').on(t.meetingId, t.number)],
);

export const actionStatuses = ['open', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/**
 * An action item raised at a meeting, numbered within it. Until it is done it is carried: every later meeting of the
 * activity lists it among its open actions.
 */
export const actionItems = pgTable(
  'action_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id, { onDelete: 'no action' }),
    text: text('text').notNull(),
    ownerPersonId: integer('owner_person_id').references(() => people.id, { onDelete: 'restrict' }),
    /** the owner as written when it is not (or not only) a person of the register, e.g. "TSB" or "All members" */
    ownerName: text('owner_name').notNull(),
    dueOn: date('due_on'),
    status: text('status', { enum: actionStatuses }).notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('action_items_number_unique').on(t.meetingId, t.number),
    index('action_items_open_idx').on(t.activityId, t.status),
  ],
);

export const meetingReportKinds = ['executive_summary', 'meeting_report'] as const;
export type MeetingReportKind = (typeof meetingReportKinds)[number];
export const meetingReportStatuses = ['draft', 'released'] as const;
export type MeetingReportStatus = (typeof meetingReportStatuses)[number];
/** Who reads a released report: as a document's access level (documents/policy.ts), never more than its activity. */
export const meetingReportAccessLevels = ['public', 'members'] as const;
export type MeetingReportAccess = (typeof meetingReportAccessLevels)[number];

/**
 * The executive summary for TSAG and the meeting report: generated from the records as text the secretariat edits,
 * then released once the meeting has ended. Released is not public: a released report is read as a document of the
 * same access level would be (by the activity's members until the secretariat makes it public).
 */
export const meetingReports = pgTable(
  'meeting_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: meetingReportKinds }).notNull(),
    status: text('status', { enum: meetingReportStatuses }).notNull().default('draft'),
    language: text('language', { enum: ['en', 'fr'] }).notNull().default('en'),
    body: text('body').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: updatedAt(),
    updatedByName: text('updated_by_name').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releasedByName: text('released_by_name'),
    access: text('access', { enum: meetingReportAccessLevels }).notNull().default('members'),
    /** the executive summary's number as a TSAG document (e.g. "TSAG-TD123"), entered by the secretariat */
    tsagNumber: text('tsag_number'),
  },
  (t) => [uniqueIndex('meeting_reports_kind_unique').on(t.meetingId, t.kind)],
);
