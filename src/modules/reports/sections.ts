// The report's sections (pure): the events of the period sorted into what the report says (roadmap changes,
// overlaps confirmed, gaps found, liaison statements, contacts and representatives), then the whole text written in
// the light markup the secretariat edits. The meetings' own section builders (meetings/index.ts) write the meetings,
// decisions, liaison statements and actions, so the per-meeting executive summary and these reports read alike.
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import { ReportText } from '../../platform/documents/report-text.ts';
import { type ActionFact, actionLines, type HeldMeeting, type LiaisonFact, meetingHeldLine, writeDecisions, writeLiaisons } from '../meetings/index.ts';
import { reportMessages } from './messages.ts';
import { inPeriod } from './period.ts';
import type { ActivityReportKind } from './schema.ts';

/** An event of the period as the report's readers may see it, already in words (the history's wording). */
export type PeriodEvent = {
  at: Date;
  kind: string;
  subjectId: string;
  /** the history's sentence for the event, in the report's language */
  text: string;
  after: Record<string, unknown>;
  /** the changed fields with their values in words (the history's), for status changes */
  changes: { field: string; before: string; after: string }[];
};

export type EventSections = {
  roadmap: { added: string[]; statusChanges: string[]; removed: string[] };
  overlaps: string[];
  gaps: string[];
  liaisons: { incoming: LiaisonFact[]; outgoing: LiaisonFact[] };
  contacts: string[];
};

/** The overlap decisions that confirm a duplication (as the agendas' "Issues requiring coordination" read them). */
export const confirmedDecisions: readonly string[] = ['same_text', 'duplicated_work', 'overlapping'];

const eventKinds = {
  // An import also writes each entry's own event, so its summary would count them twice.
  added: ['roadmap.entry_added', 'roadmap.entry_included'],
  removed: ['roadmap.entry_removed'],
  gaps: ['gap.created', 'gap.accepted'],
  contacts: ['contact.added', 'contact.updated', 'contact.removed', 'membership.added', 'membership.removed'],
};

/** Every event kind the sections read (the query asks for these only). */
export const sectionEventKinds: readonly string[] = [
  ...eventKinds.added,
  ...eventKinds.removed,
  'roadmap.entry_updated',
  'overlap.decided',
  ...eventKinds.gaps,
  'liaison.received',
  'liaison.sent',
  ...eventKinds.contacts,
];

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * Sorts the period's events into sections, oldest first; events outside [start, end) are left out. A roadmap edit
 * counts as a status change only when it changed the status; an overlap decision only when it confirms the overlap;
 * a gap when it is recorded or accepted. `liaisons` gives each statement's title and state now (by its id), in words.
 */
export function sortEvents(
  events: readonly PeriodEvent[],
  period: { start: Date; end: Date },
  liaisons: ReadonlyMap<string, { title: string; state: string | undefined }>,
  locale: Locale,
): EventSections {
  const m = reportMessages(locale);
  const sections: EventSections = { roadmap: { added: [], statusChanges: [], removed: [] }, overlaps: [], gaps: [], liaisons: { incoming: [], outgoing: [] }, contacts: [] };
  const seenLiaisons = new Set<string>();
  for (const event of [...events].filter((e) => inPeriod(e.at, period)).sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (eventKinds.added.includes(event.kind)) sections.roadmap.added.push(event.text);
    else if (eventKinds.removed.includes(event.kind)) sections.roadmap.removed.push(event.text);
    else if (event.kind === 'roadmap.entry_updated') {
      const status = event.changes.find((c) => c.field === 'status');
      if (status) sections.roadmap.statusChanges.push(m.statusChange(text(event.after.identifier) || event.text, status.before, status.after));
    } else if (event.kind === 'overlap.decided') {
      if (confirmedDecisions.includes(text(event.after.decision))) sections.overlaps.push(event.text);
    } else if (eventKinds.gaps.includes(event.kind)) sections.gaps.push(event.text);
    else if (eventKinds.contacts.includes(event.kind)) sections.contacts.push(event.text);
    else if (event.kind === 'liaison.received' || event.kind === 'liaison.sent') {
      // A statement is listed once, with its state now.
      if (seenLiaisons.has(event.subjectId)) continue;
      seenLiaisons.add(event.subjectId);
      const record = liaisons.get(event.subjectId);
      const fact: LiaisonFact = { label: text(event.after.reference), title: record?.title ?? (text(event.after.title) || event.text), state: record?.state };
      (event.kind === 'liaison.received' ? sections.liaisons.incoming : sections.liaisons.outgoing).push(fact);
    }
  }
  return sections;
}

