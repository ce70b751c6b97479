// The document model written as a DOCX (docx), A4 with 2 cm margins. Word picks a run's font by its characters'
// kind: the ASCII/high-ANSI slot for Latin, Greek and Cyrillic, the east-Asian slot for Chinese, Japanese and Korean,
// the complex-script slot for Arabic and Hebrew. Each run of one script gets its slot filled with a font readers have, its
// language, and right-to-left (w:rtl) for Arabic, so Word neither guesses the font nor reverses the letters.
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  type IParagraphOptions,
  type IRunOptions,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { type Align, type Block, type Cell, cleanText, type DocumentModel, type LetterheadBlock, type Picture, type RichText, runsOf, type TableBlock } from './model.ts';
import { scriptRuns } from './scripts.ts';

// A4 and its 2 cm margins, in twentieths of a point.
const page = { width: 11906, height: 16838, margin: 1134 };
const textWidth = { portrait: page.width - 2 * page.margin, landscape: page.height - 2 * page.margin };
const textHeight = { portrait: page.height - 2 * page.margin - 1000, landscape: page.width - 2 * page.margin - 1000 };

const alignment = (align: Align | undefined) => (align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);

type RunStyle = { bold?: boolean; italic?: boolean; size?: number; color?: string };

/** Text runs of one script each, with the font slot, language and direction Word needs for it. */
function scriptTextRuns(text: string, style: RunStyle, link = false): TextRun[] {
  return scriptRuns(cleanText(text)).map((run) => {
    const options: IRunOptions = {
      text: run.text,
      bold: style.bold,
      italics: style.italic,
      size: style.size,
      color: style.color,
      ...(link ? { style: 'Hyperlink' } : {}),
    };
    switch (run.script) {
      case 'han':
        return new TextRun({ ...options, font: { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: 'Microsoft YaHei', hint: 'eastAsia' }, language: { eastAsia: 'zh-CN' } });
      case 'hangul':
        return new TextRun({ ...options, font: { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: 'Malgun Gothic', hint: 'eastAsia' }, language: { eastAsia: 'ko-KR' } });
      case 'arabic':
      case 'hebrew':
        return new TextRun({
          ...options,
          font: { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Arial', hint: 'cs' },
          rightToLeft: true,
          boldComplexScript: style.bold,
          italicsComplexScript: style.italic,
          sizeComplexScript: style.size,
          language: { bidirectional: run.script === 'arabic' ? 'ar-SA' : 'he-IL' },
        });
      case 'latin':
        return new TextRun(options);
    }
  });
}

/** Rich text as paragraph children: script runs, links as hyperlinks. */
function children(text: RichText, style: RunStyle = {}): ParagraphChild[] {
  return runsOf(text).flatMap((run): ParagraphChild[] => {
    const runStyle = { ...style, bold: run.bold ?? style.bold, italic: run.italic ?? style.italic };
    return run.link ? [new ExternalHyperlink({ link: run.link, children: scriptTextRuns(run.text, runStyle, true) })] : scriptTextRuns(run.text, runStyle);
  });
}

const paragraph = (text: RichText, style: RunStyle = {}, options: Omit<IParagraphOptions, 'children'> = {}) =>
  new Paragraph({ spacing: { after: 120 }, ...options, children: children(text, style) });

function table(block: TableBlock, orientation: 'portrait' | 'landscape'): Table {
  const width = textWidth[orientation];
  const widths = block.widths.map((f) => Math.round(f * width));
  const size = block.small ? 18 : undefined;
  const cell = (spec: Cell, column: number) =>
    new TableCell({
      children: (spec.lines.length ? spec.lines : ['']).map((line) =>
        paragraph(line, { bold: spec.bold, size }, { spacing: { after: 0 }, alignment: alignment(spec.align) }),
      ),
      width: { size: widths[column] ?? 0, type: WidthType.DXA },
      ...(spec.shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: spec.shade } } : {}),
    });
  const header = block.header?.map((c) => ({ shade: 'E6E6E6', bold: true, ...c }));
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    ...(block.borderless ? { borders: TableBorders.NONE } : {}),
    rows: [
      ...(header ? [new TableRow({ tableHeader: true, children: header.map(cell) })] : []),
      // A row never splits over two pages, as in the PDF (a letter's signature block stays whole).
      ...block.rows.map((cells) => new TableRow({ cantSplit: true, children: cells.map(cell) })),
    ],
  });
}

/** A picture at most the text's width and height (docx sizes pictures in CSS pixels: 15 twentieths of a point). */
function picture(p: Picture, orientation: 'portrait' | 'landscape'): Paragraph {
  const scale = Math.min(1, textWidth[orientation] / 15 / p.width, textHeight[orientation] / 15 / p.height);
  const transformation = { width: Math.round(p.width * scale), height: Math.round(p.height * scale) };
  const altText = { name: p.title, title: p.title, description: p.description };
  return new Paragraph({
    children: [
      p.svg
        ? new ImageRun({ type: 'svg', data: Buffer.from(p.svg), fallback: { type: 'png', data: p.png }, transformation, altText })
        : new ImageRun({ type: 'png', data: p.png, transformation, altText }),
    ],
  });
}

