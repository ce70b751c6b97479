// Announcements to an activity's list: the only code that changes announcements and announcement_recipients.
//
// Sending is three steps, each durable: (1) the announcement row and a fan-out job commit together; (2) the job, in
// one transaction, writes one recipient row and one outbox mail per address — the unique (announcement, address) key
// and the job's own transaction make that exactly once, whatever crashes; (3) the outbox worker sends the mails and
// records each failure on its row, which the announcement page reads back through the Message-ID.
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, requireUser, systemActor } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { CheckedFile } from '../../platform/files.ts';
import { storeFilesWith } from '../../platform/file-store.ts';
import { enqueueJob, type JobContext } from '../../platform/jobs.ts';
import { enqueueMails, type OutgoingMail } from '../../platform/mail/outbox.ts';
import { mailOutbox } from '../../platform/schema.ts';
import { checkbox, parseInput, requiredText } from '../../platform/validation.ts';
import { activities } from '../../db/schema.ts';
import { htmlDocument, textToHtml } from './html.ts';
import { ensureList, listPagePath, materializeMemberSubscriptions, memberAddressesSql, unsubscribePath } from './lists.ts';
import { listMessages } from './messages.ts';
import { canList } from './policy.ts';
import { announcementRecipients, announcements, listSubscriptions } from './schema.ts';

type ActivityRef = typeof activities.$inferSelect;
export type Announcement = typeof announcements.$inferSelect;

export const announcementInput = z.object({
  subject: requiredText(200),
  text: requiredText(100_000),
  html: checkbox(),
});
export type AnnouncementInput = z.output<typeof announcementInput>;

export const announcementPath = (activity: { acronym: string }, id: number) => `${listPagePath(activity)}/announcements/${id}`;
export const fanOutKind = 'mailing_lists.fan_out';

/**
 * Queues an announcement to the activity's list (secretariat and chairs), with an optional attachment already checked
 * by checkUpload: the row, its event and the fan-out job commit together, and the file is put in place once they have.
 * Side effects: an `announcement.sent` event; a `mailing_lists.fan_out` job (keyed by the announcement, so never two).
 * `archiveOnly` records an announcement sent before, outside Concord (the demo's, an imported archive): it is kept
 * in the archive with its date and mailed to nobody.
 */
