// Circulars kept as drafts, then issued: the only code that writes the circulars table. A draft is written from the
// records in English and French at once (TSB issues every circular in both), reworded by the secretariat or the chairs,
// issued by the secretariat under TSB's number as a document of the activity (DOCX and PDF in both languages), and
// perhaps sent to the activity's list with its PDFs.
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { documentFiles, importantDates, meetings } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { renderDocx } from '../../platform/documents/docx.ts';
import { renderPdf } from '../../platform/documents/pdf-file.ts';
import { AppError, type FieldErrors, forbidden, invalid, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { type CheckedFile, writtenFile } from '../../platform/files.ts';
import { fileStoreFor, storeFilesWith } from '../../platform/file-store.ts';
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import type { Activity } from '../activities/index.ts';
import { createDocument } from '../documents/index.ts';
import { sendAnnouncement } from '../mailing-lists/index.ts';
import { applyEdit, type CircularEditInput, changedParts, missingMarks, withReference } from './circular-text.ts';
import type { MeetingChoice } from './facts.ts';
import { circularModel, generateCircular } from './generate.ts';
import { generatorMessages } from './generator-messages.ts';
import { circularMessages } from './messages.ts';
import { canCirculars } from './policy.ts';
import { type CircularKind, circulars, type CircularText, type CircularTexts } from './schema.ts';

export type Circular = typeof circulars.$inferSelect;
export const languages = ['en', 'fr'] as const satisfies readonly Locale[];

/** TSB's number as the secretariat types it ("68", "68 Rev.1"): the digits and words a number is written with. */
export const issueInput = z.object({ number: z.string().trim().max(20).optional().default('') });
const numberPattern = /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u;

/** The number the issued circular's document carries in the activity's list: TSB's own, as TSB cites it. */
export const documentNumberOf = (tsbNumber: string) => generatorMessages('en').reference(tsbNumber);

function allow(actor: Actor, action: 'draft' | 'issue', activity: Activity) {
  if (!canCirculars(actor, 'draft', activity)) throw forbidden();
  if (!canCirculars(actor, action, activity)) throw forbidden();
}

/**
 * Starts a draft: the circular of this kind written from the records in both languages, about the chosen meeting.
 * Side effects: a circulars row (status draft), a `circular.drafted` event.
 */
export async function startCircular(db: Db, actor: Actor, activity: Activity, input: { kind: CircularKind; meeting: MeetingChoice; date: string }): Promise<Circular> {
  allow(actor, 'draft', activity);
  return db.transaction(async (tx) => {
    const texts = {} as CircularTexts;
    for (const locale of languages) texts[locale] = await generateCircular(tx, activity, { kind: input.kind, locale, meeting: input.meeting, date: input.date });
    const meetingNumber = texts.en.meetingNumber;
    const [meeting] = meetingNumber === null ? [] : await tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.activityId, activity.id), eq(meetings.number, meetingNumber)));
    const [row] = await tx.insert(circulars).values({ activityId: activity.id, kind: input.kind, meetingId: meeting?.id ?? null, texts }).returning();
    await recordEvent(tx, actor, {
      kind: 'circular.drafted',
      subjectType: 'circular',
      subjectId: row!.id,
      activityId: activity.id,
      summary: `Circular drafted for ${activity.acronym}: ${texts.en.subject}`,
      after: { kind: input.kind, meeting: meetingNumber, subject: texts.en.subject, missing: [...new Set([...texts.en.missing, ...texts.fr.missing])].length },
    });
    return row!;
  });
}

/** The activity's circulars, newest first, for those who draft them. */
export async function listCirculars(tx: Tx, actor: Actor, activity: Activity): Promise<Circular[]> {
  allow(actor, 'draft', activity);
  return tx.select().from(circulars).where(eq(circulars.activityId, activity.id)).orderBy(desc(circulars.createdAt), desc(circulars.id));
}

/** One circular of the activity; not found when it belongs to another. */
export async function getCircular(tx: Tx, actor: Actor, activity: Activity, id: number): Promise<Circular> {
  allow(actor, 'draft', activity);
  const [row] = await tx.select().from(circulars).where(and(eq(circulars.id, id), eq(circulars.activityId, activity.id)));
  if (!row) throw notFound();
  return row;
}

