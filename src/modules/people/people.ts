// People (contacts): the only code that changes them. Each change is one transaction with its event.
import { asc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, isForeignKeyViolation, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { checkbox, optionalEmail, optionalId, optionalText, requiredText } from '../../platform/validation.ts';
import { organizations } from '../../db/schema.ts';
import { attachAccount } from './account-links.ts';
import { users } from '../../platform/schema.ts';
import { peopleMessages } from './messages.ts';
import { canPerson } from './policy.ts';
import { people } from './schema.ts';

export type Person = typeof people.$inferSelect;

export const personInput = z.object({
  name: requiredText(200),
  email: optionalEmail(),
  affiliation: optionalText(300),
  country: optionalText(100),
  organizationId: optionalId(),
  phone: optionalText(50),
  notes: optionalText(4000),
  isExample: checkbox(),
});
export type PersonInput = z.output<typeof personInput>;
export const personPatch = personInput.partial();

export function listPeople(tx: Tx, query?: string): Promise<Person[]> {
  const q = query?.trim();
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return tx
    .select()
    .from(people)
    .where(pattern ? or(ilike(people.name, pattern), ilike(people.email, pattern), ilike(people.affiliation, pattern)) : undefined)
    .orderBy(asc(people.name))
    .limit(500);
}

export async function getPerson(tx: Tx, id: number): Promise<Person> {
  const [row] = await tx.select().from(people).where(eq(people.id, id));
  if (!row) throw notFound();
  return row;
}

async function checkReferences(tx: Tx, input: Partial<PersonInput>, locale: Locale) {
  if (input.organizationId == null) return;
  const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId));
  if (!org) throw invalid({ organizationId: peopleMessages(locale).organizationMissing });
}

async function emailTaken(tx: Tx, email: string | null | undefined, locale: Locale) {
  const [owner] = await tx
    .select()
    .from(people)
    .where(sql`lower(${people.email}) = ${email?.toLowerCase() ?? ''}`);
  return invalid({ email: peopleMessages(locale).emailTaken(owner?.name ?? '') });
}

/** Adds a contact. Side effects: a `person.created` event. */
export async function createPerson(db: Db, actor: Actor, input: PersonInput, locale: Locale): Promise<Person> {
  if (!canPerson(actor, 'create')) throw forbidden();
  try {
    return await db.transaction(async (tx) => {
      await checkReferences(tx, input, locale);
      const [row] = await tx.insert(people).values(input).returning();
      if (!row) throw new Error('insert returned nothing');
      await recordEvent(tx, actor, {
        kind: 'person.created',
        subjectType: 'person',
        subjectId: row.id,
        summary: `${row.name} added`,
        after: input,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await emailTaken(db, input.email, locale);
    throw error;
  }
}

/** Changes the given fields. Side effects: a `person.updated` event with what changed. */
export async function updatePerson(db: Db, actor: Actor, id: number, patch: Partial<PersonInput>, locale: Locale): Promise<Person> {
  if (!canPerson(actor, 'update')) throw forbidden();
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(people).where(eq(people.id, id)).for('update');
      if (!before) throw notFound();
      await checkReferences(tx, patch, locale);
      const diff = changedFields(before, patch);
      if (!diff) return before;
      const [row] = await tx.update(people).set({ ...patch, updatedAt: new Date() }).where(eq(people.id, id)).returning();
      if (!row) throw notFound();
      await recordEvent(tx, actor, {
        kind: 'person.updated',
        subjectType: 'person',
        subjectId: id,
        summary: `${row.name} updated`,
        ...diff,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await emailTaken(db, patch.email, locale);
    throw error;
  }
}

/** Deletes a contact who holds no role and is nobody's contact (the foreign keys refuse otherwise). Side effects: a `person.deleted` event. */
export async function deletePerson(db: Db, actor: Actor, id: number, locale: Locale): Promise<void> {
  if (!canPerson(actor, 'delete')) throw forbidden();
  try {
    await db.transaction(async (tx) => {
      const [before] = await tx.select().from(people).where(eq(people.id, id));
      if (!before) throw notFound();
      await tx.delete(people).where(eq(people.id, id));
      await recordEvent(tx, actor, {
        kind: 'person.deleted',
        subjectType: 'person',
        subjectId: id,
        summary: `${before.name} deleted`,
        before,
      });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError('conflict', peopleMessages(locale).inUse);
    throw error;
  }
}

/**
 * Links a contact to a user account by hand, within the caller's transaction (the demo and the test factories use it):
 * the account then holds the person's roles. Side effects: those of `attachAccount`.
 */
export async function linkPersonToUser(tx: Tx, actor: Actor, personId: number, userId: number): Promise<void> {
  await attachAccount(tx, actor, userId, { personId, via: 'by_hand' }, 'en');
}

/**
 * Adds the account's owner to the register of people (name and address from the account) and links them, in one
 * transaction. Side effects: `person.created` and `person.account_linked` events.
 */
export async function createContactForAccount(db: Db, actor: Actor, userId: number, locale: Locale): Promise<{ id: number; name: string }> {
  if (!canPerson(actor, 'link_account') || !canPerson(actor, 'create')) throw forbidden();
  return db.transaction(async (tx) => {
    const [account] = await tx.select().from(users).where(eq(users.id, userId));
    if (!account) throw notFound(peopleMessages(locale).accountMissing);
    // A savepoint: a refused address (another person has it) leaves nothing behind.
    const person = await createPerson(tx as Db, actor, { name: account.name, email: account.email, isExample: false }, locale);
    await attachAccount(tx, actor, userId, { personId: person.id, via: 'by_hand' }, locale);
    return { id: person.id, name: person.name };
  });
}

