// The executive summary for TSAG and the meeting report: the facts gathered from the meeting's records (attendance
// from registrations, documents, the agenda, minutes, decisions, actions, liaison statements), written as text the
// secretariat edits, then released. The only code that changes meeting_reports.
import { and, asc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/engine.ts';
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { changedFields, recordEvent } from '../../platform/events.ts';
import { formatDate, formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { chairs as chairRoles, role } from '../../platform/roles.ts';
import { optionalText, requiredText } from '../../platform/validation.ts';
import type { DocumentModel } from '../../platform/documents/model.ts';
import { type ReportContact, reportBlocks, ReportText, tsagHeaderBlock } from '../../platform/documents/report-text.ts';
import { activityMemberships, documents, liaisonStatements, organizations, people } from '../../db/schema.ts';
import { documentLabel, flattenAgenda, listAgendaVersions, type MeetingScope, publishedVersion } from './agenda.ts';
import { canProceedings, canReadReport } from './policy.ts';
import { meetingReportMessages } from './meeting-report-messages.ts';
import { actionLabel, decisionLabel, getOutcomes } from './outcomes.ts';
import { meetingReportAccessLevels, type MeetingReportKind, meetingReportKinds, meetingReports } from './proceedings-schema.ts';
import { meetings, registrations } from './schema.ts';

export type MeetingReport = typeof meetingReports.$inferSelect;

/** The kinds as they appear in addresses: /report/tsag-summary, /report/meeting-report. */
export const reportSlugs: Record<MeetingReportKind, string> = { executive_summary: 'tsag-summary', meeting_report: 'meeting-report' };
export const kindOfSlug = (slug: string): MeetingReportKind | undefined => meetingReportKinds.find((k) => reportSlugs[k] === slug);

export const reportBodyInput = z.object({ body: requiredText(200_000) });

// ---- The facts --------------------------------------------------------------------------------------------------

type Counts = { onsite: number; remote: number };
export type ReportFacts = {
  acronym: string;
  meeting: { number: number; title: string; startsAt: Date; endsAt: Date; timeZone: string; venue: string | null; city: string | null; mode: string; colocatedEvent: string | null };
  chairs: string[];
  /** live registrations per mode; attended per mode once attendance has been taken (null before) */
  attendance: { registered: Counts; attended: Counts | null };
  agenda: { version: number; adopted: boolean; items: { number: string; depth: number; title: string }[] } | null;
  documents: { label: string; title: string; kind: string; source: string }[];
  minutes: { number: string; title: string; text: string }[];
  decisions: { label: string; text: string }[];
  actions: { label: string; text: string; owner: string; dueOn: string | null; status: string }[];
  carried: { label: string; text: string; owner: string; dueOn: string | null; status: string }[];
  liaisons: { incoming: { label: string; title: string }[]; outgoing: { label: string; title: string }[] };
  /** the activity's next meeting after this one (not cancelled), if one is planned */
  nextMeeting: { number: number; startsAt: Date; timeZone: string; city: string | null; mode: string } | null;
  /** whether the meeting had ended when the facts were read: before, the text speaks of it as ahead or under way */
  held: boolean;
};

/** A meeting's reports are for a held meeting: it has ended (and was not cancelled). */
export const meetingEnded = (meeting: { endsAt: Date; status: string }, now: Date): boolean =>
  meeting.status !== 'cancelled' && meeting.endsAt.getTime() <= now.getTime();

/** Everything the reports say, read from the records in one go. */
export async function gatherReportFacts(tx: Tx, scope: MeetingScope, now = new Date()): Promise<ReportFacts> {
  const { activity, meeting } = scope;
  const registrationRows = await tx
    .select({ mode: registrations.mode, attended: registrations.attended, count: sql<number>`count(*)::int` })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meeting.id), eq(registrations.status, 'registered')))
    .groupBy(registrations.mode, registrations.attended);
  const registered: Counts = { onsite: 0, remote: 0 };
  const attended: Counts = { onsite: 0, remote: 0 };
  let attendanceTaken = false;
  for (const row of registrationRows) {
    registered[row.mode] += Number(row.count);
    if (row.attended !== null) attendanceTaken = true;
    if (row.attended) attended[row.mode] += Number(row.count);
  }

  const chairs = await tx
    .select({ name: people.name, role: activityMemberships.role })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .where(and(eq(activityMemberships.activityId, activity.id), inArray(activityMemberships.role, [...chairRoles])))
    .orderBy(asc(activityMemberships.role), asc(people.name));

  const version = publishedVersion(await listAgendaVersions(tx, meeting.id));
  const documentRows = await tx
    .select({ id: documents.id, number: documents.number, revision: documents.revision, title: documents.title, kind: documents.kind, source: documents.source })
    .from(documents)
    .where(and(eq(documents.meetingId, meeting.id), eq(documents.status, 'published')))
    .orderBy(asc(documents.kind), asc(documents.sequence));

  const outcomes = await getOutcomes(tx, { kind: 'system', name: 'report' }, scope);
  const items = flattenAgenda(outcomes.agenda);
  const actionFacts = (list: typeof outcomes.actions) =>
    list.map((a) => ({ label: actionLabel(a), text: a.text, owner: a.ownerName, dueOn: a.dueOn, status: a.status }));

  // Liaison statements handled at the meeting (the liaisons module), and LS documents of the meeting not tied to one.
  const statements = await tx
    .select({ direction: liaisonStatements.direction, title: liaisonStatements.title, documentId: liaisonStatements.documentId, documentNumber: liaisonStatements.documentNumber, theirReference: liaisonStatements.theirReference })
    .from(liaisonStatements)
    .where(and(eq(liaisonStatements.activityId, activity.id), or(eq(liaisonStatements.meetingId, meeting.id), eq(liaisonStatements.approvalMeetingId, meeting.id))))
    .orderBy(asc(liaisonStatements.id));
  const statementDocuments = new Set(statements.map((s) => s.documentId).filter((id): id is number => id !== null));
  const liaisons = { incoming: [] as { label: string; title: string }[], outgoing: [] as { label: string; title: string }[] };
  for (const s of statements) (s.direction === 'in' ? liaisons.incoming : liaisons.outgoing).push({ label: s.documentNumber ?? s.theirReference ?? '', title: s.title });
  for (const d of documentRows) {
    if (statementDocuments.has(d.id) || (d.kind !== 'ls-in' && d.kind !== 'ls-out')) continue;
    (d.kind === 'ls-in' ? liaisons.incoming : liaisons.outgoing).push({ label: documentLabel(d), title: d.title });
  }

  const [next] = await tx
    .select({ number: meetings.number, startsAt: meetings.startsAt, timeZone: meetings.timeZone, city: meetings.city, mode: meetings.mode })
    .from(meetings)
    .where(and(eq(meetings.activityId, activity.id), gt(meetings.number, meeting.number), ne(meetings.status, 'cancelled')))
    .orderBy(asc(meetings.number))
    .limit(1);

  return {
    acronym: activity.acronym,
    meeting: {
      number: meeting.number,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
      venue: meeting.venue,
      city: meeting.city,
      mode: meeting.mode,
      colocatedEvent: meeting.colocatedEvent,
    },
    chairs: chairs.map((c) => c.name),
    attendance: { registered, attended: attendanceTaken ? attended : null },
    agenda: version ? { version: version.version, adopted: version.status === 'adopted', items: version.items.map((i) => ({ number: i.number, depth: i.depth, title: i.title })) } : null,
    documents: documentRows.map((d) => ({ label: documentLabel(d), title: d.title, kind: d.kind, source: d.source })),
    minutes: items.filter((n) => outcomes.minutes.has(n.id)).map((n) => ({ number: n.number, title: n.title, text: outcomes.minutes.get(n.id)! })),
    decisions: outcomes.decisions.map((d) => ({ label: decisionLabel(d), text: d.text })),
    actions: actionFacts(outcomes.actions),
    carried: actionFacts(outcomes.carried),
    liaisons,
    nextMeeting: next ?? null,
    held: meetingEnded(meeting, now),
  };
}

