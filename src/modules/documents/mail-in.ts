// Contributions that arrive by mail, as circulars ask for them: `concord mail-in` hands one RFC 5322 message here.
// A known member's allowed attachments become submitted contributions and the sender gets a receipt through the
// outbox, when the mail is proven to be the member's (mail-in-sender.ts: DMARC or aligned DKIM passed at our own
// receiving server, or the member's secret submission address); anything else (unproven sender, unknown sender, no
// member role, no activity, no usable attachment, refused by the deadline) waits in mail_in_queue for the
// secretariat, who accepts attachments into contributions or discards the mail.
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { AddressObject, simpleParser } from 'mailparser';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, actorLabel, isAdmin, systemActor } from '../../platform/actor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { type CheckedFile, checkUpload, contentTypes } from '../../platform/files.ts';
import { fileStoreFor, storeFilesWith } from '../../platform/file-store.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { holdsAny } from '../../platform/roles.ts';
import { events, users } from '../../platform/schema.ts';
import { storableText } from '../../platform/validation.ts';
import { activities, activityMemberships, people } from '../../db/schema.ts';
import { contributionLateness, openMeetings } from './contributions.ts';
import { checkCoverPage } from './cover-page.ts';
import { createDocument, documentFileKinds, documentPath } from './documents.ts';
import { documentMessages } from './messages.ts';
import { canDocument, submitters } from './policy.ts';
import { ourAuthenticationResults, proofFromResults, type SenderProof, secretsIn, withoutSecret } from './mail-in-sender.ts';
import { type MailQueueReason, mailInQueue, type QueuedAttachment, submissionAddresses } from './schema.ts';

// mailparser (and the charset tables it brings, about 0.3 s of CPU at start) is loaded with the first mail taken in.
let mailparser: Promise<typeof import('mailparser')> | undefined;
const loadMailparser = () => (mailparser ??= import('mailparser'));

type ActivityRow = typeof activities.$inferSelect;
export type QueuedMail = typeof mailInQueue.$inferSelect;

/** `mailInAuthservId`: whose Authentication-Results to believe; `mailInAddress`: what secret addresses are made from. */
export type MailInSettings = { dataDir: string; uploadMaxBytes: number; baseUrl: string; mailInAuthservId?: string; mailInAddress?: string };

/** `duplicate`: the same Message-ID was received before; nothing new was written. */
export type MailInResult =
  | { outcome: 'submitted'; activity: string; documentIds: number[]; queueId: number | null; duplicate?: true }
  | { outcome: 'queued'; activity: string | null; queueId: number; reason: MailQueueReason; duplicate?: true };

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase())).filter(Boolean);

/**
 * The activity a mail is for. An address whose local part is the acronym (jca-qkdn@…), or carries it as a tag
 * (contributions+jca-qkdn@…), or that is the activity's secretariat or mailing-list address.
 */
export async function activityForAddresses(tx: Tx, addresses: string[]): Promise<ActivityRow | undefined> {
  const all = await tx.select().from(activities);
  for (const address of addresses) {
    const local = address.split('@')[0] ?? '';
    const candidates = [local, ...local.split('+').slice(1), local.split('+')[0] ?? ''];
    const found = all.find(
      (a) =>
        candidates.includes(a.acronym.toLowerCase()) ||
        a.secretariatEmail?.toLowerCase() === address ||
        a.mailingList?.toLowerCase() === address,
    );
    if (found) return found;
  }
  return undefined;
}

const senderColumns = { id: people.id, name: people.name, userId: people.userId, locale: users.locale, email: sql<string | null>`coalesce(${users.email}, ${people.email})` };
type Sender = { id: number; name: string; userId: number | null; locale: Locale | null; email: string | null };

/** The person with this address (their own or their account's). */
async function personByAddress(tx: Tx, address: string): Promise<Sender | undefined> {
  const [person] = await tx
    .select(senderColumns)
    .from(people)
    .leftJoin(users, eq(users.id, people.userId))
    .where(or(sql`lower(${people.email}) = ${address}`, sql`lower(${users.email}) = ${address}`))
    .limit(1);
  return person;
}

/** The person whose secret submission address is one of these secrets. */
async function personBySecret(tx: Tx, secrets: string[]): Promise<Sender | undefined> {
  if (!secrets.length) return undefined;
  const [person] = await tx
    .select(senderColumns)
    .from(submissionAddresses)
    .innerJoin(people, eq(people.id, submissionAddresses.personId))
    .leftJoin(users, eq(users.id, people.userId))
    .where(sql`${submissionAddresses.secret} in (${sql.join(secrets.map((s) => sql`${s}`), sql`, `)})`)
    .limit(1);
  return person;
}

