// Gaps: an activity's list of missing standards, in the shape of ANSI's standardization roadmaps (code, title,
// description, priority, research needed, recommendation, the bodies concerned, status) and the roadmap entries that
// later address each one (its progress). Members propose gaps, the leadership accepts or declines them and creates and
// edits them directly. The only code that changes the gaps tables; every change is one transaction with its event.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { activities, organizations, roadmapEntries, roadmapItems } from '../../db/schema.ts';
import { type Actor, actorLabel, requireUser } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { changedFields, type EventRow, listEvents, recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { events } from '../../platform/schema.ts';
import { checkbox, maxRowId, optionalText, requiredText, rowId } from '../../platform/validation.ts';
import { changeAllowedFrom, editableStatuses, type GapChange } from './gap-states.ts';
import { gapMessages } from './messages.ts';
import { acceptedStatuses, canGap, canGaps, type GapScope, gapScope } from './policy.ts';
import { gapCounters, gapEntries, gapOrganizations, gapPriorities, type GapPriority, gaps, type GapStatus, gapStatuses } from './schema.ts';

type ActivityRef = typeof activities.$inferSelect;
export type GapRow = typeof gaps.$inferSelect;
export type GapSettings = { publishGaps: boolean };

/** A roadmap entry that addresses a gap, as the gap's progress shows it. */
export type GapProgress = { entryId: number; organization: string; identifier: string; title: string; status: string; note: string | null; linkedAt: Date };
export type GapView = GapRow & { code: string; organizations: { id: number; acronym: string }[]; progress: GapProgress[] };

/** "G-3": the code a gap is known by in its activity. */
export const gapCode = (number: number) => `G-${number}`;

// ---- Input ------------------------------------------------------------------------------------------------------

/** A form's multi-select sends nothing, one value or several; the API sends a list. */
const idList = () =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]),
    z.array(rowId()).max(50),
  );

const gapFields = {
  title: requiredText(300),
  description: requiredText(10_000),
  topic: optionalText(200),
  priority: z.enum(gapPriorities),
  researchNeeded: checkbox(),
  recommendation: optionalText(5000),
  organizationIds: idList().optional(),
};
/** A proposal: the gap's facts, without a status (it is "proposed"). */
export const gapProposalInput = z.object(gapFields);
export type GapProposalInput = z.output<typeof gapProposalInput>;
/** A gap the leadership creates directly: accepted at once, "open" unless said otherwise. */
export const gapInput = z.object({ ...gapFields, status: z.enum(acceptedStatuses).optional() });
export type GapInput = z.output<typeof gapInput>;
/** The fields to change; absent ones stay as they are. */
export const gapPatch = z.object({ ...gapFields, status: z.enum(gapStatuses) }).partial();
export type GapPatch = z.output<typeof gapPatch>;
export const acceptInput = z.object({ comment: optionalText(5000) });
export const declineInput = z.object({ reason: requiredText(5000) });
/** The entry by its number: an empty choice reads "required", letters "enter a whole number"; the API sends a number. */
const entryNumber = () =>
  z.preprocess((v) => (typeof v === 'number' ? String(v) : v), requiredText(12).pipe(z.coerce.number<string>().int().positive().max(maxRowId)));
export const linkInput = z.object({ entryId: entryNumber(), note: optionalText(1000) });
export const unlinkInput = z.object({ entryId: entryNumber() });

// ---- Reading ----------------------------------------------------------------------------------------------------

/** What the gap rules read of the activity: whether it publishes its accepted gaps (its settings form). */
export const gapSettingsOf = (activity: { publishGaps: boolean }): GapSettings => ({ publishGaps: activity.publishGaps });

/**
 * The SQL form of gapScope for one activity: the condition on `gaps` that keeps what the reader sees. `published`
 * is the activity's setting, as a value (pages) or as SQL (the history query, which reads it in the same statement).
 */
