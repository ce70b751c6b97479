// The contribution template (a DOCX written by the platform's document writer, whose first page is a cover table:
// Source, Title, Purpose, Contact, Agenda item)
// and the check of an uploaded DOCX's cover page against those fields. The check reads word/document.xml: the first
// cell of a table row names the field (in English or French), the cells after it hold its value; a value still in
// [square brackets] is the template's placeholder, so it counts as empty.
import { ArchiveRefusedError } from '../../platform/archives/archive-reader.ts';
import { readWordFile } from '../../platform/archives/word-body.ts';
import { renderDocx } from '../../platform/documents/docx.ts';
import { cell } from '../../platform/documents/model.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { documentMessages } from './messages.ts';

export const coverFields = ['source', 'title', 'purpose', 'contact', 'agendaItem'] as const;
export type CoverField = (typeof coverFields)[number];
/** A field's value; undefined when the cover page has no row for it, '' when the row is there but blank. */
export type CoverPage = Record<CoverField, string | undefined>;

/** The labels each field is recognised by, normalised (lower case, no accents, straight apostrophes, no colon). */
const labels: Record<CoverField, string[]> = {
  source: ['source', 'source(s)', 'sources'],
  title: ['title', 'titre'],
  purpose: ['purpose', 'objet', 'but'],
  contact: ['contact', 'contacts', 'contact person'],
  agendaItem: ['agenda item', 'agenda items', "point de l'ordre du jour", "points de l'ordre du jour", 'question/agenda item'],
};

const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/\s*:\s*$/, '')
    .trim()
    .toLowerCase();

const fieldByLabel = new Map<string, CoverField>(coverFields.flatMap((field) => labels[field].map((l) => [l, field] as const)));

const placeholders: Record<Locale, Record<CoverField, string>> = {
  en: {
    source: '[Organization(s) submitting the contribution]',
    title: '[Title of the contribution]',
    purpose: '[Discussion, Information, Proposal or Decision]',
    contact: '[Name, organization, country, e-mail]',
    agendaItem: '[Number and title of the agenda item]',
  },
  fr: {
    source: '[Organisation(s) qui soumet(tent) la contribution]',
    title: '[Titre de la contribution]',
    purpose: '[Discussion, Information, Proposition ou Décision]',
    contact: '[Nom, organisation, pays, courriel]',
    agendaItem: '[Numéro et titre du point de l’ordre du jour]',
  },
};

/**
 * The activity's contribution template as a DOCX. `values` fills the cover table (a filled copy is what a careful
 * contributor sends back, and what the tests upload); without them each value is its [placeholder].
 */
export async function contributionTemplate(
  activity: { acronym: string; nameEn: string; nameFr?: string | null },
  options: { locale: Locale; meetingLine?: string; values?: Partial<Record<CoverField, string>>; body?: string },
): Promise<Buffer> {
  const m = documentMessages(options.locale);
  const name = options.locale === 'fr' ? (activity.nameFr ?? activity.nameEn) : activity.nameEn;
  return renderDocx({
    locale: options.locale,
    title: `${activity.acronym} ${m.kinds.contribution}`,
    subject: `${activity.acronym}: ${name}`,
    blocks: [
      { kind: 'paragraph', text: `${activity.acronym}-C-xxx`, bold: true, align: 'right' },
      { kind: 'paragraph', text: 'INTERNATIONAL TELECOMMUNICATION UNION — ITU-T', bold: true },
      { kind: 'paragraph', text: `${activity.acronym}: ${name}` },
      ...(options.meetingLine ? [{ kind: 'paragraph' as const, text: options.meetingLine }] : []),
      { kind: 'paragraph', text: m.kinds.contribution.toUpperCase(), bold: true },
      // The cover table the check reads back: the field's label in the first cell, its value in the second.
      {
        kind: 'table',
        widths: [0.23, 0.77],
        rows: coverFields.map((field) => [cell(`${m.coverFields[field]}:`, { bold: true }), cell(options.values?.[field] ?? placeholders[options.locale][field])]),
      },
      { kind: 'paragraph', text: options.body ?? (options.locale === 'fr' ? 'Texte de la contribution.' : 'Text of the contribution.') },
    ],
  });
}

/**
 * Reads the cover table of a DOCX through the bounded archive reader (streaming XML: the regular expressions this
 * replaced took quadratic time on unclosed rows, 20 s for a 9 KB file). Throws ArchiveRefusedError for a file past a
 * limit or forged, and an Error when the bytes are a ZIP but not a Word document.
 */
export async function readCoverPage(bytes: Buffer, file: { fileName: string; locale: Locale }): Promise<CoverPage> {
  const cover: CoverPage = { source: undefined, title: undefined, purpose: undefined, contact: undefined, agendaItem: undefined };
  const takeRow = (cells: string[]) => {
    if (cells.length < 1) return;
    const field = fieldByLabel.get(normalise(cells[0]!));
    if (!field || cover[field] !== undefined) return;
    const value = cells.slice(1).join(' ').trim();
    cover[field] = /^\[[\s\S]*\]$/.test(value) ? '' : value;
  };
  for (const block of await readWordFile(bytes, file)) if (block.kind === 'row') takeRow(block.cells);
  return cover;
}

/** What is wrong with a cover page, one plain sentence per field ("Purpose is empty"); none when it is complete. */
export function coverProblems(cover: CoverPage, locale: Locale): string[] {
  const m = documentMessages(locale);
  return coverFields.flatMap((field) => {
    const value = cover[field];
    if (value === undefined) return [m.coverMissing(m.coverFields[field])];
    if (!value.trim()) return [m.coverEmpty(m.coverFields[field])];
    return [];
  });
}

/**
 * Checks a DOCX's cover page: the fields read, and the problems to tell the submitter (unreadable counts as one). A
 * file the archive reader refuses (a bomb, a forgery, past a limit) comes back as `refused`, its message the one problem.
 */
export async function checkCoverPage(
  bytes: Buffer,
  locale: Locale,
  fileName: string,
): Promise<{ cover: CoverPage | null; problems: string[]; refused?: ArchiveRefusedError }> {
  try {
    const cover = await readCoverPage(bytes, { fileName, locale });
    return { cover, problems: coverProblems(cover, locale) };
  } catch (error) {
    // A damaged file reads as before; a file past a limit or forged is refused with the reader's own sentence.
    const damaged = !(error instanceof ArchiveRefusedError) || error.reason === 'not-zip' || error.reason === 'xml-malformed';
    if (!damaged) return { cover: null, problems: [error.message], refused: error };
    return { cover: null, problems: [documentMessages(locale).coverUnreadable] };
  }
}
