// Documents: the only code that writes documents, document_files and document_counters. Other modules (liaisons,
// meeting reports, agendas) call createDocument inside their own transaction and list documents through here.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inList, rowFromJson } from '../../db/bulk.ts';
import type { Tx } from '../../db/engine.ts';
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { CheckedFile, FileKind } from '../../platform/files.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { optionalText, parseInput, requiredText, rowId } from '../../platform/validation.ts';
import { cachedRead } from '../../platform/read-cache.ts';
import { activities, agendaItems, meetings } from '../../db/schema.ts';
import { documentMessages } from './messages.ts';
import { documentLabel, formatNumber, takeNextSequence } from './numbering.ts';
import { canDocument } from './policy.ts';
import {
  type DocumentAccess,
  documentAccessLevels,
  documentFiles,
  type DocumentKind,
  documentKinds,
  type DocumentOrigin,
  documents,
  type DocumentStatus,
  mailInQueue,
  externallyNumberedKinds,
} from './schema.ts';

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentFileRow = typeof documentFiles.$inferSelect;
type ActivityRow = typeof activities.$inferSelect;

/** The file types a document may carry (checked from the bytes by checkUpload). */
export const documentFileKinds = ['pdf', 'docx', 'pptx', 'xlsx', 'txt', 'zip'] as const satisfies readonly FileKind[];
/** More files than this on one revision is a mistake, not a document. */
export const maxFilesPerRevision = 20;

export const documentMetadata = z.object({
  title: requiredText(500),
  source: optionalText(500),
  authors: optionalText(1000),
  purpose: optionalText(500),
  contact: optionalText(500),
  abstract: optionalText(10_000),
  access: z.enum(documentAccessLevels).default('public'),
});

/** What a document row needs of a file: a CheckedFile, or a file already stored (a queued mail's attachment). */
export type DocumentFileInput = Pick<CheckedFile, 'fileName' | 'contentType' | 'size' | 'sha256'>;

export type CreateDocumentInput = {
  activityId: number;
  kind: DocumentKind;
  meetingId?: number | null;
  title: string;
  source?: string | null;
  authors?: string | null;
  purpose?: string | null;
  contact?: string | null;
  abstract?: string | null;
  agendaItemId?: number | null;
  access: DocumentAccess;
  files: DocumentFileInput[];
  late?: boolean;
  /** contributions default to 'submitted' (the secretariat numbers them), every other kind to 'published' (numbered now) */
  status?: 'submitted' | 'published';
  origin?: DocumentOrigin;
  /** the sender of a mailed contribution */
  submittedByEmail?: string | null;
  /** the Message-ID of the mail it came in, kept in the event so a redelivered mail is recognised */
  messageId?: string | null;
  /** who submitted it, when it is not the actor (a mailed contribution from a member with an account) */
  submittedByUserId?: number | null;
  /** the number given elsewhere, for a kind numbered in another series (a TSB circular): required for those, refused for others */
  externalNumber?: string;
  locale?: Locale;
};

export type CreatedDocument = { id: number; number: string | null };

async function activityById(tx: Tx, activityId: number): Promise<ActivityRow> {
  const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId));
  if (!activity) throw notFound();
  return activity;
}

/** The meeting and agenda item must belong to the activity (and the item to the meeting). */
async function checkPlacement(tx: Tx, activityId: number, meetingId: number | null, agendaItemId: number | null, locale: Locale) {
  const m = documentMessages(locale);
  if (meetingId !== null) {
    const [meeting] = await tx.select({ activityId: meetings.activityId }).from(meetings).where(eq(meetings.id, meetingId));
    if (!meeting || meeting.activityId !== activityId) throw invalid({ meetingId: m.meetingNotInActivity }, m.meetingNotInActivity);
  }
  if (agendaItemId !== null) {
    if (meetingId === null) throw invalid({ agendaItemId: m.agendaItemNeedsMeeting }, m.agendaItemNeedsMeeting);
    const [item] = await tx.select({ meetingId: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, agendaItemId));
    if (!item || item.meetingId !== meetingId) throw invalid({ agendaItemId: m.agendaItemNotInMeeting }, m.agendaItemNotInMeeting);
  }
}

