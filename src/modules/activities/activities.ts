// Activities: the only code that creates and changes them. Each change is one transaction with its event.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { optionalDate, optionalEmail, optionalId, optionalText, optionalUrl, requiredText, rowId } from '../../platform/validation.ts';
import { cachedRead } from '../../platform/read-cache.ts';
import { organizations, people } from '../../db/schema.ts';
import { activityMessages } from './messages.ts';
import { canActivity } from './policy.ts';
import { activities, activityOrganizations } from './schema.ts';
import { type TorInput, torInput, writeTorVersion } from './terms-of-reference.ts';

export type Activity = typeof activities.$inferSelect;

/** A form's multi-select sends nothing, one value or several; the API sends a list. */
const idList = () =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]),
    z.array(rowId()).max(200),
  );

export const activityInput = z.object({
  acronym: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string().min(1).max(30).regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,29}$/, 'acronym'),
  ),
  nameEn: requiredText(300),
  nameFr: optionalText(300),
  parentOrganizationId: optionalId(),
  foundingDecision: optionalText(2000),
  legalBasis: optionalText(2000),
  establishedOn: optionalDate(),
  webPage: optionalUrl(),
  mailingList: optionalEmail(),
  secretariatPersonId: optionalId(),
  secretariatEmail: optionalEmail(),
  secretariatPhone: optionalText(50),
  // No defaults here: a patch is this schema made partial, and a default would overwrite the stored value.
  visibility: z.enum(['public', 'members']).optional(),
  status: z.enum(['active', 'closed']).optional(),
  publishOverlaps: z.boolean().optional(),
  publishGaps: z.boolean().optional(),
  relatedStudyGroupIds: idList().optional(),
  cooperatingBodyIds: idList().optional(),
});
export type ActivityInput = z.output<typeof activityInput>;
export const activityPatch = activityInput.partial();


export function listActivities(tx: Tx, actor: Actor): Promise<Activity[]> {
  return tx
    .select()
    .from(activities)
    .orderBy(asc(activities.acronym))
    .then((rows) => rows.filter((a) => canActivity(actor, 'read', a)));
}

/** The activity with this acronym (any case), or not found — also when the actor may not read it. */
export async function getActivity(tx: Tx, actor: Actor, acronym: string): Promise<Activity> {
  const key = acronym.toLowerCase();
  const [row] = await cachedRead(tx, `activity:${key}`, () => tx.select().from(activities).where(sql`lower(${activities.acronym}) = ${key}`));
  if (!row || !canActivity(actor, 'read', row)) throw notFound();
  return row;
}

export type ActivityLinks = {
  parent?: { id: number; acronym: string; name: string };
  relatedStudyGroups: { id: number; acronym: string; name: string }[];
  cooperatingBodies: { id: number; acronym: string; name: string }[];
  secretariatPerson?: { id: number; name: string; email: string | null };
};

export async function getActivityLinks(tx: Tx, activity: Activity): Promise<ActivityLinks> {
  const related = await tx
    .select({
      id: organizations.id,
      acronym: organizations.acronym,
      name: organizations.name,
      relation: activityOrganizations.relation,
    })
    .from(activityOrganizations)
    .innerJoin(organizations, eq(organizations.id, activityOrganizations.organizationId))
    .where(eq(activityOrganizations.activityId, activity.id))
    .orderBy(asc(organizations.acronym));
  const [parent] = activity.parentOrganizationId
    ? await tx
        .select({ id: organizations.id, acronym: organizations.acronym, name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, activity.parentOrganizationId))
    : [];
  const [secretariatPerson] = activity.secretariatPersonId
    ? await tx
        .select({ id: people.id, name: people.name, email: people.email })
        .from(people)
        .where(eq(people.id, activity.secretariatPersonId))
    : [];
  const strip = ({ relation: _relation, ...o }: (typeof related)[number]) => o;
  return {
    parent,
    secretariatPerson,
    relatedStudyGroups: related.filter((r) => r.relation === 'related_study_group').map(strip),
    cooperatingBodies: related.filter((r) => r.relation === 'cooperating_body').map(strip),
  };
}

async function checkReferences(tx: Tx, input: Partial<ActivityInput>, locale: Locale) {
  const words = activityMessages(locale);
  const orgIds = [
    ...(input.relatedStudyGroupIds ?? []),
    ...(input.cooperatingBodyIds ?? []),
    ...(input.parentOrganizationId ? [input.parentOrganizationId] : []),
  ];
  if (orgIds.length) {
    const found = await tx.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, orgIds));
    const known = new Set(found.map((f) => f.id));
    if (input.parentOrganizationId && !known.has(input.parentOrganizationId)) throw invalid({ parentOrganizationId: words.organizationMissing });
    if (input.relatedStudyGroupIds?.some((id) => !known.has(id))) throw invalid({ relatedStudyGroupIds: words.organizationMissing });
    if (input.cooperatingBodyIds?.some((id) => !known.has(id))) throw invalid({ cooperatingBodyIds: words.organizationMissing });
  }
  if (input.secretariatPersonId) {
    const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, input.secretariatPersonId));
    if (!person) throw invalid({ secretariatPersonId: words.personMissing });
  }
}

