import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { activities } from '../activities/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { people } from '../people/schema.ts';

/**
 * What a contact entry says about a person in an activity. Chairs, co-chairs and vice-chairs are not here: they are
 * activity_memberships rows, and the contacts page shows them from there so the two lists never disagree.
 */
export const contactRoles = [
  'study_group_representative',
  'itu_group_representative',
  'external_body_representative',
  'liaison_representative_to',
  'liaison_representative_from',
  'focal_point',
  'tsb_contact',
] as const;
export type ContactRole = (typeof contactRoles)[number];

/** Who represents whom in an activity: role, the body represented, the person, since/until, last confirmed. */
export const activityContacts = pgTable(
  'activity_contacts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    // restrict: deleting a person or a body must not silently empty a list of representatives.
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    role: text('role', { enum: contactRoles }).notNull(),
    /** what a focal point is the point for, or a note on the mandate */
    topic: text('topic'),
    since: date('since'),
    until: date('until'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('activity_contacts_activity_idx').on(t.activityId, t.role),
    index('activity_contacts_person_idx').on(t.personId),
    // One entry per person, role and body in an activity (a person may represent two bodies).
    unique('activity_contacts_unique').on(t.activityId, t.personId, t.role, t.organizationId).nullsNotDistinct(),
  ],
);

/**
 * The yearly "is this still right?" request: one row per entry and year (the unique key makes "never mailed twice in
 * a year" a database rule), the token's hash for the link, and the answer.
 */
export const contactConfirmations = pgTable(
  'contact_confirmations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    contactId: integer('contact_id')
      .notNull()
      .references(() => activityContacts.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answer: text('answer', { enum: ['confirmed', 'corrected'] }),
    correction: text('correction'),
  },
  (t) => [unique('contact_confirmations_year_unique').on(t.contactId, t.year), index('contact_confirmations_open_idx').on(t.contactId).where(sql`answered_at is null`)],
);
