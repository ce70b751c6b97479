import { date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { activities } from '../activities/schema.ts';

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
