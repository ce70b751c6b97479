// The activity's reports for a period: generated from the records as a draft, edited by the secretariat or the
// chairs, released by the secretariat as a numbered document of the activity. The only code that changes
// activity_reports.
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import type { CheckedFile } from '../../platform/files.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { ConcordModule } from '../../platform/module-manifest.ts';
import type { DocumentModel } from '../../platform/documents/model.ts';
import { type ReportContact, reportBlocks, reportTitleOf, tsagHeaderBlock } from '../../platform/documents/report-text.ts';
import { optionalText, parseInput, requiredText } from '../../platform/validation.ts';
import { createDocument } from '../documents/index.ts';
import { meetingBounds } from '../meetings/index.ts';
import { gatherFacts } from './facts.ts';
import { reportMessages } from './messages.ts';
import { type Period, periodInput, resolvePeriod } from './period.ts';
import { canReadActivityReport, canReports } from './policy.ts';
import { activityReportAudiences, activityReportKinds, activityReports, type ActivityReportKind } from './schema.ts';
import { composeActivityReport, nothingToReport, periodWords } from './sections.ts';

export type ActivityReport = typeof activityReports.$inferSelect;
type ActivityLike = { id: number; acronym: string; visibility: 'public' | 'members' };

/** What a new report needs: its kind, language and audience, and the period. */
export const newReportInput = periodInput.extend({
  kind: z.enum(activityReportKinds),
  language: z.enum(['en', 'fr']),
  audience: z.enum(activityReportAudiences).default('members'),
});
export type NewReportInput = z.output<typeof newReportInput>;

export const reportEditInput = z.object({ body: requiredText(200_000).optional(), tsagNumber: optionalText(40) });
export type ReportEdit = z.output<typeof reportEditInput>;

/** The period a stored report was generated for, as chosen. */
const choiceOf = (r: ActivityReport) => ({
  ...(r.fromDate ? { fromDate: r.fromDate } : {}),
  ...(r.fromMeeting !== null ? { fromMeeting: r.fromMeeting } : {}),
  ...(r.toDate ? { toDate: r.toDate } : {}),
  ...(r.toMeeting !== null ? { toMeeting: r.toMeeting } : {}),
});
export const periodOf = (r: ActivityReport): Period => ({ start: r.periodStart, end: r.periodEnd, choice: choiceOf(r) });

/** The period of a report in words, in `locale`. */
export const reportPeriodWords = (r: ActivityReport, locale: Locale): string => periodWords(periodOf(r), locale);

// ---- Reading ----------------------------------------------------------------------------------------------------

/** The activity's reports the actor may read, newest first (policy.ts canReadActivityReport). */
export async function listReports(tx: Tx, actor: Actor, activity: ActivityLike): Promise<ActivityReport[]> {
  const rows = await tx.select().from(activityReports).where(eq(activityReports.activityId, activity.id)).orderBy(desc(activityReports.id));
  return rows.filter((r) => canReadActivityReport(actor, activity, r));
}

/** One report the actor may read, or "not found" (also for a report they may not read). */
export async function getReport(tx: Tx, actor: Actor, activity: ActivityLike, id: number, locale: Locale): Promise<ActivityReport> {
  const [row] = await tx.select().from(activityReports).where(and(eq(activityReports.activityId, activity.id), eq(activityReports.id, id)));
  if (!row || !canReadActivityReport(actor, activity, row)) throw notFound(reportMessages(locale).notFound);
  return row;
}

// ---- Changes ----------------------------------------------------------------------------------------------------

function assertDrafter(actor: Actor, activity: ActivityLike): void {
  if (!canReports(actor, 'draft', activity)) throw actor.kind === 'anonymous' ? new AppError('unauthenticated') : forbidden();
}

async function lockDraft(tx: Tx, activity: ActivityLike, id: number, locale: Locale): Promise<ActivityReport> {
  const [row] = await tx.select().from(activityReports).where(and(eq(activityReports.activityId, activity.id), eq(activityReports.id, id))).for('update');
  if (!row) throw notFound(reportMessages(locale).notFound);
  if (row.status === 'released') throw new AppError('conflict', reportMessages(locale).alreadyReleased);
  return row;
}

const eventOf = (activity: ActivityLike, kind: string, report: ActivityReport, summary: string, before: unknown, after: object) => ({
  kind,
  subjectType: 'activity_report',
  subjectId: report.id,
  activityId: activity.id,
  summary: `${activity.acronym} ${reportMessages('en').kinds[report.kind].toLowerCase()} ${summary}`,
  before,
  after: { kind: report.kind, from: report.periodStart.toISOString().slice(0, 10), to: new Date(report.periodEnd.getTime() - 1).toISOString().slice(0, 10), ...after },
});

