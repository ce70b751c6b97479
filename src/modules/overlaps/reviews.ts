// Deciding on a pair: one decision per pair for the whole instance, by the secretariat or chairs of an activity whose
// roadmap holds either entry. Decisions are events; nothing is merged or deleted by one.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { activities, events, roadmapEntries, roadmapItems } from '../../db/schema.ts';
import { type Actor, isAdmin } from '../../platform/actor.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { optionalText } from '../../platform/validation.ts';
import { ensureCommonText, withdrawCommonText } from '../roadmap/index.ts';
import { overlapMessages } from './messages.ts';
import { entryFingerprint } from './queries.ts';
import { mayReviewIn, readableActivityIds } from './policy.ts';
import { type OverlapDecision, overlapCandidates, overlapDecisions, overlapReviews } from './schema.ts';

export const decisionInput = z.object({ decision: z.enum(overlapDecisions), note: optionalText(2000) });
export type DecisionInput = z.output<typeof decisionInput>;
export type OverlapReview = typeof overlapReviews.$inferSelect;

/**
 * The activities whose roadmaps hold either entry (where the pair is reviewed, and whose histories record it), and
 * whether `actor` may read both entries through some roadmap (a public one, or one of an activity they hold a role in).
 */
async function activitiesOfPair(tx: Tx, actor: Actor, entryIds: [number, number]) {
  const rows = await tx
    .selectDistinct({ entryId: roadmapItems.entryId, id: activities.id, acronym: activities.acronym, visibility: activities.visibility })
    .from(roadmapItems)
    .innerJoin(activities, eq(activities.id, roadmapItems.activityId))
    .where(inArray(roadmapItems.entryId, entryIds));
  const mine = new Set(readableActivityIds(actor));
  const readable = (entryId: number) => isAdmin(actor) || rows.some((r) => r.entryId === entryId && (r.visibility === 'public' || mine.has(r.id)));
  const where = [...new Map(rows.map((r) => [r.id, { id: r.id, acronym: r.acronym, visibility: r.visibility }])).values()];
  return { where, bothReadable: readable(entryIds[0]) && readable(entryIds[1]) };
}

/**
 * The pair `candidateId` as `actor` may decide on it, inside `tx`: refused as not found when the pair is gone (a new run
 * dropped it, or one of its entries was deleted: the message says so) or has an entry the actor may not read, and as
 * forbidden for anyone who does not review in an activity holding either entry.
 */
async function pairToDecide(tx: Tx, actor: Actor, candidateId: number, locale: Locale) {
  const gone = () => notFound(overlapMessages(locale).pairGone);
  const [pair] = await tx.select().from(overlapCandidates).where(eq(overlapCandidates.id, candidateId));
  if (!pair) throw gone();
  const entryIds: [number, number] = [pair.entryAId, pair.entryBId];
  const { where, bothReadable } = await activitiesOfPair(tx, actor, entryIds);
  // A pair with an entry the reviewer may not read is not theirs to see, let alone decide.
  if (!bothReadable) throw gone();
  if (!where.some((activity) => mayReviewIn(actor, activity))) throw forbidden();
  const entries = await tx
    .select({ id: roadmapEntries.id, identifier: roadmapEntries.identifier, title: roadmapEntries.title, scope: roadmapEntries.scope })
    .from(roadmapEntries)
    .where(inArray(roadmapEntries.id, entryIds));
  const a = entries.find((e) => e.id === pair.entryAId);
  const b = entries.find((e) => e.id === pair.entryBId);
  if (!a || !b) throw gone();
  const [previous] = await tx
    .select()
    .from(overlapReviews)
    .where(and(eq(overlapReviews.entryAId, a.id), eq(overlapReviews.entryBId, b.id)));
  return { entryIds, where, a, b, previous };
}

const pairSubject = (a: { id: number }, b: { id: number }) => `${a.id}-${b.id}`;

/**
 * Records the decision on candidate pair `candidateId` (refusals as pairToDecide says). Side effects, in one
 * transaction: the review row (replacing an earlier decision), for "same text" a common-text relation between the two
 * entries (roadmap module, with its own event) unless they have one, and an `overlap.decided` event in each activity
 * holding either entry (saying whether the decision added the relation, so that undoing it takes it away again).
 */
