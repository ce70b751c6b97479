import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, real, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema.ts';
import { roadmapEntries } from '../roadmap/schema.ts';

/** What a reviewer decides about a pair (the order of the review page's buttons). */
export const overlapDecisions = ['same_text', 'duplicated_work', 'overlapping', 'complementary', 'not_related', 'unsure'] as const;
export type OverlapDecision = (typeof overlapDecisions)[number];

export const overlapRunStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type OverlapRunStatus = (typeof overlapRunStatuses)[number];

/**
 * One run of the engine over the whole register. A run computes outside any transaction and swaps its candidates in
 * at once when it is done, so the candidates always come from the last finished run (plus incremental updates since).
 * A run asked for from the pages or the API is queued, and the worker's process runs it (follower.ts): durable, so a
 * process that dies takes no request with it. `concord overlaps run` runs at once in its own process.
 */
export const overlapRuns = pgTable(
  'overlap_runs',
  {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  status: text('status', { enum: overlapRunStatuses }).notNull().default('running'),
  entryCount: integer('entry_count'),
  pairCount: integer('pair_count'),
  error: text('error'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  requestedByUserId: integer('requested_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  /** Who runs it: the worker's process (a queued run), or a command of its own (the CLI). */
  runner: text('runner', { enum: ['worker', 'command'] }).notNull().default('command'),
  },
  // One run waiting or going at a time: a second request is refused by the database, whichever process asks.
  (t) => [uniqueIndex('overlap_runs_one_active').on(sql`(${t.status} in ('queued', 'running'))`).where(sql`${t.status} in ('queued', 'running')`)],
);

/** Reasons as the engine gives them (modules/overlaps/engine/scoring.ts OverlapReason), worded by the pages. */
export type StoredReason = { kind: string } & Record<string, unknown>;

/**
 * A pair of entries that the engine found alike, once per instance (entry_a < entry_b): its decision holds in every
 * activity whose roadmap holds either entry. Deleting an entry deletes its pairs.
 */
export const overlapCandidates = pgTable(
  'overlap_candidates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    entryAId: integer('entry_a_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
    entryBId: integer('entry_b_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    textScore: real('text_score').notNull(),
    /** An identifier fact says they are the same text (a stated equivalent, a numbering rule, a common-text relation). */
    certain: boolean('certain').notNull(),
    likely: boolean('likely').notNull(),
    reasons: jsonb('reasons').$type<StoredReason[]>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('overlap_candidates_pair_unique').on(t.entryAId, t.entryBId),
    index('overlap_candidates_b_idx').on(t.entryBId),
    // The review queue's order (best first, then by entries): a page of it reads the index and stops.
    index('overlap_candidates_queue_idx').on(t.score.desc().nullsFirst(), t.entryAId, t.entryBId),
    check('overlap_candidates_ordered', sql`${t.entryAId} < ${t.entryBId}`),
  ],
);

/**
 * The decision on a pair, kept apart from the candidates so a new run never loses it. `fingerprint_a/b` hold what the
 * entries said when it was decided (identifier, title, scope): "not related" stays dismissed until one of them
 * changes materially.
 */
export const overlapReviews = pgTable(
  'overlap_reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    entryAId: integer('entry_a_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
    entryBId: integer('entry_b_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
    decision: text('decision', { enum: overlapDecisions }).notNull(),
    note: text('note'),
    fingerprintA: text('fingerprint_a').notNull(),
    fingerprintB: text('fingerprint_b').notNull(),
    decidedByUserId: integer('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('overlap_reviews_pair_unique').on(t.entryAId, t.entryBId),
    index('overlap_reviews_b_idx').on(t.entryBId),
    check('overlap_reviews_ordered', sql`${t.entryAId} < ${t.entryBId}`),
  ],
);