/** The text for a period, or the refusal naming the period when it holds nothing the report's readers may see. */
async function composeFor(tx: Tx, modules: readonly ConcordModule[], activity: ActivityLike, kind: ActivityReportKind, period: Period, audience: NewReportInput['audience'], language: Locale, locale: Locale): Promise<string> {
  const facts = await gatherFacts(tx, modules, activity, period, audience, language);
  if (nothingToReport(facts)) {
    const m = reportMessages(locale);
    throw invalid({}, m.nothing(activity.acronym, periodWords(period, locale)));
  }
  return composeActivityReport(kind, facts, language);
}

/**
 * Writes a new draft report for the period from the records, in its language, for its audience (policy: the
 * secretariat and the chairs). Refused, naming the field: a bad period (policy first, then period.ts), and a period
 * with nothing to report. Side effects: an `activity_report.generated` event.
 */
export async function generateReport(db: Db, actor: Actor, modules: readonly ConcordModule[], activity: ActivityLike, raw: unknown, locale: Locale): Promise<ActivityReport> {
  assertDrafter(actor, activity);
  const input = parseInput(newReportInput, raw, locale);
  return db.transaction(async (tx) => {
    const period = resolvePeriod(input, await meetingBounds(tx, activity.id), locale);
    const body = await composeFor(tx, modules, activity, input.kind, period, input.audience, input.language, locale);
    const [row] = await tx
      .insert(activityReports)
      .values({
        activityId: activity.id,
        kind: input.kind,
        language: input.language,
        audience: input.audience,
        fromDate: input.fromDate ?? null,
        fromMeeting: input.fromMeeting ?? null,
        toDate: input.toDate ?? null,
        toMeeting: input.toMeeting ?? null,
        periodStart: period.start,
        periodEnd: period.end,
        body,
        updatedByName: actorLabel(actor),
      })
      .returning();
    await recordEvent(tx, actor, eventOf(activity, 'activity_report.generated', row!, 'generated from the records', null, { language: input.language, audience: input.audience, characters: body.length }));
    return row!;
  });
}

/**
 * Writes a draft's text again from the records for its period (replacing the edits). Side effects: an
 * `activity_report.regenerated` event.
 */
export async function regenerateReport(db: Db, actor: Actor, modules: readonly ConcordModule[], activity: ActivityLike, id: number, locale: Locale): Promise<ActivityReport> {
  assertDrafter(actor, activity);
  return db.transaction(async (tx) => {
    const existing = await lockDraft(tx, activity, id, locale);
    const body = await composeFor(tx, modules, activity, existing.kind, periodOf(existing), existing.audience, existing.language, locale);
    const [row] = await tx.update(activityReports).set({ body, generatedAt: new Date(), updatedAt: new Date(), updatedByName: actorLabel(actor) }).where(eq(activityReports.id, id)).returning();
    await recordEvent(tx, actor, eventOf(activity, 'activity_report.regenerated', row!, 'generated again from the records', { characters: existing.body.length }, { characters: body.length }));
    return row!;
  });
}

/**
 * Saves what the drafter typed: the text and, for the report to TSAG, its TSAG number. Side effects: an
 * `activity_report.edited` event with what changed (none when nothing did).
 */
export async function editReport(db: Db, actor: Actor, activity: ActivityLike, id: number, raw: unknown, locale: Locale): Promise<ActivityReport> {
  assertDrafter(actor, activity);
  const input = parseInput(reportEditInput, raw, locale);
  return db.transaction(async (tx) => {
    const existing = await lockDraft(tx, activity, id, locale);
    const tsagNumber = existing.kind === 'tsag' ? input.tsagNumber : undefined;
    const diff = changedFields({ body: existing.body, tsagNumber: existing.tsagNumber }, { body: input.body, tsagNumber });
    if (!diff) return existing;
    const [row] = await tx
      .update(activityReports)
      .set({ ...(diff.after as Partial<ActivityReport>), updatedAt: new Date(), updatedByName: actorLabel(actor) })
      .where(eq(activityReports.id, id))
      .returning();
    // The text itself stays out of the log (it is long); its length says that it changed.
    const shown = (side: Partial<{ body: string; tsagNumber: string | null }>) => ({
      ...(side.body !== undefined ? { characters: side.body.length } : {}),
      ...(side.tsagNumber !== undefined ? { tsagNumber: side.tsagNumber } : {}),
    });
    await recordEvent(tx, actor, eventOf(activity, 'activity_report.edited', row!, 'edited', shown(diff.before), shown(diff.after)));
    return row!;
  });
}

