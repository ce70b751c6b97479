// Contacts and representatives of an activity: the only code that changes activity_contacts and their yearly
// confirmation requests. Each change is one transaction with its event.
import { hashToken, newToken } from '../../platform/tokens.ts';
import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { enqueueJob, type JobContext } from '../../platform/jobs.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { type Leader, leaders, role } from '../../platform/roles.ts';
import { checkbox, id, optionalDate, optionalId, optionalText, parseInput, requiredText } from '../../platform/validation.ts';
import { activities, activityMemberships, people } from '../../db/schema.ts';
import { listOrganizationTree, type OrganizationNode } from '../organizations/index.ts';
import { contactMessages } from './messages.ts';
import { canContacts } from './policy.ts';
import { activityContacts, contactConfirmations, type ContactRole, contactRoles } from './schema.ts';

type ActivityRef = typeof activities.$inferSelect;
export type ContactRow = typeof activityContacts.$inferSelect;

/** Roles that speak for a body: they need one. */
export const representativeRoles: readonly ContactRole[] = [
  'study_group_representative',
  'itu_group_representative',
  'external_body_representative',
  'liaison_representative_to',
  'liaison_representative_from',
];
const studyGroupKinds = new Set(['study_group', 'working_party', 'question']);

/** How long an answer is good for, and how long a request may stay unanswered before the entry is flagged. */
const yearMs = 365 * 24 * 3600 * 1000;
const unansweredAfterMs = 30 * 24 * 3600 * 1000;

export type ContactFlag = 'stale' | 'unanswered';

/** One line of the contacts list: an entry of this module, or a chair read from the activity's memberships. */
export type ContactView = {
  /** the activity_contacts id; null for leadership, which lives in activity_memberships */
  id: number | null;
  source: 'contact' | 'membership';
  role: ContactRole | Leader;
  topic: string | null;
  since: string | null;
  until: string | null;
  current: boolean;
  confirmedAt: Date | null;
  flag: ContactFlag | null;
  person: {
    id: number;
    name: string;
    affiliation: string | null;
    country: string | null;
    isExample: boolean;
    /** null when the reader may not see addresses (or there is none) */
    email: string | null;
    phone: string | null;
  };
  organization: { id: number; acronym: string; name: string; path: string; kind: string } | null;
};

export type ContactList = { contacts: ContactView[]; showAddresses: boolean };

// ---- Input ------------------------------------------------------------------------------------------------------

export const contactInput = z.object({
  role: z.enum(contactRoles),
  personId: id(),
  organizationId: optionalId(),
  topic: optionalText(300),
  since: optionalDate(),
  until: optionalDate(),
});
export type ContactInput = z.output<typeof contactInput>;
/** A change lists the fields to change; `markConfirmed` records that the secretariat checked the entry today. */
export const contactPatch = contactInput.partial().extend({ markConfirmed: checkbox().optional() });
export type ContactPatch = z.output<typeof contactPatch>;

export const correctionInput = z.object({ correction: requiredText(5000) });

// ---- Reading ----------------------------------------------------------------------------------------------------

async function readableActivity(tx: Tx, actor: Actor, activityId: number): Promise<ActivityRef> {
  const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
  if (!activity || !canContacts(actor, 'read', activity)) throw notFound();
  return activity;
}

const today = (now: Date) => now.toISOString().slice(0, 10);
const isCurrent = (until: string | null, now: Date) => until === null || until >= today(now);

/**
 * The activity's contacts as the actor may see them: chairs, co-chairs and vice-chairs from the memberships (not
 * duplicated here), then every entry, current ones before former ones. Addresses and telephone numbers are left out
 * (null) unless the actor may read them. Entries not confirmed for a year, or whose request went unanswered for a
 * month, carry a flag.
 */