/** Whether the person holds a role that submits contributions in the activity. */
async function contributesTo(tx: Tx, activityId: number, personId: number): Promise<boolean> {
  const roles = await tx
    .select({ role: activityMemberships.role })
    .from(activityMemberships)
    .where(and(eq(activityMemberships.activityId, activityId), eq(activityMemberships.personId, personId)));
  return holdsAny(roles.map((r) => r.role), submitters);
}

type Attachment = { file: CheckedFile } | { refused: QueuedAttachment };

async function checkAttachments(parsed: Awaited<ReturnType<typeof simpleParser>>, settings: MailInSettings): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const a of parsed.attachments) {
    // Inline images of a signature are part of the body, not contributions.
    if (a.related || (a.contentDisposition === 'inline' && !a.filename)) continue;
    // A file name is header text like the subject (RFC 2231 lets it spell a NUL, which PostgreSQL's jsonb refuses).
    const fileName = storableText(a.filename ?? '') || 'attachment';
    try {
      const file = await checkUpload({ fileName, contentType: a.contentType, bytes: a.content }, { field: 'file', allowed: documentFileKinds, maxBytes: settings.uploadMaxBytes, locale: 'en' });
      // A DOCX is opened for its cover page: one the archive reader refuses (a bomb, a forgery) is refused here,
      // before anything is stored, and the sender is told why.
      if (file.kind === 'docx') {
        const { refused } = await checkCoverPage(file.bytes, 'en', fileName);
        if (refused) throw refused;
      }
      out.push({ file });
    } catch (error) {
      const reason = error instanceof AppError ? (error.details.fields?.file ?? error.message) : 'unreadable';
      out.push({ refused: { fileName, contentType: storableText(a.contentType), size: a.size ?? a.content.length, sha256: '', refused: reason } });
    }
  }
  return out;
}

const queuedOf = (f: CheckedFile): QueuedAttachment => ({ fileName: f.fileName, contentType: f.contentType, size: f.size, sha256: f.sha256 });

/** Writes the queue row (its usable attachments stored on disk after it commits) and a `mail_in.queued` event. */
async function queueMail(
  db: Db,
  settings: MailInSettings,
  mail: { messageId: string | null; from: string; fromName: string; to: string[]; subject: string; text: string },
  activity: ActivityRow | undefined,
  reason: MailQueueReason,
  attachments: Attachment[],
  senderCheck: string | null,
): Promise<number> {
  const files = attachments.flatMap((a) => ('file' in a ? [a.file] : []));
  return storeFilesWith({ db, dataDir: settings.dataDir }, files, (db) =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .insert(mailInQueue)
        .values({
          activityId: activity?.id ?? null,
          messageId: mail.messageId,
          fromAddress: mail.from,
          fromName: mail.fromName,
          // A secret submission address stays its owner's: the secretariat reads the queue.
          toAddresses: mail.to.map((to) => withoutSecret(to, settings.mailInAddress)).join(', '),
          subject: mail.subject.slice(0, 500),
          bodyText: mail.text.slice(0, 20_000),
          reason,
          senderCheck,
          attachments: attachments.map((a) => ('file' in a ? queuedOf(a.file) : a.refused)),
        })
        .returning({ id: mailInQueue.id });
      await recordEvent(tx, systemActor('mail-in'), {
        kind: 'mail_in.queued',
        subjectType: 'mail_in',
        subjectId: row!.id,
        activityId: activity?.id ?? null,
        summary: `Mail from ${mail.from || 'an unknown sender'} queued for the secretariat (${reason})`,
        after: { from: mail.from, subject: mail.subject, reason, attachments: attachments.length, senderCheck },
      });
      return row!.id;
    }),
  );
}

async function sendReceipt(
  tx: Tx,
  activity: ActivityRow,
  to: { address: string; name: string; locale: Locale },
  created: { id: number; title: string; fileName: string; late: boolean }[],
  problems: string[],
  baseUrl: string,
) {
  const m = documentMessages(to.locale);
  const lines = created.map((c) => m.receiptLine(c.title, c.fileName, new URL(documentPath(activity, c), baseUrl).toString(), c.late));
  await enqueueMail(tx, {
    purpose: 'documents.mail_in_receipt',
    to: to.address,
    subject: m.receiptSubject(activity.acronym),
    text: m.receiptText(to.name || to.address, activity.acronym, lines, problems),
  });
}