export function visibleGapsCondition(scope: GapScope, activityId: number, published: boolean | SQL): SQL {
  const inActivity = eq(gaps.activityId, activityId);
  if (scope.kind === 'none') return sql`false`;
  if (scope.kind === 'all') return inActivity;
  const acceptedShown = scope.accepted === 'always' ? sql`true` : typeof published === 'boolean' ? sql.raw(String(published)) : published;
  const accepted = sql`(${inArray(gaps.status, [...acceptedStatuses])} and ${acceptedShown})`;
  const own = scope.ownBy !== null ? sql` or ${gaps.proposerUserId} = ${scope.ownBy}` : sql``;
  return sql`(${inActivity} and (${accepted}${own}))`;
}

/** The history's condition for `gap.` events: their gap is one the reader sees (gapScope, the publishing setting read in SQL). */
export function visibleGapEvents(reader: Actor, activity: { id: number; visibility: 'public' | 'members' }): SQL | boolean {
  const scope = gapScope(reader, activity);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  const published = sql`exists (select 1 from ${activities} where ${activities.id} = ${activity.id} and ${activities.publishGaps})`;
  return sql`${events.subjectId} in (select ${gaps.id}::text from ${gaps} where ${visibleGapsCondition(scope, activity.id, published)})`;
}

export type GapFilter = { status?: GapStatus; priority?: GapPriority };

/** The bodies and the progress of the given gaps, in two queries whatever their number. */
async function withDetails(tx: Tx, activityId: number, rows: GapRow[]): Promise<GapView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const bodies = await tx
    .select({ gapId: gapOrganizations.gapId, id: organizations.id, acronym: organizations.acronym })
    .from(gapOrganizations)
    .innerJoin(organizations, eq(organizations.id, gapOrganizations.organizationId))
    .where(inArray(gapOrganizations.gapId, ids))
    .orderBy(asc(organizations.acronym));
  // Progress shows the entries that are in this activity's roadmap: whoever reads the gap reads them there.
  const progress = await tx
    .select({
      gapId: gapEntries.gapId,
      entryId: roadmapEntries.id,
      organization: organizations.acronym,
      identifier: roadmapEntries.identifier,
      title: roadmapEntries.title,
      status: roadmapEntries.status,
      note: gapEntries.note,
      linkedAt: gapEntries.linkedAt,
    })
    .from(gapEntries)
    .innerJoin(roadmapEntries, eq(roadmapEntries.id, gapEntries.entryId))
    .innerJoin(roadmapItems, and(eq(roadmapItems.entryId, gapEntries.entryId), eq(roadmapItems.activityId, activityId)))
    .innerJoin(organizations, eq(organizations.id, roadmapEntries.organizationId))
    .where(inArray(gapEntries.gapId, ids))
    .orderBy(asc(gapEntries.linkedAt), asc(roadmapEntries.identifierKey));
  return rows.map((row) => ({
    ...row,
    code: gapCode(row.number),
    organizations: bodies.filter((b) => b.gapId === row.id).map(({ id, acronym }) => ({ id, acronym })),
    progress: progress.filter((p) => p.gapId === row.id).map(({ gapId: _gapId, ...p }) => p),
  }));
}

/** The gaps of the activity that `actor` sees (gapScope), by code, narrowed by status and priority. */
export async function listGaps(tx: Tx, actor: Actor, activity: ActivityRef, filter: GapFilter = {}): Promise<GapView[]> {
  const settings = gapSettingsOf(activity);
  const rows = await tx
    .select()
    .from(gaps)
    .where(
      and(
        visibleGapsCondition(gapScope(actor, activity), activity.id, settings.publishGaps),
        filter.status ? eq(gaps.status, filter.status) : undefined,
        filter.priority ? eq(gaps.priority, filter.priority) : undefined,
      ),
    )
    .orderBy(asc(gaps.number));
  return withDetails(tx, activity.id, rows);
}

/** One gap by its number in the activity; "not found" as well when the actor may not see it. */
export async function getGap(tx: Tx, actor: Actor, activity: ActivityRef, number: number): Promise<GapView> {
  const settings = gapSettingsOf(activity);
  const [row] = await tx.select().from(gaps).where(and(eq(gaps.activityId, activity.id), eq(gaps.number, number)));
  if (!row || !canGap(actor, 'read', activity, settings, row)) throw notFound();
  const [view] = await withDetails(tx, activity.id, [row]);
  return view!;
}