export async function decideOverlap(db: Db, actor: Actor, candidateId: number, input: DecisionInput, locale: Locale): Promise<OverlapReview> {
  return db.transaction(async (tx) => {
    const { entryIds, where, a, b, previous } = await pairToDecide(tx, actor, candidateId, locale);
    const values = {
      decision: input.decision,
      note: input.note ?? null,
      fingerprintA: entryFingerprint(a),
      fingerprintB: entryFingerprint(b),
      decidedByUserId: actor.kind === 'user' ? actor.userId : null,
      decidedAt: new Date(),
    };
    const [review] = previous
      ? await tx.update(overlapReviews).set(values).where(eq(overlapReviews.id, previous.id)).returning()
      : await tx.insert(overlapReviews).values({ entryAId: a.id, entryBId: b.id, ...values }).returning();
    const commonTextAdded = input.decision === 'same_text' && (await ensureCommonText(tx, actor, entryIds, where.map((w) => w.id), overlapMessages('en').confirmedAsCommonText));
    for (const activity of where) {
      await recordEvent(tx, actor, {
        kind: 'overlap.decided',
        subjectType: 'overlap_pair',
        subjectId: pairSubject(a, b),
        activityId: activity.id,
        summary: `${a.identifier} and ${b.identifier}: ${input.decision.replaceAll('_', ' ')}`,
        before: previous ? { decision: previous.decision, note: previous.note } : null,
        after: { a: a.identifier, b: b.identifier, decision: input.decision, note: input.note ?? null, ...(commonTextAdded ? { commonTextAdded } : {}) },
      });
    }
    return review!;
  });
}

/** What an undo left: the pair's review (null when it is undecided again), and whether a common-text relation went. */
export type UndoneDecision = { review: OverlapReview | null; commonTextRemoved: boolean };

/**
 * One step back: the pair returns to what it was before its last decision (undecided, or the decision and note before
 * it), as recorded by that decision's event. Side effects: when that decision was "same text" and added the
 * common-text relation between the two entries, the relation is removed (roadmap module, with its own event); a
 * relation that was there before the decision stays. An `overlap.undone` event says so in each activity holding
 * either entry. Refused as a conflict when the pair has no decision.
 */
export async function undoOverlapDecision(db: Db, actor: Actor, candidateId: number, locale: Locale): Promise<UndoneDecision> {
  return db.transaction(async (tx) => {
    const { entryIds, where, a, b, previous } = await pairToDecide(tx, actor, candidateId, locale);
    if (!previous) throw new AppError('conflict', overlapMessages(locale).nothingToUndo);
    const [last] = await tx
      .select({ before: events.before, after: events.after })
      .from(events)
      .where(and(eq(events.subjectType, 'overlap_pair'), eq(events.subjectId, pairSubject(a, b)), eq(events.kind, 'overlap.decided')))
      .orderBy(desc(events.id))
      .limit(1);
    const restored = (last?.before ?? null) as { decision: OverlapDecision; note: string | null } | null;
    const [review] = restored
      ? await tx
          .update(overlapReviews)
          .set({ decision: restored.decision, note: restored.note, fingerprintA: entryFingerprint(a), fingerprintB: entryFingerprint(b), decidedByUserId: actor.kind === 'user' ? actor.userId : null, decidedAt: new Date() })
          .where(eq(overlapReviews.id, previous.id))
          .returning()
      : [null];
    if (!restored) await tx.delete(overlapReviews).where(eq(overlapReviews.id, previous.id));
    const added = previous.decision === 'same_text' && (last?.after as { commonTextAdded?: boolean } | null)?.commonTextAdded === true;
    const commonTextRemoved = added && (await withdrawCommonText(tx, actor, entryIds, where.map((w) => w.id)));
    for (const activity of where) {
      await recordEvent(tx, actor, {
        kind: 'overlap.undone',
        subjectType: 'overlap_pair',
        subjectId: pairSubject(a, b),
        activityId: activity.id,
        summary: `${a.identifier} and ${b.identifier}: ${previous.decision.replaceAll('_', ' ')} undone`,
        before: { decision: previous.decision, note: previous.note },
        after: { a: a.identifier, b: b.identifier, decision: restored?.decision ?? null, note: restored?.note ?? null, ...(commonTextRemoved ? { commonTextRemoved } : {}) },
      });
    }
    return { review: review ?? null, commonTextRemoved };
  });
}
