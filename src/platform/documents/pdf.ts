// The document model written as a PDF (pdfkit), A4. Text is laid out here rather than by pdfkit, because a line may
// mix faces: each paragraph is cut into runs of one face (fonts.ts), broken into lines, and each line's runs are put
// in visual order by their bidi levels (scripts.ts); an Arabic run is handed to fontkit in logical order, which
// shapes it (joining forms, ligatures) and lays its glyphs right to left, so the text layer keeps the logical order.
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { type Face, faceRuns, loadFont } from './fonts.ts';
import { type Align, type Block, type Cell, cleanText, type DocumentModel, type LetterheadBlock, type Run, type RichText, runsOf, type TableBlock } from './model.ts';
import type { PdfPen, PenTextOptions, TextBox } from './pdf-pen.ts';
import { embeddingLevels, mirrored, visualOrder } from './scripts.ts';

const margins = { portrait: 56, landscape: 40 };
const ink = { text: '#000000', muted: '#555555', subtitle: '#444444', rule: '#999999', headerShade: '#e6e6e6', link: '#0a4a8c' };
/** Line height and baseline as shares of the font size (the Noto faces are taller than Helvetica). */
const leading = 1.32;
const ascent = 1.0;

type Style = { size: number; bold?: boolean; italic?: boolean; color?: string };
/** A piece of a line in one face, one style and one bidi level. */
type Piece = { text: string; face: Face; bold: boolean; italic: boolean; link?: string; level: number; width: number };
type Line = { pieces: Piece[]; width: number };

/**
 * Features given explicitly (none beyond the font's defaults) make pdfkit shape a piece as one run: without them it
 * lays out word by word, which puts the words of a right-to-left run in the wrong order and drops the spaces. Other
 * faces keep pdfkit's word-by-word layout, which it caches.
 */
const wholeRun: PDFKit.Mixins.OpenTypeFeatures[] = [];
const rightToLeftFaces = new Set<Face>(['arabic', 'hebrew']);
const featuresFor = (face: Face) => (rightToLeftFaces.has(face) ? wholeRun : undefined);
/** A letter fontkit knows to lay right to left (it then reverses the run itself). */
const rightToLeftLetter = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Hebrew}]/u;
const breakAfterEach = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Widths at a size of 1 point, per face, style and text, kept across documents: a roadmap measures the same words
 * thousands of times, and fontkit shapes a word each time it measures it. Bounded: emptied when full.
 */
const widths = new Map<string, number>();
const maxKeptWidths = 100_000;

// pdfkit (and the fontkit it reads fonts with) costs about a third of a second of CPU and 27 MB to load, and most
// processes never write a PDF: it is loaded the first time one is written. Required, not imported, so writePdf stays
// synchronous (it hands back the stream pdfkit writes into); its CommonJS build is the same code as the ES one.
const require = createRequire(import.meta.url);
let pdfkit: typeof import('pdfkit') | undefined;
const loadPdfkit = () => (pdfkit ??= require('pdfkit') as typeof import('pdfkit'));

class PdfWriter implements PdfPen {
  readonly doc: PDFKit.PDFDocument;
  private registered = new Set<string>();
  private orientation: 'portrait' | 'landscape' = 'portrait';
  private pageNumber = 1;

  constructor(private readonly model: DocumentModel) {
    const PDFDocument = loadPdfkit();
    this.doc = new PDFDocument({
      size: 'A4',
      margin: margins.portrait,
      bufferPages: false,
      autoFirstPage: true,
      lang: model.locale,
      info: { Title: cleanText(model.title), Subject: cleanText(model.subject), Creator: 'Concord', Producer: 'Concord' },
    });
    this.decoratePage();
    this.doc.y = this.box().top;
  }

  // ---- Fonts and measures -----------------------------------------------------------------------------------