/** The gap and its events, oldest first. */
export async function gapDetail(tx: Tx, actor: Actor, activity: ActivityRef, number: number): Promise<{ gap: GapView; events: EventRow[] }> {
  const gap = await getGap(tx, actor, activity, number);
  return { gap, events: (await listEvents(tx, { subjectType: 'gap', subjectId: gap.id })).reverse() };
}

/** The entries of the activity's roadmap a gap may be linked to, by organization and identifier (for the link form). */
export async function linkableEntries(tx: Tx, activityId: number): Promise<{ id: number; organization: string; identifier: string; title: string }[]> {
  return tx
    .select({ id: roadmapEntries.id, organization: organizations.acronym, identifier: roadmapEntries.identifier, title: roadmapEntries.title })
    .from(roadmapItems)
    .innerJoin(roadmapEntries, eq(roadmapEntries.id, roadmapItems.entryId))
    .innerJoin(organizations, eq(organizations.id, roadmapEntries.organizationId))
    .where(eq(roadmapItems.activityId, activityId))
    .orderBy(asc(organizations.acronym), asc(roadmapEntries.identifierKey));
}

// ---- Checks -----------------------------------------------------------------------------------------------------

async function readActivity(tx: Tx, actor: Actor, activityId: number): Promise<{ activity: ActivityRef; settings: GapSettings }> {
  const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
  if (!activity || gapScope(actor, activity).kind === 'none') throw notFound();
  return { activity, settings: gapSettingsOf(activity) };
}

/** The bodies named exist; each unknown one is named in the message of the organizations field. */
async function checkOrganizations(tx: Tx, ids: number[] | undefined, locale: Locale): Promise<{ id: number; acronym: string }[]> {
  const wanted = [...new Set(ids ?? [])];
  if (!wanted.length) return [];
  const found = await tx.select({ id: organizations.id, acronym: organizations.acronym }).from(organizations).where(inArray(organizations.id, wanted));
  const missing = wanted.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw invalid({ organizationIds: gapMessages(locale).organizationsMissing(missing) });
  return found.sort((a, b) => a.acronym.localeCompare(b.acronym));
}

/** Locks the gap for a change; one the actor may not see is "not found", one whose state forbids the change a conflict. */
async function lockGap(tx: Tx, actor: Actor, activityId: number, number: number, change: GapChange, locale: Locale) {
  const { activity, settings } = await readActivity(tx, actor, activityId);
  const [row] = await tx
    .select()
    .from(gaps)
    .where(and(eq(gaps.activityId, activity.id), eq(gaps.number, number)))
    .for('update');
  if (!row || !canGap(actor, 'read', activity, settings, row)) throw notFound();
  const right = change === 'accept' || change === 'decline' ? 'decide' : change === 'edit' ? 'edit' : 'link';
  if (!canGap(actor, right, activity, settings, row)) throw forbidden();
  if (!changeAllowedFrom(change, row.status)) throw new AppError('conflict', gapMessages(locale).notAllowedNow(change, row.status));
  return { activity, settings, gap: row };
}

/** Takes the activity's next gap number: the counter row is locked until the transaction ends, so no two gaps share one. */
async function nextNumber(tx: Tx, activityId: number): Promise<number> {
  const [row] = await tx
    .insert(gapCounters)
    .values({ activityId, lastNumber: 1 })
    .onConflictDoUpdate({ target: gapCounters.activityId, set: { lastNumber: sql`${gapCounters.lastNumber} + 1` } })
    .returning({ lastNumber: gapCounters.lastNumber });
  return row!.lastNumber;
}

/** What an event keeps of a gap's facts: words a history reader can read (bodies by acronym). */
const eventFacts = (input: Partial<GapInput>, bodies?: { acronym: string }[]) => ({
  ...Object.fromEntries(Object.entries(input).filter(([key, value]) => key !== 'organizationIds' && value !== undefined)),
  ...(bodies ? { organizations: bodies.map((b) => b.acronym) } : {}),
});

