// What a confirmed overlap has led to in an activity: the outgoing liaison statement drafted from it, so a second
// click on the same pair answers that draft instead of writing another.
import { index, integer, pgTable, timestamp, unique } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema.ts';
import { activities } from '../activities/schema.ts';
import { liaisonStatements } from '../liaisons/schema.ts';
import { roadmapEntries } from '../roadmap/schema.ts';

/**
 * The outgoing statement an activity drafted about a pair, keyed by the pair's entries (entry_a < entry_b, as in
 * overlap_candidates) rather than the candidate's id, which a new run replaces. One per activity and pair (a database
 * rule, so two clicks at once make one draft); deleting the statement or an entry deletes the row, and a withdrawn
 * statement is replaced by the next draft.
 */
export const overlapLiaisonDrafts = pgTable(
  'overlap_liaison_drafts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    entryAId: integer('entry_a_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
    entryBId: integer('entry_b_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
    statementId: integer('statement_id')
      .notNull()
      .references(() => liaisonStatements.id, { onDelete: 'cascade' }),
    createdByUserId: integer('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('overlap_liaison_drafts_pair_unique').on(t.activityId, t.entryAId, t.entryBId), index('overlap_liaison_drafts_statement_idx').on(t.statementId)],
);
