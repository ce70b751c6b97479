// The durable outbox: a mail is a row before it is sent; the worker claims due rows, sends them and marks them.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { SendMailOptions } from 'nodemailer';
import { type Db, isEmbedded, type Tx } from '../../db/engine.ts';
import { equalsAny, inList } from '../../db/bulk.ts';
import { fileStoreFor } from '../file-store.ts';
import { type MailAttachment, mailOutbox, workerHeartbeats } from '../schema.ts';
import { staleSeconds } from '../worker-presence.ts';

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
 * Queues many mails in the caller's transaction (a list announcement fans out to thousands). The rows travel as one
 * JSON parameter per thousand, expanded by the database (jsonb_to_recordset): building a ten-thousand-row VALUES list
 * through the query builder cost more than the insert itself. `messageId` may be chosen by the caller, to tie the row
 * to its own records; returns each Message-ID, in order.
 */
export async function enqueueMails(tx: Tx, mails: readonly (OutgoingMail & { messageId?: string })[], domain = 'concord.local'): Promise<string[]> {
  const rows = mails.map((mail) => ({
    purpose: mail.purpose,
    recipient: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html ?? null,
    headers: mail.headers ?? {},
    attachments: mail.attachments ?? [],
    message_id: mail.messageId ?? `<${randomUUID()}@${domain}>`,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.execute(sql`
      insert into ${mailOutbox} (purpose, recipient, subject, text_body, html_body, headers, attachments, message_id)
      select purpose, recipient, subject, text_body, html_body, headers, attachments, message_id
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 1000))}::jsonb)
        as r(purpose text, recipient text, subject text, text_body text, html_body text, headers jsonb, attachments jsonb, message_id text)`);
  }
  return rows.map((row) => row.message_id);
}

/**
 * When mail of these purposes was queued for each address since `since`, oldest first, by address in lower case (the
 * addresses compared without case; one missing from the map received none). The outbox keeps every mail, so it is
 * the record a throttle counts: no table of its own to keep in step.
 */
export async function mailedSince(tx: Tx, to: readonly string[], purposes: readonly string[], since: Date): Promise<Map<string, Date[]>> {
  const addresses = [...new Set(to.map((address) => address.toLowerCase()))];
  const sent = new Map<string, Date[]>();
  if (!addresses.length) return sent;
  const recipient = sql<string>`lower(${mailOutbox.recipient})`;
  const rows = await tx
    .select({ recipient, createdAt: mailOutbox.createdAt })
    .from(mailOutbox)
    .where(sql`${equalsAny(recipient, addresses)} and ${mailOutbox.createdAt} >= ${since.toISOString()}::timestamptz and ${equalsAny(mailOutbox.purpose, [...purposes])}`)
    .orderBy(asc(mailOutbox.createdAt));
  for (const row of rows) sent.set(row.recipient, [...(sent.get(row.recipient) ?? []), row.createdAt]);
  return sent;
}

export type MailTransport = { sendMail(message: SendMailOptions): Promise<unknown> };

// nodemailer is required when an SMTP transport is made (only where SMTP_URL is set), not at start. Required, not
// imported, so createSmtpTransport stays synchronous.
const require = createRequire(import.meta.url);
let nodemailer: typeof import('nodemailer') | undefined;
const loadNodemailer = () => (nodemailer ??= require('nodemailer') as typeof import('nodemailer'));

export function createSmtpTransport(smtpUrl: string): MailTransport & { close(): void } {
  // A pool of open SMTP sessions reused from mail to mail: opening a session per mail (TCP, greeting, EHLO) costs more
  // than the mail itself, and a list announcement sends thousands. Settings in the URL still win.
  return loadNodemailer().createTransport({ url: smtpUrl, pool: true, maxConnections: deliveryConcurrency, maxMessages: Infinity });
}

/** How many mails are in flight at once: one per pooled SMTP session. */
const deliveryConcurrency = 8;
const maxAttempts = 5;
const leaseSeconds = 120;

/**
 * Claims up to `batch` (2,000) due mails (queued and due, or stuck in "sending" past their lease after a crash), sends
 * them, `concurrency` at a time (oldest first), and marks each sent as soon as the server has accepted it, or
 * schedules a retry with backoff, or marks it failed after the last attempt.
 * A crash between the SMTP exchange and the mark can send one mail twice (at most the mails in flight then); it keeps
 * its Message-ID, so clients show it once. The worker calls this once per 2-second tick: 2,000 a round lets a list
 * announcement of 10,000 go out in five rounds instead of waiting for twenty ticks, and 2,000 mails take seconds,
 * well within the two-minute lease. Returns how many were sent.
 */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  options: { from: string; batch?: number; dataDir?: string; concurrency?: number; workerId?: string; signal?: AbortSignal },
): Promise<number> {
  if (options.signal?.aborted) return 0;
  // A mail left "sending" is taken over when its lease ran out, or at once when the worker that claimed it no longer
  // beats (platform/worker-presence.ts).
  const claimed = (await db.execute(sql`
    update ${mailOutbox} set status = 'sending', attempts = ${mailOutbox.attempts} + 1,
      locked_until = now() + make_interval(secs => ${leaseSeconds}), claimed_by = ${options.workerId ?? null}
    where ${mailOutbox.id} in (
      select ${mailOutbox.id} from ${mailOutbox}
      where (${mailOutbox.status} = 'queued' and ${mailOutbox.nextAttemptAt} <= now())
         or (${mailOutbox.status} = 'sending' and ${mailOutbox.lockedUntil} < now())
         or (${mailOutbox.status} = 'sending' and ${mailOutbox.claimedBy} is not null and not exists (
              select 1 from ${workerHeartbeats} where ${workerHeartbeats.id} = ${mailOutbox.claimedBy}
                and ${workerHeartbeats.beatAt} > now() - make_interval(secs => ${staleSeconds})))
      order by ${mailOutbox.id}
      limit ${options.batch ?? 2000}
      for update skip locked)
    returning id`)) as unknown as { rows: { id: number }[] };
  if (!claimed.rows.length) return 0;
  const waiting = await db
    .select()
    .from(mailOutbox)
    .where(inList(mailOutbox.id, claimed.rows.map((r) => Number(r.id))))
    .orderBy(asc(mailOutbox.id));
  let sent = 0;
  const markSent = groupMarker(db);
  const files = storedFileReader(db, options.dataDir);
  const sendNext = async () => {
    // A stopping worker sends no further mail: the mails in flight finish, and those it claimed but has not begun
    // go back to the queue when it stops (platform/worker-presence.ts), for another worker to send at once.
    for (let mail = waiting.shift(); mail && !options.signal?.aborted; mail = waiting.shift()) {
      if (await sendOne(db, transport, mail, options, markSent, files)) sent++;
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? deliveryConcurrency, waiting.length));
  await Promise.all(Array.from({ length: lanes }, sendNext));
  return sent;
}

/**
 * Marks mails sent as soon as each is accepted, in groups: a mail accepted while an update runs joins the next one.
 * With several mails in flight this is a fraction of the statements of one update per mail, and no mail waits for
 * more than the update before it, so after a crash still only the mails in flight can go out twice.
 */
function groupMarker(db: Db): (id: number) => Promise<void> {
  let waiting: { id: number; done: () => void; fail: (error: unknown) => void }[] = [];
  let busy = false;
  const run = async () => {
    busy = true;
    while (waiting.length) {
      const group = waiting;
      waiting = [];
      try {
        await db.execute(sql`update ${mailOutbox} set status = 'sent', sent_at = now(), locked_until = null, last_error = null
          where ${inList(mailOutbox.id, group.map((g) => g.id))}`);
        for (const g of group) g.done();
      } catch (error) {
        for (const g of group) g.fail(error);
      }
    }
    busy = false;
  };
  return (id) =>
    new Promise<void>((done, fail) => {
      waiting.push({ id, done, fail });
      if (!busy) void run();
    });
}

/**
 * Reads stored files for one round of delivery, each once: an announcement's attachment goes to thousands of
 * recipients, and reading it from disk for each mail cost more than building the mail. A file missing on disk is an
 * error for the mails that need it (they are retried), not for the round.
 */
function storedFileReader(db: Db, dataDir: string | undefined): (sha256: string) => Promise<Buffer> {
  const read = new Map<string, Promise<Buffer>>();
  return (sha256) => {
    let file = read.get(sha256);
    if (!file) {
      file = fileStoreFor({ dataDir: requireDataDir(db, dataDir) }, db)
        .get(sha256)
        .then((bytes) => bytes ?? Promise.reject(new Error(`stored file missing: ${sha256}`)));
      read.set(sha256, file);
    }
    return file;
  };
}

/** Sends one claimed mail and records the outcome on its row; true when the server accepted it. */
async function sendOne(
  db: Db,
  transport: MailTransport,
  mail: MailRow,
  options: { from: string; dataDir?: string },
  markSent: (id: number) => Promise<void>,
  files: (sha256: string) => Promise<Buffer>,
): Promise<boolean> {
  try {
    const attachments = await Promise.all(
      mail.attachments.map(async (a) => ({
        filename: a.fileName,
        contentType: a.contentType,
        content: a.sha256 ? await files(a.sha256) : (a.content ?? ''),
      })),
    );
    await transport.sendMail({
      from: options.from,
      to: mail.recipient,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody ?? undefined,
      headers: mail.headers,
      messageId: mail.messageId,
      attachments,
    });
    await markSent(mail.id);
    return true;
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
      .where(eq(mailOutbox.id, mail.id));
    return false;
  }
}

/** The embedded engine keeps stored files on disk, so attaching one needs DATA_DIR; PostgreSQL holds them itself. */
function requireDataDir(db: Db, dataDir: string | undefined): string {
  if (!dataDir && isEmbedded(db)) throw new Error('deliverDueMail needs dataDir to attach stored files');
  return dataDir ?? '';
}

/** Which of these stored files (sha256) a mail in the outbox attaches (platform/file-store.ts finishInterruptedFiles). */
export async function outboxFilesAmong(tx: Tx, sha256s: readonly string[]): Promise<string[]> {
  const rows = (await tx.execute(sql`
    select distinct a->>'sha256' as sha256 from ${mailOutbox}, jsonb_array_elements(${mailOutbox.attachments}) a
    where a->>'sha256' in (select jsonb_array_elements_text(${JSON.stringify(sha256s)}::jsonb))`)) as unknown as { rows: { sha256: string }[] };
  return rows.rows.map((r) => r.sha256);
}

export function listOutbox(tx: Tx, limit = 200): Promise<MailRow[]> {
  return tx.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(limit);
}