// ---- Changes ----------------------------------------------------------------------------------------------------

async function insertGap(
  tx: Tx,
  actor: Actor,
  activity: ActivityRef,
  input: GapProposalInput,
  status: GapStatus,
  bodies: { id: number; acronym: string }[],
): Promise<GapRow> {
  const number = await nextNumber(tx, activity.id);
  const accepted = status !== 'proposed';
  const [row] = await tx
    .insert(gaps)
    .values({
      activityId: activity.id,
      number,
      title: input.title,
      description: input.description,
      topic: input.topic ?? null,
      priority: input.priority,
      researchNeeded: input.researchNeeded ?? false,
      recommendation: input.recommendation ?? null,
      status,
      proposerUserId: actor.kind === 'user' ? actor.userId : null,
      proposerName: actorLabel(actor),
      ...(accepted ? { decidedByName: actorLabel(actor), decidedAt: new Date() } : {}),
    })
    .returning();
  if (bodies.length) await tx.insert(gapOrganizations).values(bodies.map((b) => ({ gapId: row!.id, organizationId: b.id })));
  return row!;
}

/**
 * A contributor (member or leader) proposes a gap; it waits, "proposed", for the leadership's decision, seen by its
 * proposer and the leadership only. Its code is taken now and never reused.
 * Side effects: a `gap.proposed` event.
 */
export async function proposeGap(db: Db, actor: Actor, activityId: number, input: GapProposalInput, locale: Locale): Promise<GapView> {
  requireUser(actor);
  return db.transaction(async (tx) => {
    const { activity, settings } = await readActivity(tx, actor, activityId);
    if (!canGaps(actor, 'propose', activity, settings)) throw forbidden();
    const bodies = await checkOrganizations(tx, input.organizationIds, locale);
    const row = await insertGap(tx, actor, activity, input, 'proposed', bodies);
    await recordEvent(tx, actor, {
      kind: 'gap.proposed',
      subjectType: 'gap',
      subjectId: row.id,
      activityId: activity.id,
      summary: `Gap ${gapCode(row.number)} proposed for ${activity.acronym}: ${row.title}`,
      after: { code: gapCode(row.number), status: 'proposed', ...eventFacts(input, bodies) },
    });
    return (await withDetails(tx, activity.id, [row]))[0]!;
  });
}

/**
 * The leadership records a gap directly, accepted at once ("open" unless another accepted status is given).
 * Side effects: a `gap.created` event.
 */
export async function createGap(db: Db, actor: Actor, activityId: number, input: GapInput, locale: Locale): Promise<GapView> {
  return db.transaction(async (tx) => {
    const { activity, settings } = await readActivity(tx, actor, activityId);
    if (!canGaps(actor, 'create', activity, settings)) throw forbidden();
    const bodies = await checkOrganizations(tx, input.organizationIds, locale);
    const status = input.status ?? 'open';
    const row = await insertGap(tx, actor, activity, input, status, bodies);
    await recordEvent(tx, actor, {
      kind: 'gap.created',
      subjectType: 'gap',
      subjectId: row.id,
      activityId: activity.id,
      summary: `Gap ${gapCode(row.number)} recorded for ${activity.acronym}: ${row.title}`,
      after: { code: gapCode(row.number), ...eventFacts({ ...input, status }, bodies) },
    });
    return (await withDetails(tx, activity.id, [row]))[0]!;
  });
}

/**
 * The leadership edits a gap's facts, bodies and (for an accepted gap) its status among the accepted ones; a proposal
 * keeps its status (it is accepted or declined instead). Nothing changed writes nothing.
 * Side effects: a `gap.updated` event with the fields that changed.
 */
