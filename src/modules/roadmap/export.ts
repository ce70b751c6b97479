// Roadmap exports: the entries of a filtered view (every page of it) as CSV, XLSX or JSON, in the import's columns and
// with its header names, so that an exported file is one the import reads back into the same rows.
// Spreadsheet cells are text that never runs: every text cell goes through neutraliseFormula (OWASP, CSV injection),
// and XLSX cells are typed values, never formulas. CSV and JSON are streamed: a 100,000-entry export is written row
// by row as the client reads it; the XLSX is written on the worker pool (export-worker.ts) and sent when done.
import { Readable, type Writable } from 'node:stream';
import type { EntryView } from './entries.ts';
import { neutraliseFormula, quoteCsvField } from '../../platform/csv.ts';
import { type ImportField, type ImportRow, importFields } from './import-files.ts';
import { roadmapMessages } from './messages.ts';
import type { RoadmapQuery } from './query.ts';
import type { EntryKind, EntryStatus } from './schema.ts';
import type { RoadmapSearch } from './search.ts';

export const exportFormats = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportContentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/** A record with exactly the import's fields (a field added to the import and not here is a compile error). */
/** One exported entry: the import's row without its line number, and a kind and status always known. */
export type ExportRecord = Omit<ImportRow, 'line' | 'kind' | 'status'> & { kind: EntryKind; status: EntryStatus };

export function exportRecord(entry: EntryView): ExportRecord {
  return {
    organization: entry.organization,
    group: entry.group,
    identifier: entry.identifier,
    title: entry.title,
    equivalents: entry.equivalents,
    kind: entry.kind,
    status: entry.status,
    started: entry.startedOn,
    target: entry.targetOn,
    approved: entry.approvedOn,
    year: entry.year,
    version: entry.version,
    editors: entry.editors,
    scope: entry.scope,
    topics: entry.topics,
    url: entry.url,
    source: entry.source,
  };
}

/**
 * Every entry of the view the roadmap page shows for this query (same search, filters and order), all pages at once.
 * The page number and size of the query are ignored.
 */
export async function entriesOfView(search: RoadmapSearch, activityId: number, query: RoadmapQuery): Promise<EntryView[]> {
  const first = await search.search(activityId, { ...query, page: 1, pageSize: 1 });
  if (first.total <= 1) return first.entries;
  return (await search.search(activityId, { ...query, page: 1, pageSize: first.total })).entries;
}

/** "JCA-QKDN-roadmap-2026-11-22.csv": the activity and the day the file was made (UTC). */
export function exportFileName(acronym: string, extension: ExportFormat | 'docx' | 'pdf', today = new Date()): string {
  const safe = acronym.replace(/[^A-Za-z0-9-]/g, '');
  return `${safe}-roadmap-${today.toISOString().slice(0, 10)}.${extension}`;
}

/** The Content-Disposition of a download (the names are ASCII: acronyms are letters, digits and hyphens). */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/["\\\r\n]/g, '')}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// Spreadsheet cells

// Kinds and statuses are written as their English names ("In development"), which read well and which the import
// reads back; a file is the same whatever the language of the person who exported it.
const words = roadmapMessages('en');

/** The cell of one field as text, safe to open in a spreadsheet. */
export function spreadsheetText(record: ExportRecord, field: ImportField): string {
  let text: string;
  switch (field) {
    case 'kind':
      text = words.kinds[record.kind];
      break;
    case 'status':
      text = words.statuses[record.status];
      break;
    case 'topics':
      text = record.topics.join('; ');
      break;
    case 'equivalents':
      // The bar is how common texts are written ("ITU-T X.509 | ISO/IEC 9594-8"); the import splits on it.
      text = record.equivalents.join(' | ');
      break;
    case 'year':
      text = record.year === null ? '' : String(record.year);
      break;
    default:
      text = record[field] ?? '';
  }
  return neutraliseFormula(text);
}

const csvRowsPerChunk = 500;

/**
 * The entries as CSV: UTF-8 with a byte order mark (so that Excel reads accents right), comma-separated, CRLF line
 * ends, a header row of the import's field names.
 */
export function csvStream(entries: EntryView[]): Readable {
  return Readable.from(
    (function* () {
      yield `\uFEFF${importFields.join(',')}\r\n`;
      for (let start = 0; start < entries.length; start += csvRowsPerChunk) {
        let chunk = '';
        for (const entry of entries.slice(start, start + csvRowsPerChunk)) {
          const record = exportRecord(entry);
          chunk += importFields.map((field) => quoteCsvField(spreadsheetText(record, field))).join(',') + '\r\n';
        }
        yield chunk;
      }
    })(),
    { objectMode: false },
  );
}

/** The entries as a JSON array of typed records (codes for kind and status, ISO dates, topics as a list). */
export function jsonStream(entries: EntryView[]): Readable {
  return Readable.from(
    (function* () {
      if (!entries.length) {
        yield '[]\n';
        return;
      }
      for (let start = 0; start < entries.length; start += csvRowsPerChunk) {
        const items = entries.slice(start, start + csvRowsPerChunk).map((entry) => JSON.stringify(exportRecord(entry)));
        yield (start === 0 ? '[\n' : ',\n') + items.join(',\n');
      }
      yield '\n]\n';
    })(),
    { objectMode: false },
  );
}

/** Column widths in characters, for a sheet that reads without resizing. */
const columnWidths: Record<ImportField, number> = {
  organization: 14,
  group: 14,
  identifier: 22,
  title: 60,
  equivalents: 24,
  kind: 24,
  status: 15,
  started: 12,
  target: 12,
  approved: 12,
  year: 7,
  version: 12,
  editors: 30,
  scope: 60,
  topics: 40,
  url: 40,
  source: 30,
};

/**
 * Writes the entries as an XLSX workbook to `output`, row by row (ExcelJS's streaming writer, strings inline rather
 * than in a shared table, so nothing is held until the end). One sheet: a frozen header row with a filter, then one
 * row per entry; the year is a number, every other cell a string. Without cell styles: ExcelJS looks up every cell's
 * style when styles are on, which doubled the time of a 100,000-entry export (4.7 s → 10.4 s here) for a bold header.
 */
export async function writeXlsx(records: ExportRecord[], output: Writable, sheetName = 'Roadmap'): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
  workbook.creator = 'Concord';
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = importFields.map((field) => ({ header: field, key: field, width: columnWidths[field] }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: importFields.length } };
  sheet.getRow(1).commit();
  let written = 0;
  for (const record of records) {
    sheet.addRow(importFields.map((field) => (field === 'year' ? record.year : spreadsheetText(record, field)))).commit();
    // Let the compressed bytes reach the client now and then, rather than all buffered at the end.
    if (++written % 1000 === 0) {
      // Let other requests run between batches, and the compressed bytes reach the client rather than pile up.
      await new Promise(setImmediate);
      if (output.writableNeedDrain) await drainedOrClosed(output);
      if (output.destroyed) return; // the client went away
    }
  }
  sheet.commit();
  await workbook.commit();
}

function drainedOrClosed(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done);
      output.off('close', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
  });
}

/** The pool's task that writes an XLSX export (export-worker.ts), for `workerPool().run/submit`. */
export const exportWorker = new URL('./export-worker.ts', import.meta.url);
