// Meetings of an activity, their important dates (deadlines), the activity's lateness rules and registrations.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema.ts';
import { activities } from '../activities/schema.ts';
import { people } from '../people/schema.ts';

export const meetingModes = ['physical', 'virtual', 'hybrid'] as const;
export type MeetingMode = (typeof meetingModes)[number];
export const meetingStatuses = ['planned', 'announced', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
/**
 * Who confirms a registration before it counts (and before the remote link is shown or mailed): the registrant, from
 * the single-use link mailed to the address given; or the secretariat, which approves each one.
 */
export const registrationConfirmations = ['email', 'secretariat'] as const;
export type RegistrationConfirmation = (typeof registrationConfirmations)[number];

/** A meeting of an activity. Start and end are instants; `time_zone` (IANA) is the venue's, used to show them. */
export const meetings = pgTable(
  'meetings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    mode: text('mode', { enum: meetingModes }).notNull(),
    venue: text('venue'),
    city: text('city'),
    /** The city as French writes it (Genève), for French circulars; null: not given, never replaced by English. */
    cityFr: text('city_fr'),
    timeZone: text('time_zone').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    colocatedEvent: text('colocated_event'),
    colocatedEventFr: text('colocated_event_fr'),
    language: text('language').notNull().default('English'),
    remoteUrl: text('remote_url'),
    status: text('status', { enum: meetingStatuses }).notNull().default('planned'),
    cancelReason: text('cancel_reason'),
    /** Onsite places; null means no limit. Remote attendance is never limited. */
    onsiteCapacity: integer('onsite_capacity'),
    registrationConfirmation: text('registration_confirmation', { enum: registrationConfirmations }).notNull().default('email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('meetings_activity_number_unique').on(t.activityId, t.number),
    index('meetings_activity_starts_idx').on(t.activityId, t.startsAt),
  ],
);

export const importantDateKinds = ['contribution', 'registration', 'other'] as const;
export type ImportantDateKind = (typeof importantDateKinds)[number];
export const lateRules = ['refuse', 'accept_late'] as const;
export type LateRule = (typeof lateRules)[number];

/**
 * A named date of a meeting. Contribution and registration deadlines exist at most once per meeting; `has_time` false
 * means the date was given without a time and falls at 23:59 in the meeting's zone (already folded into `due_at`).
 */
export const importantDates = pgTable(
  'meeting_important_dates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: importantDateKinds }).notNull(),
    label: text('label').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    hasTime: boolean('has_time').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_important_dates_meeting_idx').on(t.meetingId, t.dueAt),
    uniqueIndex('meeting_important_dates_deadline_unique')
      .on(t.meetingId, t.kind)
      .where(sql`${t.kind} <> 'other'`),
  ],
);

/** How an activity treats what arrives after a deadline. A missing row means the defaults in deadlines.ts. */
export const meetingSettings = pgTable('meeting_settings', {
  activityId: integer('activity_id')
    .primaryKey()
    .references(() => activities.id, { onDelete: 'cascade' }),
  lateContributions: text('late_contributions', { enum: lateRules }).notNull().default('accept_late'),
  lateRegistrations: text('late_registrations', { enum: lateRules }).notNull().default('refuse'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const registrationModes = ['onsite', 'remote'] as const;
export type RegistrationMode = (typeof registrationModes)[number];
export const registrationCapacities = [
  'member_state',
  'sector_member',
  'associate',
  'academia',
  'invited_expert',
  'other_body',
] as const;
export type RegistrationCapacity = (typeof registrationCapacities)[number];
/**
 * pending: not confirmed yet (by the mailed link or the secretariat, as the meeting chose): holds no place, sees no
 * remote link, gets no mail but the confirmation; registered: has a place; waiting: onsite waiting list (promoted in
 * order of `waiting_since`); cancelled.
 */
export const registrationStatuses = ['pending', 'registered', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
/** How a registration was confirmed: its mailed link, the registrant's own account address, the secretariat's approval. */
export const registrationConfirmedBy = ['email', 'account', 'secretariat'] as const;
export type RegistrationConfirmedBy = (typeof registrationConfirmedBy)[number];

/**
 * A person's registration for a meeting. Anonymous registrations carry no person; the `manage_token_hash` lets the
 * registrant change mode or cancel from the link in the confirmation mail. One live registration per e-mail.
 */
export const registrations = pgTable(
  'meeting_registrations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: integer('person_id').references(() => people.id, { onDelete: 'set null' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    affiliation: text('affiliation').notNull().default(''),
    organizationRepresented: text('organization_represented').notNull().default(''),
    capacity: text('capacity', { enum: registrationCapacities }).notNull(),
    country: text('country').notNull().default(''),
    mode: text('mode', { enum: registrationModes }).notNull(),
    status: text('status', { enum: registrationStatuses }).notNull(),
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    late: boolean('late').notNull().default(false),
    attended: boolean('attended'),
    manageTokenHash: text('manage_token_hash').notNull().unique(),
    /** the single-use confirmation link's token (its hash), cleared once used; null when none is outstanding */
    confirmationTokenHash: text('confirmation_token_hash').unique(),
    confirmationExpiresAt: timestamp('confirmation_expires_at', { withTimezone: true }),
    /** null while pending, and for registrations made before confirmation existed (all of them counted as confirmed) */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: text('confirmed_by', { enum: registrationConfirmedBy }),
    /** the language the registrant used to register: later mail written by others is in it (null before 0015) */
    locale: text('locale', { enum: ['en', 'fr'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('meeting_registrations_meeting_idx').on(t.meetingId, t.status),
    uniqueIndex('meeting_registrations_live_email_unique')
      .on(t.meetingId, sql`lower(${t.email})`)
      .where(sql`${t.status} <> 'cancelled'`),
  ],
);
