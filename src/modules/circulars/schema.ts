import { date, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/i18n/locale.ts';
import { activities } from '../activities/schema.ts';
import { documents } from '../documents/schema.ts';
import { announcements } from '../mailing-lists/schema.ts';
import { meetings } from '../meetings/schema.ts';

/**
 * What an activity's circulars state that no other record holds: the founding decision as data (the parent group's
 * meeting, the Recommendation clause and the Resolution, in both languages), who signs, the TSB contact, and the
 * addressees and copies. One row per activity, changed through profile.ts with its events.
 */
export const circularProfiles = pgTable('circular_profiles', {
  activityId: integer('activity_id')
    .primaryKey()
    .references(() => activities.id, { onDelete: 'cascade' }),
  foundedFrom: date('founded_from'),
  foundedTo: date('founded_to'),
  recommendationEn: text('recommendation_en'),
  recommendationFr: text('recommendation_fr'),
  resolutionEn: text('resolution_en'),
  resolutionFr: text('resolution_fr'),
  signatoryName: text('signatory_name'),
  signatoryTitleEn: text('signatory_title_en'),
  signatoryTitleFr: text('signatory_title_fr'),
  contactName: text('contact_name'),
  telephone: text('telephone'),
  fax: text('fax'),
  email: text('email'),
  /** one addressee a line */
  addresseesEn: text('addressees_en'),
  addresseesFr: text('addressees_fr'),
  copiesEn: text('copies_en'),
  copiesFr: text('copies_fr'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const circularKinds = ['announce', 'convene'] as const;
export type CircularKind = (typeof circularKinds)[number];

/** A circular as text (generated, then perhaps edited): what the page shows and edits, what the documents are laid out from. */
export type CircularText = {
  locale: Locale;
  kind: CircularKind;
  meetingNumber: number | null;
  placeAndDate: string;
  details: { label: string; value: string }[];
  addressees: string[];
  copies: string[];
  subject: string;
  opening: string;
  /** numbered paragraphs ("1", text) and the rows of the deadlines table under the paragraph they follow */
  paragraphs: { number: string; text: string; rows: [string, string][] }[];
  closing: string[];
  annexA: { title: string; items: { number: string; text: string }[] };
  annexB: { title: string; items: { number: string; text: string }[] } | null;
  /** the facts the records lack, in the reader's words */
  missing: string[];
};

export const circularStatuses = ['draft', 'issued'] as const;
export type CircularStatus = (typeof circularStatuses)[number];

/** The text of a circular in each language it is issued in (TSB issues every circular in English and in French). */
export type CircularTexts = Record<Locale, CircularText>;

/**
 * A circular written from the records and then edited: a draft the secretariat and the chairs reword, then issued by
 * the secretariat under TSB's number as a document of the activity, and perhaps sent to its list. The number is
 * unique across activities (TSB numbers all its circulars in one series). Changed through circular-drafts.ts.
 */
export const circulars = pgTable(
  'circulars',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: circularKinds }).notNull(),
    // set null: a meeting deleted after the fact leaves the letter (an issued one is a record of what was sent).
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    texts: jsonb('texts').$type<CircularTexts>().notNull(),
    status: text('status', { enum: circularStatuses }).notNull().default('draft'),
    /** TSB's number, entered by the secretariat when issuing */
    tsbNumber: text('tsb_number'),
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
    announcementId: integer('announcement_id').references(() => announcements.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [unique('circulars_tsb_number_unique').on(t.tsbNumber), index('circulars_activity_idx').on(t.activityId, t.createdAt)],
);