/**
 * Takes one raw message. `activityAcronym` (the --activity option) overrides the recipient addresses; `recipients`
 * (the --recipient option: the envelope's, which a Bcc leaves out of the headers) count beside To: and Cc:. The mail
 * is the member's only as `proveSender` says; a member's unproven mail waits as `unverified_sender`. Side effects:
 * contributions (status submitted, origin mail) with their files, a receipt in the outbox, `document.created` events;
 * or a queue row with its files and a `mail_in.queued` event. A mail that also carried refused attachments is queued
 * as well, so the secretariat sees what was left out.
 */
export async function receiveMail(db: Db, settings: MailInSettings, raw: Buffer, options: { activityAcronym?: string; recipients?: string[]; now?: Date } = {}): Promise<MailInResult> {
  const parsed = await (await loadMailparser()).simpleParser(raw);
  const fromValue = parsed.from?.value[0];
  // Everything read from the mail is made storable once, here: the queries that look the sender up, the queue's row and
  // its event all use it (a hostile mail's header once made the queue's insert fail on PostgreSQL: seed 1338183185).
  const from = storableText((fromValue?.address ?? '').toLowerCase());
  const mail = {
    messageId: parsed.messageId ? storableText(parsed.messageId) : null,
    from,
    fromName: storableText(fromValue?.name ?? ''),
    to: [...new Set([...addressesOf(parsed.to), ...addressesOf(parsed.cc), ...(options.recipients ?? []).map((r) => r.trim().toLowerCase()).filter(Boolean)].map(storableText))],
    subject: storableText(parsed.subject ?? ''),
    text: storableText(parsed.text ?? ''),
  };
  // A mail server retries a delivery it believes failed: the same Message-ID is taken once.
  const seen = mail.messageId ? await alreadyReceived(db, mail.messageId) : undefined;
  if (seen) return seen;
  let activity: ActivityRow | undefined;
  if (options.activityAcronym) {
    [activity] = await db.select().from(activities).where(sql`lower(${activities.acronym}) = ${options.activityAcronym.toLowerCase()}`);
    if (!activity) throw notFound(`No activity has the acronym "${options.activityAcronym}".`);
  } else {
    activity = await activityForAddresses(db, mail.to);
  }
  const { person: proven, proof } = await proveSender(db, settings, parsed.headerLines, from, mail.to);
  const attachments = await checkAttachments(parsed, settings);
  const usable = attachments.flatMap((a) => ('file' in a ? [a.file] : []));
  const refused = attachments.flatMap((a) => ('refused' in a ? [a.refused] : []));
  const queue = async (reason: MailQueueReason): Promise<MailInResult> => ({
    outcome: 'queued',
    activity: activity?.acronym ?? null,
    queueId: await queueMail(db, settings, mail, activity, reason, attachments, proof.check),
    reason,
  });
  if (!activity) return queue('unknown_activity');
  const person = proven ?? (from ? await personByAddress(db, from) : undefined);
  if (!person) return queue('unknown_sender');
  if (!(await contributesTo(db, activity.id, person.id))) return queue('not_a_member');
  if (!proof.verified) return queue('unverified_sender');
  if (!usable.length) return queue(attachments.length ? 'refused_attachment' : 'no_attachment');
  // The receipt and the record name the member's own address: with a secret address, From: may be any other.
  const memberAddress = proven ? (person.email ?? from) : from;

  const now = options.now ?? new Date();
  const [meeting] = (await openMeetings(db, activity.id)).filter((m) => m.endsAt.getTime() >= now.getTime());
  const actor = systemActor('mail-in');
  const locale: Locale = person.locale ?? 'en';
  const submittedActivity = activity;
  let documentIds: number[];
  try {
    documentIds = await storeFilesWith({ db, dataDir: settings.dataDir }, usable, (db) =>
      db.transaction(async (tx) => {
        const { late } = await contributionLateness(tx, meeting?.id, now, locale);
        const created: { id: number; title: string; fileName: string; late: boolean }[] = [];
        const problems: string[] = [];
        for (const file of usable) {
          const cover = file.kind === 'docx' ? await checkCoverPage(file.bytes, locale, file.fileName) : undefined;
          if (cover?.problems.length) problems.push(`${file.fileName}: ${documentMessages(locale).coverIncomplete(cover.problems.join('; '))}`);
          const title = cover?.cover?.title || (usable.length === 1 && mail.subject.trim()) || file.fileName;
          const document = await createDocument(tx, actor, {
            activityId: submittedActivity.id,
            kind: 'contribution',
            meetingId: meeting?.id ?? null,
            title: title.slice(0, 500),
            source: cover?.cover?.source,
            purpose: cover?.cover?.purpose,
            contact: cover?.cover?.contact,
            access: 'public',
            files: [file],
            late,
            origin: 'mail',
            submittedByEmail: memberAddress,
            submittedByUserId: person.userId,
            messageId: mail.messageId,
            locale,
          });
          created.push({ id: document.id, title, fileName: file.fileName, late });
        }
        for (const r of refused) problems.push(`${r.fileName}: ${r.refused}`);
        await sendReceipt(tx, submittedActivity, { address: memberAddress, name: person.name, locale }, created, problems, settings.baseUrl);
        return created.map((c) => c.id);
      }),
    );
  } catch (error) {
    // The activity refuses late contributions: the mail waits for the secretariat, who may still take it.
    if (error instanceof AppError && error.code === 'conflict') return queue('after_deadline');
    throw error;
  }
  const queueId = refused.length ? await queueMail(db, settings, mail, activity, 'refused_attachment', refused.map((r) => ({ refused: r })), proof.check) : null;
  return { outcome: 'submitted', activity: activity.acronym, documentIds, queueId };
}