async function lockDraft(tx: Tx, activity: Activity, id: number, locale: Locale): Promise<Circular> {
  const [row] = await tx.select().from(circulars).where(and(eq(circulars.id, id), eq(circulars.activityId, activity.id))).for('update');
  if (!row) throw notFound();
  if (row.status === 'issued') throw new AppError('conflict', circularMessages(locale).alreadyIssued(row.tsbNumber ?? ''));
  return row;
}

/**
 * Saves a person's wording of one language of a draft (secretariat, chairs, vice-chairs). Refused once issued, and
 * when the form was written for another shape of the draft (its paragraphs counted differently).
 * Side effects: the language's text replaced, a `circular.edited` event with each changed part before and after.
 */
export async function saveCircularText(db: Db, actor: Actor, activity: Activity, id: number, language: Locale, edit: CircularEditInput, locale: Locale): Promise<Circular> {
  allow(actor, 'draft', activity);
  return db.transaction(async (tx) => {
    const row = await lockDraft(tx, activity, id, locale);
    const before = row.texts[language];
    const applied = applyEdit(before, edit);
    if ('mismatch' in applied) throw new AppError('conflict', circularMessages(locale).editMismatch);
    const changed = changedParts(before, applied.text);
    if (!changed) return row;
    const [saved] = await tx
      .update(circulars)
      .set({ texts: { ...row.texts, [language]: applied.text }, updatedAt: new Date() })
      .where(eq(circulars.id, id))
      .returning();
    await recordEvent(tx, actor, {
      kind: 'circular.edited',
      subjectType: 'circular',
      subjectId: id,
      activityId: activity.id,
      summary: `Circular #${id} of ${activity.acronym} reworded (${language}): ${Object.keys(changed.after).join(', ')}`,
      before: { language, ...changed.before },
      after: { language, ...changed.after },
    });
    return saved!;
  });
}

/**
 * Writes one language of a draft again from the records, as they are now (the facts completed since it was kept), for
 * its kind and meeting; the place and date stay as the draft has them. The language's rewording is lost: the page says
 * so on the button. Side effects: the language's text replaced, a `circular.rewritten` event naming what still lacks.
 */
export async function rewriteCircularText(db: Db, actor: Actor, activity: Activity, id: number, language: Locale, locale: Locale): Promise<Circular> {
  allow(actor, 'draft', activity);
  return db.transaction(async (tx) => {
    const row = await lockDraft(tx, activity, id, locale);
    const before = row.texts[language];
    const [meeting] = row.meetingId ? await tx.select({ number: meetings.number }).from(meetings).where(eq(meetings.id, row.meetingId)) : [];
    const written = await generateCircular(tx, activity, { kind: row.kind, locale: language, meeting: meeting ? meeting.number : before.meetingNumber === null ? 'none' : before.meetingNumber });
    const text = { ...written, placeAndDate: before.placeAndDate };
    const [saved] = await tx
      .update(circulars)
      .set({ texts: { ...row.texts, [language]: text }, updatedAt: new Date() })
      .where(eq(circulars.id, id))
      .returning();
    await recordEvent(tx, actor, {
      kind: 'circular.rewritten',
      subjectType: 'circular',
      subjectId: id,
      activityId: activity.id,
      summary: `Circular #${id} of ${activity.acronym} written again from the records (${language})`,
      before: { language, missing: before.missing.length },
      after: { language, missing: text.missing.length },
    });
    return saved!;
  });
}

/** The letter of one language as a file: what the draft's downloads and the issued document carry. */
export async function circularFile(text: CircularText, format: 'docx' | 'pdf'): Promise<Buffer> {
  const model = circularModel(text);
  return format === 'docx' ? renderDocx(model) : renderPdf(model);
}

/**
 * What stops a circular from being issued, by field: no number or one TSB has already used (here, for this or another
 * activity), the meeting gone or its city or contributions deadline missing from the records (its dates are required
 * by the meetings module), and facts still marked as missing in either language once the number is in. Empty when it
 * may be issued.
 */
