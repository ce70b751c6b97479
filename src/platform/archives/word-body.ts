// A Word document's body in reading order, read through the bounded archive reader (streaming XML, so an unclosed
// row repeated 60,000 times costs linear time): paragraphs outside tables, and each table row with its cells' text.
// The contribution cover check and the circular checker both read Word files this way.
import type { Archive } from './archive-reader.ts';

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
