// Reading candidate pairs for the people who may see them: the review queue (filtered, best first, a page at a time),
// one pair in full for the review page, its neighbours in the queue, and the groups of likely pairs. One rule decides
// which pairs a reader sees (`visiblePairs`), used by every read here and by listOverlaps.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/engine.ts';
import { activities, organizations, roadmapEntries, roadmapItems, users } from '../../db/schema.ts';
import { type Actor, isAdmin } from '../../platform/actor.ts';
import { groupOverlaps } from './engine/groups.ts';
import { scoring } from './engine/scoring.ts';
import { readableActivityIds, reviewerActivityIds } from './policy.ts';
import { type OverlapDecision, overlapCandidates, overlapDecisions, overlapReviews, type StoredReason } from './schema.ts';
import { cachedRead } from '../../platform/read-cache.ts';

/** `open`: not decided, or "not related" and one entry has changed materially since. */
export type PairState = 'open' | OverlapDecision;
/** Decisions that confirm an overlap: what members see and what reaches the reports. */
export const confirmingDecisions = ['same_text', 'duplicated_work', 'overlapping'] as const satisfies readonly OverlapDecision[];

/**
 * What the entries said when a pair was decided: a change to any of these reopens a "not related" pair. MD5 because
 * the database computes the same value (`fingerprintSql`), so the queue filters open pairs without reading them all;
 * it detects change, it protects nothing.
 */
export function entryFingerprint(entry: { identifier: string; title: string; scope: string | null }): string {
  return createHash('md5').update(`${entry.identifier}\x1f${entry.title}\x1f${entry.scope ?? ''}`).digest('hex');
}

export const entryA = alias(roadmapEntries, 'entry_a');
export const entryB = alias(roadmapEntries, 'entry_b');
const orgA = alias(organizations, 'org_a');
const orgB = alias(organizations, 'org_b');
type EntrySide = typeof entryA | typeof entryB;
type OrgSide = typeof orgA | typeof orgB;
type EntryIdColumn = typeof overlapCandidates.entryAId | typeof overlapCandidates.entryBId;
/** The entry's fingerprint as the database computes it (a subquery: only "not related" pairs need it). */
const fingerprintSql = (entryId: EntryIdColumn) =>
  sql`(select md5(e.identifier || chr(31) || e.title || chr(31) || coalesce(e.scope, '')) from ${roadmapEntries} e where e.id = ${entryId})`;
/**
 * The pair's state, as `PairState`, from the candidate's row alone: its review is looked up by the pair's key (one
 * index probe), so the queue's filter reads only overlap_candidates, in the order of the queue's index, and stops
 * at the page's end.
 */
const stateSql = sql<PairState>`coalesce((select case
    when r.decision = 'not_related' and (r.fingerprint_a <> ${fingerprintSql(overlapCandidates.entryAId)} or r.fingerprint_b <> ${fingerprintSql(overlapCandidates.entryBId)}) then 'open'
    else r.decision end
  from ${overlapReviews} r where r.entry_a_id = ${overlapCandidates.entryAId} and r.entry_b_id = ${overlapCandidates.entryBId}), 'open')`;

/** When the pair was decided (null if it was not), looked up by the pair's key like its state. */
const decidedAtSql = sql`(select r.decided_at from ${overlapReviews} r where r.entry_a_id = ${overlapCandidates.entryAId} and r.entry_b_id = ${overlapCandidates.entryBId})`;

export type QueueState = PairState | 'decided' | 'all';
export type PairFilter = {
  /** Default: every state. */
  state?: QueueState;
  /** Only pairs touching this activity's roadmap (within what the reader may see). */
  activityId?: number;
  /** The confirmed overlaps touching this activity's roadmap, which its participants (and, if it publishes them, the public) read. */
  confirmedIn?: number;
  /** Only the pairs decided from `from` (when given) and before `before`: a meeting's coordination issues. */
  decided?: { from: Date | null; before: Date };
  /** This pair only. */
  pairId?: number;
};

