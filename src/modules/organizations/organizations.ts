// Organizations: the only code that changes them. Each change is one transaction with its event.
import { asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, isForeignKeyViolation, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { optionalId, optionalText, optionalUrl, requiredText } from '../../platform/validation.ts';
import { organizationMessages } from './messages.ts';
import { canOrganization } from './policy.ts';
import { organizationKinds, organizations } from './schema.ts';

export type Organization = typeof organizations.$inferSelect;
/** An organization with its place in the tree: "ITU-T SG13 Q16" reads better than "Q16". */
export type OrganizationNode = Organization & { path: string; depth: number };

export const organizationInput = z.object({
  kind: z.enum(organizationKinds),
  acronym: requiredText(60),
  name: requiredText(300),
  nameFr: optionalText(300),
  parentId: optionalId(),
  country: optionalText(100),
  website: optionalUrl(),
  description: optionalText(4000),
});
export type OrganizationInput = z.output<typeof organizationInput>;
export const organizationPatch = organizationInput.partial();

/** Every organization in tree order (parents before their groups), each with its full path. */
export async function listOrganizationTree(tx: Tx): Promise<OrganizationNode[]> {
  const rows = await tx.select().from(organizations).orderBy(asc(organizations.acronym));
  const children = new Map<number | null, Organization[]>();
  for (const row of rows) {
    const list = children.get(row.parentId) ?? [];
    list.push(row);
    children.set(row.parentId, list);
  }
  const out: OrganizationNode[] = [];
  const walk = (parentId: number | null, prefix: string, depth: number) => {
    for (const row of children.get(parentId) ?? []) {
      const path = prefix ? `${prefix} ${row.acronym}` : row.acronym;
      out.push({ ...row, path, depth });
      walk(row.id, path, depth + 1);
    }
  };
  walk(null, '', 0);
  return out;
}

export async function getOrganization(tx: Tx, id: number): Promise<OrganizationNode> {
  const node = (await listOrganizationTree(tx)).find((o) => o.id === id);
  if (!node) throw notFound();
  return node;
}

async function checkParent(tx: Tx, id: number | null, parentId: number | null | undefined, locale: Locale) {
  if (parentId == null) return;
  const words = organizationMessages(locale);
  const tree = await listOrganizationTree(tx);
  const parent = tree.find((o) => o.id === parentId);
  if (!parent) throw invalid({ parentId: words.parentMissing });
  // Walking up from the new parent must never reach the organization itself.
  for (let at: Organization | undefined = parent; at; at = tree.find((o) => o.id === at?.parentId)) {
    if (at.id === id) throw invalid({ parentId: words.parentCycle });
  }
}

async function duplicateError(tx: Tx, input: { acronym?: string; parentId?: number | null }, locale: Locale) {
  const tree = await listOrganizationTree(tx);
  const twin = tree.find(
    (o) => o.parentId === (input.parentId ?? null) && o.acronym.toLowerCase() === input.acronym?.toLowerCase(),
  );
  return invalid({ acronym: organizationMessages(locale).duplicate(twin?.path ?? input.acronym ?? '') });
}

/** Creates an organization. Side effects: an `organization.created` event. */
export async function createOrganization(db: Db, actor: Actor, input: OrganizationInput, locale: Locale): Promise<Organization> {
  if (!canOrganization(actor, 'create')) throw forbidden();
  try {
    return await db.transaction(async (tx) => {
      await checkParent(tx, null, input.parentId, locale);
      const [row] = await tx.insert(organizations).values(input).returning();
      if (!row) throw new Error('insert returned nothing');
      await recordEvent(tx, actor, {
        kind: 'organization.created',
        subjectType: 'organization',
        subjectId: row.id,
        summary: `Organization ${row.acronym} created`,
        after: input,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await duplicateError(db, input, locale);
    throw error;
  }
}

/**
 * Creates, in the caller's transaction and with one insert, a top-level standards body for each name that no
 * top-level organization has yet (case aside); returns those created. For bulk callers such as the roadmap import,
 * which resolve names themselves and must not leave the register half-written. Refused, when there is something to
 * create, for an actor the organizations policy does not let create organizations.
 * Side effects: an `organization.created` event per organization created, its summary saying `by` what.
 */
export async function ensureOrganizations(tx: Tx, actor: Actor, names: readonly string[], by: string): Promise<Organization[]> {
  // The first spelling of each name wins, as the rows that name it come in the file's order.
  const byKey = new Map<string, string>();
  for (const name of names.map((n) => n.trim()).filter(Boolean)) if (!byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
  const wanted = [...byKey.values()];
  if (!wanted.length) return [];
  const existing = new Set(
    (await tx.select({ acronym: organizations.acronym }).from(organizations).where(isNull(organizations.parentId))).map((o) => o.acronym.toLowerCase()),
  );
  const missing = wanted.filter((name) => !existing.has(name.toLowerCase()));
  if (!missing.length) return [];
  if (!canOrganization(actor, 'create')) throw forbidden();
  const rows = await tx
    .insert(organizations)
    .values(missing.map((name) => ({ kind: 'standards_body' as const, acronym: name, name })))
    .returning();
  for (const row of rows) {
    await recordEvent(tx, actor, {
      kind: 'organization.created',
      subjectType: 'organization',
      subjectId: row.id,
      summary: `Organization ${row.acronym} created by ${by}`,
      after: { acronym: row.acronym, name: row.name, kind: row.kind },
    });
  }
  return rows;
}

/** Changes the given fields. Side effects: an `organization.updated` event with the fields that changed. */
export async function updateOrganization(
  db: Db,
  actor: Actor,
  id: number,
  patch: Partial<OrganizationInput>,
  locale: Locale,
): Promise<Organization> {
  if (!canOrganization(actor, 'update')) throw forbidden();
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
      if (!before) throw notFound();
      if (patch.parentId !== undefined) await checkParent(tx, id, patch.parentId, locale);
      const diff = changedFields(before, patch);
      if (!diff) return before;
      const [row] = await tx
        .update(organizations)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(organizations.id, id))
        .returning();
      if (!row) throw notFound();
      await recordEvent(tx, actor, {
        kind: 'organization.updated',
        subjectType: 'organization',
        subjectId: id,
        summary: `Organization ${row.acronym} updated`,
        ...diff,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const [current] = await db.select().from(organizations).where(eq(organizations.id, id));
      throw await duplicateError(db, { acronym: patch.acronym ?? current?.acronym, parentId: patch.parentId !== undefined ? patch.parentId : current?.parentId }, locale);
    }
    throw error;
  }
}

/** Deletes an organization that nothing refers to. Side effects: an `organization.deleted` event. */
export async function deleteOrganization(db: Db, actor: Actor, id: number, locale: Locale): Promise<void> {
  if (!canOrganization(actor, 'delete')) throw forbidden();
  const words = organizationMessages(locale);
  try {
    await db.transaction(async (tx) => {
      const [before] = await tx.select().from(organizations).where(eq(organizations.id, id));
      if (!before) throw notFound();
      const [child] = await tx.select().from(organizations).where(eq(organizations.parentId, id)).limit(1);
      if (child) throw new AppError('conflict', words.hasChildren);
      await tx.delete(organizations).where(eq(organizations.id, id));
      await recordEvent(tx, actor, {
        kind: 'organization.deleted',
        subjectType: 'organization',
        subjectId: id,
        summary: `Organization ${before.acronym} deleted`,
        before,
      });
    });
  } catch (error) {
    // 23503: still referenced by another table (an activity, a person…): the rows stay as they were.
    if (isForeignKeyViolation(error)) throw new AppError('conflict', words.inUse);
    throw error;
  }
}