export type ReportFacts = {
  acronym: string;
  period: { start: Date; end: Date; choice: { fromDate?: string; fromMeeting?: number; toDate?: string; toMeeting?: number } };
  chairs: string[];
  meetings: HeldMeeting[];
  sections: EventSections;
  actions: ActionFact[];
  /** the period held more events than one report reads (facts.ts maxEvents): the text says so */
  truncated?: boolean;
};

/** Whether the period holds nothing the report could say. */
export function nothingToReport(facts: Pick<ReportFacts, 'meetings' | 'sections' | 'actions'>): boolean {
  const s = facts.sections;
  return (
    !facts.meetings.length &&
    !s.roadmap.added.length &&
    !s.roadmap.statusChanges.length &&
    !s.roadmap.removed.length &&
    !s.overlaps.length &&
    !s.gaps.length &&
    !s.liaisons.incoming.length &&
    !s.liaisons.outgoing.length &&
    !s.contacts.length &&
    !facts.actions.length
  );
}

/** The period in words: "from 1 March 2026 to 30 June 2026", "from the 2nd meeting to the 3rd meeting". */
export function periodWords(period: ReportFacts['period'], locale: Locale): string {
  const m = reportMessages(locale);
  const ordinal = (n: number) => (locale === 'fr' ? (n === 1 ? '1re' : `${n}e`) : `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`);
  const { choice } = period;
  const from = choice.fromMeeting !== undefined ? m.period.meeting(ordinal(choice.fromMeeting)) : formatDate(choice.fromDate ?? period.start.toISOString().slice(0, 10), locale);
  const to = choice.toMeeting !== undefined ? m.period.meeting(ordinal(choice.toMeeting)) : formatDate(choice.toDate ?? new Date(period.end.getTime() - 1).toISOString().slice(0, 10), locale);
  if (choice.fromMeeting === undefined && choice.toMeeting === undefined) return m.period.dates(from, to);
  return m.period.fromTo(from, to);
}

/** The report's text in the light markup, section by section, in `locale`. */
export function composeActivityReport(kind: ActivityReportKind, facts: ReportFacts, locale: Locale): string {
  const m = reportMessages(locale);
  const t = new ReportText();
  const ordinal = (n: number) => (locale === 'fr' ? (n === 1 ? '1re' : `${n}e`) : `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`);
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  t.heading(m.heading(kind, facts.acronym), 1);
  t.paragraph(m.covers(facts.acronym, periodWords(facts.period, locale)));
  if (facts.truncated) t.paragraph(m.truncated);

  t.heading(m.meetingsHeading);
  if (!facts.meetings.length) t.paragraph(m.noMeetings);
  for (const held of facts.meetings) {
    t.heading(capital(m.meetingHeading(ordinal(held.meeting.number), held.meeting.title)), 3);
    t.paragraph(meetingHeldLine(facts.acronym, held.meeting, facts.chairs, true, locale));
    if (held.decisions.length) t.paragraph(m.decisions);
    writeDecisions(t, held.decisions, locale);
  }

  const r = facts.sections.roadmap;
  t.heading(m.roadmapHeading);
  if (!r.added.length && !r.statusChanges.length && !r.removed.length) t.paragraph(m.noRoadmap);
  if (r.added.length) t.paragraph(m.added(r.added.length)).bullets(r.added);
  if (r.statusChanges.length) t.paragraph(m.statusChanged(r.statusChanges.length)).bullets(r.statusChanges);
  if (r.removed.length) t.paragraph(m.removed(r.removed.length)).bullets(r.removed);

  t.heading(m.overlapsHeading);
  if (facts.sections.overlaps.length) t.paragraph(m.overlaps(facts.sections.overlaps.length)).bullets(facts.sections.overlaps);
  else t.paragraph(m.noOverlaps);
  if (facts.sections.gaps.length) t.paragraph(m.gaps(facts.sections.gaps.length)).bullets(facts.sections.gaps);
  else t.paragraph(m.noGaps);

  t.heading(m.liaisonsHeading);
  writeLiaisons(t, facts.sections.liaisons, locale, m.noLiaisons);

  t.heading(m.contactsHeading);
  if (facts.sections.contacts.length) t.bullets(facts.sections.contacts);
  else t.paragraph(m.noContacts);

  // Open at the end of the period (its last day, in UTC like the period's dates).
  const at = formatDate(new Date(facts.period.end.getTime() - 1).toISOString().slice(0, 10), locale);
  t.heading(m.actionsHeading);
  if (facts.actions.length) t.paragraph(m.actionsOpen(facts.actions.length, at)).bullets(actionLines(facts.actions, locale));
  else t.paragraph(m.noActions(at));

  t.heading(m.closingHeading);
  t.paragraph(m.closing(kind, facts.acronym));
  return t.toString();
}
