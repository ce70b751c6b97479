import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const organizationKinds = [
  'itu_sector',
  'itu_group',
  'study_group',
  'working_party',
  'question',
  'focus_group',
  'standards_body',
  'technical_committee',
  'consortium',
  'forum',
  'open_source',
  'government',
  'academia',
  'company',
  'other',
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

/** ITU-T and its groups, and external bodies. Groups nest: ITU-T → SG13 → Q16. */
export const organizations = pgTable(
  'organizations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id').references((): AnyPgColumn => organizations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: organizationKinds }).notNull(),
    acronym: text('acronym').notNull(),
    name: text('name').notNull(),
    nameFr: text('name_fr'),
    country: text('country'),
    website: text('website'),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_acronym_unique').on(sql`coalesce(${t.parentId}, 0)`, sql`lower(${t.acronym})`),
    index('organizations_parent_idx').on(t.parentId),
  ],
);
