// The pieces every report generated from the records shares (the per-meeting executive summary and meeting report,
// the activity's reports to TSAG and to the study groups): the light markup the secretariat edits ("# " and "## "
// headings, "- " list items, blank lines between paragraphs), its writer and reader, and TSAG's document header.
// One copy here, so the two kinds of report never drift apart in how they are written, read back or headed.
import type { Locale } from '../i18n/locale.ts';
import { cell, cellLines, type Block } from './model.ts';

/** Writes a report's text in the light markup, section by section. */
export class ReportText {
  private readonly lines: string[] = [];

  heading(text: string, level: 1 | 2 | 3 = 2): this {
    this.lines.push(`${'#'.repeat(level)} ${text}`, '');
    return this;
  }

  paragraph(text: string): this {
    if (text.trim()) this.lines.push(text.replace(/\s*\n\s*/g, ' '), '');
    return this;
  }

  /** A list; an item's line breaks become spaces, since a list item is one line of the markup. */
  bullets(items: readonly (string | { text: string; depth: number })[]): this {
    if (!items.length) return this;
    for (const item of items) {
      const { text, depth } = typeof item === 'string' ? { text: item, depth: 0 } : item;
      this.lines.push(`${'  '.repeat(depth)}- ${text.replace(/\s*\n\s*/g, ' ')}`);
    }
    this.lines.push('');
    return this;
  }

  /** A paragraph kept as typed (minutes, which may hold several lines). */
  raw(text: string): this {
    this.lines.push(text, '');
    return this;
  }

  toString(): string {
    const lines = [...this.lines];
    while (lines.at(-1) === '') lines.pop();
    return lines.join('\n');
  }
}

/** What the report's light markup holds: blocks of the platform's document model, with plain text. */
export type ReportBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullet'; depth: number; text: string };

/** Reads the report's light markup into document blocks (for the page, the DOCX and the PDF). */
export function reportBlocks(body: string): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const heading = line.match(/^(#{1,3})\s+(.*)$/);
    const bullet = line.match(/^(\s*)[-*]\s+(.*)$/);
    if (!line.trim()) flush();
    else if (heading) {
      flush();
      const level = heading[1]!.length;
      blocks.push(level === 1 && !blocks.length ? { kind: 'title', text: heading[2]! } : { kind: 'heading', level: level <= 2 ? 1 : 2, text: heading[2]! });
    } else if (bullet) {
      flush();
      blocks.push({ kind: 'bullet', depth: Math.floor(bullet[1]!.length / 2), text: bullet[2]! });
    } else paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

/** The title a report's text gives itself (its first "# " line), if any. */
export const reportTitleOf = (body: string): string | undefined => {
  const [first] = reportBlocks(body);
  return first?.kind === 'title' ? first.text : undefined;
};

/** Who a TSAG document names as its contact, as in the records. */
export type ReportContact = { name: string; organization: string | null; country: string | null; email: string | null };

const tsagWords = {
  en: {
    number: 'Number',
    numberToCome: 'TSAG-TD (number to be assigned)',
    source: 'Source',
    title: 'Title',
    purpose: 'Purpose',
    information: 'Information',
    contact: 'Contact',
    email: 'E-mail',
    noContact: 'No chair or secretariat is recorded for the activity.',
  },
  fr: {
    number: 'Numéro',
    numberToCome: 'TSAG-TD (numéro à attribuer)',
    source: 'Source',
    title: 'Titre',
    purpose: 'Objet',
    information: 'Information',
    contact: 'Contact',
    email: 'Courriel',
    noContact: 'Aucun président ni secrétariat n’est enregistré pour l’activité.',
  },
} satisfies Record<Locale, Record<string, string>>;

/** The words of TSAG's document header, in English and French. */
export const tsagHeaderMessages = (locale: Locale) => tsagWords[locale];

/**
 * TSAG's document header, as a TSAG TD opens: number (typed by the secretariat; a placeholder until then), source,
 * title, purpose and contact (from the records), as a borderless two-column table.
 */
export function tsagHeaderBlock(header: { number: string | null; source: string; title: string; contacts: readonly ReportContact[] }, locale: Locale): Block {
  const m = tsagHeaderMessages(locale);
  const row = (label: string, lines: string[]) => [cell(label, { bold: true }), cellLines(lines)];
  const contactLines = header.contacts.length
    ? header.contacts.map((c) => [c.name, c.organization, c.country, c.email ? `${m.email}${locale === 'fr' ? '\u202f:' : ':'} ${c.email}` : null].filter(Boolean).join(', '))
    : [m.noContact];
  return {
    kind: 'table',
    widths: [0.22, 0.78],
    borderless: true,
    rows: [row(m.number, [header.number ?? m.numberToCome]), row(m.source, [header.source]), row(m.title, [header.title]), row(m.purpose, [m.information]), row(m.contact, contactLines)],
  };
}