  private useFont(face: Face, bold: boolean, italic: boolean, size: number): void {
    const { name, font } = loadFont(face, { bold, italic });
    if (!this.registered.has(name)) {
      this.doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);
      this.registered.add(name);
    }
    this.doc.font(name).fontSize(size);
  }

  private measure(text: string, face: Face, bold: boolean, italic: boolean, size: number): number {
    if (!text) return 0;
    const key = `${face}${bold ? 'b' : ''}${italic ? 'i' : ''}\u0000${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      this.useFont(face, bold, italic, 1);
      width = this.doc.widthOfString(text, { features: featuresFor(face) });
      if (widths.size >= maxKeptWidths) widths.clear();
      widths.set(key, width);
    }
    return width * size;
  }

  // ---- Lines of text ----------------------------------------------------------------------------------------

  /**
   * Rich text broken into lines of at most `width` points, each line's pieces in visual order with their widths.
   * Lines break at spaces, after hyphens and between any two Chinese or Japanese characters; a word wider than a
   * line is cut.
   */
  private layout(text: RichText, style: Style, width: number): Line[] {
    const runs = runsOf(text)
      .map((r) => ({ ...r, text: cleanText(r.text).replace(/\r?\n/g, ' ') }))
      .filter((r) => r.text);
    const full = runs.map((r) => r.text).join('');
    if (!full) return [];
    const levels = embeddingLevels(full);

    // Tokens in logical order: a word with its trailing spaces, or one CJK character; `glued` when no break may follow.
    type Token = { text: string; face: Face; run: Run; level: number; width: number; space: number; glued: boolean };
    const tokens: Token[] = [];
    let offset = 0;
    for (const run of runs) {
      const bold = run.bold ?? style.bold ?? false;
      const italic = run.italic ?? style.italic ?? false;
      for (const faceRun of faceRuns(run.text)) {
        // Cut further where the bidi level changes.
        let start = 0;
        const at = (i: number) => levels[offset + faceRun.start + i] ?? 0;
        for (let i = 1; i <= faceRun.text.length; i++) {
          if (i < faceRun.text.length && at(i) === at(start)) continue;
          const part = faceRun.text.slice(start, i);
          const level = at(start);
          for (const word of part.match(/\S+\s*|\s+/gu) ?? []) {
            // A line may also break after a hyphen inside a word ("CEN-|CENELEC") and between CJK characters.
            const pieces = breakAfterEach.test(word) ? splitCjk(word) : word.split(/(?<=[^\s-]-)(?=[^\s-])/u);
            for (const piece of pieces) {
              const trimmed = piece.replace(/\s+$/u, '');
              const w = this.measure(piece, faceRun.face, bold, italic, style.size);
              const core = trimmed === piece ? w : this.measure(trimmed, faceRun.face, bold, italic, style.size);
              tokens.push({ text: piece, face: faceRun.face, run, level, width: core, space: w - core, glued: trimmed === piece && !breakAfterEach.test(piece) && !piece.endsWith('-') });
            }
          }
          start = i;
        }
      }
      offset += run.text.length;
    }
    if (tokens.length) tokens.at(-1)!.glued = false;

    // Units: tokens that must stay together (a word split over two runs or faces).
    const units: Token[][] = [];
    let unit: Token[] = [];
    for (const token of tokens) {
      unit.push(token);
      if (!token.glued) {
        units.push(unit);
        unit = [];
      }
    }
    if (unit.length) units.push(unit);

    const lines: Token[][] = [];
    let line: Token[] = [];
    let used = 0;
    const unitWidth = (u: Token[]) => u.reduce((sum, t, i) => sum + t.width + (i < u.length - 1 ? t.space : 0), 0);
    for (const u of units) {
      const w = unitWidth(u);
      const before = line.length ? line.at(-1)!.space : 0;
      if (line.length && used + before + w > width) {
        lines.push(line);
        line = [];
        used = 0;
      }
      if (!line.length && w > width) {
        // A word wider than the line: cut it by characters.
        for (const token of u) {
          for (const char of token.text) {
            const cw = this.measure(char, token.face, token.run.bold ?? style.bold ?? false, token.run.italic ?? style.italic ?? false, style.size);
            if (line.length && used + cw > width) {
              lines.push(line);
              line = [];
              used = 0;
            }
            line.push({ ...token, text: char, width: cw, space: 0 });
            used += cw;
          }
        }
        continue;
      }
      used += (line.length ? before : 0) + w;
      line.push(...u);
    }
    if (line.length) lines.push(line);

    return lines.map((tokensOfLine) => {
      // Pieces: neighbouring tokens of one run, face and level; the line's last trailing space is dropped.
      const pieces: Piece[] = [];
      tokensOfLine.forEach((token, i) => {
        const last = pieces.at(-1);
        const text = i === tokensOfLine.length - 1 ? token.text.replace(/\s+$/u, '') : token.text;
        const bold = token.run.bold ?? style.bold ?? false;
        const italic = token.run.italic ?? style.italic ?? false;
        if (last && last.face === token.face && last.level === token.level && last.bold === bold && last.italic === italic && last.link === token.run.link) last.text += text;
        else pieces.push({ text, face: token.face, bold, italic, link: token.run.link, level: token.level, width: 0 });
      });
      const ordered = visualOrder(pieces.filter((p) => p.text)).map((p) => {
        // fontkit lays an Arabic or Hebrew run right to left by itself; anything else shown right to left is reversed here.
        const text = p.level % 2 === 1 && !(rightToLeftFaces.has(p.face) && rightToLeftLetter.test(p.text)) ? [...p.text].reverse().map(mirrored).join('') : p.text;
        return { ...p, text, width: this.measure(text, p.face, p.bold, p.italic, style.size) };
      });
      return { pieces: ordered, width: ordered.reduce((sum, p) => sum + p.width, 0) };
    });
  }

  /** Draws one laid-out line with its top at `y`. */
  private drawLine(line: Line, x: number, y: number, width: number, align: Align, style: Style): void {
    let at = align === 'center' ? x + (width - line.width) / 2 : align === 'right' ? x + width - line.width : x;
    // pdfkit moves its position after writing; the layout here keeps its own.
    const { x: keptX, y: keptY } = this.doc;
    for (const piece of line.pieces) {
      this.useFont(piece.face, piece.bold, piece.italic, style.size);
      this.doc.fillColor(piece.link ? ink.link : (style.color ?? ink.text));
      this.doc.text(piece.text, at, y + style.size * ascent, { lineBreak: false, baseline: 'alphabetic', link: piece.link, features: featuresFor(piece.face) });
      at += piece.width;
    }
    this.doc.fillColor(ink.text);
    this.doc.x = keptX;
    this.doc.y = keptY;
  }

  /** A paragraph from the current position, breaking to a new page where it must; the position moves below it. */
  private paragraph(text: RichText, style: Style, options: { indent?: number; width?: number; align?: Align; after?: number } = {}): void {
    const box = this.box();
    const x = box.left + (options.indent ?? 0);
    const width = options.width ?? box.right - x;
    const height = style.size * leading;
    for (const line of this.layout(text, style, width)) {
      if (this.doc.y + height > this.box().bottom) this.addPage();
      this.drawLine(line, x, this.doc.y, width, options.align ?? 'left', style);
      this.doc.y += height;
    }
    this.doc.y += options.after ?? 0;
    this.doc.x = this.box().left;
  }

  // ---- The pen figures draw with -----------------------------------------------------------------------------

  line(text: string, x: number, y: number, options: PenTextOptions): void {
    const style: Style = { size: options.size, bold: options.bold, color: options.color };
    let [line] = this.layout(text, style, Number.POSITIVE_INFINITY);
    if (!line) return;
    if (options.ellipsis && options.width !== undefined && line.width > options.width) {
      const chars = [...cleanText(text)];
      let cut = chars.length;
      do {
        cut--;
        [line] = this.layout(`${chars.slice(0, cut).join('').trimEnd()}…`, style, Number.POSITIVE_INFINITY);
      } while (cut > 1 && line!.width > options.width);
    }
    this.drawLine(line!, x, y, options.width ?? line!.width, options.align ?? 'left', style);
  }

  widthOf(text: string, options: { size: number; bold?: boolean }): number {
    return this.layout(text, options, Number.POSITIVE_INFINITY)[0]?.width ?? 0;
  }

  box(): TextBox {
    // The header and footer lines sit in the top and bottom margins.
    const page = this.doc.page;
    return { left: page.margins.left, top: page.margins.top, right: page.width - page.margins.right, bottom: page.height - page.margins.bottom };
  }

  addPage(orientation = this.orientation): TextBox {
    this.orientation = orientation;
    this.doc.addPage({ size: 'A4', layout: orientation, margin: margins[orientation] });
    this.pageNumber++;
    this.decoratePage();
    this.doc.x = this.box().left;
    this.doc.y = this.box().top;
    return this.box();
  }

  /** The page's header and footer lines. */
  private decoratePage(): void {
    const page = this.doc.page;
    const left = page.margins.left;
    const width = page.width - left - page.margins.right;
    const style: Style = { size: 8, color: ink.muted };
    if (this.model.header) {
      const [line] = this.layout(this.model.header, style, width);
      if (line) this.drawLine(line, left, page.margins.top - 24, width, 'left', style);
    }
    const footer = this.model.footer;
    if (footer) {
      const y = page.height - page.margins.bottom + 14;
      const [line] = footer.text ? this.layout(footer.text, style, width - 40) : [];
      if (line) this.drawLine(line, left, y, width - 40, 'left', style);
      if (footer.pageNumbers) {
        const [number] = this.layout(String(this.pageNumber), style, 40);
        if (number) this.drawLine(number, left + width - 40, y, 40, 'right', style);
      }
    }
  }

  // ---- Blocks -----------------------------------------------------------------------------------------------

  /** Starts a new page when less than `height` is left, so a heading is not left alone at a page's foot. */
  private keep(height: number): void {
    if (this.doc.y + height > this.box().bottom) this.addPage();
  }

  async write(): Promise<void> {
    for (const block of this.model.blocks) {
      await this.block(block);
    }
    this.doc.end();
  }

  private async block(block: Block): Promise<void> {
    const box = this.box();
    switch (block.kind) {
      case 'title':
        this.paragraph(block.text, { size: 18, bold: true }, { after: 4 });
        break;
      case 'subtitle':
        this.paragraph(block.text, { size: 10, italic: true, color: ink.subtitle }, { after: 8 });
        break;
      case 'heading': {
        const size = block.level === 1 ? 14 : block.level === 2 ? 12 : 11;
        if (this.doc.y > box.top) this.doc.y += size * 0.6;
        this.keep(size * leading + 40);
        this.paragraph(block.text, { size, bold: true }, { after: 4 });
        break;
      }
      case 'paragraph': {
        const size = block.small ? 9 : 10.5;
        this.paragraph(block.text, { size, italic: block.italic, bold: block.bold, color: block.muted ? ink.muted : undefined }, { align: block.align, after: size * 0.45 });
        break;
      }
      case 'item': {
        const offset = 22 * (block.depth - 1);
        const style: Style = { size: 10.5, bold: block.depth === 1 && !block.plain };
        this.doc.y += block.depth === 1 ? 4 : 1;
        this.keep(style.size * leading);
        const top = this.doc.y;
        const [number] = this.layout(block.number, style, 40);
        if (number) this.drawLine(number, box.left + offset, top, 40, 'left', style);
        this.paragraph(block.text, style, { indent: offset + 40 });
        break;
      }
      case 'bullet': {
        const offset = 14 * block.depth;
        const style: Style = { size: 10.5 };
        this.keep(style.size * leading);
        const [bullet] = this.layout('•', style, 12);
        if (bullet) this.drawLine(bullet, box.left + offset, this.doc.y, 12, 'left', style);
        this.paragraph(block.text, style, { indent: offset + 12, after: 1 });
        break;
      }
      case 'table':
        await this.table(block);
        break;
      case 'figure':
        if (block.pdf) await block.pdf(this);
        else
          for (const picture of block.pictures()) {
            const width = Math.min(box.right - box.left, picture.width * 0.75);
            const height = (picture.height * width) / picture.width;
            this.keep(Math.min(height, box.bottom - box.top));
            const room = this.box().bottom - this.doc.y;
            this.doc.image(picture.png, box.left, this.doc.y, { fit: [width, Math.min(height, room)] });
            this.doc.y += Math.min(height, room) + 6;
          }
        break;
      case 'page-break':
        this.addPage(block.orientation);
        break;
      case 'letterhead':
        await this.letterhead(block);
        break;
    }
    this.doc.x = this.box().left;
  }

  /** A table with fixed column widths; a row never splits over two pages, and the header row opens each page. */
  private async table(table: TableBlock): Promise<void> {
    const size = table.small ? 8.5 : 10;
    const padding = { x: table.small ? 3 : 4, y: 3 };
    const lineHeight = size * leading;
    const box = this.box();
    const total = box.right - box.left;
    const widths = table.widths.map((w) => w * total);
    const laid = (cells: Cell[]) =>
      cells.map((c, i) => {
        const style: Style = { size, bold: c.bold };
        const lines = c.lines.flatMap((text) => this.layout(text, style, (widths[i] ?? 0) - 2 * padding.x));
        return { cell: c, style, lines };
      });
    const rowHeight = (cells: ReturnType<typeof laid>) => Math.max(1, ...cells.map((c) => c.lines.length)) * lineHeight + 2 * padding.y;
    const header = table.header ? laid(table.header.map((c) => ({ shade: ink.headerShade.slice(1), bold: true, ...c }))) : null;
    const draw = (cells: ReturnType<typeof laid>, height: number) => {
      let x = box.left;
      const top = this.doc.y;
      cells.forEach((c, i) => {
        const w = widths[i] ?? 0;
        if (c.cell.shade) this.doc.save().rect(x, top, w, height).fill(`#${c.cell.shade}`).restore();
        if (!table.borderless) this.doc.save().lineWidth(0.5).strokeColor(ink.rule).rect(x, top, w, height).stroke().restore();
        c.lines.forEach((line, n) => this.drawLine(line, x + padding.x, top + padding.y + n * lineHeight, w - 2 * padding.x, c.cell.align ?? 'left', c.style));
        x += w;
      });
      this.doc.y = top + height;
    };
    if (header) {
      this.keep(rowHeight(header) + lineHeight + 2 * padding.y);
      draw(header, rowHeight(header));
    }
    for (const [index, row] of table.rows.entries()) {
      if (index % 200 === 199) await new Promise(setImmediate); // long tables let other requests run
      const cells = laid(row);
      const height = rowHeight(cells);
      if (this.doc.y + height > this.box().bottom) {
        this.addPage();
        if (header) draw(header, rowHeight(header));
      }
      draw(cells, height);
    }
    this.doc.y += 10;
  }

  private async letterhead(block: LetterheadBlock): Promise<void> {
    block.sender.forEach((line, i) => this.paragraph(line, { size: i === 0 ? 12 : 10, bold: true }));
    this.doc.y += 6;
    this.paragraph(block.placeAndDate, { size: 10.5 }, { align: 'right', after: 10 });
    // The details (reference, contact…) stack on the left, the addressees take the right column.
    const left: Cell = { lines: block.details.map((d) => [{ text: `${d.label} `, bold: true }, ...runsOf(d.value)]) };
    const copies: RichText[] = block.copies ? ['\u00a0', [{ text: block.copies.label, bold: true }], ...block.copies.lines] : [];
    const right: Cell = { lines: [[{ text: block.addressees.label, bold: true }], ...block.addressees.lines, ...copies] };
    await this.table({ kind: 'table', widths: [0.5, 0.5], rows: [[left, right]], borderless: true });
    this.paragraph([{ text: `${block.subject.label} `, bold: true }, { text: block.subject.text, bold: true }], { size: 10.5 }, { after: 10 });
  }
}

function splitCjk(word: string): string[] {
  const out: string[] = [];
  for (const char of word) {
    if (out.length && (/\s/u.test(char) || !breakAfterEach.test(char) && !breakAfterEach.test([...out.at(-1)!].at(-1)!))) out[out.length - 1] += char;
    else out.push(char);
  }
  return out;
}

/**
 * The document as a PDF written here, streamed as pdfkit writes it; an error while writing ends the stream with it.
 * Requests use `renderPdf` (pdf-file.ts), which writes it on a worker thread.
 */
export function writePdf(model: DocumentModel): Readable {
  const writer = new PdfWriter(model);
  writer.write().catch((error: unknown) => writer.doc.destroy(error as Error));
  return writer.doc;
}
