// Documents of the proceedings as DOCX (docx) and PDF (pdfkit): a list of simple blocks (title, headings,
// paragraphs, numbered agenda items, bullets) written the same way to both formats. The agenda is built here; the
// reports (meeting-report.ts) use the same writer.
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import { formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { pdfText } from '../roadmap/index.ts';
import type { Activity } from '../activities/index.ts';
import { type AgendaDocumentLink, type AgendaVersion, documentLabel, type Meeting } from './agenda.ts';
import { agendaMessages } from './agenda-messages.ts';

export type DocumentBlock =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; italics?: boolean }
  | { kind: 'item'; number: string; depth: number; text: string }
  | { kind: 'bullet'; depth: number; text: string };

export type SimpleDocument = { locale: Locale; title: string; subject: string; blocks: DocumentBlock[] };

/** Characters XML 1.0 cannot hold (a DOCX is XML) are dropped. */
const xmlSafe = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** The document as a DOCX file (A4, 2 cm margins). */
export async function simpleDocx(doc: SimpleDocument): Promise<Buffer> {
  const indent = (depth: number) => ({ left: 360 * depth });
  const children = doc.blocks.map((block) => {
    switch (block.kind) {
      case 'title':
        return new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(xmlSafe(block.text))] });
      case 'subtitle':
        return new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text: xmlSafe(block.text), italics: true })] });
      case 'heading':
        return new Paragraph({
          heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          spacing: { before: 240, after: 120 },
          children: [new TextRun(xmlSafe(block.text))],
        });
      case 'paragraph':
        return new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: xmlSafe(block.text), italics: block.italics })] });
      case 'item':
        return new Paragraph({
          spacing: { before: block.depth === 1 ? 120 : 40, after: 40 },
          indent: indent(block.depth - 1),
          children: [new TextRun({ text: `${block.number}\t`, bold: block.depth === 1 }), new TextRun({ text: xmlSafe(block.text), bold: block.depth === 1 })],
        });
      case 'bullet':
        return new Paragraph({ bullet: { level: Math.min(block.depth, 3) }, children: [new TextRun(xmlSafe(block.text))] });
    }
  });
  const document = new Document({
    creator: 'Concord',
    title: xmlSafe(doc.title),
    description: xmlSafe(doc.subject),
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }],
  });
  return Packer.toBuffer(document);
}

/** The document as a PDF (A4), streamed as pdfkit writes it. */
export function simplePdf(doc: SimpleDocument): Readable {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, lang: doc.locale, info: { Title: pdfText(doc.title), Subject: pdfText(doc.subject), Creator: 'Concord', Producer: 'Concord' } });
  const left = pdf.page.margins.left;
  const width = () => pdf.page.width - left - pdf.page.margins.right;
  for (const block of doc.blocks) {
    pdf.x = left;
    switch (block.kind) {
      case 'title':
        pdf.font('Helvetica-Bold').fontSize(18).text(pdfText(block.text), { width: width() }).moveDown(0.3);
        break;
      case 'subtitle':
        pdf.font('Helvetica-Oblique').fontSize(10).fillColor('#444444').text(pdfText(block.text), { width: width() }).fillColor('black').moveDown(0.6);
        break;
      case 'heading':
        if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 60) pdf.addPage();
        pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(block.level === 1 ? 14 : 12).text(pdfText(block.text), { width: width() }).moveDown(0.3);
        break;
      case 'paragraph':
        pdf.font(block.italics ? 'Helvetica-Oblique' : 'Helvetica').fontSize(10.5).text(pdfText(block.text), { width: width() }).moveDown(0.4);
        break;
      case 'item': {
        const offset = 22 * (block.depth - 1);
        const top = pdf.y + (block.depth === 1 ? 4 : 1);
        pdf.font(block.depth === 1 ? 'Helvetica-Bold' : 'Helvetica').fontSize(10.5);
        pdf.text(pdfText(block.number), left + offset, top, { width: 40, lineBreak: false });
        pdf.text(pdfText(block.text), left + offset + 40, top, { width: width() - offset - 40 });
        break;
      }
      case 'bullet': {
        const offset = 14 * block.depth;
        pdf.font('Helvetica').fontSize(10.5).text(`•  ${pdfText(block.text)}`, left + offset, pdf.y, { width: width() - offset });
        break;
      }
    }
  }
  pdf.end();
  return pdf;
}

/** The agenda of a meeting as a document: title, the meeting's facts, the version, then the items and their documents. */
export function agendaDocument(
  activity: Activity,
  meeting: Meeting,
  version: AgendaVersion,
  documentsByItem: Map<number, AgendaDocumentLink[]>,
  locale: Locale,
): SimpleDocument {
  const m = agendaMessages(locale);
  const title = version.status === 'adopted' ? m.adoptedAgenda(activity.acronym, meeting.number) : m.draftAgenda(activity.acronym, meeting.number);
  const place = [meeting.venue, meeting.city].filter(Boolean).join(', ');
  const when = formatDateTime(meeting.startsAt, locale, meeting.timeZone);
  const blocks: DocumentBlock[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: [meeting.title, when, place, meeting.colocatedEvent].filter(Boolean).join(' — ') },
    { kind: 'paragraph', text: m.versionLine(version.version, m.statuses[version.status], formatDateTime(version.adoptedAt ?? version.issuedAt, locale, meeting.timeZone)), italics: true },
  ];
  for (const item of version.items) {
    blocks.push({ kind: 'item', number: item.number, depth: item.depth, text: item.title });
    if (item.notes) blocks.push({ kind: 'paragraph', text: item.notes });
    for (const d of documentsByItem.get(item.id) ?? []) blocks.push({ kind: 'bullet', depth: item.depth, text: `${documentLabel(d)}${d.number ? ` ${d.title}` : ''}` });
  }
  return { locale, title, subject: `${activity.acronym} — ${meeting.title}`, blocks };
}