async function writeRelations(tx: Tx, activityId: number, input: Partial<ActivityInput>) {
  for (const [relation, ids] of [
    ['related_study_group', input.relatedStudyGroupIds],
    ['cooperating_body', input.cooperatingBodyIds],
  ] as const) {
    if (ids === undefined) continue;
    await tx
      .delete(activityOrganizations)
      .where(and(eq(activityOrganizations.activityId, activityId), eq(activityOrganizations.relation, relation)));
    if (ids.length) {
      await tx
        .insert(activityOrganizations)
        .values([...new Set(ids)].map((organizationId) => ({ activityId, organizationId, relation })));
    }
  }
}

async function relationIds(tx: Tx, activityId: number) {
  const rows = await tx.select().from(activityOrganizations).where(eq(activityOrganizations.activityId, activityId));
  const ids = (relation: string) =>
    rows
      .filter((r) => r.relation === relation)
      .map((r) => r.organizationId)
      .sort((a, b) => a - b);
  return { relatedStudyGroupIds: ids('related_study_group'), cooperatingBodyIds: ids('cooperating_body') };
}

function split<T extends Partial<ActivityInput>>(input: T) {
  const { relatedStudyGroupIds, cooperatingBodyIds, ...fields } = input;
  return { fields, relations: { relatedStudyGroupIds, cooperatingBodyIds } };
}

/**
 * The refusal of an acronym already used in any case. It names the acronym as the other activity writes it
 * ("JCA-X" when "jca-x" was typed), so the reader can find which activity holds it.
 */
async function acronymTaken(db: Db, acronym: string, locale: Locale) {
  const [holder] = await db
    .select({ acronym: activities.acronym })
    .from(activities)
    .where(sql`lower(${activities.acronym}) = ${acronym.toLowerCase()}`);
  return invalid({ acronym: activityMessages(locale).acronymTaken(holder?.acronym ?? acronym) });
}

/**
 * Creates an activity, with version 1 of its terms of reference when given.
 * Side effects: an `activity.created` event (and `tor.revised` for the first version).
 */
export async function createActivity(
  db: Db,
  actor: Actor,
  input: ActivityInput,
  locale: Locale,
  tor?: TorInput,
): Promise<Activity> {
  if (!canActivity(actor, 'create')) throw forbidden();
  try {
    return await db.transaction(async (tx) => {
      await checkReferences(tx, input, locale);
      const { fields, relations } = split(input);
      const [row] = await tx.insert(activities).values(fields).returning();
      if (!row) throw new Error('insert returned nothing');
      await writeRelations(tx, row.id, relations);
      await recordEvent(tx, actor, {
        kind: 'activity.created',
        subjectType: 'activity',
        subjectId: row.id,
        activityId: row.id,
        summary: `Activity ${row.acronym} created`,
        after: input,
      });
      if (tor) await writeTorVersion(tx, actor, row, torInput.parse(tor), locale);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await acronymTaken(db, input.acronym, locale);
    throw error;
  }
}

/** Changes the given fields and relations. Side effects: an `activity.updated` event with what changed. */
export async function updateActivity(
  db: Db,
  actor: Actor,
  activityId: number,
  patch: Partial<ActivityInput>,
  locale: Locale,
): Promise<Activity> {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(activities).where(eq(activities.id, activityId)).for('update');
      if (!before || !canActivity(actor, 'read', before)) throw notFound();
      if (!canActivity(actor, 'update', before)) throw forbidden();
      await checkReferences(tx, patch, locale);
      const beforeRelations = await relationIds(tx, activityId);
      const diff = changedFields({ ...before, ...beforeRelations }, {
        ...patch,
        relatedStudyGroupIds: patch.relatedStudyGroupIds && [...new Set(patch.relatedStudyGroupIds)].sort((a, b) => a - b),
        cooperatingBodyIds: patch.cooperatingBodyIds && [...new Set(patch.cooperatingBodyIds)].sort((a, b) => a - b),
      });
      if (!diff) return before;
      const { fields, relations } = split(patch);
      const [row] = await tx
        .update(activities)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(activities.id, activityId))
        .returning();
      if (!row) throw notFound();
      await writeRelations(tx, activityId, relations);
      await recordEvent(tx, actor, {
        kind: 'activity.updated',
        subjectType: 'activity',
        subjectId: activityId,
        activityId,
        summary: `Activity ${row.acronym} updated`,
        ...diff,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await acronymTaken(db, patch.acronym ?? '', locale);
    throw error;
  }
}