export async function listContacts(tx: Tx, actor: Actor, activity: ActivityRef, options: { now?: Date } = {}): Promise<ContactList> {
  if (!canContacts(actor, 'read', activity)) throw notFound();
  const now = options.now ?? new Date();
  const showAddresses = canContacts(actor, 'read_addresses', activity);
  const tree = new Map((await listOrganizationTree(tx)).map((o) => [o.id, o]));
  const orgView = (orgId: number | null) => {
    const o: OrganizationNode | undefined = orgId === null ? undefined : tree.get(orgId);
    return o ? { id: o.id, acronym: o.acronym, name: o.name, path: o.path, kind: o.kind } : null;
  };
  const personView = (p: typeof people.$inferSelect) => ({
    id: p.id,
    name: p.name,
    affiliation: p.affiliation,
    country: p.country,
    isExample: p.isExample,
    email: showAddresses ? p.email : null,
    phone: showAddresses ? p.phone : null,
  });

  const leadership = await tx
    .select({ membership: activityMemberships, person: people })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .where(and(eq(activityMemberships.activityId, activity.id), inArray(activityMemberships.role, [...leaders])))
    .orderBy(asc(activityMemberships.role), asc(people.name));
  const leadershipOrder = (held: string) => leaders.indexOf(held as Leader);
  leadership.sort((a, b) => leadershipOrder(a.membership.role) - leadershipOrder(b.membership.role));

  const rows = await tx
    .select({ contact: activityContacts, person: people })
    .from(activityContacts)
    .innerJoin(people, eq(people.id, activityContacts.personId))
    .where(eq(activityContacts.activityId, activity.id))
    .orderBy(asc(activityContacts.role), asc(people.name));
  const ids = rows.map((r) => r.contact.id);
  const unanswered = new Set(
    ids.length
      ? (
          await tx
            .select({ contactId: contactConfirmations.contactId })
            .from(contactConfirmations)
            .where(
              and(
                inArray(contactConfirmations.contactId, ids),
                isNull(contactConfirmations.answeredAt),
                lt(contactConfirmations.sentAt, new Date(now.getTime() - unansweredAfterMs)),
              ),
            )
        ).map((r) => r.contactId)
      : [],
  );

  const contacts: ContactView[] = leadership.map(({ membership, person }) => ({
    id: null,
    source: 'membership',
    role: membership.role as Leader,
    topic: null,
    since: membership.since,
    until: null,
    current: true,
    confirmedAt: null,
    flag: null,
    person: personView(person),
    organization: person.organizationId ? orgView(person.organizationId) : null,
  }));
  const entries = rows.map(({ contact, person }): ContactView => {
    const current = isCurrent(contact.until, now);
    const anchor = contact.confirmedAt ?? contact.createdAt;
    const flag: ContactFlag | null = !current
      ? null
      : unanswered.has(contact.id)
        ? 'unanswered'
        : now.getTime() - anchor.getTime() > yearMs
          ? 'stale'
          : null;
    return {
      id: contact.id,
      source: 'contact',
      role: contact.role,
      topic: contact.topic,
      since: contact.since,
      until: contact.until,
      current,
      confirmedAt: contact.confirmedAt,
      flag,
      person: personView(person),
      organization: orgView(contact.organizationId),
    };
  });
  const byBody = (a: ContactView, b: ContactView) => (a.organization?.path ?? '').localeCompare(b.organization?.path ?? '') || a.person.name.localeCompare(b.person.name);
  entries.sort((a, b) => Number(b.current) - Number(a.current) || contactRoles.indexOf(a.role as ContactRole) - contactRoles.indexOf(b.role as ContactRole) || byBody(a, b));
  return { contacts: [...contacts, ...entries], showAddresses };
}

/** One entry of the activity (for the edit form), or not found. */
export async function getContact(tx: Tx, actor: Actor, activity: ActivityRef, contactId: number): Promise<ContactRow> {
  if (!canContacts(actor, 'read', activity)) throw notFound();
  const [row] = await tx
    .select()
    .from(activityContacts)
    .where(and(eq(activityContacts.id, contactId), eq(activityContacts.activityId, activity.id)));
  if (!row) throw notFound();
  return row;
}

// ---- Changes ----------------------------------------------------------------------------------------------------

/** The rules an entry must meet as a whole: a representative names a body, a study group one a study group, dates in order. */
async function checkEntry(tx: Tx, entry: { role: ContactRole; personId: number; organizationId: number | null; since: string | null; until: string | null }, locale: Locale) {
  const words = contactMessages(locale);
  const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, entry.personId));
  if (!person) throw invalid({ personId: words.personMissing });
  if (entry.organizationId !== null) {
    const organization = (await listOrganizationTree(tx)).find((o) => o.id === entry.organizationId);
    if (!organization) throw invalid({ organizationId: words.organizationMissing });
    if (entry.role === 'study_group_representative' && !studyGroupKinds.has(organization.kind)) throw invalid({ organizationId: words.notStudyGroup });
  } else if (representativeRoles.includes(entry.role)) {
    throw invalid({ organizationId: words.needsBody });
  }
  if (entry.since && entry.until && entry.until < entry.since) throw invalid({ until: words.untilBeforeSince });
}

async function describe(tx: Tx, contact: ContactRow) {
  const [person] = await tx.select({ name: people.name }).from(people).where(eq(people.id, contact.personId));
  const organization = contact.organizationId ? (await listOrganizationTree(tx)).find((o) => o.id === contact.organizationId) : undefined;
  return { person: person?.name ?? 'someone', body: organization?.path ?? null };
}

