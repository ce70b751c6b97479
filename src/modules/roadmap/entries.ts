// Roadmap entries: the only code that changes them and their place in activities' roadmaps.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { inList } from '../../db/bulk.ts';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, isAdmin } from '../../platform/actor.ts';
import { forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { id, optionalDate, optionalId, optionalText, optionalUrl, requiredText } from '../../platform/validation.ts';
import { activities, organizations } from '../../db/schema.ts';
import { identifierKey } from './identifiers.ts';
import { roadmapMessages } from './messages.ts';
import { canRoadmap } from './policy.ts';
import { entryKinds, entryStatuses, roadmapEntries, roadmapItems, roadmapItemTopics, roadmapTopics } from './schema.ts';

export type RoadmapEntry = typeof roadmapEntries.$inferSelect;
type ActivityRef = typeof activities.$inferSelect;

/** "a; b ;c" from a form, or a list from the API; blank names dropped, duplicates (any case) once. */
const topicList = () =>
  z.preprocess(
    (v) => {
      const list = typeof v === 'string' ? v.split(';') : Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
      const seen = new Set<string>();
      return list
        .map((t) => (typeof t === 'string' ? t.trim().replace(/\s+/g, ' ') : t))
        .filter((t) => {
          if (typeof t !== 'string' || !t) return false;
          const key = t.toLowerCase();
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
    },
    z.array(z.string().max(100)).max(20),
  );

/**
 * Equivalent numbers: "ISO/IEC 9594-8; EN ISO/IEC 9594-8" or "ISO/IEC 9594-8 | …" from a form (the bar is how common
 * texts are written), or a list from the API; blanks dropped, spaces tidied, the same number (in any spelling) once.
 */
export const equivalentList = () =>
  z.preprocess(
    (v) => {
      const list = typeof v === 'string' ? v.split(/[;|\n]/) : Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
      const seen = new Set<string>();
      return list
        .map((t) => (typeof t === 'string' ? t.trim().replace(/\s+/g, ' ') : t))
        .filter((t) => {
          if (typeof t !== 'string' || !t) return typeof t !== 'string';
          const key = identifierKey(t);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
    },
    z.array(z.string().max(100)).max(20),
  );

/** A blank year field clears the year; no field leaves it as it is. */
const optionalYear = () =>
  z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.coerce.number().int().min(1900).max(2100).nullable().optional())
    .optional();

export const entryInput = z.object({
  organizationId: id(),
  groupId: optionalId(),
  identifier: requiredText(100),
  title: requiredText(1000),
  equivalents: equivalentList().optional(),
  // No default: a patch is this schema made partial, and a default would overwrite the stored kind.
  kind: z.enum(entryKinds).optional(),
  status: z.enum(entryStatuses),
  startedOn: optionalDate(),
  targetOn: optionalDate(),
  approvedOn: optionalDate(),
  year: optionalYear(),
  version: optionalText(100),
  editors: optionalText(1000),
  scope: optionalText(10_000),
  url: optionalUrl(),
  source: optionalText(1000),
  topics: topicList().optional(),
});
export type EntryInput = z.output<typeof entryInput>;
export const entryPatch = entryInput.partial();

export type EntryView = RoadmapEntry & {
  organization: string;
  group: string | null;
  topics: string[];
};

/** Changing who may see or edit a roadmap goes through the activity; entries are reached only through one. */
async function editableActivity(tx: Tx, actor: Actor, activityId: number): Promise<ActivityRef> {
  const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
  if (!activity || !canRoadmap(actor, 'read', activity)) throw notFound();
  if (!canRoadmap(actor, 'edit', activity)) throw forbidden();
  return activity;
}

type EntryRef = { id: number; organizationId: number; identifier: string };

function duplicateEntryError(existing: RoadmapEntry | undefined, locale: Locale) {
  return invalid(
    { identifier: roadmapMessages(locale).duplicate(existing?.identifier ?? '', existing?.title ?? '') },
    undefined,
    existing ? { existing: { id: existing.id, identifier: existing.identifier, title: existing.title, href: `/roadmap/entries/${existing.id}` } } : {},
  );
}

/**
 * The register's rules for an entry's facts: the organization exists, the responsible group sits below it
 * (ETSI › ISG QKD, ITU-T › SG13 › Q16/13), and no other entry of that organization has the identifier in any spelling.
 * `current` is the entry being changed, if any. Proposals check early with it; the unique index still settles races.
 */
export async function checkEntryFacts(tx: Tx, values: Partial<EntryInput>, locale: Locale, current?: EntryRef): Promise<void> {
  const words = roadmapMessages(locale);
  const equivalentsError = checkEquivalents(values.equivalents, values.identifier ?? current?.identifier, locale);
  if (equivalentsError) throw invalid({ equivalents: equivalentsError });
  const organizationId = values.organizationId ?? current?.organizationId;
  if (values.organizationId !== undefined || values.groupId) {
    const all = await tx.select({ id: organizations.id, parentId: organizations.parentId }).from(organizations);
    const parentOf = new Map(all.map((o) => [o.id, o.parentId]));
    if (organizationId === undefined || !parentOf.has(organizationId)) throw invalid({ organizationId: words.organizationMissing });
    if (values.groupId) {
      let at = parentOf.get(values.groupId);
      while (at !== undefined && at !== null && at !== organizationId) at = parentOf.get(at);
      if (at !== organizationId) throw invalid({ groupId: words.groupNotInOrganization });
    }
  }
  if (values.identifier === undefined && values.organizationId === undefined) return;
  const [existing] = await tx
    .select()
    .from(roadmapEntries)
    .where(
      and(
        eq(roadmapEntries.organizationId, organizationId ?? 0),
        eq(roadmapEntries.identifierKey, identifierKey(values.identifier ?? current?.identifier ?? '')),
        current ? sql`${roadmapEntries.id} <> ${current.id}` : undefined,
      ),
    );
  if (existing) throw duplicateEntryError(existing, locale);
}

/**
 * What is wrong with an entry's equivalent numbers, in the reader's language, or undefined: every number has a digit
 * (a title typed in the field is a mistake the engine would read as no number), and none is the entry's own.
 */
export function checkEquivalents(equivalents: readonly string[] | undefined, identifier: string | undefined, locale: Locale): string | undefined {
  const words = roadmapMessages(locale);
  for (const number of equivalents ?? []) {
    if (!/\d/.test(number)) return words.equivalentWithoutDigit(number);
    if (identifier !== undefined && identifierKey(number) === identifierKey(identifier)) return words.equivalentIsOwn(number);
  }
  return undefined;
}

/** After a unique violation (a concurrent insert won the race): the error naming the entry that now holds the key. */
async function duplicateError(tx: Tx, organizationId: number, key: string, locale: Locale) {
  const [existing] = await tx
    .select()
    .from(roadmapEntries)
    .where(and(eq(roadmapEntries.organizationId, organizationId), eq(roadmapEntries.identifierKey, key)));
  return duplicateEntryError(existing, locale);
}

/** Replaces the entry's topics in one activity, creating the activity's topic names that do not exist yet. */
export async function setTopics(tx: Tx, activityId: number, entryId: number, names: string[]): Promise<void> {
  await tx.delete(roadmapItemTopics).where(and(eq(roadmapItemTopics.activityId, activityId), eq(roadmapItemTopics.entryId, entryId)));
  if (!names.length) return;
  await tx
    .insert(roadmapTopics)
    .values(names.map((name) => ({ activityId, name })))
    .onConflictDoNothing();
  const topics = await tx
    .select()
    .from(roadmapTopics)
    .where(and(eq(roadmapTopics.activityId, activityId), inArray(sql`lower(${roadmapTopics.name})`, names.map((n) => n.toLowerCase()))));
  await tx.insert(roadmapItemTopics).values(topics.map((t) => ({ activityId, entryId, topicId: t.id })));
}

function withYear<T extends Partial<EntryInput>>(input: T): T {
  // An approval date says the year too; a year typed by hand is kept when no date is known.
  return input.approvedOn && (input.year === undefined || input.year === null)
    ? { ...input, year: Number(input.approvedOn.slice(0, 4)) }
    : input;
}

/**
 * Adds a new entry to the register and to the activity's roadmap (secretariat and chairs).
 * An entry with the same organization and identifier (in any of its spellings) is refused, naming the existing one.
 * Side effects: a `roadmap.entry_added` event.
 */
export async function createEntry(db: Db, actor: Actor, activityId: number, input: EntryInput, locale: Locale): Promise<RoadmapEntry> {
  const key = identifierKey(input.identifier);
  try {
    return await db.transaction(async (tx) => {
      const activity = await editableActivity(tx, actor, activityId);
      await checkEntryFacts(tx, input, locale);
      const { topics = [], ...fields } = withYear(input);
      const [entry] = await tx.insert(roadmapEntries).values({ ...fields, identifierKey: key }).returning();
      if (!entry) throw new Error('insert returned nothing');
      await tx.insert(roadmapItems).values({ activityId, entryId: entry.id });
      await setTopics(tx, activityId, entry.id, topics);
      await recordEvent(tx, actor, {
        kind: 'roadmap.entry_added',
        subjectType: 'roadmap_entry',
        subjectId: entry.id,
        activityId,
        summary: `${entry.identifier} added to the roadmap of ${activity.acronym}`,
        after: { ...fields, topics },
      });
      return entry;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await duplicateError(db, input.organizationId, key, locale);
    throw error;
  }
}

/** Puts an existing entry (from another activity's roadmap) into this one. Side effects: `roadmap.entry_included`. */
export async function includeEntry(db: Db, actor: Actor, activityId: number, entryId: number, topics: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    const activity = await editableActivity(tx, actor, activityId);
    const [entry] = await tx.select().from(roadmapEntries).where(eq(roadmapEntries.id, entryId));
    if (!entry) throw notFound();
    const inserted = await tx.insert(roadmapItems).values({ activityId, entryId }).onConflictDoNothing().returning();
    if (!inserted.length) return;
    await setTopics(tx, activityId, entryId, topics);
    await recordEvent(tx, actor, {
      kind: 'roadmap.entry_included',
      subjectType: 'roadmap_entry',
      subjectId: entryId,
      activityId,
      summary: `${entry.identifier} included in the roadmap of ${activity.acronym}`,
      after: { topics },
    });
  });
}

/**
 * Changes an entry (its facts are shared by every roadmap that includes it) and its topics in this activity.
 * Side effects: a `roadmap.entry_updated` event with the fields that changed (a status change is one of them).
 */
export async function updateEntry(
  db: Db,
  actor: Actor,
  activityId: number,
  entryId: number,
  patch: Partial<EntryInput>,
  locale: Locale,
): Promise<RoadmapEntry> {
  try {
    return await db.transaction(async (tx) => {
      const activity = await editableActivity(tx, actor, activityId);
      const [before] = await tx.select().from(roadmapEntries).where(eq(roadmapEntries.id, entryId)).for('update');
      const [item] = await tx.select().from(roadmapItems).where(and(eq(roadmapItems.activityId, activityId), eq(roadmapItems.entryId, entryId)));
      if (!before || !item) throw notFound(roadmapMessages(locale).notInRoadmap);
      await checkEntryFacts(tx, patch, locale, before);
      const { topics, ...fields } = withYear(patch);
      const beforeTopics = await topicsOf(tx, activityId, [entryId]);
      const diff = changedFields(
        { ...before, topics: beforeTopics.get(entryId) ?? [] } as Record<string, unknown>,
        { ...fields, ...(topics ? { topics } : {}) },
      );
      if (!diff) return before;
      const values = fields.identifier ? { ...fields, identifierKey: identifierKey(fields.identifier) } : fields;
      const [entry] = await tx
        .update(roadmapEntries)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(roadmapEntries.id, entryId))
        .returning();
      if (!entry) throw notFound();
      if (topics) await setTopics(tx, activityId, entryId, topics);
      await recordEvent(tx, actor, {
        kind: 'roadmap.entry_updated',
        subjectType: 'roadmap_entry',
        subjectId: entryId,
        activityId,
        summary: `${entry.identifier} updated in the roadmap of ${activity.acronym}`,
        ...diff,
      });
      return entry;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const [current] = await db.select().from(roadmapEntries).where(eq(roadmapEntries.id, entryId));
      throw await duplicateError(db, patch.organizationId ?? current?.organizationId ?? 0, identifierKey(patch.identifier ?? current?.identifier ?? ''), locale);
    }
    throw error;
  }
}

/** Takes the entry out of this activity's roadmap; the entry stays in the register for the others. */
export async function removeFromRoadmap(db: Db, actor: Actor, activityId: number, entryId: number, locale: Locale): Promise<void> {
  await db.transaction(async (tx) => {
    const activity = await editableActivity(tx, actor, activityId);
    const [entry] = await tx.select().from(roadmapEntries).where(eq(roadmapEntries.id, entryId));
    const removed = await tx
      .delete(roadmapItems)
      .where(and(eq(roadmapItems.activityId, activityId), eq(roadmapItems.entryId, entryId)))
      .returning();
    if (!entry || !removed.length) throw notFound(roadmapMessages(locale).notInRoadmap);
    await recordEvent(tx, actor, {
      kind: 'roadmap.entry_removed',
      subjectType: 'roadmap_entry',
      subjectId: entryId,
      activityId,
      summary: `${entry.identifier} removed from the roadmap of ${activity.acronym}`,
      before: { identifier: entry.identifier, title: entry.title, status: entry.status },
    });
  });
}

/** Topic names of entries in one activity, by entry id. */
export async function topicsOf(tx: Tx, activityId: number, entryIds?: number[]): Promise<Map<number, string[]>> {
  const rows = await tx
    .select({ entryId: roadmapItemTopics.entryId, name: roadmapTopics.name })
    .from(roadmapItemTopics)
    .innerJoin(roadmapTopics, eq(roadmapTopics.id, roadmapItemTopics.topicId))
    .where(and(eq(roadmapItemTopics.activityId, activityId), entryIds ? inList(roadmapItemTopics.entryId, entryIds) : undefined))
    .orderBy(asc(roadmapTopics.name));
  const map = new Map<number, string[]>();
  for (const row of rows) map.set(row.entryId, [...(map.get(row.entryId) ?? []), row.name]);
  return map;
}

/** The entries of an activity's roadmap (all, or those ids) with organization, group and topics. */
export async function listRoadmap(tx: Tx, activityId: number, entryIds?: number[]): Promise<EntryView[]> {
  const groups = alias(organizations, 'groups');
  const rows = await tx
    .select({ entry: roadmapEntries, organization: organizations.acronym, group: groups.acronym })
    .from(roadmapItems)
    .innerJoin(roadmapEntries, eq(roadmapEntries.id, roadmapItems.entryId))
    .innerJoin(organizations, eq(organizations.id, roadmapEntries.organizationId))
    .leftJoin(groups, eq(groups.id, roadmapEntries.groupId))
    .where(and(eq(roadmapItems.activityId, activityId), entryIds ? inList(roadmapItems.entryId, entryIds) : undefined))
    .orderBy(asc(organizations.acronym), asc(roadmapEntries.identifierKey));
  const topics = await topicsOf(tx, activityId, entryIds);
  return rows.map((r) => ({ ...r.entry, organization: r.organization, group: r.group, topics: topics.get(r.entry.id) ?? [] }));
}

export async function getEntry(tx: Tx, entryId: number): Promise<RoadmapEntry> {
  const [entry] = await tx.select().from(roadmapEntries).where(eq(roadmapEntries.id, entryId));
  if (!entry) throw notFound();
  return entry;
}

/** The activities whose roadmaps include the entry, among those the actor may read. */
export async function activitiesIncluding(tx: Tx, actor: Actor, entryId: number): Promise<ActivityRef[]> {
  const rows = await tx
    .select({ activity: activities })
    .from(roadmapItems)
    .innerJoin(activities, eq(activities.id, roadmapItems.activityId))
    .where(eq(roadmapItems.entryId, entryId))
    .orderBy(asc(activities.acronym));
  return rows.map((r) => r.activity).filter((a) => canRoadmap(actor, 'read', a));
}

/**
 * The roadmaps the actor may put this entry into ('edit': activities whose roadmap the actor edits) or propose it for
 * ('propose': those where they may propose but not edit), which do not include the entry yet, by acronym. Admins may
 * edit every roadmap; others only where they hold a role.
 */
export async function roadmapsToAddTo(tx: Tx, actor: Actor, entryId: number, how: 'edit' | 'propose' = 'edit'): Promise<ActivityRef[]> {
  if (actor.kind !== 'user') return [];
  const ids = [...actor.roles.keys()];
  if (!isAdmin(actor) && !ids.length) return [];
  const rows = await tx
    .select()
    .from(activities)
    .where(
      and(
        isAdmin(actor) ? undefined : inArray(activities.id, ids),
        sql`not exists (select 1 from ${roadmapItems} i where i.activity_id = ${activities.id} and i.entry_id = ${entryId})`,
      ),
    )
    .orderBy(asc(activities.acronym));
  const open = rows.filter((a) => a.status !== 'closed');
  return how === 'edit' ? open.filter((a) => canRoadmap(actor, 'edit', a)) : open.filter((a) => !canRoadmap(actor, 'edit', a) && canRoadmap(actor, 'propose', a));
}
