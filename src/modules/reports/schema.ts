// The activity's reports for a period: to TSAG and to the study groups, generated from the records, edited, released.
import { date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { activities } from '../activities/schema.ts';
import { documents } from '../documents/schema.ts';

export const activityReportKinds = ['tsag', 'study_groups'] as const;
export type ActivityReportKind = (typeof activityReportKinds)[number];
export const activityReportStatuses = ['draft', 'released'] as const;
export type ActivityReportStatus = (typeof activityReportStatuses)[number];
/** Who the report is written for, and so who reads it once released: a document's access level. */
export const activityReportAudiences = ['members', 'public'] as const;
export type ActivityReportAudience = (typeof activityReportAudiences)[number];

/**
 * One report of an activity for a period. The period is kept as chosen (dates, or the meetings it runs from and to)
 * and as the instants it resolved to, so the page says "from meeting 2 to meeting 3" and a later regeneration reads
 * the same span. The text is what the secretariat edits; releasing stores it as a numbered document of the activity
 * (`documentId`) and freezes it.
 */
export const activityReports = pgTable(
  'activity_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: activityReportKinds }).notNull(),
    status: text('status', { enum: activityReportStatuses }).notNull().default('draft'),
    language: text('language', { enum: ['en', 'fr'] }).notNull(),
    audience: text('audience', { enum: activityReportAudiences }).notNull().default('members'),
    fromDate: date('from_date'),
    fromMeeting: integer('from_meeting'),
    toDate: date('to_date'),
    toMeeting: integer('to_meeting'),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    body: text('body').notNull(),
    /** the TSAG document number (e.g. "TSAG-TD123") typed by the secretariat; heads the report to TSAG */
    tsagNumber: text('tsag_number'),
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
    documentNumber: text('document_number'),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedByName: text('updated_by_name').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releasedByName: text('released_by_name'),
  },
  (t) => [index('activity_reports_activity_idx').on(t.activityId, t.id)],
);