/**
 * The entries `actor` may not read, as an SQL set, or undefined when there is none: entries held by members-only
 * roadmaps of activities they have no role in, and by no other roadmap. Usually none (most roadmaps are public, and
 * readers hold roles in the members-only ones they see), so most reads carry no condition at all. The one rule for
 * "may this reader see this entry" in overlap pairs, their pages, lists and frozen agenda copies alike.
 */
async function hiddenEntries(tx: Tx, actor: Actor): Promise<SQL | undefined> {
  if (isAdmin(actor) || actor.kind === 'system') return undefined;
  const mine = new Set(readableActivityIds(actor));
  // The members-only activities are kept until the next change (read-cache.ts): a statement fewer on every review page.
  const membersOnly = await cachedRead(tx, 'overlaps:members-only-activities', async () =>
    (await tx.select({ id: activities.id }).from(activities).where(eq(activities.visibility, 'members'))).map((a) => a.id),
  );
  const closed = membersOnly.filter((id) => !mine.has(id));
  if (!closed.length) return undefined;
  return sql`(select ri.entry_id from ${roadmapItems} ri
    where ri.activity_id = any(${sql.param(closed)}::int[])
    and not exists (select 1 from ${roadmapItems} r2 where r2.entry_id = ri.entry_id and not (r2.activity_id = any(${sql.param(closed)}::int[]))))`;
}

/** Of `entryIds`, those `actor` may read (hiddenEntries); a deleted entry is not among them. */
export async function readableEntryIds(tx: Tx, actor: Actor, entryIds: number[]): Promise<Set<number>> {
  if (!entryIds.length) return new Set();
  const hidden = await hiddenEntries(tx, actor);
  const rows = await tx
    .select({ id: roadmapEntries.id })
    .from(roadmapEntries)
    .where(and(inArray(roadmapEntries.id, [...new Set(entryIds)]), hidden ? sql`${roadmapEntries.id} not in ${hidden}` : undefined));
  return new Set(rows.map((r) => r.id));
}

/**
 * The condition that selects the pairs `actor` may see under `filter`, or `false` for none. Site admins and Concord
 * itself see every pair; the secretariat and chairs of an activity the pairs where its roadmap holds either entry;
 * with `confirmedIn`, the caller has checked that the reader may read that activity's confirmed overlaps. Either way,
 * both entries must be readable by the reader: an entry that only a members-only roadmap holds stays hidden from those
 * who may not read that roadmap, even when its twin is in their own.
 */
