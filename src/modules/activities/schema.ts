import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { membershipRoles, type MembershipRole } from '../../platform/roles.ts';
import { users } from '../../platform/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { people } from '../people/schema.ts';

/** The roles a membership row holds: the platform's list, so policies and the column's enum cannot disagree. */
export const activityRoles = membershipRoles;
export type ActivityRole = MembershipRole;

export const activities = pgTable(
  'activities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    acronym: text('acronym').notNull(),
    nameEn: text('name_en').notNull(),
    nameFr: text('name_fr'),
    parentOrganizationId: integer('parent_organization_id').references(() => organizations.id, {
      onDelete: 'restrict',
    }),
    foundingDecision: text('founding_decision'),
    legalBasis: text('legal_basis'),
    establishedOn: date('established_on'),
    webPage: text('web_page'),
    mailingList: text('mailing_list'),
    secretariatPersonId: integer('secretariat_person_id').references(() => people.id, { onDelete: 'restrict' }),
    secretariatEmail: text('secretariat_email'),
    secretariatPhone: text('secretariat_phone'),
    visibility: text('visibility', { enum: ['public', 'members'] })
      .notNull()
      .default('public'),
    status: text('status', { enum: ['active', 'closed'] })
      .notNull()
      .default('active'),
    /** Whether the public reads the activity's confirmed overlaps (its participants always do). */
    publishOverlaps: boolean('publish_overlaps').notNull().default(false),
    /** Whether the public reads the activity's accepted gaps (its participants always do; modules/gaps). */
    publishGaps: boolean('publish_gaps').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('activities_acronym_unique').on(sql`lower(${t.acronym})`)],
);

export type Objective = { number: string; text: string };

/** Terms of reference are never edited in place: each change is a new version, so history and diffs are exact. */
export const torVersions = pgTable(
  'tor_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    scope: text('scope').notNull(),
    objectives: jsonb('objectives').$type<Objective[]>().notNull().default([]),
    participation: text('participation').notNull().default(''),
    workingMethods: text('working_methods').notNull().default(''),
    administrativeSupport: text('administrative_support').notNull().default(''),
    meetings: text('meetings').notNull().default(''),
    reporting: text('reporting').notNull().default(''),
    duration: text('duration').notNull().default(''),
    // The French text of each section, versioned with the English: French circulars quote these, and an empty one is
    // named as missing there rather than replaced by the English.
    scopeFr: text('scope_fr').notNull().default(''),
    objectivesFr: jsonb('objectives_fr').$type<Objective[]>().notNull().default([]),
    participationFr: text('participation_fr').notNull().default(''),
    workingMethodsFr: text('working_methods_fr').notNull().default(''),
    administrativeSupportFr: text('administrative_support_fr').notNull().default(''),
    meetingsFr: text('meetings_fr').notNull().default(''),
    reportingFr: text('reporting_fr').notNull().default(''),
    durationFr: text('duration_fr').notNull().default(''),
    changeNote: text('change_note').notNull().default(''),
    createdByUserId: integer('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('tor_versions_activity_version_unique').on(t.activityId, t.version)],
);

/** A person's role in an activity: leadership, secretariat, members and observers. Permissions follow these rows. */
export const activityMemberships = pgTable(
  'activity_memberships',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    // restrict: deleting a person must not silently change who leads or belongs to an activity.
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    role: text('role', { enum: activityRoles }).notNull(),
    since: date('since'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('activity_memberships_unique').on(t.activityId, t.personId, t.role),
    index('activity_memberships_person_idx').on(t.personId),
  ],
);

export const activityOrganizationRelations = ['related_study_group', 'cooperating_body'] as const;

export const activityOrganizations = pgTable(
  'activity_organizations',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    relation: text('relation', { enum: activityOrganizationRelations }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.organizationId, t.relation] })],
);
