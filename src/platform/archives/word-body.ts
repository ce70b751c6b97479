// A Word document's body in reading order, read through the bounded archive reader (streaming XML, so an unclosed
// row repeated 60,000 times costs linear time): paragraphs outside tables, and each table row with its cells' text.
// The contribution cover check and the circular checker both read Word files this way.
import { type Archive, type ArchiveOptions, type ArchiveRefusal, ArchiveRefusedError } from './archive-reader.ts';
import { workerPool } from '../workers/pool.ts';

/** A row is given when it closes, so a table nested in a cell gives its rows before the row that holds it. */
export type WordBlock = { kind: 'paragraph'; text: string } | { kind: 'row'; cells: string[] };

/** Throws Error('no word/document.xml') for a ZIP that is not a Word document. */
export async function readWordBody(archive: Archive): Promise<WordBlock[]> {
  if (!archive.has('word/document.xml')) throw new Error('no word/document.xml');
  const blocks: WordBlock[] = [];
  // Stacks, as tables nest in cells and text boxes hold paragraphs inside paragraphs: text goes to the innermost.
  const rows: string[][] = [];
  const cells: string[][] = [];
  const paragraphs: string[] = [];
  let inText = false;
  await archive.readXml('word/document.xml', {
    open(name) {
      if (name === 'w:tr') rows.push([]);
      else if (name === 'w:tc') cells.push([]);
      else if (name === 'w:p') paragraphs.push('');
      else if (name === 'w:t') inText = true;
      // A tab or a line break separates words as a space does.
      else if ((name === 'w:tab' || name === 'w:br') && paragraphs.length) paragraphs[paragraphs.length - 1] += ' ';
    },
    text(text) {
      if (inText && paragraphs.length) paragraphs[paragraphs.length - 1] += text;
    },
    close(name) {
      if (name === 'w:t') inText = false;
      else if (name === 'w:p') {
        const paragraph = paragraphs.pop() ?? '';
        if (cells.length) {
          if (paragraph.trim()) cells[cells.length - 1]!.push(paragraph);
        } else if (paragraph.trim()) blocks.push({ kind: 'paragraph', text: paragraph });
      } else if (name === 'w:tc') {
        const cell = cells.pop();
        if (cell && rows.length) rows[rows.length - 1]!.push(cell.join(' ').trim());
      } else if (name === 'w:tr') blocks.push({ kind: 'row', cells: rows.pop() ?? [] });
    },
  });
  return blocks;
}

/** What word-body-worker.ts answers: the body, or why it was not read. */
export type WordBody =
  | { blocks: WordBlock[] }
  | { refused: { reason: ArchiveRefusal; fileName: string; message: string; part?: string; limit?: number } }
  | { notWord: true };

const wordBodyWorker = new URL('./word-body-worker.ts', import.meta.url);

/**
 * A Word file's body, read on the worker pool (inflating and parsing a large document is CPU the requests must not
 * wait behind). Throws as `withArchive` + `readWordBody` would: ArchiveRefusedError for a file refused, and
 * Error('no word/document.xml') for a ZIP that is not a Word document.
 */
export async function readWordFile(bytes: Buffer, options: ArchiveOptions): Promise<WordBlock[]> {
  const body = await workerPool().run<WordBody>(wordBodyWorker, 'read', { bytes, options }, { work: 'check', locale: options.locale });
  if ('blocks' in body) return body.blocks;
  if ('notWord' in body) throw new Error('no word/document.xml');
  const r = body.refused;
  throw new ArchiveRefusedError(r.reason, r.fileName, r.message, r.part, r.limit);
}
