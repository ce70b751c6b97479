// The agenda of a meeting as a document (the platform's model, written to DOCX or PDF by platform/documents).
import { formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import type { Block, DocumentModel } from '../../platform/documents/model.ts';
import type { Activity } from '../activities/index.ts';
import { type AgendaDocumentLink, type AgendaVersion, documentLabel, type Meeting } from './agenda.ts';
import { agendaMessages } from './agenda-messages.ts';

/** The agenda of a meeting as a document: title, the meeting's facts, the version, then the items, their documents and other lines. */
export function agendaDocument(
  activity: Activity,
  meeting: Meeting,
  version: AgendaVersion,
  documentsByItem: Map<number, AgendaDocumentLink[]>,
  locale: Locale,
  /** lines under an item besides its documents: the confirmed overlaps under "Issues requiring coordination" */
  linesByItem: Map<number, string[]> = new Map(),
): DocumentModel {
  const m = agendaMessages(locale);
  const title = version.status === 'adopted' ? m.adoptedAgenda(activity.acronym, meeting.number) : m.draftAgenda(activity.acronym, meeting.number);
  const place = [meeting.venue, meeting.city].filter(Boolean).join(', ');
  const when = formatDateTime(meeting.startsAt, locale, meeting.timeZone);
  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: [meeting.title, when, place, meeting.colocatedEvent].filter(Boolean).join(' — ') },
    { kind: 'paragraph', text: m.versionLine(version.version, m.statuses[version.status], formatDateTime(version.adoptedAt ?? version.issuedAt, locale, meeting.timeZone)), italic: true },
  ];
  for (const item of version.items) {
    blocks.push({ kind: 'item', number: item.number, depth: item.depth, text: item.title });
    if (item.notes) blocks.push({ kind: 'paragraph', text: item.notes });
    for (const d of documentsByItem.get(item.id) ?? []) blocks.push({ kind: 'bullet', depth: item.depth, text: `${documentLabel(d)}${d.number ? ` ${d.title}` : ''}` });
    for (const line of linesByItem.get(item.id) ?? []) blocks.push({ kind: 'bullet', depth: item.depth, text: line });
  }
  return { locale, title, subject: `${activity.acronym} — ${meeting.title}`, footer: { text: `${activity.acronym} — ${title}`, pageNumbers: true }, blocks };
}
