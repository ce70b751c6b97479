import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema.ts';
import { organizations } from '../organizations/schema.ts';

/** A contact: may or may not have an account (user_id). Roles in activities hang on the person. */
export const people = pgTable(
  'people',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    email: text('email'),
    affiliation: text('affiliation'),
    country: text('country'),
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    phone: text('phone'),
    notes: text('notes'),
    isExample: boolean('is_example').notNull().default(false),
    userId: integer('user_id')
      .unique()
      .references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('people_email_unique').on(sql`lower(${t.email})`)],
);