function checkFileNames(files: DocumentFileInput[], locale: Locale) {
  const m = documentMessages(locale);
  if (files.length > maxFilesPerRevision) throw invalid({ files: m.tooManyFiles(maxFilesPerRevision) }, m.tooManyFiles(maxFilesPerRevision));
  const seen = new Set<string>();
  for (const file of files) {
    const key = file.fileName.toLowerCase();
    if (seen.has(key)) throw invalid({ files: m.duplicateFileName(file.fileName) }, m.duplicateFileName(file.fileName));
    seen.add(key);
  }
}

const blank = (v: string | null | undefined) => (v ?? '').trim();

/**
 * Creates a document with its files (revision 0) in the caller's transaction. A published document takes the next
 * number of its (activity, kind) now; a submitted contribution gets one when the secretariat assigns it. Checks that
 * the meeting and agenda item belong to the activity; it does NOT check who may create it: callers do (submission,
 * the secretariat's form, a liaison statement's own rules). The files' bytes must be stored by the caller with
 * `storeFilesWith({ db, dataDir }, files, (db) => db.transaction(tx => createDocument(tx, …)))`.
 * Side effects: one documents row, one document_files row per file, the counter row, a `document.created` event.
 */
export async function createDocument(tx: Tx, actor: Actor, input: CreateDocumentInput): Promise<CreatedDocument> {
  const locale = input.locale ?? 'en';
  const activity = await activityById(tx, input.activityId);
  const meetingId = input.meetingId ?? null;
  const agendaItemId = input.agendaItemId ?? null;
  if (!documentKinds.includes(input.kind)) throw invalid({ kind: documentMessages(locale).fields.kind });
  const metadata = parseInput(documentMetadata, { ...input, files: undefined }, locale);
  await checkPlacement(tx, activity.id, meetingId, agendaItemId, locale);
  checkFileNames(input.files, locale);
  const status: DocumentStatus = input.status ?? (input.kind === 'contribution' ? 'submitted' : 'published');
  const now = new Date();
  let sequence: number | null = null;
  let number: string | null = null;
  const external = externallyNumberedKinds.includes(input.kind);
  // A programming error, not a user's: the calling module decides the kind and whether a number comes with it.
  if (external !== (input.externalNumber !== undefined)) throw new Error(`kind ${input.kind} ${external ? 'needs' : 'takes no'} external number`);
  if (status === 'published' && input.externalNumber !== undefined) number = input.externalNumber;
  else if (status === 'published') {
    sequence = await takeNextSequence(tx, activity.id, input.kind);
    number = formatNumber(activity.acronym, input.kind, sequence);
  }
  const submittedByUserId = input.submittedByUserId !== undefined ? input.submittedByUserId : actor.kind === 'user' ? actor.userId : null;
  const [row] = await tx
    .insert(documents)
    .values({
      activityId: activity.id,
      meetingId,
      kind: input.kind,
      sequence,
      number,
      revision: 0,
      title: metadata.title,
      source: blank(metadata.source),
      authors: blank(metadata.authors),
      purpose: blank(metadata.purpose),
      contact: blank(metadata.contact),
      abstract: blank(metadata.abstract),
      agendaItemId,
      access: metadata.access,
      status,
      late: input.late ?? false,
      origin: input.origin ?? 'web',
      submittedByUserId,
      submittedByEmail: input.submittedByEmail ?? null,
      publishedAt: status === 'published' ? now : null,
    })
    .returning();
  const document = row!;
  await insertFiles(tx, actor, document.id, 0, input.files);
  await recordEvent(tx, actor, {
    kind: 'document.created',
    subjectType: 'document',
    subjectId: document.id,
    activityId: activity.id,
    summary: `${actorLabel(actor)} ${status === 'published' ? 'published' : 'submitted'} ${input.kind} ${number ?? `#${document.id}`}: ${document.title}${document.late ? ' (late)' : ''}`,
    after: {
      kind: document.kind,
      number,
      title: document.title,
      meetingId,
      agendaItemId,
      access: document.access,
      status,
      late: document.late,
      origin: document.origin,
      files: input.files.map((f) => f.fileName),
      ...(input.messageId ? { messageId: input.messageId } : {}),
    },
  });
  return { id: document.id, number };
}