async function duplicateError(tx: Tx, input: { personId: number; role: ContactRole }, locale: Locale) {
  const words = contactMessages(locale);
  const [person] = await tx.select({ name: people.name }).from(people).where(eq(people.id, input.personId));
  return new AppError('conflict', words.duplicate(person?.name ?? '', words.roles[input.role]), { fields: { personId: words.duplicate(person?.name ?? '', words.roles[input.role]) } });
}

export const confirmationJobKind = 'contacts.confirmation_request';

/** The yearly request for this entry, due a year after `from`; its key makes a second one for the same year a no-op. */
export async function scheduleConfirmation(tx: Tx, contactId: number, from: Date): Promise<void> {
  const runAt = new Date(from.getTime() + yearMs);
  await enqueueJob(tx, {
    kind: confirmationJobKind,
    payload: { contactId },
    runAt,
    dedupeKey: `${confirmationJobKind}:${contactId}:${runAt.getUTCFullYear()}`,
  });
}

/**
 * Adds an entry to the activity's contacts (secretariat). A representative must name the body represented; the same
 * person, role and body twice is a conflict. Side effects: a `contact.added` event; the first yearly confirmation
 * request is scheduled a year from now.
 */
export async function createContact(db: Db, actor: Actor, activityId: number, input: ContactInput, locale: Locale): Promise<ContactRow> {
  try {
    return await db.transaction(async (tx) => {
      const activity = await readableActivity(tx, actor, activityId);
      if (!canContacts(actor, 'edit', activity)) throw forbidden();
      const entry = {
        role: input.role,
        personId: input.personId,
        organizationId: input.organizationId ?? null,
        topic: input.topic ?? null,
        since: input.since ?? null,
        until: input.until ?? null,
      };
      await checkEntry(tx, entry, locale);
      const [row] = await tx.insert(activityContacts).values({ activityId, ...entry }).returning();
      if (!row) throw new Error('insert returned nothing');
      const names = await describe(tx, row);
      await recordEvent(tx, actor, {
        kind: 'contact.added',
        subjectType: 'activity_contact',
        subjectId: row.id,
        activityId,
        summary: `${names.person} added as ${row.role.replaceAll('_', ' ')}${names.body ? ` (${names.body})` : ''} to the contacts of ${activity.acronym}`,
        after: { ...entry, person: names.person, body: names.body },
      });
      await scheduleConfirmation(tx, row.id, row.createdAt);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await duplicateError(db, input, locale);
    throw error;
  }
}

/**
 * Changes the given fields of an entry (secretariat); `markConfirmed` records today as its confirmation date.
 * Side effects: a `contact.updated` event with what changed (none when nothing did).
 */
export async function updateContact(db: Db, actor: Actor, activityId: number, contactId: number, patch: ContactPatch, locale: Locale): Promise<ContactRow> {
  try {
    return await db.transaction(async (tx) => {
      const activity = await readableActivity(tx, actor, activityId);
      if (!canContacts(actor, 'edit', activity)) throw forbidden();
      const [before] = await tx
        .select()
        .from(activityContacts)
        .where(and(eq(activityContacts.id, contactId), eq(activityContacts.activityId, activityId)))
        .for('update');
      if (!before) throw notFound();
      const { markConfirmed, ...fields } = patch;
      const next = { ...before, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as ContactRow;
      await checkEntry(tx, next, locale);
      const diff = changedFields(before as Record<string, unknown>, fields as Record<string, unknown>);
      if (!diff && !markConfirmed) return before;
      const now = new Date();
      const [row] = await tx
        .update(activityContacts)
        .set({ ...fields, ...(markConfirmed ? { confirmedAt: now } : {}), updatedAt: now })
        .where(eq(activityContacts.id, contactId))
        .returning();
      if (!row) throw notFound();
      const names = await describe(tx, row);
      await recordEvent(tx, actor, {
        kind: 'contact.updated',
        subjectType: 'activity_contact',
        subjectId: row.id,
        activityId,
        summary: `Contact entry of ${names.person} (${row.role.replaceAll('_', ' ')}) updated${markConfirmed ? ' and confirmed' : ''}`,
        // The person's name on both sides, so the history names whose entry changed (an unchanged field is not listed).
        before: { person: names.person, ...(diff?.before ?? {}) },
        after: { person: names.person, ...(diff?.after ?? {}), ...(markConfirmed ? { confirmedAt: now.toISOString() } : {}) },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await duplicateError(db, { personId: patch.personId ?? 0, role: patch.role ?? 'focal_point' }, locale);
    throw error;
  }
}

/** Removes an entry entered by mistake (secretariat); an end date keeps history instead. Side effects: a `contact.removed` event. */
export async function removeContact(db: Db, actor: Actor, activityId: number, contactId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const activity = await readableActivity(tx, actor, activityId);
    if (!canContacts(actor, 'edit', activity)) throw forbidden();
    const [row] = await tx
      .delete(activityContacts)
      .where(and(eq(activityContacts.id, contactId), eq(activityContacts.activityId, activityId)))
      .returning();
    if (!row) throw notFound();
    const names = await describe(tx, row);
    await recordEvent(tx, actor, {
      kind: 'contact.removed',
      subjectType: 'activity_contact',
      subjectId: row.id,
      activityId,
      summary: `${names.person} removed from the contacts of ${activity.acronym} (${row.role.replaceAll('_', ' ')})`,
      before: { role: row.role, person: names.person, body: names.body, since: row.since, until: row.until },
    });
  });
}

// ---- The yearly confirmation ------------------------------------------------------------------------------------

export const confirmationPath = (token: string) => `/contacts/confirm/${token}`;

/**
 * Job `contacts.confirmation_request` ({ contactId }): mails the person of a current entry a link to confirm or
 * correct it, and schedules next year's request. At most one request per entry and calendar year (a unique row), so
 * a job run twice or a second job for the same year mails nobody again. An entry confirmed in the last year is not
 * asked; its next request moves to a year after that confirmation. Ended or removed entries are left alone.
 */
export async function requestContactConfirmation(payload: { contactId?: unknown }, { tx, config, now }: JobContext): Promise<void> {
  const contactId = Number(payload.contactId);
  if (!Number.isInteger(contactId)) return;
  const [row] = await tx
    .select({ contact: activityContacts, person: people, activity: activities })
    .from(activityContacts)
    .innerJoin(people, eq(people.id, activityContacts.personId))
    .innerJoin(activities, eq(activities.id, activityContacts.activityId))
    .where(eq(activityContacts.id, contactId));
  if (!row || !isCurrent(row.contact.until, now)) return;
  const { contact, person, activity } = row;
  const anchor = contact.confirmedAt ?? contact.createdAt;
  // Confirmed less than eleven months ago (by the person or the secretariat): ask a year after that instead.
  if (now.getTime() - anchor.getTime() < yearMs - 30 * 24 * 3600 * 1000) {
    await scheduleConfirmation(tx, contactId, anchor);
    return;
  }
  const token = newToken();
  const inserted = await tx
    .insert(contactConfirmations)
    .values({ contactId, year: now.getUTCFullYear(), tokenHash: hashToken(token), sentAt: now })
    .onConflictDoNothing()
    .returning({ id: contactConfirmations.id });
  await scheduleConfirmation(tx, contactId, now);
  if (!inserted.length || !person.email) return;
  const words = contactMessages('en');
  const organization = contact.organizationId ? (await listOrganizationTree(tx)).find((o) => o.id === contact.organizationId) : undefined;
  const mail = {
    name: person.name,
    acronym: activity.acronym,
    role: words.roles[contact.role],
    body: organization?.path ?? null,
    since: contact.since ? formatDate(contact.since, 'en') : null,
    link: `${config.baseUrl}${confirmationPath(token)}`,
  };
  await enqueueMail(
    tx,
    { purpose: 'contact_confirmation', to: person.email, subject: words.mail.confirmSubject(mail), text: words.mail.confirmBody(mail) },
    new URL(config.baseUrl).hostname,
  );
  await recordEvent(tx, systemActor(), {
    kind: 'contact.confirmation_requested',
    subjectType: 'activity_contact',
    subjectId: contactId,
    activityId: activity.id,
    summary: `${person.name} asked to confirm their entry as ${contact.role.replaceAll('_', ' ')} (${now.getUTCFullYear()})`,
  });
}

export type ConfirmationView = {
  request: typeof contactConfirmations.$inferSelect;
  contact: ContactRow;
  person: { name: string };
  activity: ActivityRef;
  body: string | null;
};

/** The request behind a link, with the entry it asks about; an unknown token is "not found". The token is the secret. */
export async function confirmationByToken(tx: Tx, token: string, locale: Locale): Promise<ConfirmationView> {
  const [row] = await tx
    .select({ request: contactConfirmations, contact: activityContacts, person: { name: people.name }, activity: activities })
    .from(contactConfirmations)
    .innerJoin(activityContacts, eq(activityContacts.id, contactConfirmations.contactId))
    .innerJoin(people, eq(people.id, activityContacts.personId))
    .innerJoin(activities, eq(activities.id, activityContacts.activityId))
    .where(eq(contactConfirmations.tokenHash, hashToken(token)));
  if (!row) throw notFound(contactMessages(locale).confirmUnknown);
  const organization = row.contact.organizationId ? (await listOrganizationTree(tx)).find((o) => o.id === row.contact.organizationId) : undefined;
  return { ...row, body: organization?.path ?? null };
}

/**
 * The representative answers the yearly request: "still right" records the date on the entry; a correction is kept
 * with the request and mailed to the secretariat, and the entry stays flagged until the secretariat updates it.
 * A request answers once. Side effects: a `contact.confirmed` or `contact.correction_received` event; for a
 * correction, a mail to each secretariat address of the activity.
 */
export async function answerConfirmation(
  db: Db,
  token: string,
  answer: { kind: 'confirm' } | { kind: 'correct'; correction: string },
  ctx: { locale: Locale; baseUrl: string; now?: Date },
): Promise<ConfirmationView> {
  const now = ctx.now ?? new Date();
  const words = contactMessages(ctx.locale);
  return db.transaction(async (tx) => {
    const view = await confirmationByToken(tx, token, ctx.locale);
    const [request] = await tx.select().from(contactConfirmations).where(eq(contactConfirmations.id, view.request.id)).for('update');
    if (!request) throw notFound();
    if (request.answeredAt) throw new AppError('conflict', words.confirmAlready(formatDate(request.answeredAt.toISOString().slice(0, 10), ctx.locale)));
    const actor = systemActor(`${view.person.name} (confirmation link)`);
    await tx
      .update(contactConfirmations)
      .set({ answeredAt: now, answer: answer.kind === 'confirm' ? 'confirmed' : 'corrected', correction: answer.kind === 'correct' ? answer.correction : null })
      .where(eq(contactConfirmations.id, request.id));
    if (answer.kind === 'confirm') {
      await tx.update(activityContacts).set({ confirmedAt: now, updatedAt: now }).where(eq(activityContacts.id, view.contact.id));
      await recordEvent(tx, actor, {
        kind: 'contact.confirmed',
        subjectType: 'activity_contact',
        subjectId: view.contact.id,
        activityId: view.activity.id,
        summary: `${view.person.name} confirmed their entry as ${view.contact.role.replaceAll('_', ' ')}`,
        after: { confirmedAt: now.toISOString() },
      });
    } else {
      await recordEvent(tx, actor, {
        kind: 'contact.correction_received',
        subjectType: 'activity_contact',
        subjectId: view.contact.id,
        activityId: view.activity.id,
        summary: `${view.person.name} sent a correction to their entry as ${view.contact.role.replaceAll('_', ' ')}`,
        after: { correction: answer.correction },
      });
      const mail = {
        name: view.person.name,
        acronym: view.activity.acronym,
        role: contactMessages('en').roles[view.contact.role],
        body: view.body,
        correction: answer.correction,
        link: `${ctx.baseUrl}/activities/${encodeURIComponent(view.activity.acronym)}/contacts/${view.contact.id}/edit`,
      };
      const en = contactMessages('en').mail;
      for (const to of await secretariatAddresses(tx, view.activity)) {
        await enqueueMail(tx, { purpose: 'contact_correction', to, subject: en.correctionSubject(mail), text: en.correctionBody(mail) }, new URL(ctx.baseUrl).hostname);
      }
    }
    return view;
  });
}

/** The activity's secretariat addresses: each person with the role, and the activity's own address, once each. */
async function secretariatAddresses(tx: Tx, activity: ActivityRef): Promise<string[]> {
  const rows = await tx
    .select({ email: people.email })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .where(and(eq(activityMemberships.activityId, activity.id), eq(activityMemberships.role, role.secretariat)));
  const all = [...rows.map((r) => r.email), activity.secretariatEmail].filter((e): e is string => !!e).map((e) => e.toLowerCase());
  return [...new Set(all)];
}

/** Parses a confirmation form: the button pressed says which answer. */
export function parseAnswer(values: Record<string, unknown>, locale: Locale): { kind: 'confirm' } | { kind: 'correct'; correction: string } {
  if (values.answer === 'confirm') return { kind: 'confirm' };
  const parsed = z.object({ correction: z.string().optional() }).parse(values);
  if (!parsed.correction?.trim()) throw invalid({ correction: contactMessages(locale).correctionRequired });
  return { kind: 'correct', correction: parseInput(correctionInput, values, locale).correction };
}