export async function sendAnnouncement(
  db: Db,
  actor: Actor,
  activityId: number,
  input: AnnouncementInput,
  files: CheckedFile[],
  options: { dataDir: string; archiveOnly?: { sentAt: Date } },
): Promise<Announcement> {
  const user = actor.kind === 'user' ? requireUser(actor) : undefined;
  const record = (db: Db) =>
    db.transaction(async (tx) => {
      const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
      if (!activity || !canList(actor, 'read_archive', activity)) throw notFound();
      if (!canList(actor, 'send', activity)) throw forbidden();
      const [row] = await tx
        .insert(announcements)
        .values({
          activityId,
          subject: input.subject,
          textBody: input.text,
          htmlBody: input.html ? textToHtml(input.text) : null,
          attachments: files.map((f) => ({ fileName: f.fileName, contentType: f.contentType, size: f.size, sha256: f.sha256 })),
          authorUserId: user?.userId ?? null,
          authorName: user?.name ?? (actor.kind === 'system' ? actor.name : 'Concord'),
          ...(options.archiveOnly ? { status: 'sent' as const, createdAt: options.archiveOnly.sentAt, fannedOutAt: options.archiveOnly.sentAt } : {}),
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await recordEvent(tx, actor, {
        kind: 'announcement.sent',
        subjectType: 'announcement',
        subjectId: row.id,
        activityId,
        summary: `Announcement “${row.subject}” sent to the list of ${activity.acronym}`,
        after: { subject: row.subject, attachments: row.attachments.map((a) => a.fileName) },
      });
      if (!options.archiveOnly) await enqueueJob(tx, { kind: fanOutKind, payload: { announcementId: row.id }, dedupeKey: `${fanOutKind}:${row.id}` });
      return row;
    });
  return storeFilesWith({ db, dataDir: options.dataDir }, files, record);
}

/**
 * Job `mailing_lists.fan_out` ({ announcementId }): fixes the recipients of an announcement and queues one mail each,
 * in the job's transaction. Recipients are the active subscriptions of the list whose address is either not a
 * member's (subscribers who confirmed) or a current member's (a former member's row no longer counts); unsubscribed
 * addresses are left out. Each mail carries its own unsubscribe link (List-Unsubscribe, RFC 8058 one-click).
 * Runs once per announcement; run again (a retried job), it adds nobody twice: a recipient row is unique per address,
 * and mail is queued only for rows this run inserted.
 */
export async function fanOutAnnouncement(payload: { announcementId?: unknown }, { tx, config }: JobContext): Promise<void> {
  const announcementId = Number(payload.announcementId);
  if (!Number.isInteger(announcementId)) return;
  const [row] = await tx
    .select({ announcement: announcements, activity: activities })
    .from(announcements)
    .innerJoin(activities, eq(activities.id, announcements.activityId))
    .where(eq(announcements.id, announcementId))
    .for('update');
  if (!row || row.announcement.status === 'sent') return;
  const { announcement, activity } = row;
  // Withdrawn before it went out (or the announcement it corrects was): it is mailed to nobody.
  if (announcement.withdrawnAt || (announcement.correctionOfId && (await withdrawnIds(tx, [announcement.correctionOfId])).length)) {
    await tx.update(announcements).set({ status: 'sent', recipientCount: 0, fannedOutAt: new Date() }).where(eq(announcements.id, announcementId));
    return;
  }
  const list = await ensureList(tx, activity, config.baseUrl);
  await materializeMemberSubscriptions(tx, list);
  const domain = new URL(config.baseUrl).hostname;
  const inserted = (await tx.execute(sql`
    with members as (${memberAddressesSql(activity.id)}),
    added as (
      insert into ${announcementRecipients} (announcement_id, email, subscription_id, message_id)
      select ${announcementId}, s.email, s.id, '<' || gen_random_uuid()::text || '@' || ${domain} || '>'
      from ${listSubscriptions} s
      where s.list_id = ${list.id} and s.status = 'active'
        and (s.source <> 'member' or lower(s.email) in (select email from members))
      order by s.id
      on conflict do nothing
      returning email, subscription_id, message_id)
    select added.email, added.message_id, s.unsubscribe_token, s.source
    from added join ${listSubscriptions} s on s.id = added.subscription_id`)) as unknown as {
    rows: { email: string; message_id: string; unsubscribe_token: string; source: string }[];
  };
  const words = listMessages('en');
  const archive = `${config.baseUrl}${announcementPath(activity, announcement.id)}`;
  const listId = `${activity.acronym} <${activity.acronym.toLowerCase()}.${domain}>`;
  const attachments = announcement.attachments.map((a) => ({ fileName: a.fileName, contentType: a.contentType, sha256: a.sha256 }));
  const mails: (OutgoingMail & { messageId: string })[] = inserted.rows.map((r) => {
    const unsubscribe = `${config.baseUrl}${unsubscribePath(r.unsubscribe_token)}`;
    const footer = words.mail.footerText({ acronym: activity.acronym, unsubscribe, archive, member: r.source === 'member' });
    return {
      purpose: 'announcement',
      to: r.email,
      subject: `[${activity.acronym}] ${announcement.subject}`,
      text: `${announcement.textBody}\n\n-- \n${footer}\n`,
      html: announcement.htmlBody ? htmlDocument(announcement.htmlBody, footer) : undefined,
      headers: {
        'List-Id': listId,
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Archive': `<${config.baseUrl}${listPagePath(activity)}>`,
        Precedence: 'list',
      },
      attachments,
      messageId: r.message_id,
    };
  });
  await enqueueMails(tx, mails, domain);
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(announcementRecipients)
    .where(eq(announcementRecipients.announcementId, announcementId));
  await tx
    .update(announcements)
    .set({ status: 'sent', recipientCount: count?.n ?? 0, fannedOutAt: new Date() })
    .where(eq(announcements.id, announcementId));
  await recordEvent(tx, systemActor(), {
    kind: 'announcement.fanned_out',
    subjectType: 'announcement',
    subjectId: announcementId,
    activityId: activity.id,
    summary: `Announcement “${announcement.subject}” queued for ${count?.n ?? 0} recipients`,
    after: { recipients: count?.n ?? 0 },
  });
}

// ---- Reading ----------------------------------------------------------------------------------------------------

const withdrawnIds = async (tx: Tx, ids: number[]) =>
  (await tx.select({ id: announcements.id }).from(announcements).where(and(inArray(announcements.id, ids), isNotNull(announcements.withdrawnAt)))).map((r) => r.id);

/**
 * The archive of the activity's list, newest first (public for a public activity, members only otherwise). A
 * correction is not listed apart: the announcement it corrects shows its text. Withdrawn announcements are listed only
 * to those who send (marked as such).
 */
export async function listAnnouncements(tx: Tx, actor: Actor, activity: ActivityRef, limit = 200): Promise<Announcement[]> {
  if (!canList(actor, 'read_archive', activity)) throw notFound();
  return tx
    .select()
    .from(announcements)
    .where(and(eq(announcements.activityId, activity.id), isNull(announcements.correctionOfId), canList(actor, 'read_withdrawn', activity) ? undefined : isNull(announcements.withdrawnAt)))
    .orderBy(desc(announcements.id))
    .limit(limit);
}

/** One announcement of the archive; a withdrawn one (or a correction of one) only for those who send. */
export async function getAnnouncement(tx: Tx, actor: Actor, activity: ActivityRef, announcementId: number): Promise<Announcement> {
  if (!canList(actor, 'read_archive', activity)) throw notFound();
  const [row] = await tx
    .select()
    .from(announcements)
    .where(and(eq(announcements.id, announcementId), eq(announcements.activityId, activity.id)));
  if (!row) throw notFound();
  if (!canList(actor, 'read_withdrawn', activity)) {
    if (row.withdrawnAt || (row.correctionOfId && (await withdrawnIds(tx, [row.correctionOfId])).length)) throw notFound();
  }
  return row;
}

export type DeliveryFailure = { email: string; status: string; attempts: number; lastError: string | null; nextAttemptAt: Date };
export type DeliveryReport = { counts: Record<'queued' | 'sending' | 'sent' | 'failed', number>; total: number; failures: DeliveryFailure[] };

/**
 * How the announcement's mails fare, for those who may send: counts per outbox status, and each recipient whose mail
 * failed or was refused (with the server's answer), whether it will be retried or was given up.
 */
export async function deliveryReport(tx: Tx, actor: Actor, activity: ActivityRef, announcementId: number, limit = 500): Promise<DeliveryReport> {
  if (!canList(actor, 'send', activity)) throw forbidden();
  const rows = await tx
    .select({ status: mailOutbox.status, n: sql<number>`count(*)::int` })
    .from(announcementRecipients)
    .innerJoin(mailOutbox, eq(mailOutbox.messageId, announcementRecipients.messageId))
    .where(eq(announcementRecipients.announcementId, announcementId))
    .groupBy(mailOutbox.status);
  const counts = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = r.n;
  const failures = await tx
    .select({
      email: announcementRecipients.email,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      nextAttemptAt: mailOutbox.nextAttemptAt,
    })
    .from(announcementRecipients)
    .innerJoin(mailOutbox, eq(mailOutbox.messageId, announcementRecipients.messageId))
    .where(and(eq(announcementRecipients.announcementId, announcementId), sql`(${mailOutbox.status} = 'failed' or ${mailOutbox.lastError} is not null) and ${mailOutbox.status} <> 'sent'`))
    .orderBy(desc(mailOutbox.status), asc(announcementRecipients.email))
    .limit(limit);
  return { counts, total: counts.queued + counts.sending + counts.sent + counts.failed, failures };
}

/** Parses the announcement form or API body. */
export const parseAnnouncement = (values: unknown, locale: 'en' | 'fr') => parseInput(announcementInput, values, locale);

/** Which of these stored files (sha256) an announcement attaches (platform/file-store.ts finishInterruptedFiles). */
export async function announcementFilesAmong(tx: Tx, sha256s: readonly string[]): Promise<string[]> {
  const rows = (await tx.execute(sql`
    select distinct a->>'sha256' as sha256 from ${announcements}, jsonb_array_elements(${announcements.attachments}) a
    where a->>'sha256' in (select jsonb_array_elements_text(${JSON.stringify(sha256s)}::jsonb))`)) as unknown as { rows: { sha256: string }[] };
  return rows.rows.map((r) => r.sha256);
}
