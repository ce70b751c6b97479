import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { activities } from '../activities/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { people } from '../people/schema.ts';
import { users } from '../../platform/schema.ts';

export const entryKinds = [
  'recommendation',
  'international_standard',
  'technical_specification',
  'technical_report',
  'supplement',
  'rfc',
  'internet_draft',
  'work_item',
  'other',
] as const;
export type EntryKind = (typeof entryKinds)[number];

export const entryStatuses = ['planned', 'in_development', 'approved', 'published', 'superseded', 'withdrawn'] as const;
export type EntryStatus = (typeof entryStatuses)[number];

export const relationKinds = ['supersedes', 'amends', 'common_text', 'based_on', 'references', 'related_to'] as const;
export type RelationKind = (typeof relationKinds)[number];

export type EntryLink = { label: string; url: string };

/** A standard or work item of one organization. It exists once and can be in several activities' roadmaps. */
export const roadmapEntries = pgTable(
  'roadmap_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    /** the responsible group inside the organization, e.g. SG13 Q16 or ETSI ISG QKD */
    groupId: integer('group_id').references(() => organizations.id, { onDelete: 'restrict' }),
    identifier: text('identifier').notNull(),
    /** identifierKey(identifier): "Rec. ITU-T Y.3800" and "Y.3800" share one */
    identifierKey: text('identifier_key').notNull(),
    title: text('title').notNull(),
    /**
     * The same text's numbers at other bodies ("ISO/IEC 9594-8" on ITU-T X.509), as the body writes each. A list of
     * its own, not one text: each number is looked up on its own (search by identifier, the overlap engine's
     * certainty), and a text would have to be split the same way by every reader.
     */
    equivalents: text('equivalents').array().notNull().default(sql`'{}'::text[]`),
    kind: text('kind', { enum: entryKinds }).notNull().default('other'),
    status: text('status', { enum: entryStatuses }).notNull(),
    startedOn: date('started_on'),
    targetOn: date('target_on'),
    approvedOn: date('approved_on'),
    /** year of approval or publication, when only the year is known */
    year: integer('year'),
    version: text('version'),
    editors: text('editors'),
    scope: text('scope'),
    url: text('url'),
    links: jsonb('links').$type<EntryLink[]>().notNull().default([]),
    source: text('source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('roadmap_entries_identifier_unique').on(t.organizationId, t.identifierKey),
    index('roadmap_entries_group_idx').on(t.groupId),
  ],
);

/** Each activity names its own topics. */
export const roadmapTopics = pgTable(
  'roadmap_topics',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('roadmap_topics_name_unique').on(t.activityId, sql`lower(${t.name})`)],
);

/** An entry in an activity's roadmap. */
export const roadmapItems = pgTable(
  'roadmap_items',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.entryId] }), index('roadmap_items_entry_idx').on(t.entryId)],
);

export const roadmapItemTopics = pgTable(
  'roadmap_item_topics',
  {
    activityId: integer('activity_id').notNull(),
    entryId: integer('entry_id').notNull(),
    topicId: integer('topic_id')
      .notNull()
      .references(() => roadmapTopics.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.entryId, t.topicId] }),
    foreignKey({ columns: [t.activityId, t.entryId], foreignColumns: [roadmapItems.activityId, roadmapItems.entryId] }).onDelete('cascade'),
    index('roadmap_item_topics_topic_idx').on(t.topicId),
  ],
);

/** A typed link between two entries: "Y.3802 Amd.1 amends Y.3802". */
export const roadmapRelations = pgTable(
  'roadmap_relations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fromEntryId: integer('from_entry_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
    toEntryId: integer('to_entry_id')
      .notNull()
      .references(() => roadmapEntries.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: relationKinds }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('roadmap_relations_unique').on(t.fromEntryId, t.toEntryId, t.kind),
    index('roadmap_relations_to_idx').on(t.toEntryId),
    check('roadmap_relations_not_self', sql`${t.fromEntryId} <> ${t.toEntryId}`),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Proposals (roadmap item 6): a member's proposed new entry or change, waiting for the secretariat's decision.
// Kept apart from the tables above: the domain is src/modules/roadmap/proposals.ts.

/** A new entry, a change to an entry of this roadmap, or an entry of the register included in this roadmap. */
export const proposalKinds = ['new_entry', 'change', 'include'] as const;
export type ProposalKind = (typeof proposalKinds)[number];

export const proposalStatuses = ['pending', 'accepted', 'rejected', 'withdrawn'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

/** A proposed new entry or change to one activity's roadmap; who proposed it, and what the secretariat decided. */
export const roadmapProposals = pgTable(
  'roadmap_proposals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: proposalKinds }).notNull(),
    /** the entry a change or an inclusion is about; restrict: an entry with proposals is not deleted behind their back */
    entryId: integer('entry_id').references(() => roadmapEntries.id, { onDelete: 'restrict' }),
    /** the proposed fields (entryInput for a new entry, entryPatch for a change: only what changes; the topics for an inclusion) */
    proposed: jsonb('proposed').$type<Record<string, unknown>>().notNull(),
    /** the proposer's reason */
    note: text('note'),
    proposerUserId: integer('proposer_user_id').references(() => users.id, { onDelete: 'set null' }),
    proposerPersonId: integer('proposer_person_id').references(() => people.id, { onDelete: 'set null' }),
    /** name and address as they were when proposing, so the proposal still says who even if the account goes */
    proposerName: text('proposer_name').notNull(),
    proposerEmail: text('proposer_email').notNull(),
    status: text('status', { enum: proposalStatuses }).notNull().default('pending'),
    decidedByUserId: integer('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** the reason of a rejection (required), or the decider's comment on an acceptance */
    decisionReason: text('decision_reason'),
    /** what was applied on acceptance: the proposed fields, or the decider's edited version of them */
    applied: jsonb('applied').$type<Record<string, unknown>>(),
    resultingEntryId: integer('resulting_entry_id').references(() => roadmapEntries.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('roadmap_proposals_activity_idx').on(t.activityId, t.status),
    index('roadmap_proposals_proposer_idx').on(t.proposerUserId),
    index('roadmap_proposals_entry_idx').on(t.entryId),
    check('roadmap_proposals_change_has_entry', sql`(${t.kind} <> 'new_entry') = (${t.entryId} is not null)`),
  ],
);