// ---- The text (pure) ---------------------------------------------------------------------------------------------

/** The day (and end day when it spans several) of a meeting in the venue's calendar. */
export function meetingDates(meeting: { startsAt: Date; endsAt: Date; timeZone: string }, locale: Locale): string {
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: meeting.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const start = day(meeting.startsAt);
  const end = day(meeting.endsAt);
  return start === end ? formatDate(start, locale) : `${formatDate(start, locale)} – ${formatDate(end, locale)}`;
}

// ---- Sections every report from the records shares (this meeting's reports and the activity's period reports) ----

export type HeldMeetingFacts = Pick<ReportFacts['meeting'], 'number' | 'startsAt' | 'endsAt' | 'timeZone' | 'venue' | 'city' | 'mode' | 'colocatedEvent'>;

/** The sentence that says where and when a meeting was held (or takes place, until it has ended) and who chaired it. */
export function meetingHeldLine(acronym: string, meeting: HeldMeetingFacts, chairs: readonly string[], held: boolean, locale: Locale): string {
  const m = meetingReportMessages(locale);
  const where = [meeting.venue, meeting.city].filter(Boolean).join(', ');
  const number = m.ordinal(meeting.number);
  return [
    // Until it has ended, the meeting is spoken of as ahead or under way: a draft must not say "was held".
    (held ? m.heldAt : m.toBeHeldAt)(acronym, number, meetingDates(meeting, locale), meeting.mode === 'virtual' ? '' : where, m.modes[meeting.mode] ?? meeting.mode),
    meeting.colocatedEvent ? (held ? m.colocated : m.toBeColocated)(meeting.colocatedEvent) : '',
    chairs.length ? (held ? m.chairedBy : m.toBeChairedBy)(chairs.join(', ')) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A meeting's decisions as a list ("D1: …"), or the sentence saying none was taken. */
export function writeDecisions(text: ReportText, decisions: readonly { label: string; text: string }[], locale: Locale): void {
  const m = meetingReportMessages(locale);
  if (decisions.length) text.bullets(decisions.map((d) => `${d.label}${m.listColon} ${d.text}`));
  else text.paragraph(m.noDecisions);
}

export type ActionFact = ReportFacts['actions'][number];

/** Action items as list lines: label, owner, due date and status, then the text. */
export function actionLines(actions: readonly ActionFact[], locale: Locale): string[] {
  const m = meetingReportMessages(locale);
  return actions.map((x) => m.actionLine(x.label, x.text, x.owner, x.dueOn ? formatDate(x.dueOn, locale) : null, m.actionStatuses[x.status] ?? x.status));
}

export type LiaisonFact = { label: string; title: string; state?: string };

/** Liaison statements received and sent, each list introduced by its count; a statement's state follows its title. */
export function writeLiaisons(text: ReportText, liaisons: { incoming: readonly LiaisonFact[]; outgoing: readonly LiaisonFact[] }, locale: Locale, none?: string): void {
  const m = meetingReportMessages(locale);
  const { incoming, outgoing } = liaisons;
  const line = (l: LiaisonFact) => `${l.label ? `${l.label} ` : ''}${l.title}${l.state ? ` (${l.state})` : ''}`;
  if (!incoming.length && !outgoing.length) text.paragraph(none ?? m.noLiaisons);
  if (incoming.length) text.paragraph(`${m.incoming(incoming.length)}${m.listColon}`).bullets(incoming.map(line));
  if (outgoing.length) text.paragraph(`${m.outgoing(outgoing.length)}${m.listColon}`).bullets(outgoing.map(line));
}

/**
 * The report's text generated from the facts, in the light markup the editor and the documents read ("# ", "## ",
 * "- ", blank lines between paragraphs). The executive summary is short (facts, results, liaisons, open actions);
 * the meeting report adds the agenda, the documents and the minutes.
 */
export function composeReport(kind: MeetingReportKind, facts: ReportFacts, locale: Locale): string {
  const m = meetingReportMessages(locale);
  const number = m.ordinal(facts.meeting.number);
  const text = new ReportText();

  text.heading(kind === 'executive_summary' ? m.summaryHeading(number, facts.acronym) : m.reportHeading(number, facts.acronym), 1);
  text.paragraph(meetingHeldLine(facts.acronym, facts.meeting, facts.chairs, facts.held, locale));

  text.heading(m.attendance);
  const a = facts.attendance;
  text.paragraph(
    a.attended
      ? m.attendedLine(a.attended.onsite + a.attended.remote, a.attended.onsite, a.attended.remote)
      : (facts.held ? m.registeredLine : m.registeredSoFarLine)(a.registered.onsite + a.registered.remote, a.registered.onsite, a.registered.remote),
  );

  if (kind === 'meeting_report') {
    text.heading(m.agenda);
    if (!facts.agenda) text.paragraph(m.agendaNone);
    else {
      text.paragraph(facts.agenda.adopted ? m.agendaAdopted(facts.agenda.version) : m.agendaDraft(facts.agenda.version));
      // Sub-items as nested list items, so the documents indent them.
      text.bullets(facts.agenda.items.map((i) => ({ text: `${i.number} ${i.title}`, depth: i.depth - 1 })));
    }
  }

  text.heading(m.documents);
  if (!facts.documents.length) text.paragraph(m.noDocuments);
  else {
    text.paragraph(m.documentsLine(facts.documents.length));
    if (kind === 'meeting_report') text.bullets(facts.documents.map((d) => `${d.label} ${d.title}${d.source ? ` (${d.source})` : ''}`));
  }

  if (kind === 'meeting_report' && facts.minutes.length) {
    text.heading(m.discussions);
    for (const item of facts.minutes) text.heading(`${item.number} ${item.title}`, 3).raw(item.text);
  }

  text.heading(kind === 'executive_summary' ? m.results : m.decisions);
  writeDecisions(text, facts.decisions, locale);

  text.heading(m.liaisons);
  writeLiaisons(text, facts.liaisons, locale);

  text.heading(m.actions);
  if (!facts.actions.length && !facts.carried.length) text.paragraph(m.noActions);
  if (facts.actions.length) text.paragraph(m.newActions(facts.actions.length)).bullets(actionLines(facts.actions, locale));
  if (facts.carried.length) text.paragraph(m.carriedActions(facts.carried.length)).bullets(actionLines(facts.carried, locale));
  if (facts.nextMeeting) {
    const next = facts.nextMeeting;
    text.heading(m.nextMeeting);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: next.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(next.startsAt);
    text.paragraph(m.nextMeetingLine(m.ordinal(next.number), formatDate(day, locale), next.mode === 'virtual' ? null : next.city, m.modes[next.mode] ?? next.mode));
  }
  return text.toString();
}

export { type ReportBlock, reportBlocks } from '../../platform/documents/report-text.ts';
export type { ReportContact } from '../../platform/documents/report-text.ts';

/** The contacts of the executive summary's TSAG header, read from the activity's leadership. */
export async function reportContacts(tx: Tx, scope: { activity: { id: number } }): Promise<ReportContact[]> {
  const rows = await tx
    .select({ name: people.name, affiliation: people.affiliation, organization: organizations.name, country: people.country, email: people.email, role: activityMemberships.role })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .leftJoin(organizations, eq(organizations.id, people.organizationId))
    .where(and(eq(activityMemberships.activityId, scope.activity.id), inArray(activityMemberships.role, [role.chair, role.coChair, role.secretariat])))
    .orderBy(asc(people.name));
  const order = [role.chair, role.coChair, role.secretariat] as const;
  const first = order.find((r) => rows.some((row) => row.role === r));
  return rows.filter((row) => row.role === first).map((row) => ({ name: row.name, organization: row.affiliation ?? row.organization, country: row.country, email: row.email }));
}

/**
 * The report as a document for the DOCX and PDF writers. A draft says so at the top of every page and above its
 * text, with why it is not final (the meeting has not ended, or it is not released). The executive summary opens with
 * TSAG's document header: number, source, title, purpose and contact, as a TSAG TD does.
 */
export function reportDocument(report: MeetingReport, scope: MeetingScope, contacts: ReportContact[] = [], now = new Date()): DocumentModel {
  const m = meetingReportMessages(report.language);
  const bodyBlocks = reportBlocks(report.body);
  const title = bodyBlocks[0]?.kind === 'title' ? bodyBlocks[0].text : `${scope.activity.acronym} — ${m.kinds[report.kind]}`;
  const draft = report.status === 'draft';
  const blocks: DocumentModel['blocks'] = [];
  if (report.kind === 'executive_summary') blocks.push(tsagHeaderBlock({ number: report.tsagNumber, source: scope.activity.acronym, title, contacts }, report.language));
  if (draft) blocks.push({ kind: 'paragraph', bold: true, text: meetingEnded(scope.meeting, now) ? m.draftNotReleased : m.draftBeforeEnd });
  blocks.push(...bodyBlocks);
  const header = [draft ? m.draftMark : '', report.kind === 'executive_summary' ? (report.tsagNumber ?? '') : ''].filter(Boolean).join(' — ');
  return {
    locale: report.language,
    title: draft ? `${m.draftMark} — ${title}` : title,
    subject: `${scope.activity.acronym} — ${scope.meeting.title}`,
    ...(header ? { header } : {}),
    footer: { text: draft ? `${m.draftMark} — ${title}` : title, pageNumbers: true },
    blocks,
  };
}

// ---- Reading ----------------------------------------------------------------------------------------------------

/**
 * The meeting's reports the actor may read (policy.ts canReadReport): drafts for those who write them, released ones by
 * their access level (members of the activity, or everyone once made public).
 */
export async function listMeetingReports(tx: Tx, actor: Actor, scope: MeetingScope): Promise<MeetingReport[]> {
  if (!canProceedings(actor, 'read', scope.activity)) throw notFound();
  const rows = await tx.select().from(meetingReports).where(eq(meetingReports.meetingId, scope.meeting.id)).orderBy(asc(meetingReports.kind));
  return rows.filter((r) => canReadReport(actor, scope.activity, r));
}

/** One report the actor may read, or "not found". */
export async function getMeetingReport(tx: Tx, actor: Actor, scope: MeetingScope, kind: MeetingReportKind, locale: Locale): Promise<MeetingReport> {
  const report = (await listMeetingReports(tx, actor, scope)).find((r) => r.kind === kind);
  if (!report) throw notFound(meetingReportMessages(locale).noSuchReport);
  return report;
}

// ---- Changes ----------------------------------------------------------------------------------------------------

function assertWriter(actor: Actor, scope: MeetingScope): void {
  if (!canProceedings(actor, 'read', scope.activity)) throw notFound();
  if (!canProceedings(actor, 'write_reports', scope.activity)) throw forbidden();
}

async function lockReport(tx: Tx, scope: MeetingScope, kind: MeetingReportKind): Promise<MeetingReport | undefined> {
  const [row] = await tx.select().from(meetingReports).where(and(eq(meetingReports.meetingId, scope.meeting.id), eq(meetingReports.kind, kind))).for('update');
  return row;
}

const reportEvent = (scope: MeetingScope, kind: string, report: { id: number; kind: MeetingReportKind }, summary: string, before?: unknown, after?: unknown) => ({
  kind,
  subjectType: 'meeting_report',
  subjectId: report.id,
  activityId: scope.activity.id,
  summary: `${scope.activity.acronym} meeting ${scope.meeting.number}: ${report.kind === 'executive_summary' ? 'executive summary for TSAG' : 'meeting report'} ${summary}`,
  before,
  after: { kind: report.kind, ...(after as object) },
});

/**
 * Writes the report's text from the records, in `locale`, as a draft (replacing the draft's text). A released
 * report is a conflict. Side effects: a `report.generated` event.
 */
export async function generateMeetingReport(db: Db, actor: Actor, scope: MeetingScope, kind: MeetingReportKind, locale: Locale): Promise<MeetingReport> {
  assertWriter(actor, scope);
  return db.transaction(async (tx) => {
    const existing = await lockReport(tx, scope, kind);
    if (existing?.status === 'released') throw new AppError('conflict', meetingReportMessages(locale).alreadyReleased);
    const body = composeReport(kind, await gatherReportFacts(tx, scope), locale);
    const values = { body, language: locale, generatedAt: new Date(), updatedAt: new Date(), updatedByName: actorLabel(actor) };
    const [row] = existing
      ? await tx.update(meetingReports).set(values).where(eq(meetingReports.id, existing.id)).returning()
      : await tx.insert(meetingReports).values({ meetingId: scope.meeting.id, kind, status: 'draft', ...values }).returning();
    await recordEvent(tx, actor, reportEvent(scope, 'report.generated', row!, 'generated from the records', undefined, { characters: body.length, language: locale }));
    return row!;
  });
}

/** Replaces a draft's text with the secretariat's edit. Side effects: a `report.edited` event (none when unchanged). */
export async function editMeetingReport(db: Db, actor: Actor, scope: MeetingScope, kind: MeetingReportKind, body: string, locale: Locale): Promise<MeetingReport> {
  assertWriter(actor, scope);
  const m = meetingReportMessages(locale);
  return db.transaction(async (tx) => {
    const existing = await lockReport(tx, scope, kind);
    if (!existing) throw invalid({}, m.nothingToRelease);
    if (existing.status === 'released') throw new AppError('conflict', m.alreadyReleased);
    if (existing.body === body) return existing;
    const [row] = await tx.update(meetingReports).set({ body, updatedAt: new Date(), updatedByName: actorLabel(actor) }).where(eq(meetingReports.id, existing.id)).returning();
    await recordEvent(tx, actor, reportEvent(scope, 'report.edited', row!, 'edited', { characters: existing.body.length }, { characters: body.length }));
    return row!;
  });
}

/**
 * Releases a draft once the meeting has ended (a report is for a held meeting; a cancelled one has none): it no longer
 * changes, and its readers (by its access level, policy.ts canReadReport) see it from now on. Side effects: a
 * `report.released` event.
 */
export async function releaseMeetingReport(db: Db, actor: Actor, scope: MeetingScope, kind: MeetingReportKind, locale: Locale, now = new Date()): Promise<MeetingReport> {
  assertWriter(actor, scope);
  const m = meetingReportMessages(locale);
  return db.transaction(async (tx) => {
    const existing = await lockReport(tx, scope, kind);
    if (!existing) throw invalid({}, m.nothingToRelease);
    if (existing.status === 'released') throw new AppError('conflict', m.alreadyReleased);
    if (scope.meeting.status === 'cancelled') throw new AppError('conflict', m.meetingCancelled);
    if (!meetingEnded(scope.meeting, now)) throw new AppError('conflict', m.notEnded(formatDateTime(scope.meeting.endsAt, locale, scope.meeting.timeZone)));
    const [row] = await tx
      .update(meetingReports)
      .set({ status: 'released', releasedAt: new Date(), releasedByName: actorLabel(actor), updatedAt: new Date() })
      .where(eq(meetingReports.id, existing.id))
      .returning();
    await recordEvent(tx, actor, reportEvent(scope, 'report.released', row!, 'released', { status: 'draft' }, { status: 'released' }));
    return row!;
  });
}

export const reportSettingsInput = z.object({
  access: z.enum(meetingReportAccessLevels).optional(),
  tsagNumber: optionalText(40),
});
export type ReportSettings = z.output<typeof reportSettingsInput>;

/**
 * Sets who reads the report once released (its access level: the activity's members, or everyone) and the executive
 * summary's TSAG document number. The access may change at any time (making a released report public is publishing
 * it); the number only while a draft, since a released report no longer changes.
 * Side effects: a `report.settings_changed` event with the changed fields (none when nothing changed).
 */
export async function setReportSettings(db: Db, actor: Actor, scope: MeetingScope, kind: MeetingReportKind, input: ReportSettings, locale: Locale): Promise<MeetingReport> {
  assertWriter(actor, scope);
  const m = meetingReportMessages(locale);
  return db.transaction(async (tx) => {
    const existing = await lockReport(tx, scope, kind);
    if (!existing) throw invalid({}, m.nothingToRelease);
    const tsagNumber = kind === 'executive_summary' ? input.tsagNumber : undefined;
    if (tsagNumber !== undefined && tsagNumber !== existing.tsagNumber && existing.status === 'released') throw new AppError('conflict', m.alreadyReleased);
    const diff = changedFields({ access: existing.access, tsagNumber: existing.tsagNumber }, { access: input.access, tsagNumber });
    if (!diff) return existing;
    const [row] = await tx.update(meetingReports).set({ ...(diff.after as Partial<MeetingReport>), updatedAt: new Date() }).where(eq(meetingReports.id, existing.id)).returning();
    await recordEvent(tx, actor, reportEvent(scope, 'report.settings_changed', row!, 'settings changed', diff.before, diff.after));
    return row!;
  });
}