/**
 * What releasing stores: the DOCX and PDF written from the draft as it was read (`expected`, its last change), stored by
 * the caller around the transaction with storeFilesWith.
 */
export type ReportRelease = { expectedUpdatedAt: Date; files: CheckedFile[] };

/**
 * Releases a draft (the secretariat only): it becomes a numbered report document of the activity, readable by the
 * report's audience, with the DOCX and PDF; the report no longer changes. Refused when the draft changed since the
 * files were written (someone saved meanwhile). Side effects: a documents row with its files and `document.created`
 * event (documents module), an `activity_report.released` event.
 */
export async function releaseReport(db: Db, actor: Actor, activity: ActivityLike, id: number, release: ReportRelease, locale: Locale): Promise<ActivityReport> {
  if (!canReports(actor, 'release', activity)) throw actor.kind === 'anonymous' ? new AppError('unauthenticated') : forbidden();
  const m = reportMessages(locale);
  return db.transaction(async (tx) => {
    const existing = await lockDraft(tx, activity, id, locale);
    if (existing.updatedAt.getTime() !== release.expectedUpdatedAt.getTime()) throw new AppError('conflict', m.changedMeanwhile);
    const words = reportMessages(existing.language);
    const title = reportTitleOf(existing.body) ?? `${activity.acronym} — ${words.kinds[existing.kind]}`;
    const document = await createDocument(tx, actor, {
      activityId: activity.id,
      kind: 'report',
      title,
      source: activity.acronym,
      purpose: existing.kind === 'tsag' ? 'TSAG' : words.kinds.study_groups,
      abstract: reportPeriodWords(existing, existing.language),
      access: existing.audience,
      files: release.files,
      locale,
    });
    const [row] = await tx
      .update(activityReports)
      .set({ status: 'released', documentId: document.id, documentNumber: document.number, releasedAt: new Date(), releasedByName: actorLabel(actor), updatedAt: new Date() })
      .where(eq(activityReports.id, id))
      .returning();
    await recordEvent(tx, actor, eventOf(activity, 'activity_report.released', row!, `released as ${document.number}`, { status: 'draft' }, { status: 'released', documentNumber: document.number }));
    return row!;
  });
}

/**
 * The report as a document for the DOCX and PDF writers. The report to TSAG opens with TSAG's document header
 * (the same piece as the per-meeting executive summary); a draft says so on every page and above its text.
 */
export function reportDocument(report: ActivityReport, activity: { acronym: string }, contacts: readonly ReportContact[], asReleased = report.status === 'released'): DocumentModel {
  const m = reportMessages(report.language);
  const bodyBlocks = reportBlocks(report.body);
  const title = bodyBlocks[0]?.kind === 'title' ? bodyBlocks[0].text : `${activity.acronym} — ${m.kinds[report.kind]}`;
  const blocks: DocumentModel['blocks'] = [];
  if (report.kind === 'tsag') blocks.push(tsagHeaderBlock({ number: report.tsagNumber, source: activity.acronym, title, contacts }, report.language));
  if (!asReleased) blocks.push({ kind: 'paragraph', bold: true, text: m.draftNotice });
  blocks.push(...bodyBlocks);
  const header = [asReleased ? '' : m.draftMark, report.kind === 'tsag' ? (report.tsagNumber ?? '') : (report.documentNumber ?? '')].filter(Boolean).join(' — ');
  return {
    locale: report.language,
    title: asReleased ? title : `${m.draftMark} — ${title}`,
    subject: `${activity.acronym} — ${reportPeriodWords(report, report.language)}`,
    ...(header ? { header } : {}),
    footer: { text: asReleased ? title : `${m.draftMark} — ${title}`, pageNumbers: true },
    blocks,
  };
}

/** The file name of a report's DOCX or PDF: the activity, the kind, the period's end, "draft" until released. */
export function reportFileName(report: ActivityReport, activity: { acronym: string }, format: 'docx' | 'pdf'): string {
  const kind = report.kind === 'tsag' ? 'report-to-TSAG' : 'report-to-study-groups';
  const to = new Date(report.periodEnd.getTime() - 1).toISOString().slice(0, 10);
  return `${activity.acronym}-${kind}-${to}${report.status === 'draft' ? '-draft' : ''}.${format}`.replace(/[^A-Za-z0-9._-]/g, '');
}
