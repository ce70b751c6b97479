// Confirmed overlaps as an activity's coordination issues: the pairs a meeting's agenda lists under "Issues requiring
// coordination", and the liaison statements drafted from them. Reads only; the draft is coordination-drafts.ts.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { liaisonStatements } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { referenceOf } from '../liaisons/index.ts';
import { overlapLiaisonDrafts } from './coordination-schema.ts';
import { confirmingDecisions, listOverlaps, type PairSide } from './overlaps.ts';
import { readableEntryIds } from './queries.ts';
import { readsConfirmedOverlaps } from './policy.ts';
import { overlapCandidates } from './schema.ts';

export type ConfirmingDecision = (typeof confirmingDecisions)[number];

/**
 * A confirmed overlap as an agenda lists it: both entries, the decision and when it was taken (ISO 8601). An issued
 * agenda keeps this much of each, so what it said stays as it was issued.
 */
export type CoordinationIssue = { a: PairSide; b: PairSide; decision: ConfirmingDecision; decidedAt: string };

/**
 * An issue as one reader sees it now: the pair's current candidate id (its link and the draft button; null when a
 * later run no longer finds the pair) and the outgoing statement the activity drafted from it, if any.
 */
export type ShownCoordinationIssue = CoordinationIssue & { pairId: number | null; liaison: { id: number; reference: string } | null };

/** The decisions a meeting collects: taken from `from` (the end of the meeting before it; null: since ever) until `before` (its end). */
export type DecisionWindow = { from: Date | null; before: Date };

const pairKey = (a: number, b: number) => `${a}-${b}`;

/** The activity whose agenda lists the issues: whether it publishes its confirmed overlaps decides who reads them. */
export type CoordinatingActivity = { id: number; publishOverlaps: boolean };

/**
 * The confirmed overlaps (same text, duplicated work, overlapping) touching `activity`'s roadmap whose decision falls
 * in `window`, both entries readable by `reader`, best first: what the working agenda of the meeting owning that
 * window lists. The caller has checked that the reader may read the meeting's drafts; none for a reader who does not
 * read the activity's confirmed overlaps (readsConfirmedOverlaps).
 */
export async function coordinationIssues(tx: Tx, reader: Actor, activity: CoordinatingActivity, window: DecisionWindow): Promise<ShownCoordinationIssue[]> {
  if (!readsConfirmedOverlaps(reader, activity)) return [];
  const activityId = activity.id;
  const pairs = await listOverlaps(tx, reader, { confirmedIn: activityId, decided: window });
  const issues = pairs.map((p) => ({ a: p.a, b: p.b, decision: p.state as ConfirmingDecision, decidedAt: (p.decidedAt ?? new Date(0)).toISOString(), pairId: p.id }));
  const drafts = await draftsOf(tx, activityId, issues);
  return issues.map((issue) => ({ ...issue, liaison: drafts.get(pairKey(issue.a.id, issue.b.id)) ?? null }));
}

/**
 * Issues as an issued agenda froze them, as `reader` may see them now: none unless they read the activity's confirmed
 * overlaps (its participants; everyone when it publishes them); those with an entry the reader may not read (or that
 * was deleted since) are left out; each gets the pair's current id and the activity's draft. Three queries,
 * whatever the number of issues.
 */
export async function showCoordinationIssues(tx: Tx, reader: Actor, activity: CoordinatingActivity, frozen: readonly CoordinationIssue[]): Promise<ShownCoordinationIssue[]> {
  if (!frozen.length || !readsConfirmedOverlaps(reader, activity)) return [];
  const activityId = activity.id;
  const readable = await readableEntryIds(tx, reader, frozen.flatMap((i) => [i.a.id, i.b.id]));
  const kept = frozen.filter((i) => readable.has(i.a.id) && readable.has(i.b.id));
  if (!kept.length) return [];
  const candidates = await tx
    .select({ id: overlapCandidates.id, a: overlapCandidates.entryAId, b: overlapCandidates.entryBId })
    .from(overlapCandidates)
    .where(inArray(overlapCandidates.entryAId, [...new Set(kept.map((i) => i.a.id))]));
  const pairIds = new Map(candidates.map((c) => [pairKey(c.a, c.b), c.id]));
  const drafts = await draftsOf(tx, activityId, kept);
  return kept.map((issue) => ({
    ...issue,
    pairId: pairIds.get(pairKey(issue.a.id, issue.b.id)) ?? null,
    liaison: drafts.get(pairKey(issue.a.id, issue.b.id)) ?? null,
  }));
}

/** The statements `activityId` drafted from these pairs and has not withdrawn, by pair ("a-b"). */
async function draftsOf(tx: Tx, activityId: number, pairs: { a: { id: number }; b: { id: number } }[]): Promise<Map<string, { id: number; reference: string }>> {
  if (!pairs.length) return new Map();
  const rows = await tx
    .select({ a: overlapLiaisonDrafts.entryAId, b: overlapLiaisonDrafts.entryBId, id: liaisonStatements.id, documentNumber: liaisonStatements.documentNumber, direction: liaisonStatements.direction })
    .from(overlapLiaisonDrafts)
    .innerJoin(liaisonStatements, eq(liaisonStatements.id, overlapLiaisonDrafts.statementId))
    .where(
      and(
        eq(overlapLiaisonDrafts.activityId, activityId),
        inArray(overlapLiaisonDrafts.entryAId, [...new Set(pairs.map((p) => p.a.id))]),
        ne(liaisonStatements.state, 'withdrawn'),
      ),
    );
  return new Map(rows.map((r) => [pairKey(r.a, r.b), { id: r.id, reference: referenceOf(r) }]));
}

/** The draft `activityId` wrote from the pair of these entries, unless withdrawn. */
export async function draftOfPair(tx: Tx, activityId: number, pair: { a: { id: number }; b: { id: number } }): Promise<{ id: number; reference: string } | null> {
  return (await draftsOf(tx, activityId, [pair])).get(pairKey(pair.a.id, pair.b.id)) ?? null;
}