export async function visiblePairs(tx: Tx, actor: Actor, filter: PairFilter = {}): Promise<SQL | undefined | false> {
  const admin = isAdmin(actor) || actor.kind === 'system';
  let activityIds: number[] | undefined;
  if (filter.confirmedIn !== undefined) activityIds = [filter.confirmedIn];
  else if (!admin) activityIds = reviewerActivityIds(actor);
  if (filter.activityId !== undefined) activityIds = activityIds ? activityIds.filter((id) => id === filter.activityId) : [filter.activityId];
  if (activityIds && !activityIds.length) return false;
  // An index probe per pair (roadmap_items' key is activity, entry), as a scalar subquery with a limit so that the
  // planner cannot trade it for a hash of the whole roadmap: a page of the queue tests a few dozen pairs.
  const inRoadmaps = (ids: number[], entryId: EntryIdColumn) =>
    sql`coalesce((select true from ${roadmapItems} where ${inArray(roadmapItems.activityId, ids)} and ${roadmapItems.entryId} = ${entryId} limit 1), false)`;
  // Both entries readable by the reader: one small set, hashed once per query, when there is any.
  const hidden = await hiddenEntries(tx, actor);
  const state = filter.confirmedIn !== undefined ? 'confirmed' : filter.state;
  // Decided pairs are few: their ids, found from the reviews first, select them by key. Testing each candidate of the
  // queue's order against the reviews read all 676,000 pairs of a 100,000-entry register for the confirmed ones
  // (2.4 s), and every pair for a queue of decided ones.
  const decisions: readonly OverlapDecision[] | undefined =
    state === 'confirmed' ? confirmingDecisions : state === 'decided' ? overlapDecisions : state && state !== 'open' && state !== 'all' ? [state] : undefined;
  const reviewed = decisions
    ? (
        await tx
          .select({ id: overlapCandidates.id })
          .from(overlapReviews)
          .innerJoin(overlapCandidates, and(eq(overlapCandidates.entryAId, overlapReviews.entryAId), eq(overlapCandidates.entryBId, overlapReviews.entryBId)))
          .where(inArray(overlapReviews.decision, [...decisions]))
      ).map((r) => r.id)
    : undefined;
  if (reviewed && !reviewed.length) return false;
  return and(
    activityIds ? or(inRoadmaps(activityIds, overlapCandidates.entryAId), inRoadmaps(activityIds, overlapCandidates.entryBId)) : undefined,
    hidden ? sql`${overlapCandidates.entryAId} not in ${hidden}` : undefined,
    hidden ? sql`${overlapCandidates.entryBId} not in ${hidden}` : undefined,
    reviewed ? inArray(overlapCandidates.id, reviewed) : undefined,
    // Still tested on those: a "not related" pair whose entries changed since reads as open.
    state && state !== 'all' && state !== 'confirmed' ? (state === 'decided' ? sql`${stateSql} <> 'open'` : sql`${stateSql} = ${state}`) : undefined,
    filter.decided?.from ? sql`${decidedAtSql} >= ${filter.decided.from.toISOString()}::timestamptz` : undefined,
    filter.decided ? sql`${decidedAtSql} < ${filter.decided.before.toISOString()}::timestamptz` : undefined,
    filter.pairId !== undefined ? eq(overlapCandidates.id, filter.pairId) : undefined,
  );
}

export type PairSide = { id: number; organization: string; identifier: string; title: string };
export type ListedPair = {
  id: number;
  a: PairSide;
  b: PairSide;
  score: number;
  certain: boolean;
  likely: boolean;
  reasons: StoredReason[];
  state: PairState;
  /** when it was decided, and the reviewer's note (null while undecided) */
  decidedAt: Date | null;
  note: string | null;
};

const entryColumns = (e: EntrySide, o: OrgSide) => ({
  id: e.id,
  identifier: e.identifier,
  title: e.title,
  organization: sql<string>`coalesce(${o.acronym}, ${o.name})`,
  organizationName: o.name,
  status: e.status,
  kind: e.kind,
  startedOn: e.startedOn,
  targetOn: e.targetOn,
  approvedOn: e.approvedOn,
  year: e.year,
  version: e.version,
  scope: e.scope,
  url: e.url,
});

/**
 * Candidates joined with their entries, organizations and review, with everything the pair page shows (the lists read
 * `listedRows`, the same joins with less).
 */