async function insertFiles(tx: Tx, actor: Actor, documentId: number, revision: number, files: DocumentFileInput[]) {
  if (!files.length) return;
  await tx.insert(documentFiles).values(
    files.map((f) => ({
      documentId,
      revision,
      fileName: f.fileName,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      uploadedByUserId: actor.kind === 'user' ? actor.userId : null,
    })),
  );
}

/** Locks the document row for a state change; not found when it is not in this activity. */
async function lockDocument(tx: Tx, activityId: number, documentId: number): Promise<DocumentRow> {
  const [row] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.activityId, activityId)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

export const assignInput = z.object({ agendaItemId: z.preprocess((v) => (v === '' ? null : v), rowId().nullable()).optional() });
export type AssignInput = z.output<typeof assignInput>;

/**
 * The secretariat numbers a submitted contribution: it takes the next contribution number of the activity (at this
 * moment, so the published series has no hole for a submission that was never registered) and sets its agenda item.
 * Side effects: the document becomes published with its number, the counter moves on, a `document.numbered` event.
 */
export async function assignNumber(tx: Tx, actor: Actor, activityId: number, documentId: number, input: AssignInput, locale: Locale): Promise<CreatedDocument> {
  const activity = await activityById(tx, activityId);
  const m = documentMessages(locale);
  const document = await lockDocument(tx, activityId, documentId);
  if (!canDocument(actor, 'manage', activity, document)) throw new AppError('forbidden');
  if (document.kind !== 'contribution') throw new AppError('conflict', m.notAContribution);
  if (document.status === 'withdrawn') throw new AppError('conflict', m.withdrawnDocument);
  if (document.number) throw new AppError('conflict', m.alreadyNumbered(documentLabel(document)!));
  const agendaItemId = input.agendaItemId === undefined ? document.agendaItemId : input.agendaItemId;
  await checkPlacement(tx, activityId, document.meetingId, agendaItemId, locale);
  const sequence = await takeNextSequence(tx, activityId, 'contribution');
  const number = formatNumber(activity.acronym, 'contribution', sequence);
  await tx
    .update(documents)
    .set({ sequence, number, status: 'published', agendaItemId, publishedAt: new Date(), updatedAt: new Date() })
    .where(eq(documents.id, documentId));
  await recordEvent(tx, actor, {
    kind: 'document.numbered',
    subjectType: 'document',
    subjectId: documentId,
    activityId,
    summary: `${actorLabel(actor)} numbered contribution #${documentId} as ${number}`,
    before: { status: document.status, agendaItemId: document.agendaItemId },
    after: { status: 'published', number, agendaItemId },
  });
  return { id: documentId, number };
}

/** Links a document to an agenda item of its meeting (secretariat, chairs) or changes who may read it (secretariat). */
export const placementInput = z.object({
  agendaItemId: z.preprocess((v) => (v === '' ? null : v), rowId().nullable()).optional(),
  access: z.enum(documentAccessLevels).optional(),
});

export async function updatePlacement(tx: Tx, actor: Actor, activityId: number, documentId: number, input: z.output<typeof placementInput>, locale: Locale): Promise<void> {
  const activity = await activityById(tx, activityId);
  const document = await lockDocument(tx, activityId, documentId);
  if (!canDocument(actor, 'read', activity, document)) throw notFound();
  const changesAccess = input.access !== undefined && input.access !== document.access;
  if (!canDocument(actor, changesAccess ? 'manage' : 'place', activity, document)) throw new AppError('forbidden');
  const next = {
    agendaItemId: input.agendaItemId === undefined ? document.agendaItemId : input.agendaItemId,
    access: input.access ?? document.access,
  };
  await checkPlacement(tx, activityId, document.meetingId, next.agendaItemId, locale);
  if (next.agendaItemId === document.agendaItemId && next.access === document.access) return;
  await tx.update(documents).set({ ...next, updatedAt: new Date() }).where(eq(documents.id, documentId));
  await recordEvent(tx, actor, {
    kind: 'document.updated',
    subjectType: 'document',
    subjectId: documentId,
    activityId,
    summary: `${actorLabel(actor)} changed ${documentLabel(document) ?? `#${documentId}`}`,
    before: { agendaItemId: document.agendaItemId, access: document.access },
    after: next,
  });
}

/**
 * A new revision (-R1, -R2…) with its own files; earlier revisions and their files stay. The submitter of a
 * contribution or the secretariat may revise. Side effects: revision + 1, file rows, a `document.revised` event.
 */
