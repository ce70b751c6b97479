// Contributions submitted by members (form, API): the deadline rule of the meeting, the cover-page check of a DOCX,
// then createDocument with the files stored only once the row has committed. Also the secretariat's publication of
// other documents (temporary documents, reports, agendas), which are numbered at once.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import type { CheckedFile } from '../../platform/files.ts';
import { storeFilesWith } from '../../platform/file-store.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { platformMessages } from '../../platform/i18n/messages.ts';
import { optionalId, optionalText, parseInput } from '../../platform/validation.ts';
import type { Activity } from '../activities/index.ts';
import { applyDeadline, deadlineFor } from '../meetings/index.ts';
import { meetings } from '../../db/schema.ts';
import { checkCoverPage, type CoverPage } from './cover-page.ts';
import { type CreatedDocument, createDocument, documentMetadata } from './documents.ts';
import { documentMessages } from './messages.ts';
import { canDocument } from './policy.ts';
import { type DocumentKind, documentKinds, type DocumentOrigin, externallyNumberedKinds } from './schema.ts';

/** The form's fields; the title may be left out when the DOCX's cover page gives one. */
export const contributionInput = documentMetadata.extend({
  title: optionalText(500),
  meetingId: optionalId(),
  agendaItemId: optionalId(),
});
export type ContributionInput = z.output<typeof contributionInput>;

export type SubmissionContext = { dataDir: string; locale: Locale; now?: Date; origin?: DocumentOrigin };

/** Meetings that take contributions: not held, not cancelled, soonest first. */
export async function openMeetings(tx: Tx, activityId: number) {
  return tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.activityId, activityId), inArray(meetings.status, ['planned', 'announced'])))
    .orderBy(asc(meetings.startsAt));
}

/**
 * Whether something arriving now for this meeting is late, by the activity's rule; throws a conflict naming the
 * deadline when the rule is to refuse, or when the meeting is cancelled.
 */
export async function contributionLateness(tx: Tx, meetingId: number | null | undefined, at: Date, locale: Locale): Promise<{ late: boolean }> {
  if (!meetingId) return { late: false };
  const [meeting] = await tx.select({ status: meetings.status }).from(meetings).where(eq(meetings.id, meetingId));
  if (meeting?.status === 'cancelled') {
    const message = documentMessages(locale).meetingCancelled;
    throw new AppError('conflict', message, { fields: { meetingId: message } });
  }
  return applyDeadline(await deadlineFor(tx, meetingId, 'contribution'), at, locale);
}

/**
 * The cover pages of the DOCX files, or a refusal on `field` listing exactly what is missing or empty; a file the
 * archive reader refuses (a zip bomb, a forged archive) is refused with its own sentence (413 or 422).
 */
export async function requireCompleteCovers(files: CheckedFile[], field: string, locale: Locale): Promise<CoverPage | null> {
  let first: CoverPage | null = null;
  for (const file of files.filter((f) => f.kind === 'docx')) {
    const { cover, problems, refused } = await checkCoverPage(file.bytes, locale, file.fileName);
    if (refused) throw refused;
    if (problems.length) {
      const message = documentMessages(locale).coverIncomplete(problems.join('; '));
      throw invalid({ [field]: message }, message, { coverProblems: problems });
    }
    first ??= cover;
  }
  return first;
}

/**
 * A member submits a contribution: refused for those who may not submit (observers, strangers), for a cancelled
 * meeting, after the deadline when the activity refuses late ones (accepted and marked late otherwise), without a
 * file, with a DOCX whose cover page lacks a field, or with a proposed agenda item that is not on the chosen meeting's
 * agenda. The title defaults to the cover page's.
 * Side effects: the document (status submitted, no number yet), its files on disk after commit, `document.created`.
 */
export async function submitContribution(
  db: Db,
  actor: Actor,
  activity: Activity,
  rawInput: unknown,
  files: CheckedFile[],
  context: SubmissionContext,
): Promise<CreatedDocument & { late: boolean }> {
  const { locale } = context;
  const m = documentMessages(locale);
  if (!canDocument(actor, 'read', activity)) throw notFound();
  if (!canDocument(actor, 'submit', activity)) throw new AppError('forbidden');
  const input = parseInput(contributionInput, rawInput, locale);
  if (!files.length) throw invalid({ file: m.fileRequired }, m.fileRequired);
  const cover = await requireCompleteCovers(files, 'file', locale);
  const title = input.title ?? cover?.title;
  if (!title) throw invalid({ title: platformMessages(locale).validation.required });
  const now = context.now ?? new Date();
  return storeFilesWith({ db, dataDir: context.dataDir }, files, (db) =>
    db.transaction(async (tx) => {
      const { late } = await contributionLateness(tx, input.meetingId, now, locale);
      const created = await createDocument(tx, actor, {
        activityId: activity.id,
        kind: 'contribution',
        meetingId: input.meetingId ?? null,
        agendaItemId: input.agendaItemId ?? null,
        title,
        source: input.source ?? cover?.source,
        authors: input.authors,
        purpose: input.purpose ?? cover?.purpose,
        contact: input.contact ?? cover?.contact,
        abstract: input.abstract,
        access: input.access,
        files,
        late,
        origin: context.origin ?? 'web',
        locale,
      });
      return { ...created, late };
    }),
  );
}

export const publicationInput = documentMetadata.extend({
  kind: z.enum(documentKinds.filter((k) => k !== 'contribution' && !externallyNumberedKinds.includes(k)) as [DocumentKind, ...DocumentKind[]]),
  meetingId: optionalId(),
  agendaItemId: optionalId(),
});

/**
 * The secretariat publishes a document of another kind (temporary document, report, agenda, liaison statement): it is
 * numbered at once. Side effects: the document with its number, its files after commit, `document.created`.
 */
export async function publishDocument(
  db: Db,
  actor: Actor,
  activity: Activity,
  rawInput: unknown,
  files: CheckedFile[],
  context: SubmissionContext,
): Promise<CreatedDocument> {
  const { locale } = context;
  if (!canDocument(actor, 'read', activity)) throw notFound();
  if (!canDocument(actor, 'manage', activity)) throw new AppError('forbidden');
  const input = parseInput(publicationInput, rawInput, locale);
  if (!files.length) throw invalid({ file: documentMessages(locale).fileRequired });
  return storeFilesWith({ db, dataDir: context.dataDir }, files, (db) =>
    db.transaction((tx) =>
      createDocument(tx, actor, {
        activityId: activity.id,
        kind: input.kind,
        meetingId: input.meetingId ?? null,
        agendaItemId: input.agendaItemId ?? null,
        title: input.title,
        source: input.source,
        authors: input.authors,
        purpose: input.purpose,
        contact: input.contact,
        abstract: input.abstract,
        access: input.access,
        files,
        origin: context.origin ?? 'web',
        locale,
      }),
    ),
  );
}