export async function updateGap(db: Db, actor: Actor, activityId: number, number: number, patch: GapPatch, locale: Locale): Promise<GapView> {
  return db.transaction(async (tx) => {
    const { activity, gap } = await lockGap(tx, actor, activityId, number, 'edit', locale);
    if (patch.status !== undefined && !editableStatuses(gap.status).includes(patch.status)) {
      throw invalid({ status: gapMessages(locale).statusNotEditable(gap.status) });
    }
    const { organizationIds, ...fields } = patch;
    const current = await tx
      .select({ id: organizations.id, acronym: organizations.acronym })
      .from(gapOrganizations)
      .innerJoin(organizations, eq(organizations.id, gapOrganizations.organizationId))
      .where(eq(gapOrganizations.gapId, gap.id))
      .orderBy(asc(organizations.acronym));
    const bodies = organizationIds === undefined ? current : await checkOrganizations(tx, organizationIds, locale);
    const changed = changedFields(
      { ...gap, organizations: current.map((b) => b.acronym) } as Record<string, unknown>,
      { ...fields, organizations: bodies.map((b) => b.acronym) } as Record<string, unknown>,
    );
    if (!changed) return (await withDetails(tx, activity.id, [gap]))[0]!;
    const [row] = await tx
      .update(gaps)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(gaps.id, gap.id))
      .returning();
    if (organizationIds !== undefined && 'organizations' in changed.after) {
      await tx.delete(gapOrganizations).where(eq(gapOrganizations.gapId, gap.id));
      if (bodies.length) await tx.insert(gapOrganizations).values(bodies.map((b) => ({ gapId: gap.id, organizationId: b.id })));
    }
    await recordEvent(tx, actor, {
      kind: 'gap.updated',
      subjectType: 'gap',
      subjectId: gap.id,
      activityId: activity.id,
      summary: `Gap ${gapCode(gap.number)} of ${activity.acronym} changed: ${Object.keys(changed.after).join(', ')}`,
      before: { code: gapCode(gap.number), ...changed.before },
      after: { code: gapCode(gap.number), ...changed.after },
    });
    return (await withDetails(tx, activity.id, [row!]))[0]!;
  });
}

const decidedBy = (actor: Actor) => ({ decidedByName: actorLabel(actor), decidedAt: new Date() });

/**
 * The leadership accepts a proposed (or earlier declined) gap: it becomes "open", part of the activity's gap list.
 * Side effects: a `gap.accepted` event.
 */
export async function acceptGap(db: Db, actor: Actor, activityId: number, number: number, input: z.output<typeof acceptInput>, locale: Locale): Promise<GapView> {
  return db.transaction(async (tx) => {
    const { activity, gap } = await lockGap(tx, actor, activityId, number, 'accept', locale);
    const [row] = await tx
      .update(gaps)
      .set({ status: 'open', ...decidedBy(actor), decisionReason: input.comment ?? null, updatedAt: new Date() })
      .where(eq(gaps.id, gap.id))
      .returning();
    await recordEvent(tx, actor, {
      kind: 'gap.accepted',
      subjectType: 'gap',
      subjectId: gap.id,
      activityId: activity.id,
      summary: `Gap ${gapCode(gap.number)} of ${activity.acronym} accepted`,
      before: { code: gapCode(gap.number), status: gap.status },
      after: { code: gapCode(gap.number), status: 'open', comment: input.comment ?? null },
    });
    return (await withDetails(tx, activity.id, [row!]))[0]!;
  });
}

/** The leadership declines a proposed gap, with a reason its proposer reads. Side effects: a `gap.declined` event. */
export async function declineGap(db: Db, actor: Actor, activityId: number, number: number, input: z.output<typeof declineInput>, locale: Locale): Promise<GapView> {
  return db.transaction(async (tx) => {
    const { activity, gap } = await lockGap(tx, actor, activityId, number, 'decline', locale);
    const [row] = await tx
      .update(gaps)
      .set({ status: 'declined', ...decidedBy(actor), decisionReason: input.reason, updatedAt: new Date() })
      .where(eq(gaps.id, gap.id))
      .returning();
    await recordEvent(tx, actor, {
      kind: 'gap.declined',
      subjectType: 'gap',
      subjectId: gap.id,
      activityId: activity.id,
      summary: `Gap ${gapCode(gap.number)} of ${activity.acronym} declined`,
      before: { code: gapCode(gap.number), status: gap.status },
      after: { code: gapCode(gap.number), status: 'declined', reason: input.reason },
    });
    return (await withDetails(tx, activity.id, [row!]))[0]!;
  });
}

