// The durable outbox: a mail is a row before it is sent; the worker claims due rows, sends them and marks them.
import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Db, Tx } from '../../db/engine.ts';
import { storedFilePath } from '../files.ts';
import { type MailAttachment, mailOutbox } from '../schema.ts';

export type OutgoingMail = {
  purpose: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
};

export type MailRow = typeof mailOutbox.$inferSelect;

/** Queues a mail in the caller's transaction: it is sent only if that transaction commits. Returns its Message-ID. */
export async function enqueueMail(tx: Tx, mail: OutgoingMail, domain = 'concord.local'): Promise<string> {
  const [messageId] = await enqueueMails(tx, [mail], domain);
  return messageId as string;
}

/**
 * Queues many mails in the caller's transaction, a thousand rows per statement (a list announcement fans out to
 * thousands). `messageId` may be chosen by the caller, to tie the row to its own records; returns each Message-ID.
 */
export async function enqueueMails(tx: Tx, mails: readonly (OutgoingMail & { messageId?: string })[], domain = 'concord.local'): Promise<string[]> {
  const rows = mails.map((mail) => ({
    purpose: mail.purpose,
    recipient: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    headers: mail.headers ?? {},
    attachments: mail.attachments ?? [],
    messageId: mail.messageId ?? `<${randomUUID()}@${domain}>`,
  }));
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(mailOutbox).values(rows.slice(i, i + 1000));
  return rows.map((row) => row.messageId);
}

export type MailTransport = { sendMail(message: SendMailOptions): Promise<unknown> };

export function createSmtpTransport(smtpUrl: string): MailTransport & { close(): void } {
  return nodemailer.createTransport(smtpUrl);
}

const maxAttempts = 5;
const leaseSeconds = 120;

/**
 * Claims up to `batch` due mails (queued and due, or stuck in "sending" past their lease after a crash), sends
 * each and marks it sent, or schedules a retry with backoff, or marks it failed after the last attempt.
 * A crash between the SMTP exchange and the mark can send one mail twice; it keeps its Message-ID, so clients
 * show it once. Returns how many were sent.
 */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  options: { from: string; batch?: number; dataDir?: string },
): Promise<number> {
  const claimed = (await db.execute(sql`
    update ${mailOutbox} set status = 'sending', attempts = ${mailOutbox.attempts} + 1,
      locked_until = now() + make_interval(secs => ${leaseSeconds})
    where ${mailOutbox.id} in (
      select ${mailOutbox.id} from ${mailOutbox}
      where (${mailOutbox.status} = 'queued' and ${mailOutbox.nextAttemptAt} <= now())
         or (${mailOutbox.status} = 'sending' and ${mailOutbox.lockedUntil} < now())
      order by ${mailOutbox.id}
      limit ${options.batch ?? 50}
      for update skip locked)
    returning id`)) as unknown as { rows: { id: number }[] };
  let sent = 0;
  for (const { id } of claimed.rows) {
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    if (!mail) continue;
    try {
      await transport.sendMail({
        from: options.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody ?? undefined,
        headers: mail.headers,
        messageId: mail.messageId,
        attachments: mail.attachments.map((a) => ({
          filename: a.fileName,
          contentType: a.contentType,
          ...(a.sha256 ? { path: storedFilePath(requireDataDir(options.dataDir), a.sha256) } : { content: a.content ?? '' }),
        })),
      });
      await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: new Date(), lockedUntil: null, lastError: null })
        .where(eq(mailOutbox.id, id));
      sent++;
    } catch (error) {
      const finalAttempt = mail.attempts >= maxAttempts;
      await db
        .update(mailOutbox)
        .set({
          status: finalAttempt ? 'failed' : 'queued',
          lockedUntil: null,
          lastError: error instanceof Error ? error.message.slice(0, 1000) : String(error),
          nextAttemptAt: new Date(Date.now() + 60_000 * 2 ** mail.attempts),
        })
        .where(eq(mailOutbox.id, id));
    }
  }
  return sent;
}

function requireDataDir(dataDir: string | undefined): string {
  if (!dataDir) throw new Error('deliverDueMail needs dataDir to attach stored files');
  return dataDir;
}

export function listOutbox(tx: Tx, limit = 200): Promise<MailRow[]> {
  return tx.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(limit);
}
