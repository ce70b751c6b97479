// A draft circular's paragraphs, from a DOCX (through the platform's bounded archive reader), a PDF with a text
// layer (poppler's pdftotext, in a child process bounded in time and output: it runs on every Node version and never
// on the event loop) or plain text. Each paragraph keeps where a reader finds it: its number in a DOCX, its page and
// line in a PDF, its line in a text file.
import { execFile } from 'node:child_process';
import { ArchiveRefusedError } from '../../platform/archives/archive-reader.ts';
import { readWordFile } from '../../platform/archives/word-body.ts';
import { detectKind } from '../../platform/files.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { DraftParagraph } from './checker.ts';

export const draftKinds = ['docx', 'pdf', 'txt'] as const;
export type DraftKind = (typeof draftKinds)[number];

/** Why a file could not be read, for the reader's message (messages.ts). */
export type UnreadableReason = 'kind' | 'refused' | 'not-word' | 'no-text' | 'pdf-reader' | 'pdf-broken' | 'not-utf8';
export class UnreadableDraft extends Error {
  constructor(readonly reason: UnreadableReason, readonly detail?: string) {
    super(`unreadable draft: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

const pdftotext = process.env.PDFTOTEXT ?? 'pdftotext';
const pdfTimeMs = 10_000;
const pdfMaxText = 16 * 1024 * 1024;

/** The paragraphs of a draft, whatever its kind (read from its bytes, never from its name). */
export async function readDraft(bytes: Buffer, file: { fileName: string; locale: Locale }): Promise<DraftParagraph[]> {
  const kind = await detectKind(bytes);
  let paragraphs: DraftParagraph[];
  if (kind === 'docx') paragraphs = await readDocx(bytes, file);
  else if (kind === 'pdf') paragraphs = await readPdf(bytes);
  else if (kind === 'txt') paragraphs = readText(bytes.toString('utf8'));
  else throw new UnreadableDraft('kind');
  if (!paragraphs.some((p) => /\p{L}{3}/u.test(p.text))) throw new UnreadableDraft(kind === 'pdf' ? 'no-text' : 'no-text');
  return paragraphs;
}

/** Word's paragraphs in order; a table row is one paragraph, its cells joined by tabs. */
async function readDocx(bytes: Buffer, file: { fileName: string; locale: Locale }): Promise<DraftParagraph[]> {
  const out: DraftParagraph[] = [];
  try {
    for (const block of await readWordFile(bytes, file)) {
      const text = block.kind === 'paragraph' ? block.text : block.cells.filter(Boolean).join('\t');
      if (text.trim()) out.push({ text, where: { paragraph: out.length + 1 }, ...(block.kind === 'row' ? { row: true } : {}) });
    }
  } catch (error) {
    if (error instanceof ArchiveRefusedError) throw new UnreadableDraft('refused', error.message);
    if (error instanceof Error && error.message === 'no word/document.xml') throw new UnreadableDraft('not-word');
    throw error;
  }
  return out;
}

/** The text layer, page by page (pdftotext ends each page with a form feed). */
async function readPdf(bytes: Buffer): Promise<DraftParagraph[]> {
  const text = await new Promise<string>((resolve, reject) => {
    const child = execFile(pdftotext, ['-enc', 'UTF-8', '-q', '-', '-'], { timeout: pdfTimeMs, maxBuffer: pdfMaxText, encoding: 'buffer' }, (error, stdout) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        reject(new UnreadableDraft(code === 'ENOENT' ? 'pdf-reader' : 'pdf-broken'));
      } else resolve((stdout as Buffer).toString('utf8'));
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(bytes);
  });
  const out: DraftParagraph[] = [];
  text.split('\f').forEach((page, p) => out.push(...linesToParagraphs(page, (line) => ({ page: p + 1, line }))));
  return out;
}

function readText(text: string): DraftParagraph[] {
  return linesToParagraphs(text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'), (line) => ({ line }));
}

/**
 * Lines into paragraphs: a blank line ends one, and so does a line that starts something of its own (a number, a
 * date, an annex, a subject, a bullet), since PDFs and plain text wrap long paragraphs but also set lists line by line.
 */
function linesToParagraphs(text: string, where: (line: number) => DraftParagraph['where']): DraftParagraph[] {
  const out: DraftParagraph[] = [];
  let current: { text: string; line: number } | undefined;
  const flush = () => {
    if (current?.text.trim()) out.push({ text: current.text.trim(), where: where(current.line) });
    current = undefined;
  };
  const startsAnew = /^\s*(?:\d{1,2}\.?\s+[\p{Lu}«“]|\d{1,2}(?:\.\d{1,2})+\.?\s|\d{1,2}(?:er)?\s+\p{L}+\s+\d{4}|annexe?\s+[A-Z0-9]\b|subject\s*:|objet\s*:|[-–•·*]\s)/iu;
  // A PDF's text layer sets a paragraph's number apart from its text (pdftotext gives "7", a blank line, the text).
  const numberAlone = /^\s*(\d{1,2}(?:\.\d{1,2})*\.?)\s*$/;
  let pendingNumber: { number: string; line: number } | undefined;
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return flush();
    const alone = numberAlone.exec(line);
    if (alone) {
      flush();
      pendingNumber = { number: alone[1]!, line: index + 1 };
      return;
    }
    if (pendingNumber) {
      current = { text: `${pendingNumber.number}\t${line.trim()}`, line: pendingNumber.line };
      pendingNumber = undefined;
      return;
    }
    if (current && startsAnew.test(line)) flush();
    if (current) current.text += ' ' + line.trim();
    else current = { text: line.trim(), line: index + 1 };
  });
  flush();
  return out;
}