async function issueProblems(tx: Tx, row: Circular, number: string, locale: Locale): Promise<{ errors: FieldErrors; texts: CircularTexts }> {
  const m = circularMessages(locale);
  const errors: FieldErrors = {};
  if (!number) errors.number = m.numberRequired;
  else if (!numberPattern.test(number)) errors.number = m.numberFormat;
  else {
    const [used] = await tx.select({ id: circulars.id, activityId: circulars.activityId }).from(circulars).where(eq(circulars.tsbNumber, number));
    if (used) errors.number = m.numberUsed(number);
  }
  const meetingFacts: string[] = [];
  const meetingNumber = row.texts.en.meetingNumber;
  if (meetingNumber !== null || row.kind === 'convene') {
    const [meeting] = row.meetingId ? await tx.select().from(meetings).where(eq(meetings.id, row.meetingId)) : [];
    if (!meeting) meetingFacts.push(m.meetingFacts.meeting);
    else {
      if (!meeting.city?.trim()) meetingFacts.push(m.meetingFacts.place);
      const [deadline] = await tx.select({ id: importantDates.id }).from(importantDates).where(and(eq(importantDates.meetingId, meeting.id), eq(importantDates.kind, 'contribution')));
      if (!deadline) meetingFacts.push(m.meetingFacts.deadline);
    }
  }
  if (meetingFacts.length) errors.meeting = m.meetingIncomplete(meetingFacts);
  const texts = {} as CircularTexts;
  const stillMissing: string[] = [];
  for (const language of languages) {
    texts[language] = number ? withReference(row.texts[language], generatorMessages(language).reference(number)) : row.texts[language];
    const marks = missingMarks(texts[language]).filter((what) => !(!number && what === generatorMessages(language).facts.number));
    if (marks.length) stillMissing.push(m.missingIn(language, marks));
  }
  if (stillMissing.length) errors.text = stillMissing.join(' ');
  return { errors, texts };
}

/**
 * Issues a draft under TSB's number (secretariat only): refused, with every reason named, without a number, with a
 * number already used, for a meeting the records give no date, place or contributions deadline, or while the text
 * still marks a fact as missing. The letters are written (DOCX and PDF, English and French) before the transaction and
 * stored once it commits; it refuses if the draft was reworded meanwhile.
 * Side effects: a document of kind "circular" numbered "TSB Circular <n>" with the four files (`document.created`),
 * the circular issued with its number and the document, a `circular.issued` event.
 */
export async function issueCircular(db: Db, actor: Actor, activity: Activity, id: number, input: z.output<typeof issueInput>, locale: Locale, dataDir: string): Promise<Circular> {
  allow(actor, 'issue', activity);
  const m = circularMessages(locale);
  const draft = await getCircular(db, actor, activity, id);
  if (draft.status === 'issued') throw new AppError('conflict', m.alreadyIssued(draft.tsbNumber ?? ''));
  const number = input.number;
  const { errors, texts } = await issueProblems(db, draft, number, locale);
  if (Object.keys(errors).length) throw invalid(errors, Object.values(errors).join(' '));
  const files: CheckedFile[] = [];
  const base = `${activity.acronym}-TSB-Circular-${number}`.replace(/[^\w.-]+/g, '-');
  for (const language of languages) {
    for (const format of ['docx', 'pdf'] as const) files.push(writtenFile(`${base}-${language}.${format}`, format, await circularFile(texts[language], format)));
  }
  try {
    return await storeFilesWith({ db, dataDir }, files, (withFiles) =>
      withFiles.transaction(async (tx) => {
        const row = await lockDraft(tx, activity, id, locale);
        if (row.updatedAt.getTime() !== draft.updatedAt.getTime()) throw new AppError('conflict', m.changedWhileIssuing);
        const document = await createDocument(tx, actor, {
          activityId: activity.id,
          kind: 'circular',
          externalNumber: documentNumberOf(number),
          meetingId: row.meetingId,
          title: texts.en.subject,
          source: 'TSB',
          access: 'public',
          files,
          origin: 'system',
          locale,
        });
        const now = new Date();
        const [issued] = await tx
          .update(circulars)
          .set({ status: 'issued', tsbNumber: number, documentId: document.id, texts, issuedAt: now, updatedAt: now })
          .where(eq(circulars.id, id))
          .returning();
        await recordEvent(tx, actor, {
          kind: 'circular.issued',
          subjectType: 'circular',
          subjectId: id,
          activityId: activity.id,
          summary: `${documentNumberOf(number)} issued for ${activity.acronym}: ${texts.en.subject}`,
          before: { status: 'draft' },
          after: { status: 'issued', number, document: document.number, subject: texts.en.subject },
        });
        return issued!;
      }),
    );
  } catch (error) {
    // Two secretaries issuing under one number at once: the second is told as if it had been checked first.
    if (isUniqueViolation(error)) throw invalid({ number: m.numberUsed(number) }, m.numberUsed(number));
    throw error;
  }
}