function letterhead(block: LetterheadBlock): (Paragraph | Table)[] {
  const none = { spacing: { after: 0 } };
  return [
    ...block.sender.map((line, i) => paragraph(line, { bold: true, size: i === 0 ? 24 : 20 }, none)),
    paragraph(block.placeAndDate, {}, { alignment: AlignmentType.RIGHT, spacing: { before: 120, after: 200 } }),
    new Table({
      width: { size: textWidth.portrait, type: WidthType.DXA },
      columnWidths: [textWidth.portrait / 2, textWidth.portrait / 2],
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
      rows: [
        new TableRow({
          children: [
            new TableCell({
              width: { size: textWidth.portrait / 2, type: WidthType.DXA },
              children: block.details.length ? block.details.map((d) => paragraph([{ text: `${d.label} `, bold: true }, ...runsOf(d.value)], {}, none)) : [new Paragraph('')],
            }),
            new TableCell({
              width: { size: textWidth.portrait / 2, type: WidthType.DXA },
              children: [
                paragraph(block.addressees.label, { bold: true }, none),
                ...block.addressees.lines.map((line) => paragraph(line, {}, none)),
                ...(block.copies ? [paragraph(block.copies.label, { bold: true }, { spacing: { before: 200, after: 0 } }), ...block.copies.lines.map((line) => paragraph(line, {}, none))] : []),
              ],
            }),
          ],
        }),
      ],
    }),
    paragraph([{ text: `${block.subject.label} `, bold: true }, { text: block.subject.text, bold: true }], {}, { spacing: { before: 240, after: 240 } }),
  ];
}

function blockContent(block: Exclude<Block, { kind: 'page-break' }>, orientation: 'portrait' | 'landscape'): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: children(block.text) })];
    case 'subtitle':
      return [paragraph(block.text, { italic: true }, { spacing: { after: 200 } })];
    case 'heading':
      return [
        new Paragraph({
          heading: block.level === 1 ? HeadingLevel.HEADING_1 : block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
          spacing: { before: 240, after: 120 },
          children: children(block.text),
        }),
      ];
    case 'paragraph':
      return [paragraph(block.text, { italic: block.italic, bold: block.bold, size: block.small ? 18 : undefined, color: block.muted ? '555555' : undefined }, { alignment: alignment(block.align) })];
    case 'item': {
      const bold = block.depth === 1 && !block.plain;
      const indent = 360 * (block.depth - 1);
      return [
        new Paragraph({
          spacing: { before: block.depth === 1 ? 120 : 40, after: 40 },
          indent: { left: indent + 720, hanging: 720 },
          tabStops: [{ type: TabStopType.LEFT, position: indent + 720 }],
          children: [...children(`${block.number}\t`, { bold }), ...children(block.text, { bold })],
        }),
      ];
    }
    case 'bullet':
      return [new Paragraph({ bullet: { level: Math.min(block.depth, 3) }, children: children(block.text) })];
    case 'table':
      return [table(block, orientation), new Paragraph('')];
    case 'figure':
      return block.pictures().map((p) => picture(p, orientation));
    case 'letterhead':
      return letterhead(block);
  }
}

/** The document as a DOCX file. */
export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const header = model.header ? { default: new Header({ children: [paragraph(model.header, { size: 16, color: '555555' })] }) } : undefined;
  const footer = model.footer
    ? {
        default: new Footer({
          children: [
            new Paragraph({
              tabStops: [{ type: TabStopType.RIGHT, position: textWidth.portrait }],
              children: [
                ...children(model.footer.text ?? '', { size: 16, color: '555555' }),
                ...(model.footer.pageNumbers ? [new TextRun({ children: ['\t', PageNumber.CURRENT], size: 16, color: '555555' })] : []),
              ],
            }),
          ],
        }),
      }
    : undefined;

  // A page break that turns the page starts a section of its own.
  const sections: { orientation: 'portrait' | 'landscape'; children: (Paragraph | Table)[] }[] = [{ orientation: 'portrait', children: [] }];
  for (const [index, block] of model.blocks.entries()) {
    if (index % 200 === 199) await new Promise(setImmediate); // long documents let other requests run
    const section = sections.at(-1)!;
    if (block.kind === 'page-break') {
      if (block.orientation && block.orientation !== section.orientation) sections.push({ orientation: block.orientation, children: [] });
      else section.children.push(new Paragraph({ children: [new PageBreak()] }));
    } else section.children.push(...blockContent(block, section.orientation));
  }

  const document = new Document({
    creator: 'Concord',
    title: cleanText(model.title),
    description: cleanText(model.subject),
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: sections.map((s) => ({
      properties: {
        page: {
          size: { width: page.width, height: page.height, orientation: s.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: page.margin, bottom: page.margin, left: page.margin, right: page.margin },
        },
      },
      ...(header ? { headers: header } : {}),
      ...(footer ? { footers: footer } : {}),
      children: s.children,
    })),
  });
  return Packer.toBuffer(document);
}
