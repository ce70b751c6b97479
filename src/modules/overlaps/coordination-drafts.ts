// Drafting an outgoing liaison statement from a confirmed overlap: one click by the activity's secretariat or chairs,
// addressed to the bodies of the two entries with their liaison representatives, written from the record.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { roadmapEntries } from '../../db/schema.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { Activity } from '../activities/index.ts';
import { createLiaisonIn, type LiaisonContext, liaisonRepresentatives, referenceOf, todayOf } from '../liaisons/index.ts';
import { type ConfirmingDecision, draftOfPair } from './coordination.ts';
import { coordinationMessages, type DraftFacts } from './coordination-messages.ts';
import { overlapLiaisonDrafts } from './coordination-schema.ts';
import { overlapMessages } from './messages.ts';
import { listOverlaps } from './overlaps.ts';
import { canOverlaps } from './policy.ts';
import { overlapReviews } from './schema.ts';

export type LiaisonDraftResult = { created: boolean; statement: { id: number; reference: string } };

/**
 * The languages an activity writes in: English always, and French too when it has a French name (it presents itself
 * in both, so its statements are in both).
 */
export const activityLanguages = (activity: { nameFr: string | null }): Locale[] => (activity.nameFr ? ['en', 'fr'] : ['en']);

/**
 * Drafts an outgoing liaison statement in `activity` from the confirmed overlap `pairId`, or answers the statement the
 * activity already drafted from that pair (unless it was withdrawn): a second click makes no second draft.
 * The draft is addressed to the two entries' bodies, less the activity's own parent body, with the activity's current
 * liaison representatives to and from those bodies as its recipients; it names both entries (related entries too),
 * and its subject and text say the decision and the reasons in the activity's languages (activityLanguages). Purpose
 * "for information", so it needs no deadline; the drafter changes what they want before submitting it.
 * Refused: unauthenticated; forbidden for anyone but the activity's secretariat, chairs and site admins; not found
 * when the pair is not a confirmed overlap touching the activity's roadmap with both entries readable by the actor;
 * conflict when both entries are the parent body's (nobody to write to).
 * Side effects, in one transaction: the statement (liaisons' createLiaisonIn, with its `liaison.drafted` event), the
 * pair's row in overlap_liaison_drafts, and an `overlap.liaison_drafted` event in the activity. The pair's review row
 * is locked first, so two clicks at once make one draft (and the table's unique key says so too).
 */
export async function draftLiaisonFromOverlap(db: Db, actor: Actor, activity: Activity, pairId: number, ctx: LiaisonContext): Promise<LiaisonDraftResult> {
  const user = requireUser(actor);
  if (!canOverlaps(actor, 'draft_liaison', activity)) throw forbidden();
  const words = coordinationMessages(ctx.locale);
  return db.transaction(async (tx) => {
    const [pair] = await listOverlaps(tx, actor, { confirmedIn: activity.id, pairId });
    if (!pair) throw notFound(words.notConfirmed);
    await tx
      .select({ id: overlapReviews.id })
      .from(overlapReviews)
      .where(and(eq(overlapReviews.entryAId, pair.a.id), eq(overlapReviews.entryBId, pair.b.id)))
      .for('update');
    const existing = await draftOfPair(tx, activity.id, pair);
    if (existing) return { created: false, statement: existing };

    const entries = await tx.select({ id: roadmapEntries.id, organizationId: roadmapEntries.organizationId }).from(roadmapEntries).where(inArray(roadmapEntries.id, [pair.a.id, pair.b.id]));
    const organizationOf = (entryId: number) => entries.find((e) => e.id === entryId)!.organizationId;
    const sides = [
      { organizationId: organizationOf(pair.a.id), name: pair.a.organization },
      { organizationId: organizationOf(pair.b.id), name: pair.b.organization },
    ].filter((side, i, all) => side.organizationId !== activity.parentOrganizationId && all.findIndex((s) => s.organizationId === side.organizationId) === i);
    if (!sides.length) throw new AppError('conflict', words.noBody);
    const bodies = sides.map((s) => s.organizationId);
    const recipients = await liaisonRepresentatives(tx, activity.id, bodies, todayOf(ctx.now ?? new Date()));

    const decision = pair.state as ConfirmingDecision;
    const texts = activityLanguages(activity).map((locale) => {
      const m = coordinationMessages(locale);
      const o = overlapMessages(locale);
      const facts: DraftFacts = { activity: activity.acronym, a: pair.a, b: pair.b, decision, reasons: pair.reasons.map((r) => o.reason(r)), note: pair.note, bodies: sides.map((s) => s.name) };
      return { title: m.draftTitle(facts, o.decisions[decision]), body: m.draftBody(facts, o.decisions[decision]) };
    });
    const statement = await createLiaisonIn(
      tx,
      actor,
      activity,
      {
        direction: 'out',
        title: texts.map((t) => t.title).join(' / ').slice(0, 500),
        purpose: 'for_information',
        body: texts.map((t) => t.body).join('\n\n----\n\n'),
        toOrganizationIds: bodies,
        recipients: recipients.map((r) => ({ name: r.name, email: r.email })),
        relatedEntryIds: [pair.a.id, pair.b.id],
      },
      ctx,
    );
    const reference = referenceOf(statement);
    await tx
      .insert(overlapLiaisonDrafts)
      .values({ activityId: activity.id, entryAId: pair.a.id, entryBId: pair.b.id, statementId: statement.id, createdByUserId: user.userId })
      .onConflictDoUpdate({
        // The pair's earlier statement was withdrawn (draftOfPair skips it): this one takes its place.
        target: [overlapLiaisonDrafts.activityId, overlapLiaisonDrafts.entryAId, overlapLiaisonDrafts.entryBId],
        set: { statementId: statement.id, createdByUserId: user.userId, createdAt: new Date() },
      });
    await recordEvent(tx, actor, {
      kind: 'overlap.liaison_drafted',
      subjectType: 'overlap_pair',
      subjectId: `${pair.a.id}-${pair.b.id}`,
      activityId: activity.id,
      summary: `Liaison statement ${reference} drafted from the overlap of ${pair.a.identifier} and ${pair.b.identifier}`,
      after: { reference, statementId: statement.id, a: pair.a.identifier, b: pair.b.identifier, decision },
    });
    return { created: true, statement: { id: statement.id, reference } };
  });
}