/** The letter as plain text, for the mail that carries it to the list (the PDFs are attached). */
export function plainLetter(text: CircularText): string {
  const g = generatorMessages(text.locale);
  const colon = text.locale === 'fr' ? '\u202f:' : ':';
  const out = [text.placeAndDate, '', ...text.details.map((d) => `${d.label}${colon} ${d.value}`), '', `${g.labels.to}${colon}`, ...text.addressees.map((a) => `- ${a}`)];
  if (text.copies.length) out.push('', `${g.labels.copy}${colon}`, ...text.copies.map((c) => `- ${c}`));
  out.push('', `${g.labels.subject}${colon} ${text.subject}`, '', text.opening, '');
  for (const p of text.paragraphs) {
    out.push(p.number ? `${p.number}\t${p.text}` : p.text);
    for (const [date, what] of p.rows) out.push(`\t${date}\t${what}`);
    out.push('');
  }
  out.push(...text.closing);
  for (const annex of [text.annexA, text.annexB]) {
    if (!annex) continue;
    out.push('', '', annex.title, '', ...annex.items.map((i) => (i.number ? `${i.number}\t${i.text}` : i.text)));
  }
  return out.join('\n');
}

/**
 * Sends an issued circular to the activity's list (secretariat only), once: the letter in English then French as the
 * mail's text, the two PDFs attached, through the mailing lists' announcements (their fan-out job and the outbox).
 * Refused before it is issued and after it was sent. The announcement and the circular's mark are two transactions
 * (the announcements module owns its own): should the second fail, the page shows the circular unsent while its
 * announcement is in the list's archive, where the secretariat sees it before sending again.
 * Side effects: an announcement with its `announcement.sent` event and fan-out job; the circular's announcement and
 * sending time; a `circular.sent` event.
 */
export async function sendCircular(db: Db, actor: Actor, activity: Activity, id: number, locale: Locale, dataDir: string): Promise<Circular> {
  allow(actor, 'issue', activity);
  const m = circularMessages(locale);
  const row = await getCircular(db, actor, activity, id);
  if (row.status !== 'issued' || !row.tsbNumber || !row.documentId) throw new AppError('conflict', m.issueFirst);
  if (row.sentAt) throw new AppError('conflict', m.alreadySent(formatDate(row.sentAt.toISOString().slice(0, 10), locale)));
  const stored = await db.select().from(documentFiles).where(eq(documentFiles.documentId, row.documentId)).orderBy(asc(documentFiles.id));
  const store = fileStoreFor({ dataDir }, db);
  const files: CheckedFile[] = [];
  for (const f of stored.filter((f) => f.revision === 0 && f.fileName.endsWith('.pdf'))) {
    const bytes = await store.get(f.sha256);
    if (!bytes) throw new Error(`The stored file ${f.sha256} of document ${row.documentId} is missing.`);
    files.push({ fileName: f.fileName, kind: 'pdf', contentType: f.contentType, size: f.size, sha256: f.sha256, bytes });
  }
  const subject = `${documentNumberOf(row.tsbNumber)}: ${row.texts.en.subject}`;
  const announcement = await sendAnnouncement(
    db,
    actor,
    activity.id,
    { subject: subject.length > 200 ? `${subject.slice(0, 199)}…` : subject, text: `${plainLetter(row.texts.en)}\n\n\n${'='.repeat(40)}\n\n${plainLetter(row.texts.fr)}\n`, html: false },
    files,
    { dataDir },
  );
  return db.transaction(async (tx) => {
    const now = new Date();
    const [sent] = await tx.update(circulars).set({ announcementId: announcement.id, sentAt: now, updatedAt: now }).where(eq(circulars.id, id)).returning();
    await recordEvent(tx, actor, {
      kind: 'circular.sent',
      subjectType: 'circular',
      subjectId: id,
      activityId: activity.id,
      summary: `${documentNumberOf(row.tsbNumber!)} sent to the list of ${activity.acronym}`,
      after: { number: row.tsbNumber, announcement: announcement.id, attachments: files.map((f) => f.fileName) },
    });
    return sent!;
  });
}
