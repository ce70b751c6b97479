import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema.ts';
import { activities } from '../activities/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { roadmapEntries } from '../roadmap/schema.ts';

export const gapPriorities = ['high', 'medium', 'low'] as const;
export type GapPriority = (typeof gapPriorities)[number];

/**
 * proposed: a member's proposal, waiting for the secretariat or a chair; declined: refused, kept with its reason.
 * open, being_addressed, closed: an accepted gap, as ANSI roadmaps track their progress ("not started", "moving
 * forward", "closed"), without their traffic-light colours, which say the same less plainly. The states and what
 * leads where are in gap-states.ts.
 */
export const gapStatuses = ['proposed', 'open', 'being_addressed', 'closed', 'declined'] as const;
export type GapStatus = (typeof gapStatuses)[number];

/**
 * Per activity, the last gap number given (codes are never reused). Whether accepted gaps are public is the
 * activity's own setting (activities.publish_gaps), chosen in its settings form beside "publish confirmed overlaps".
 */
export const gapCounters = pgTable('gap_counters', {
  activityId: integer('activity_id')
    .primaryKey()
    .references(() => activities.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
});

/** A missing standard an activity has found: its code is "G-<number>", numbered per activity. */
export const gaps = pgTable(
  'gaps',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** the area it belongs to, e.g. a topic of the roadmap's landscape matrix */
    topic: text('topic'),
    priority: text('priority', { enum: gapPriorities }).notNull(),
    researchNeeded: boolean('research_needed').notNull().default(false),
    recommendation: text('recommendation'),
    status: text('status', { enum: gapStatuses }).notNull(),
    proposerUserId: integer('proposer_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** as it was when proposing, so the gap still says who even if the account goes */
    proposerName: text('proposer_name').notNull(),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** why it was declined (required then), or the decider's comment on accepting */
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('gaps_activity_number_unique').on(t.activityId, t.number),
    index('gaps_activity_status_idx').on(t.activityId, t.status),
    check('gaps_number_positive', sql`${t.number} > 0`),
  ],
);

/** The bodies a gap concerns (ANSI's "Organization(s)"). */
export const gapOrganizations = pgTable(
  'gap_organizations',
  {
    gapId: integer('gap_id')
      .notNull()
      .references(() => gaps.id, { onDelete: 'cascade' }),
    // restrict: a body named by a gap is not deleted behind its back.
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.gapId, t.organizationId] }), index('gap_organizations_organization_idx').on(t.organizationId)],
);

/** The roadmap entries that address a gap: its progress. */
export const gapEntries = pgTable(
  'gap_entries',
  {
    gapId: integer('gap_id')
      .notNull()
      .references(() => gaps.id, { onDelete: 'cascade' }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
    note: text('note'),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.gapId, t.entryId] }), index('gap_entries_entry_idx').on(t.entryId)],
);