function pairRows(tx: Tx) {
  return tx
    .select({
      id: overlapCandidates.id,
      score: overlapCandidates.score,
      textScore: overlapCandidates.textScore,
      certain: overlapCandidates.certain,
      likely: overlapCandidates.likely,
      reasons: overlapCandidates.reasons,
      computedAt: overlapCandidates.computedAt,
      a: entryColumns(entryA, orgA),
      b: entryColumns(entryB, orgB),
      state: stateSql,
      decision: overlapReviews.decision,
      note: overlapReviews.note,
      decidedAt: overlapReviews.decidedAt,
      decidedBy: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${overlapReviews.decidedByUserId})`,
    })
    .from(overlapCandidates)
    .innerJoin(entryA, eq(entryA.id, overlapCandidates.entryAId))
    .innerJoin(entryB, eq(entryB.id, overlapCandidates.entryBId))
    .innerJoin(orgA, eq(orgA.id, entryA.organizationId))
    .innerJoin(orgB, eq(orgB.id, entryB.organizationId))
    .leftJoin(overlapReviews, and(eq(overlapReviews.entryAId, overlapCandidates.entryAId), eq(overlapReviews.entryBId, overlapCandidates.entryBId)))
    .$dynamic();
}
type PairRow = Awaited<ReturnType<typeof pairRows>>[number];

/**
 * The listed pairs of `ids` (what a list shows, `ListedPair`), in one JSON value: a page of 51 pairs is 765 cells,
 * which the embedded engine decodes one by one in JavaScript (db/bulk.ts rowFromJson: about 6 µs a cell, a third of
 * the queue page's server time at 100,000 entries), where one JSON text is parsed natively. Each pair is an array.
 */
async function listedRows(tx: Tx, ids: number[]): Promise<ListedPair[]> {
  const side = (e: EntrySide, o: OrgSide) => sql`${e.id}, ${e.identifier}, ${e.title}, coalesce(${o.acronym}, ${o.name})`;
  const [row] = await tx
    .select({
      json: sql<string>`coalesce(json_agg(json_build_array(${overlapCandidates.id}, ${overlapCandidates.score}, ${overlapCandidates.certain}, ${overlapCandidates.likely},
        ${overlapCandidates.reasons}, ${side(entryA, orgA)}, ${side(entryB, orgB)}, ${stateSql}, ${overlapReviews.note}, ${overlapReviews.decidedAt})), '[]')::text`,
    })
    .from(overlapCandidates)
    .innerJoin(entryA, eq(entryA.id, overlapCandidates.entryAId))
    .innerJoin(entryB, eq(entryB.id, overlapCandidates.entryBId))
    .innerJoin(orgA, eq(orgA.id, entryA.organizationId))
    .innerJoin(orgB, eq(orgB.id, entryB.organizationId))
    .leftJoin(overlapReviews, and(eq(overlapReviews.entryAId, overlapCandidates.entryAId), eq(overlapReviews.entryBId, overlapCandidates.entryBId)))
    .where(inArray(overlapCandidates.id, ids));
  type Raw = [number, number, boolean, boolean, StoredReason[], number, string, string, string, number, string, string, string, PairState, string | null, string | null];
  return (JSON.parse(row!.json) as Raw[]).map(([id, score, certain, likely, reasons, aId, aIdentifier, aTitle, aOrganization, bId, bIdentifier, bTitle, bOrganization, state, note, decidedAt]) => ({
    id,
    a: { id: aId, organization: aOrganization, identifier: aIdentifier, title: aTitle },
    b: { id: bId, organization: bOrganization, identifier: bIdentifier, title: bTitle },
    score,
    certain,
    likely,
    reasons,
    state,
    decidedAt: decidedAt === null ? null : new Date(decidedAt),
    note,
  }));
}

const side = (e: PairSide): PairSide => ({ id: e.id, organization: e.organization, identifier: e.identifier, title: e.title });
const listed = (row: Omit<ListedPair, 'a' | 'b'> & { a: PairSide; b: PairSide }): ListedPair => ({
  id: row.id,
  a: side(row.a),
  b: side(row.b),
  score: row.score,
  certain: row.certain,
  likely: row.likely,
  reasons: row.reasons,
  state: row.state,
  decidedAt: row.decidedAt,
  note: row.note,
});

/** The queue's order: best first, then by entries, so a page and its neighbours are stable. */
const queueOrder = [desc(overlapCandidates.score), asc(overlapCandidates.entryAId), asc(overlapCandidates.entryBId)];

/**
 * The ids of the pairs matching `where`, in `order`: the candidates and their reviews alone, so the queue's index
 * gives the order and a page stops early; the pages' columns are read after, for those ids only (`rowsOf`).
 */
function pairIds(tx: Tx, where: SQL | undefined, order: SQL[], page: { limit?: number; offset?: number } = {}) {
  const query = tx
    .select({ id: overlapCandidates.id })
    .from(overlapCandidates)
    .where(where)
    .orderBy(...order)
    .$dynamic();
  if (page.limit !== undefined) query.limit(page.limit);
  if (page.offset) query.offset(page.offset);
  return query.then((rows) => rows.map((r) => r.id));
}

/** The listed pairs of `ids`, in that order. */
async function rowsOf(tx: Tx, ids: number[]): Promise<ListedPair[]> {
  if (!ids.length) return [];
  const byId = new Map((await listedRows(tx, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

/**
 * Where pair `id` stands in the queue's order, as conditions the queue's index answers (a range on the score, then the
 * ties by entries): the pairs strictly after it, or strictly before it. The pair's own score and entries are read by
 * the query itself (a probe by key); a pair that is gone matches nothing.
 */
function queuePosition(id: number) {
  const score = sql`(select score from ${overlapCandidates} where id = ${id})`;
  const here = { a: sql`(select entry_a_id from ${overlapCandidates} where id = ${id})`, b: sql`(select entry_b_id from ${overlapCandidates} where id = ${id})` };
  return {
    after: sql`${overlapCandidates.score} <= ${score} and not (${overlapCandidates.score} = ${score} and (${overlapCandidates.entryAId} < ${here.a} or (${overlapCandidates.entryAId} = ${here.a} and ${overlapCandidates.entryBId} <= ${here.b})))`,
    before: sql`${overlapCandidates.score} >= ${score} and not (${overlapCandidates.score} = ${score} and (${overlapCandidates.entryAId} > ${here.a} or (${overlapCandidates.entryAId} = ${here.a} and ${overlapCandidates.entryBId} >= ${here.b})))`,
  };
}
const reverseQueueOrder = [asc(overlapCandidates.score), desc(overlapCandidates.entryAId), desc(overlapCandidates.entryBId)];

/**
 * A page of the queue: `limit` pairs from `offset`, or (keyset) right after pair `after` or right before pair
 * `before`. A page far down the queue by offset reads and tests every pair above it; by its neighbour, the index
 * goes straight there.
 */
export type QueuePage = { limit: number; offset?: number; after?: number; before?: number };

/** The pairs `actor` may see under `filter`, in the queue's order. */
export async function queryPairs(tx: Tx, actor: Actor, filter: PairFilter, page: QueuePage): Promise<ListedPair[]> {
  const where = await visiblePairs(tx, actor, filter);
  if (where === false) return [];
  let ids: number[];
  if (page.after !== undefined) ids = await pairIds(tx, and(where, queuePosition(page.after).after), queueOrder, { limit: page.limit });
  else if (page.before !== undefined) ids = (await pairIds(tx, and(where, queuePosition(page.before).before), reverseQueueOrder, { limit: page.limit })).reverse();
  else ids = await pairIds(tx, where, queueOrder, page);
  return rowsOf(tx, ids);
}

/**
 * How many pairs `actor` may see under `filter`, counted up to `cap` (a page says "1,000 or more"): counting every
 * open pair of a 100,000-entry register tests 676,000 of them, 2 s on the embedded engine.
 */
export async function countPairs(tx: Tx, actor: Actor, filter: PairFilter, cap = 1000): Promise<number> {
  const where = await visiblePairs(tx, actor, filter);
  if (where === false) return 0;
  const ids = await pairIds(tx, where, [], { limit: cap });
  return ids.length;
}

/**
 * The pairs just before and after pair `id` in the queue's order under `filter`: "previous" and "next" on the review
 * page. Compared against the pair's own row in the database, so a score stored as a real is never rounded through
 * JavaScript.
 */
export async function queueNeighbours(tx: Tx, actor: Actor, id: number, filter: PairFilter): Promise<{ previous?: number; next?: number }> {
  const where = await visiblePairs(tx, actor, filter);
  if (where === false) return {};
  const position = queuePosition(id);
  // Both in one statement: a round trip less for every review page.
  const nearest = (condition: SQL, order: SQL[]) => sql`(${tx.select({ id: overlapCandidates.id }).from(overlapCandidates).where(and(where, condition)).orderBy(...order).limit(1)})`;
  const [row] = ((await tx.execute(sql`select ${nearest(position.after, queueOrder)} as next, ${nearest(position.before, reverseQueueOrder)} as previous`)) as unknown as {
    rows: { next: number | null; previous: number | null }[];
  }).rows;
  return { previous: row?.previous ?? undefined, next: row?.next ?? undefined };
}

export type PairEntry = PairRow['a'] & {
  /** The activities whose roadmaps hold the entry, among those the reader may read. */
  activities: { id: number; acronym: string }[];
};
export type PairDetail = ListedPair & {
  a: PairEntry;
  b: PairEntry;
  textScore: number;
  computedAt: Date;
  review: { decision: OverlapDecision; note: string | null; decidedBy: string | null; decidedAt: Date } | null;
};

/** Pair `id` in full for the review page, or undefined when it is gone or not the reader's to see. */
export async function pairDetail(tx: Tx, actor: Actor, id: number): Promise<PairDetail | undefined> {
  const where = await visiblePairs(tx, actor);
  if (where === false) return undefined;
  // One query: the pair's row under the reader's condition (a single row needs no index order to stop early).
  const [row] = await pairRows(tx).where(and(eq(overlapCandidates.id, id), where));
  if (!row) return undefined;
  const holders = await tx
    .selectDistinct({ entryId: roadmapItems.entryId, id: activities.id, acronym: activities.acronym, visibility: activities.visibility })
    .from(roadmapItems)
    .innerJoin(activities, eq(activities.id, roadmapItems.activityId))
    .where(inArray(roadmapItems.entryId, [row.a.id, row.b.id]))
    .orderBy(activities.acronym);
  const mine = new Set(readableActivityIds(actor));
  const holding = (entryId: number) =>
    holders.filter((h) => h.entryId === entryId && (isAdmin(actor) || h.visibility === 'public' || mine.has(h.id))).map((h) => ({ id: h.id, acronym: h.acronym }));
  return {
    ...listed(row),
    a: { ...row.a, activities: holding(row.a.id) },
    b: { ...row.b, activities: holding(row.b.id) },
    textScore: row.textScore,
    computedAt: row.computedAt,
    review: row.decision && row.decidedAt ? { decision: row.decision, note: row.note, decidedBy: row.decidedBy, decidedAt: row.decidedAt } : null,
  };
}

export type PairGroup = { entries: PairSide[]; pairs: ListedPair[]; score: number; bodies: number };

/**
 * Groups of three or more entries joined by likely or confirmed pairs the reader may see ("ITU-T X.509", "ISO/IEC
 * 9594-8", "EN ISO/IEC 9594-8"), best first; pairs dismissed as not related or complementary do not join a group.
 */
export async function pairGroups(tx: Tx, actor: Actor, filter: Omit<PairFilter, 'state'> = {}, limit = 100): Promise<PairGroup[]> {
  const where = await visiblePairs(tx, actor, { ...filter, state: 'all' });
  if (where === false) return [];
  const ids = await pairIds(
    tx,
    and(where, sql`(${overlapCandidates.likely} or ${stateSql} in ('same_text', 'duplicated_work', 'overlapping')) and ${stateSql} not in ('not_related', 'complementary')`),
    queueOrder,
  );
  const rows = await rowsOf(tx, ids);
  const byPair = new Map(rows.map((r) => [`${r.a.id}-${r.b.id}`, r]));
  const sides = new Map<number, PairSide>();
  for (const r of rows) {
    sides.set(r.a.id, r.a);
    sides.set(r.b.id, r.b);
  }
  // A confirmed pair below the likely threshold still joins its group: it is treated as certain here.
  const groups = groupOverlaps(
    rows.map((r) => ({ a: r.a.id, b: r.b.id, score: r.state === 'open' || r.state === 'unsure' ? r.score : Math.max(r.score, 1) })),
    scoring.likely,
  );
  return groups
    .filter((g) => g.ids.length >= 3)
    .slice(0, limit)
    .map((g) => {
      const entries = g.ids.map((id) => sides.get(id)!);
      return {
        entries,
        pairs: g.pairs.map((p) => byPair.get(`${p.a}-${p.b}`)!),
        score: g.score,
        bodies: new Set(entries.map((e) => e.organization)).size,
      };
    });
}
