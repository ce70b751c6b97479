// The gap list as CSV and XLSX, in ANSI's columns (code, title, description, priority, research needed,
// recommendation, bodies, status, the entries that address it). As the roadmap's exports: every text cell goes through
// neutraliseFormula (no cell a spreadsheet would run), XLSX cells are typed values, never formulas, and both are
// streamed. Words are English whatever the reader's language, as in the roadmap's files, so a file reads the same
// for everyone who exports it.
import { PassThrough, Readable } from 'node:stream';
import { neutraliseFormula, quoteCsvField } from '../../platform/csv.ts';
import { roadmapStatusName } from '../roadmap/index.ts';
import type { GapView } from './gaps.ts';
import { gapMessages } from './messages.ts';

export const gapExportFormats = ['csv', 'xlsx'] as const;
export type GapExportFormat = (typeof gapExportFormats)[number];
export const gapExportContentTypes: Record<GapExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const columns = ['code', 'title', 'description', 'topic', 'priority', 'research_needed', 'recommendation', 'organizations', 'status', 'addressed_by'] as const;
type Column = (typeof columns)[number];
const widths: Record<Column, number> = {
  code: 8,
  title: 40,
  description: 60,
  topic: 24,
  priority: 9,
  research_needed: 9,
  recommendation: 50,
  organizations: 24,
  status: 16,
  addressed_by: 50,
};

const words = gapMessages('en');

/** One gap's cells, each safe to open in a spreadsheet. */
export function gapCells(gap: GapView): string[] {
  const cells: Record<Column, string> = {
    code: gap.code,
    title: gap.title,
    description: gap.description,
    topic: gap.topic ?? '',
    priority: words.priorities[gap.priority],
    research_needed: gap.researchNeeded ? words.yes : words.no,
    recommendation: gap.recommendation ?? '',
    organizations: gap.organizations.map((o) => o.acronym).join('; '),
    status: words.statuses[gap.status],
    addressed_by: gap.progress.map((p) => `${p.organization} ${p.identifier} (${roadmapStatusName(p.status, 'en')})`).join('; '),
  };
  return columns.map((column) => neutraliseFormula(cells[column]));
}

/** "JCA-QKDN-gaps-2026-12-07.csv": the activity and the day the file was made (UTC). */
export function gapExportFileName(acronym: string, format: GapExportFormat, today = new Date()): string {
  return `${acronym.replace(/[^A-Za-z0-9-]/g, '')}-gaps-${today.toISOString().slice(0, 10)}.${format}`;
}

/** CSV: UTF-8 with a byte order mark, CRLF line ends, a header row of column names, one line per gap. */
export function gapCsvStream(list: GapView[]): Readable {
  return Readable.from(
    (function* () {
      yield `\uFEFF${columns.join(',')}\r\n`;
      for (const gap of list) yield `${gapCells(gap).map(quoteCsvField).join(',')}\r\n`;
    })(),
    { objectMode: false },
  );
}

/** XLSX through ExcelJS's streaming writer: a frozen header row with a filter, then one row per gap, all strings. */
export function gapXlsxStream(list: GapView[], sheetName: string): Readable {
  const output = new PassThrough();
  (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
    workbook.creator = 'Concord';
    const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((column) => ({ header: column, key: column, width: widths[column] }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    sheet.getRow(1).commit();
    for (const gap of list) sheet.addRow(gapCells(gap)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}
