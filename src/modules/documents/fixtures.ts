// Files the documents tests upload: real PDF, DOCX and mail bytes, built the way real tools build them.
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import nodemailer from 'nodemailer';
import { contributionTemplate, type CoverField } from './cover-page.ts';

/** The smallest PDF readers open (file-type knows it by its %PDF- header). */
export function tinyPdf(text = 'Concord test'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

export const completeCover: Record<CoverField, string> = {
  source: 'Quantum Networks Inc.',
  title: 'Proposed update to the QKDN roadmap',
  purpose: 'Proposal',
  contact: 'Ada Lovelace, Quantum Networks Inc., ada@example.org',
  agendaItem: '4. Roadmap',
};

/** A contribution made from the template, its cover filled in (the fields given; the others keep their placeholder). */
export function docxFromTemplate(values: Partial<Record<CoverField, string>> = completeCover, locale: 'en' | 'fr' = 'en'): Promise<Buffer> {
  return contributionTemplate({ acronym: 'JCA-TEST', nameEn: 'Test activity', nameFr: 'Activité de test' }, { locale, values });
}

/** A Word document whose cover table has only some of the rows (Source and Title here). */
export async function docxWithRows(rows: [string, string][]): Promise<Buffer> {
  const table = new Table({
    rows: rows.map(([label, value]) => new TableRow({ children: [new TableCell({ children: [new Paragraph(label)] }), new TableCell({ children: [new Paragraph(value)] })] })),
  });
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('A contribution'), table] }] }));
}

/** One RFC 5322 message as a mail client sends it (nodemailer's composer, MIME multipart with base64 attachments). */
export async function composeMail(mail: { from: string; to: string; subject: string; text?: string; attachments?: { filename: string; content: Buffer; contentType?: string }[] }): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail({ ...mail, text: mail.text ?? 'Please find our contribution attached.' });
  return info.message as Buffer;
}
