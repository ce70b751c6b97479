// Taking back an announcement: a correction mailed to the list (the archive then shows the corrected text, marked
// "Corrected on …"), or a withdrawal from the public archive (kept, marked, with its reason, for those who send).
// With announcements.ts, the only code that changes announcements.
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, actorLabel, requireUser } from '../../platform/actor.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { checkbox, requiredText } from '../../platform/validation.ts';
import { activities } from '../../db/schema.ts';
import { type Announcement, fanOutKind } from './announcements.ts';
import { textToHtml } from './html.ts';
import { listMessages } from './messages.ts';
import { canList } from './policy.ts';
import { announcements } from './schema.ts';

export const correctionInput = z.object({ text: requiredText(100_000), html: checkbox() });
export type CorrectionInput = z.output<typeof correctionInput>;
export const withdrawalInput = z.object({ reason: requiredText(2_000) });

/** The announcement to change, locked, with its activity; refused to whoever may not make the change. */
async function announcementForChange(tx: Tx, actor: Actor, activityId: number, announcementId: number, action: 'correct' | 'withdraw') {
  const [row] = await tx
    .select({ announcement: announcements, activity: activities })
    .from(announcements)
    .innerJoin(activities, eq(activities.id, announcements.activityId))
    .where(and(eq(announcements.id, announcementId), eq(announcements.activityId, activityId)))
    .for('update', { of: announcements });
  if (!row || !canList(actor, 'read_archive', row.activity)) throw notFound();
  if (row.announcement.withdrawnAt && !canList(actor, 'read_withdrawn', row.activity)) throw notFound();
  if (!canList(actor, action, row.activity)) throw forbidden();
  return row;
}

/**
 * Corrects a sent announcement (secretariat, chairs): the correction is a new announcement to the list, "Correction:"
 * and the original subject, with the corrected text and the original's attachments, fanned out like any other; the
 * original, in the archive, then shows the newest corrected text marked "Corrected on …" (its first text stays
 * readable beneath). Correcting a correction corrects the original. A withdrawn announcement is not corrected, and one
 * still being queued is not yet sent: correct it once it is.
 * Side effects: the correction row; the original's `corrected_at`; an `announcement.corrected` event on the original;
 * a `mailing_lists.fan_out` job for the correction.
 */
export async function correctAnnouncement(db: Db, actor: Actor, activityId: number, announcementId: number, input: CorrectionInput, locale: Locale): Promise<Announcement> {
  const user = actor.kind === 'user' ? requireUser(actor) : undefined;
  const m = listMessages(locale);
  return db.transaction(async (tx) => {
    const first = await announcementForChange(tx, actor, activityId, announcementId, 'correct');
    const { activity } = first;
    const original = first.announcement.correctionOfId
      ? (await announcementForChange(tx, actor, activityId, first.announcement.correctionOfId, 'correct')).announcement
      : first.announcement;
    if (original.withdrawnAt) throw new AppError('conflict', m.correctWithdrawn);
    if (original.status !== 'sent') throw new AppError('conflict', m.correctQueued);
    const now = new Date();
    const [correction] = await tx
      .insert(announcements)
      .values({
        activityId,
        subject: m.correctionSubject(original.subject),
        textBody: input.text,
        htmlBody: input.html ? textToHtml(input.text) : null,
        attachments: original.attachments,
        authorUserId: user?.userId ?? null,
        authorName: actorLabel(actor),
        correctionOfId: original.id,
        createdAt: now,
      })
      .returning();
    if (!correction) throw new Error('insert returned nothing');
    await tx.update(announcements).set({ correctedAt: now }).where(eq(announcements.id, original.id));
    await recordEvent(tx, actor, {
      kind: 'announcement.corrected',
      subjectType: 'announcement',
      subjectId: original.id,
      activityId,
      summary: `Announcement “${original.subject}” corrected; the correction was sent to the list of ${activity.acronym}`,
      after: { subject: original.subject },
    });
    await enqueueJob(tx, { kind: fanOutKind, payload: { announcementId: correction.id }, dedupeKey: `${fanOutKind}:${correction.id}` });
    return correction;
  });
}

/**
 * Withdraws an announcement from the public archive (secretariat, chairs), with the reason: readers no longer find it
 * (nor its corrections, nor its attachments, nor its history entries); those who send still see it, marked withdrawn
 * with the reason. One not yet fanned out is then mailed to nobody. Mail already delivered cannot be recalled.
 * Side effects: the withdrawal's date, author and reason; an `announcement.withdrawn` event.
 */
export async function withdrawAnnouncement(db: Db, actor: Actor, activityId: number, announcementId: number, input: { reason: string }, locale: Locale): Promise<Announcement> {
  const m = listMessages(locale);
  return db.transaction(async (tx) => {
    const { announcement } = await announcementForChange(tx, actor, activityId, announcementId, 'withdraw');
    if (announcement.withdrawnAt) throw new AppError('conflict', m.alreadyWithdrawn);
    // A correction is withdrawn with the announcement it corrects: withdrawing it alone would leave its text showing.
    if (announcement.correctionOfId) throw new AppError('conflict', m.withdrawTheOriginal);
    const [row] = await tx
      .update(announcements)
      .set({ withdrawnAt: new Date(), withdrawnByName: actorLabel(actor), withdrawalReason: input.reason })
      .where(eq(announcements.id, announcement.id))
      .returning();
    await recordEvent(tx, actor, {
      kind: 'announcement.withdrawn',
      subjectType: 'announcement',
      subjectId: announcement.id,
      activityId,
      summary: `Announcement “${announcement.subject}” withdrawn from the archive: ${input.reason}`,
      after: { subject: announcement.subject, reason: input.reason },
    });
    return row!;
  });
}

/** The newest correction of an announcement, if any: the text the archive shows in its place. */
export async function latestCorrection(tx: Tx, announcementId: number): Promise<Announcement | undefined> {
  const [row] = await tx.select().from(announcements).where(eq(announcements.correctionOfId, announcementId)).orderBy(desc(announcements.id)).limit(1);
  return row;
}