/**
 * Who proves to have sent the mail: the owner of a secret submission address it was sent to (whatever its From:), or
 * else its From: address when our receiving server's Authentication-Results prove it; `proof.check` says which, or
 * what was found instead, for the secretariat.
 */
async function proveSender(
  tx: Tx,
  settings: MailInSettings,
  headerLines: readonly { key: string; line: string }[],
  from: string,
  recipients: string[],
): Promise<{ person: Sender | undefined; proof: SenderProof }> {
  const owner = await personBySecret(tx, secretsIn(recipients, settings.mailInAddress));
  if (owner) return { person: owner, proof: { verified: true, check: `sent to the secret submission address of ${owner.name}` } };
  const results = settings.mailInAuthservId ? ourAuthenticationResults(headerLines, settings.mailInAuthservId) : [];
  return { person: undefined, proof: proofFromResults(results, from, settings.mailInAuthservId) };
}

/** What became of an earlier delivery of the same message: its contributions, or its queue row. */
async function alreadyReceived(tx: Tx, messageId: string): Promise<MailInResult | undefined> {
  const [queued] = await tx.select().from(mailInQueue).where(eq(mailInQueue.messageId, messageId)).orderBy(mailInQueue.id).limit(1);
  const created = await tx
    .select({ documentId: events.subjectId, activityId: events.activityId })
    .from(events)
    .where(and(eq(events.kind, 'document.created'), sql`${events.after}->>'messageId' = ${messageId}`))
    .orderBy(events.id);
  if (created.length) {
    const [activity] = await tx.select({ acronym: activities.acronym }).from(activities).where(eq(activities.id, created[0]!.activityId ?? 0));
    return { outcome: 'submitted', activity: activity?.acronym ?? '', documentIds: created.map((c) => Number(c.documentId)), queueId: queued?.id ?? null, duplicate: true };
  }
  if (queued) {
    const [activity] = queued.activityId ? await tx.select({ acronym: activities.acronym }).from(activities).where(eq(activities.id, queued.activityId)) : [];
    return { outcome: 'queued', activity: activity?.acronym ?? null, queueId: queued.id, reason: queued.reason, duplicate: true };
  }
  return undefined;
}

// ---- The secretariat's queue ------------------------------------------------------------------------------------

/** Mail waiting for this activity's secretariat, newest first; site admins also see mail no activity was found for. */
export async function listMailQueue(tx: Tx, actor: Actor, activity: ActivityRow): Promise<QueuedMail[]> {
  if (!canDocument(actor, 'manage', activity)) throw new AppError('forbidden');
  return tx
    .select()
    .from(mailInQueue)
    .where(
      and(
        eq(mailInQueue.status, 'pending'),
        isAdmin(actor) ? or(eq(mailInQueue.activityId, activity.id), isNull(mailInQueue.activityId)) : eq(mailInQueue.activityId, activity.id),
      ),
    )
    .orderBy(desc(mailInQueue.id));
}

async function lockQueued(tx: Tx, actor: Actor, activity: ActivityRow, queueId: number, locale: Locale): Promise<QueuedMail> {
  if (!canDocument(actor, 'manage', activity)) throw new AppError('forbidden');
  const [row] = await tx.select().from(mailInQueue).where(eq(mailInQueue.id, queueId)).for('update');
  if (!row || (row.activityId !== activity.id && !(row.activityId === null && isAdmin(actor)))) throw notFound();
  if (row.status !== 'pending') throw new AppError('conflict', documentMessages(locale).queueDecided);
  return row;
}