export async function addRevision(tx: Tx, actor: Actor, activityId: number, documentId: number, files: CheckedFile[], locale: Locale): Promise<{ label: string }> {
  const activity = await activityById(tx, activityId);
  const m = documentMessages(locale);
  const document = await lockDocument(tx, activityId, documentId);
  if (!canDocument(actor, 'read', activity, document)) throw notFound();
  if (!canDocument(actor, 'revise', activity, document)) throw new AppError('forbidden');
  if (document.status === 'withdrawn') throw new AppError('conflict', m.withdrawnDocument);
  if (!files.length) throw invalid({ file: m.fileRequired }, m.fileRequired);
  checkFileNames(files, locale);
  const revision = document.revision + 1;
  await tx.update(documents).set({ revision, updatedAt: new Date() }).where(eq(documents.id, documentId));
  await insertFiles(tx, actor, documentId, revision, files);
  const label = documentLabel({ number: document.number, revision }) ?? `#${documentId} R${revision}`;
  await recordEvent(tx, actor, {
    kind: 'document.revised',
    subjectType: 'document',
    subjectId: documentId,
    activityId,
    summary: `${actorLabel(actor)} uploaded revision ${label}`,
    before: { revision: document.revision },
    after: { revision, files: files.map((f) => f.fileName) },
  });
  return { label };
}

/** Withdraws a document: it keeps its number (the series shows the hole as withdrawn) and leaves the lists. */
export async function withdrawDocument(tx: Tx, actor: Actor, activityId: number, documentId: number, locale: Locale): Promise<void> {
  const activity = await activityById(tx, activityId);
  const document = await lockDocument(tx, activityId, documentId);
  if (!canDocument(actor, 'read', activity, document)) throw notFound();
  if (!canDocument(actor, 'revise', activity, document)) throw new AppError('forbidden');
  if (document.status === 'withdrawn') throw new AppError('conflict', documentMessages(locale).withdrawnDocument);
  await tx.update(documents).set({ status: 'withdrawn', withdrawnAt: new Date(), updatedAt: new Date() }).where(eq(documents.id, documentId));
  await recordEvent(tx, actor, {
    kind: 'document.withdrawn',
    subjectType: 'document',
    subjectId: documentId,
    activityId,
    summary: `${actorLabel(actor)} withdrew ${documentLabel(document) ?? `#${documentId}`}`,
    before: { status: document.status },
    after: { status: 'withdrawn' },
  });
}

// ---- Reading ----------------------------------------------------------------------------------------------------

/** A document as lists and pages show it: its row, its label, its meeting's number and its current files. */
export type DocumentSummary = DocumentRow & {
  label: string | null;
  meetingNumber: number | null;
  activityAcronym: string;
  files: DocumentFileRow[];
};

export type DocumentFilter = { kind?: DocumentKind; meetingId?: number; q?: string; includeSubmitted?: boolean };

/** The current revision's files of each document, by document id. */
async function currentFiles(tx: Tx, rows: DocumentRow[]): Promise<Map<number, DocumentFileRow[]>> {
  const byDocument = new Map<number, DocumentFileRow[]>();
  if (!rows.length) return byDocument;
  const files = await tx
    .select()
    .from(documentFiles)
    .where(inList(documentFiles.documentId, rows.map((r) => r.id)))
    .orderBy(asc(documentFiles.id));
  const revisionOf = new Map(rows.map((r) => [r.id, r.revision]));
  for (const file of files) {
    if (file.revision !== revisionOf.get(file.documentId)) continue;
    const list = byDocument.get(file.documentId) ?? [];
    list.push(file);
    byDocument.set(file.documentId, list);
  }
  return byDocument;
}

async function summarise(tx: Tx, rows: { document: DocumentRow; meetingNumber: number | null; acronym: string }[]): Promise<DocumentSummary[]> {
  const files = await currentFiles(tx, rows.map((r) => r.document));
  return rows.map((r) => ({
    ...r.document,
    label: documentLabel(r.document),
    meetingNumber: r.meetingNumber,
    activityAcronym: r.acronym,
    files: files.get(r.document.id) ?? [],
  }));
}

