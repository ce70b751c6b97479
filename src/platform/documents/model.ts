// The one model of a written document (agendas, reports, summaries, the roadmap document, the contribution template,
// circulars): blocks a module builds from its data, which docx.ts and pdf.ts write the same way. It says what the text
// is (a heading, an item, a table cell), never how a format draws it, so the two outputs cannot drift apart.
import type { Locale } from '../i18n/locale.ts';
import type { PdfPen } from './pdf-pen.ts';

/** A piece of a paragraph with its own emphasis or link. */
export type Run = { text: string; bold?: boolean; italic?: boolean; link?: string };
/** A paragraph's text: plain, or runs. */
export type RichText = string | (string | Run)[];

export type Align = 'left' | 'center' | 'right';

export type Cell = {
  /** one paragraph per line */
  lines: RichText[];
  bold?: boolean;
  /** background, six hex digits */
  shade?: string;
  align?: Align;
};

export type TableBlock = {
  kind: 'table';
  /** the columns' shares of the text width (they add up to 1) */
  widths: number[];
  /** repeated at the top of each page the table runs over */
  header?: Cell[];
  rows: Cell[][];
  /** small text (9 points) for tables of many rows */
  small?: boolean;
  /** no ruled lines (layout tables such as a letterhead's) */
  borderless?: boolean;
};

/** A picture as an SVG (what current readers show) and the PNG a DOCX must carry beside it; sizes in CSS pixels. */
export type Picture = { svg?: string; png: Buffer; width: number; height: number; title: string; description: string };

/**
 * A TSB circular's (or a letter's) heading: who writes, place and date on the right, the reference and contact on
 * the left with the addressees beside them, then the subject.
 */
export type LetterheadBlock = {
  kind: 'letterhead';
  /** e.g. "International Telecommunication Union", "Telecommunication Standardization Bureau" */
  sender: string[];
  /** e.g. "Geneva, 6 December 2026" */
  placeAndDate: string;
  /** the left column: reference, contact, telephone, e-mail… */
  details: { label: string; value: RichText }[];
  addressees: { label: string; lines: string[] };
  /** the copies, under the addressees with their own label (a TSB circular's "Copy:") */
  copies?: { label: string; lines: string[] };
  subject: { label: string; text: string };
};

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: RichText; italic?: boolean; bold?: boolean; align?: Align; muted?: boolean; small?: boolean }
  /** a numbered item of a list such as an agenda; items of depth 1 stand out (bold) unless `plain` (a letter's numbered paragraphs) */
  | { kind: 'item'; number: string; depth: number; text: RichText; plain?: boolean }
  | { kind: 'bullet'; depth: number; text: RichText }
  | TableBlock
  /**
   * Pictures, one under the other, each scaled to fit the page. `pdf` draws the same figure with vector shapes
   * instead (sharper, and it may take pages of its own); the DOCX always takes the pictures. The pictures are made
   * only by a writer that shows them (drawing PNGs costs more than the rest of a document).
   */
  | { kind: 'figure'; pictures: () => Picture[]; pdf?: (pen: PdfPen) => Promise<void> }
  /** a new page; with an orientation, the pages from here on turn that way (a new section in a DOCX) */
  | { kind: 'page-break'; orientation?: 'portrait' | 'landscape' }
  | LetterheadBlock;

export type DocumentModel = {
  locale: Locale;
  /** the file's title and subject (its properties, not printed) */
  title: string;
  subject: string;
  /** a line at the top of every page */
  header?: string;
  /** a line at the bottom of every page, followed by the page number when `pageNumbers` is set */
  footer?: { text?: string; pageNumbers?: boolean };
  blocks: Block[];
};

/** The plain text of rich text. */
export const plainText = (text: RichText): string => (typeof text === 'string' ? text : text.map((r) => (typeof r === 'string' ? r : r.text)).join(''));

/** Rich text as runs. */
export const runsOf = (text: RichText): Run[] => (typeof text === 'string' ? [{ text }] : text.map((r) => (typeof r === 'string' ? { text: r } : r)));

/**
 * Characters XML 1.0 cannot hold (a DOCX is XML: control characters, U+FFFE/FFFF, halves of a broken surrogate pair)
 * are dropped; a PDF would show them as boxes anyway.
 */
export const cleanText = (text: string): string =>
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');

/** A cell holding one paragraph. */
export const cell = (text: RichText, options: Omit<Cell, 'lines'> = {}): Cell => ({ lines: [text], ...options });

/** A cell holding one paragraph per line. */
export const cellLines = (lines: string[], options: Omit<Cell, 'lines'> = {}): Cell => ({ lines, ...options });