export const acceptMailInput = z.object({
  attachment: z.union([z.coerce.number().int().min(0), z.array(z.coerce.number().int().min(0))]).transform((v) => (Array.isArray(v) ? v : [v])),
});

/** A queued attachment's bytes, stored when the mail was queued; missing bytes are an error, never an empty file. */
async function readQueuedAttachment(tx: Tx, dataDir: string, sha256: string): Promise<Buffer> {
  const bytes = await fileStoreFor({ dataDir }, tx).get(sha256);
  if (!bytes) throw new Error(`queued attachment missing from the file store: ${sha256}`);
  return bytes;
}

/**
 * The secretariat accepts attachments of a queued mail as submitted contributions of this activity (for its next
 * open meeting; the deadline is not applied: accepting is the secretariat's decision). The sender gets a receipt.
 * Side effects: documents, the queue row marked accepted, `document.created` and `mail_in.accepted` events, a mail.
 */
export async function acceptQueuedMail(db: Db, actor: Actor, activity: ActivityRow, queueId: number, input: z.output<typeof acceptMailInput>, context: { locale: Locale; baseUrl: string; dataDir: string }): Promise<number[]> {
  return db.transaction(async (tx) => {
    const row = await lockQueued(tx, actor, activity, queueId, context.locale);
    const chosen = [...new Set(input.attachment)].map((i) => row.attachments[i]);
    if (!chosen.length || chosen.some((a) => !a || a.refused || !a.sha256)) {
      const message = documentMessages(context.locale).attachmentNotQueued;
      throw new AppError('validation_failed', message, { fields: { attachment: message } });
    }
    const [meeting] = (await openMeetings(tx, activity.id)).filter((m) => m.endsAt.getTime() >= Date.now());
    const created: { id: number; title: string; fileName: string; late: boolean }[] = [];
    for (const a of chosen as QueuedAttachment[]) {
      // A DOCX made from the template names its own title, source, purpose and contact.
      const cover = a.contentType === contentTypes.docx ? (await checkCoverPage(await readQueuedAttachment(tx, context.dataDir, a.sha256), context.locale, a.fileName)).cover : null;
      const title = cover?.title || (chosen.length === 1 && row.subject.trim()) || a.fileName;
      const document = await createDocument(tx, actor, {
        activityId: activity.id,
        kind: 'contribution',
        meetingId: meeting?.id ?? null,
        title: title.slice(0, 500),
        source: cover?.source,
        purpose: cover?.purpose,
        contact: cover?.contact,
        access: 'public',
        files: [a],
        origin: 'mail',
        submittedByEmail: row.fromAddress || null,
        submittedByUserId: null,
        locale: context.locale,
      });
      created.push({ id: document.id, title, fileName: a.fileName, late: false });
    }
    await tx
      .update(mailInQueue)
      .set({ status: 'accepted', activityId: activity.id, documentId: created[0]!.id, decidedByUserId: actor.kind === 'user' ? actor.userId : null, decidedAt: new Date() })
      .where(eq(mailInQueue.id, queueId));
    await recordEvent(tx, actor, {
      kind: 'mail_in.accepted',
      subjectType: 'mail_in',
      subjectId: queueId,
      activityId: activity.id,
      summary: `${actorLabel(actor)} accepted ${created.length} attachment(s) of the mail from ${row.fromAddress} as contributions`,
      after: { documentIds: created.map((c) => c.id) },
    });
    if (row.fromAddress) await sendReceipt(tx, activity, { address: row.fromAddress, name: row.fromName, locale: 'en' }, created, [], context.baseUrl);
    return created.map((c) => c.id);
  });
}

/** The secretariat discards a queued mail. Side effects: the row marked discarded, a `mail_in.discarded` event. */
export async function discardQueuedMail(db: Db, actor: Actor, activity: ActivityRow, queueId: number, locale: Locale): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockQueued(tx, actor, activity, queueId, locale);
    await tx
      .update(mailInQueue)
      .set({ status: 'discarded', decidedByUserId: actor.kind === 'user' ? actor.userId : null, decidedAt: new Date() })
      .where(eq(mailInQueue.id, queueId));
    await recordEvent(tx, actor, {
      kind: 'mail_in.discarded',
      subjectType: 'mail_in',
      subjectId: queueId,
      activityId: activity.id,
      summary: `${actorLabel(actor)} discarded the mail from ${row.fromAddress || 'an unknown sender'}: ${row.subject}`,
      before: { status: 'pending' },
      after: { status: 'discarded' },
    });
  });
}