/**
 * Records that a roadmap entry addresses an accepted gap (its progress). The entry must exist and be in this
 * activity's roadmap; each is linked once. The gap's status is not changed: the leadership says when it is addressed.
 * Side effects: a `gap.entry_linked` event naming the entry.
 */
export async function linkEntry(db: Db, actor: Actor, activityId: number, number: number, input: z.output<typeof linkInput>, locale: Locale): Promise<GapView> {
  return db.transaction(async (tx) => {
    const { activity, gap } = await lockGap(tx, actor, activityId, number, 'link', locale);
    const words = gapMessages(locale);
    const [entry] = await tx
      .select({ id: roadmapEntries.id, identifier: roadmapEntries.identifier, organization: organizations.acronym, inRoadmap: roadmapItems.entryId })
      .from(roadmapEntries)
      .innerJoin(organizations, eq(organizations.id, roadmapEntries.organizationId))
      .leftJoin(roadmapItems, and(eq(roadmapItems.entryId, roadmapEntries.id), eq(roadmapItems.activityId, activity.id)))
      .where(eq(roadmapEntries.id, input.entryId));
    if (!entry) throw invalid({ entryId: words.entryMissing(input.entryId) });
    if (entry.inRoadmap === null) throw invalid({ entryId: words.entryNotInRoadmap(`${entry.organization} ${entry.identifier}`, activity.acronym) });
    const inserted = await tx
      .insert(gapEntries)
      .values({ gapId: gap.id, entryId: entry.id, note: input.note ?? null })
      .onConflictDoNothing()
      .returning({ entryId: gapEntries.entryId });
    if (!inserted.length) throw invalid({ entryId: words.entryAlreadyLinked(`${entry.organization} ${entry.identifier}`, gapCode(gap.number)) });
    await recordEvent(tx, actor, {
      kind: 'gap.entry_linked',
      subjectType: 'gap',
      subjectId: gap.id,
      activityId: activity.id,
      summary: `Gap ${gapCode(gap.number)} of ${activity.acronym} addressed by ${entry.organization} ${entry.identifier}`,
      after: { code: gapCode(gap.number), entryId: entry.id, entry: `${entry.organization} ${entry.identifier}`, note: input.note ?? null },
    });
    return (await withDetails(tx, activity.id, [gap]))[0]!;
  });
}

/** Takes an entry off a gap's progress. A link that is not there is "not found". Side effects: a `gap.entry_unlinked` event. */
export async function unlinkEntry(db: Db, actor: Actor, activityId: number, number: number, entryId: number, locale: Locale): Promise<GapView> {
  return db.transaction(async (tx) => {
    const { activity, gap } = await lockGap(tx, actor, activityId, number, 'unlink', locale);
    const removed = await tx
      .delete(gapEntries)
      .where(and(eq(gapEntries.gapId, gap.id), eq(gapEntries.entryId, entryId)))
      .returning({ entryId: gapEntries.entryId });
    if (!removed.length) throw notFound(gapMessages(locale).notLinked(gapCode(gap.number)));
    const [entry] = await tx
      .select({ identifier: roadmapEntries.identifier, organization: organizations.acronym })
      .from(roadmapEntries)
      .innerJoin(organizations, eq(organizations.id, roadmapEntries.organizationId))
      .where(eq(roadmapEntries.id, entryId));
    const name = entry ? `${entry.organization} ${entry.identifier}` : `#${entryId}`;
    await recordEvent(tx, actor, {
      kind: 'gap.entry_unlinked',
      subjectType: 'gap',
      subjectId: gap.id,
      activityId: activity.id,
      summary: `Gap ${gapCode(gap.number)} of ${activity.acronym} no longer addressed by ${name}`,
      before: { code: gapCode(gap.number), entryId, entry: name },
    });
    return (await withDetails(tx, activity.id, [gap]))[0]!;
  });
}