/**
 * The documents of an activity the viewer may read, by kind then number: published and withdrawn ones by their access
 * level, submitted contributions for the secretariat and their submitter. Filters by kind, meeting and words.
 */
export async function listActivityDocuments(tx: Tx, viewer: Actor, activity: ActivityRow, filter: DocumentFilter = {}): Promise<DocumentSummary[]> {
  if (!canDocument(viewer, 'read', activity)) throw notFound();
  const words = filter.q?.trim();
  // Lists without words are the pages people open again and again (a meeting's tab, the activity's list): kept until
  // the next change. A search by words is read afresh, so arbitrary words do not fill the cache.
  const all = words
    ? await readActivityDocuments(tx, activity.id, filter, words)
    : await cachedRead(tx, `documents:${activity.id}:${filter.meetingId ?? ''}:${filter.kind ?? ''}`, () => readActivityDocuments(tx, activity.id, filter));
  return all.filter((d) => canDocument(viewer, 'read', activity, d));
}

async function readActivityDocuments(tx: Tx, activityId: number, filter: DocumentFilter, words?: string): Promise<DocumentSummary[]> {
  // As JSON values (rowFromJson says why), in one round trip: the documents, their current revision's files, and the
  // numbers of the activity's meetings. Three flat lists cost half of one nested list's per-document subqueries.
  const like = words ? `%${escapeLike(words)}%` : undefined;
  const chosen = sql`d.activity_id = ${activityId}
    ${filter.kind ? sql`and d.kind = ${filter.kind}` : sql``}
    ${filter.meetingId ? sql`and d.meeting_id = ${filter.meetingId}` : sql``}
    ${like ? sql`and (d.title ilike ${like} or d.source ilike ${like} or d.number ilike ${like})` : sql``}`;
  const result = (await tx.execute(sql`select
    (select coalesce(json_agg(d order by d.kind, d.sequence, d.id), '[]')::text from ${documents} d where ${chosen}) as documents,
    (select coalesce(json_agg(f order by f.id), '[]')::text from ${documentFiles} f join ${documents} d on d.id = f.document_id and d.revision = f.revision where ${chosen}) as files,
    (select coalesce(json_agg(json_build_array(m.id, m.number)), '[]')::text from ${meetings} m where m.activity_id = ${activityId}) as meetings,
    (select acronym from ${activities} where id = ${activityId}) as acronym`)) as unknown as {
    rows: { documents: string; files: string; meetings: string; acronym: string }[];
  };
  const [row] = result.rows;
  if (!row) return [];
  const filesOf = new Map<number, DocumentFileRow[]>();
  for (const raw of JSON.parse(row.files) as Record<string, unknown>[]) {
    const file = rowFromJson(documentFiles, raw);
    const list = filesOf.get(file.documentId);
    if (list) list.push(file);
    else filesOf.set(file.documentId, [file]);
  }
  const meetingNumbers = new Map(JSON.parse(row.meetings) as [number, number][]);
  return (JSON.parse(row.documents) as Record<string, unknown>[]).map((raw) => {
    const document = rowFromJson(documents, raw);
    // The row is this function's own: completed in place rather than copied (300 copies showed in the profile).
    return Object.assign(document, {
      label: documentLabel(document),
      meetingNumber: document.meetingId === null ? null : (meetingNumbers.get(document.meetingId) ?? null),
      activityAcronym: row.acronym,
      files: filesOf.get(document.id) ?? [],
    });
  });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The documents of one meeting the viewer may read (what the meeting's Documents tab, the ZIP and the report show). */
export async function listMeetingDocuments(tx: Tx, meetingId: number, options: { viewer: Actor; kind?: DocumentKind }): Promise<DocumentSummary[]> {
  const [activity] = await cachedRead(tx, `meeting-activity:${meetingId}`, () =>
    tx.select({ activity: activities }).from(meetings).innerJoin(activities, eq(activities.id, meetings.activityId)).where(eq(meetings.id, meetingId)),
  ).then((rows) => rows.map((r) => r.activity));
  if (!activity) return [];
  if (!canDocument(options.viewer, 'read', activity)) return [];
  return listActivityDocuments(tx, options.viewer, activity, { meetingId, kind: options.kind });
}

/** One document of the activity with all its files (every revision), if the viewer may read it; otherwise not found. */
export async function getDocument(tx: Tx, viewer: Actor, activity: ActivityRow, documentId: number): Promise<DocumentSummary & { allFiles: DocumentFileRow[] }> {
  const [row] = await tx
    .select({ document: documents, meetingNumber: meetings.number, acronym: activities.acronym })
    .from(documents)
    .innerJoin(activities, eq(activities.id, documents.activityId))
    .leftJoin(meetings, eq(meetings.id, documents.meetingId))
    .where(and(eq(documents.id, documentId), eq(documents.activityId, activity.id)));
  if (!row || !canDocument(viewer, 'read', activity, row.document)) throw notFound();
  const [summary] = await summarise(tx, [row]);
  const allFiles = await tx
    .select()
    .from(documentFiles)
    .where(eq(documentFiles.documentId, documentId))
    .orderBy(desc(documentFiles.revision), asc(documentFiles.id));
  return { ...summary!, allFiles };
}

/** One file of a readable document (any revision), for a download. */
export async function getDocumentFile(tx: Tx, viewer: Actor, activity: ActivityRow, documentId: number, fileId: number): Promise<{ document: DocumentSummary; file: DocumentFileRow }> {
  const document = await getDocument(tx, viewer, activity, documentId);
  const file = document.allFiles.find((f) => f.id === fileId);
  if (!file) throw notFound();
  return { document, file };
}

/** The newest published public documents of a public activity, for the Atom feed: what a stranger may read. */
export async function latestPublicDocuments(tx: Tx, activity: ActivityRow, limit = 50): Promise<DocumentSummary[]> {
  if (activity.visibility !== 'public') return [];
  const rows = await tx
    .select({ document: documents, meetingNumber: meetings.number, acronym: activities.acronym })
    .from(documents)
    .innerJoin(activities, eq(activities.id, documents.activityId))
    .leftJoin(meetings, eq(meetings.id, documents.meetingId))
    .where(and(eq(documents.activityId, activity.id), eq(documents.status, 'published'), eq(documents.access, 'public')))
    .orderBy(desc(documents.publishedAt), desc(documents.id))
    .limit(limit);
  return summarise(tx, rows);
}

/** Contributions waiting for their number (the secretariat's to-do), oldest first. */
export async function listAwaitingNumber(tx: Tx, activityId: number): Promise<DocumentRow[]> {
  return tx
    .select()
    .from(documents)
    .where(and(eq(documents.activityId, activityId), eq(documents.status, 'submitted'), isNull(documents.number)))
    .orderBy(asc(documents.id));
}

// ---- Addresses --------------------------------------------------------------------------------------------------

const activityBase = (activity: { acronym: string }) => `/activities/${encodeURIComponent(activity.acronym)}`;

/** The document's page. */
export function documentPath(activity: { acronym: string }, document: { id: number }): string {
  return `${activityBase(activity)}/documents/${document.id}`;
}

/** A file's download address; the file name at the end is for people reading the link (the id decides). */
export function documentFilePath(activity: { acronym: string }, document: { id: number }, file: { id: number; fileName: string }): string {
  return `${documentPath(activity, document)}/files/${file.id}/${encodeURIComponent(file.fileName)}`;
}

export function activityDocumentsPath(activity: { acronym: string }): string {
  return `${activityBase(activity)}/documents`;
}

export function meetingDocumentsPath(activity: { acronym: string }, meeting: { number: number }): string {
  return `${activityBase(activity)}/meetings/${meeting.number}/documents`;
}


/**
 * Which of these stored files (sha256) a document or a mail waiting in the mail-in queue holds: the documents module's
 * answer to the platform's question after a crash (platform/file-store.ts finishInterruptedFiles).
 */
export async function documentFilesAmong(tx: Tx, sha256s: readonly string[]): Promise<string[]> {
  const wanted = sql`(select jsonb_array_elements_text(${JSON.stringify(sha256s)}::jsonb))`;
  const rows = (await tx.execute(sql`
    select ${documentFiles.sha256} as sha256 from ${documentFiles} where ${documentFiles.sha256} in ${wanted}
    union
    select a->>'sha256' from ${mailInQueue}, jsonb_array_elements(${mailInQueue.attachments}) a where a->>'sha256' in ${wanted}`)) as unknown as {
    rows: { sha256: string }[];
  };
  return rows.rows.map((r) => r.sha256);
}
