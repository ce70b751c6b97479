// Roadmap import, first half: an uploaded file (bytes, name, declared type) becomes typed rows or precise errors.
// Nothing here touches the database: the domain's upsert takes the rows, the dry run shows the errors.
//
// Line numbers are those a person sees in a spreadsheet: the header is line 1 and every row, blank or not, counts
// (a CSV value spread over several text lines is still one line). In JSON, an object's line is the text line where it
// opens. Line 0 means the file as a whole.
import { createRequire } from 'node:module';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { type ArchiveLimits, ArchiveRefusedError, withArchive } from '../../platform/archives/archive-reader.ts';
import { formatNumber, type Locale } from '../../platform/i18n/locale.ts';
import { workerPool } from '../../platform/workers/pool.ts';
import { identifierKey } from './identifiers.ts';
import { importMessages, type ImportMessages } from './import-messages.ts';
import { type EntryKind, type EntryStatus, entryKinds, entryStatuses } from './schema.ts';

// papaparse is required the first time a CSV is read, not at start. Required, not imported: readCsv is synchronous.
const require = createRequire(import.meta.url);
let papaparse: typeof import('papaparse') | undefined;
const loadPapaparse = () => (papaparse ??= require('papaparse') as typeof import('papaparse'));

export const importFormats = ['csv', 'xlsx', 'json'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Every field a roadmap entry can be imported with, in the order an export writes them. */
export const importFields = [
  'organization',
  'group',
  'identifier',
  'title',
  'equivalents',
  'kind',
  'status',
  'started',
  'target',
  'approved',
  'year',
  'version',
  'editors',
  'scope',
  'topics',
  'url',
  'source',
] as const;
export type ImportField = (typeof importFields)[number];
export const requiredImportFields = ['organization', 'identifier', 'title'] as const satisfies readonly ImportField[];

/**
 * The longest value each text field takes: entryInput's limits, and an organization's short name (an import may
 * create the organizations it names), so an imported row always saves.
 */
export const importMaxLength = {
  organization: 60,
  group: 100,
  identifier: 100,
  equivalent: 100,
  title: 1000,
  version: 100,
  editors: 1000,
  scope: 10_000,
  topic: 100,
  url: 500,
  source: 1000,
} as const;
export const importMaxTopics = 20;
export const importMaxEquivalents = 20;
export const defaultImportMaxBytes = 20 * 1024 * 1024;
export const defaultImportMaxRows = 200_000;
export const defaultImportMaxErrors = 1000;

export interface ImportRow {
  /** where the row is in the file, for the dry run's report */
  line: number;
  organization: string;
  group: string | null;
  identifier: string;
  title: string;
  /** the same text's numbers at other bodies ("ISO/IEC 9594-8 | EN ISO/IEC 9594-8"), each once */
  equivalents: string[];
  kind: EntryKind | null;
  status: EntryStatus | null;
  /** YYYY-MM-DD; a month alone (YYYY-MM) is its first day */
  started: string | null;
  target: string | null;
  approved: string | null;
  year: number | null;
  version: string | null;
  editors: string | null;
  scope: string | null;
  topics: string[];
  url: string | null;
  source: string | null;
}

export interface ImportError {
  /** 0 for the file as a whole */
  line: number;
  /** the column's header as the file writes it */
  column?: string;
  message: string;
}

export interface ImportColumn {
  header: string;
  /** null: the column is not imported */
  field: ImportField | null;
}

export interface ImportParseResult {
  rows: ImportRow[];
  errors: ImportError[];
  /** null when the file was refused before its format was known (too large, empty) */
  format: ImportFormat | null;
  columns: ImportColumn[];
}

export interface ImportFile {
  bytes: Uint8Array;
  fileName?: string;
  /** the type the upload declared (Content-Type), if any */
  contentType?: string;
}

/** Column header → field (null to leave the column out); overrides the automatic matching of headers. */
export const importMappingSchema = z.record(z.string(), z.enum(importFields).nullable());
export type ImportMapping = Record<string, string | null>;

export interface ImportOptions {
  locale: Locale;
  maxBytes?: number;
  maxRows?: number;
  /** row errors listed before the rest are only counted */
  maxErrors?: number;
  mapping?: ImportMapping;
}

/**
 * Reads an uploaded roadmap file (CSV, XLSX or JSON, told apart by content) into typed rows. Every problem is an
 * error with its line and column in the reader's language; rows with an error are left out of `rows`.
 */
export async function parseImportFile(file: ImportFile, options: ImportOptions): Promise<ImportParseResult> {
  const words = importMessages(options.locale);
  const refuse = (message: string, format: ImportFormat | null = null, line = 0): ImportParseResult => ({
    rows: [],
    errors: [{ line, message }],
    format,
    columns: [],
  });
  const bytes = file.bytes;
  const maxBytes = options.maxBytes ?? defaultImportMaxBytes;
  if (bytes.length > maxBytes) {
    return refuse(words.file.tooLarge(megabytes(bytes.length, options.locale), megabytes(maxBytes, options.locale)));
  }
  if (bytes.length === 0) return refuse(words.file.empty);

  const detected = detectImportFormat(bytes);
  if (detected === 'xls') return refuse(words.file.oldExcel);
  const expected = expectedFormat(file);
  if (expected && expected.format !== detected) {
    const message =
      expected.from === 'name'
        ? words.file.nameMismatch(file.fileName ?? '', expected.format, detected)
        : words.file.typeMismatch(file.contentType ?? '', expected.format, detected);
    return refuse(message, detected);
  }

  const table = new TableReader(words, options, detected);
  if (detected === 'xlsx') {
    let outcome: WorkbookOutcome;
    try {
      outcome = await readWorkbook(bytes, (line, cells) => table.add(line, cells), { fileName: file.fileName ?? 'upload.xlsx', locale: options.locale });
    } catch (error) {
      if (!(error instanceof ArchiveRefusedError)) throw error;
      if (error.reason === 'not-zip' || error.reason === 'xml-malformed') return refuse(words.file.xlsxUnreadable, detected);
      return refuse(error.message, detected);
    }
    if (outcome === 'unreadable') return refuse(words.file.xlsxUnreadable, detected);
    if (outcome === 'no-sheet') return refuse(words.file.xlsxNoSheet, detected);
    return table.finish();
  }

  const text = decodeText(bytes, words);
  if (typeof text !== 'string') return refuse(text.message, detected, text.line);
  if (detected === 'json') readJson(text, table);
  else readCsv(text, table);
  return table.finish();
}

/** The pool's task that runs parseImportFile on a worker thread (import-worker.ts), for `workerPool().run`. */
export const importWorker = new URL('./import-worker.ts', import.meta.url);

/** parseImportFile on the worker pool: the same answer, without holding the event loop while a large file is read. */
export function parseImportFileOffThread(file: ImportFile, options: ImportOptions): Promise<ImportParseResult> {
  const plain: ImportFile = { bytes: file.bytes, fileName: file.fileName, contentType: file.contentType };
  return workerPool().run(importWorker, 'parse', { file: plain, options }, { work: 'import', locale: options.locale });
}

/** What the bytes hold, whatever the file is called: a ZIP is XLSX, an OLE2 container an old .xls, [ or { JSON. */
export function detectImportFormat(bytes: Uint8Array): ImportFormat | 'xls' {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  let at = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
  return bytes[at] === 0x5b || bytes[at] === 0x7b ? 'json' : 'csv';
}

export { neutraliseFormula } from '../../platform/csv.ts';

/** Whether a cell is text marked by a leading apostrophe so that a spreadsheet does not run it. */
export function isMarkedText(value: string): boolean {
  return /^'[=+\-@\t\r]/.test(value);
}

/**
 * Whether imported text would run as a formula in a spreadsheet. "=" always starts one; "+", "-" and "@" only when a
 * function, a cell reference or a command (DDE) follows, so "-", "-1", "+41 22 730 51 11" and "@alice" stay text.
 */
export function looksLikeFormula(value: string): boolean {
  const first = value.charAt(0);
  if (first === '=') return true;
  if (first !== '+' && first !== '-' && first !== '@') return false;
  return (
    /^.\s*=/.test(value) || // +=…
    /^.[A-Za-z_][\w.]*\s*\(/.test(value) || // @SUM(…), -HYPERLINK(…)
    /^.\s*\$?[A-Za-z]{1,3}\$?\d+(?![\w.])/.test(value) || // +A1, -$B$2+…
    /^.[^|]*\|[^!]*!/s.test(value) // +cmd|' /C calc'!A0
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Formats, encodings

const extensions: Record<string, ImportFormat> = { csv: 'csv', xlsx: 'xlsx', xlsm: 'xlsx', json: 'json' };
const contentTypes: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/json': 'json',
};

/** The format the file's name (or else its declared type) announces; text/plain, octet-stream and .xls say nothing. */
function expectedFormat(file: ImportFile): { format: ImportFormat; from: 'name' | 'type' } | undefined {
  const extension = file.fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const byName = extension ? extensions[extension] : undefined;
  if (byName) return { format: byName, from: 'name' };
  const type = file.contentType?.split(';')[0]?.trim().toLowerCase();
  const byType = type ? contentTypes[type] : undefined;
  return byType ? { format: byType, from: 'type' } : undefined;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function megabytes(bytes: number, locale: Locale): string {
  return formatNumber(bytes / 1024 / 1024, locale, { maximumFractionDigits: 1 });
}

/** UTF-8 text without its BOM, or the refusal naming the first line that is not UTF-8 (or holds a NUL). */
function decodeText(bytes: Uint8Array, words: ImportMessages): string | { line: number; message: string } {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) || looksLikeUtf16(bytes)) {
    return { line: 0, message: words.file.utf16 };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = lineAt(bytes, nul);
    return { line, message: words.file.nulByte(line) };
  }
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    const line = lineAt(bytes, bad);
    return { line, message: words.file.notUtf8(line, excerptAround(bytes, bad)) };
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8').replace(/^\uFEFF/, '');
}

/** UTF-16 without a BOM: ASCII text then has a NUL in every other byte. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 200) & ~1;
  if (sample < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) >= (sample / 2) * 0.4 && Math.min(even, odd) === 0;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, surrogates or code points past U+10FFFF). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return i;
}

/** The text around a bad byte, read as Windows-1252 (what such files usually are), to show where it is. */
function excerptAround(bytes: Uint8Array, offset: number): string {
  let start = offset;
  while (start > 0 && offset - start < 20 && bytes[start - 1] !== 0x0a) start--;
  let end = offset;
  while (end < bytes.length && end - offset < 20 && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
  while (end < bytes.length && end - offset < 40 && /[A-Za-z0-9]/.test(String.fromCharCode(bytes[end]!))) end++; // the word's end
  return new TextDecoder('windows-1252').decode(bytes.subarray(start, end)).trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Readers: each hands the table its rows as lists of cells, the header first

/** A cell as the readers give it: plain values, or what cannot be imported as a value. */
type Cell =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | string[]
  | { formula: string }
  | { errorCode: string }
  | { notText: true };

function readCsv(text: string, table: TableReader): void {
  // Excel writes "sep=;" as a first line when asked; French Excel separates with ";" without saying so.
  const end = text.search(/\r|\n/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  const hint = /^sep=(.)$/.exec(firstLine)?.[1];
  const delimiter = hint ?? guessDelimiter(firstLine);
  const offset = hint ? 1 : 0;
  table.delimiter = delimiter;
  const parsed = loadPapaparse().parse<string[]>(hint ? text.slice(firstLine.length).replace(/^\r?\n?/, '') : text, {
    delimiter,
    skipEmptyLines: false,
  });
  const problem = parsed.errors.find((e) => e.type === 'Quotes');
  if (problem) {
    const line = (problem.row ?? 0) + offset + 1;
    const words = table.words.file;
    table.fail(line, problem.code === 'MissingQuotes' ? words.csvQuoteNotClosed(line) : words.csvBadQuote(line, delimiter));
    return;
  }
  const records = parsed.data;
  for (let i = 0; i < records.length; i++) {
    if (!table.add(i + offset + 1, records[i]!)) return;
  }
}

function guessDelimiter(line: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = line.split(candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

function readJson(text: string, table: TableReader): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const line = text.slice(0, jsonErrorOffset(text)).split('\n').length;
    table.fail(line, table.words.file.jsonInvalid(line));
    return;
  }
  if (!Array.isArray(data)) {
    table.fail(0, table.words.file.jsonNotArray);
    return;
  }
  // The headers are every key, in the order they first appear; each object becomes one row of cells.
  const headers: string[] = [];
  const index = new Map<string, number>();
  for (const item of data) {
    if (!isPlainObject(item)) continue;
    for (const key of Object.keys(item)) {
      if (!index.has(key)) {
        index.set(key, headers.length);
        headers.push(key);
      }
    }
  }
  if (data.length === 0) return table.fail(0, table.words.file.jsonEmpty);
  if (headers.length === 0) return table.fail(0, table.words.file.jsonNotArray);
  const lines = jsonItemLines(text);
  table.add(0, headers);
  for (let i = 0; i < data.length; i++) {
    const item: unknown = data[i];
    const line = lines[i] ?? i + 2;
    if (!isPlainObject(item)) {
      table.rowError(line, undefined, table.words.row.notAnObject);
      continue;
    }
    const cells: Cell[] = new Array(headers.length).fill(null);
    for (const [key, value] of Object.entries(item)) cells[index.get(key)!] = jsonCell(value);
    if (!table.add(line, cells)) return;
  }
}

/** Where JSON.parse gave up, found again, as Node 20's messages do not always give the position. */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  };
  const string = () => {
    for (i++; ; i++) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') return void i++;
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
    }
  };
  const value = (): void => {
    space();
    const open = text[i];
    if (open === '"') return string();
    if (open === '[' || open === '{') {
      const close = open === '[' ? ']' : '}';
      i++;
      space();
      if (text[i] === close) return void i++;
      for (;;) {
        if (open === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    literal.lastIndex = i;
    if (!literal.test(text)) fail();
    i = literal.lastIndex;
  };
  try {
    value();
    space();
    return i;
  } catch (offset) {
    return typeof offset === 'number' ? offset : 0; // a RangeError: nested too deep to walk
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonCell(value: unknown): Cell {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
  return { notText: true };
}

/** The text line on which each item of the top-level array opens (JSON.parse does not tell). */
function jsonItemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (depth === 1 && expectItem) {
      lines.push(line);
      expectItem = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth === 1) expectItem = true;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 1) expectItem = true;
  }
  return lines;
}

type WorkbookOutcome = 'read' | 'no-sheet' | 'unreadable';
interface SheetReader extends AsyncIterable<{ number: number; values: unknown }> {
  id: number | string;
}

/**
 * What an imported workbook may unpack to: a 200,000-row sheet of 16 columns is about 150 MB of XML and 20 million
 * elements and attributes. Past these, or forged, the file is refused before exceljs (which has no limits) sees it.
 */
export const workbookLimits: Partial<ArchiveLimits> = {
  maxEntryBytes: 160 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxXmlNodes: 24_000_000,
  timeBudgetMs: 60_000,
};

/**
 * Reads the first sheet of an XLSX workbook row by row (streaming: a 100,000-row sheet never sits whole in memory).
 * The archive is screened first by the bounded reader (every part inflated once, within limits, XML parsed with depth
 * and count caps, no DOCTYPE); only then does exceljs read it. Throws ArchiveRefusedError when screening refuses it.
 */
async function readWorkbook(bytes: Uint8Array, visit: (line: number, cells: Cell[]) => boolean, file: { fileName: string; locale: Locale }): Promise<WorkbookOutcome> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  await withArchive(buffer, { ...file, limits: workbookLimits }, (archive) => archive.screen((name) => /\.(xml|rels)$/i.test(name)));
  const { default: ExcelJS } = await import('exceljs');
  const input = Readable.from([buffer]);
  // Styles are read so that date cells come as dates; hyperlinks are not needed, the cell's text is the address.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const emitted of reader) {
      const sheet = emitted as unknown as SheetReader;
      // Sheets come in the order of the ZIP; the first sheet is the first tab, as the workbook lists them.
      const firstId = (reader as unknown as { model?: { sheets?: { id: number }[] } }).model?.sheets?.[0]?.id;
      if (firstId !== undefined && String(sheet.id) !== String(firstId)) {
        for await (const _row of sheet);
        continue;
      }
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(excelCell(values[i]));
        if (!visit(row.number, cells)) break;
      }
      return 'read';
    }
    return 'no-sheet';
  } catch {
    return 'unreadable';
  } finally {
    input.destroy();
  }
}

function excelCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return { notText: true };
  const v = value as Record<string, unknown>;
  if (typeof v.formula === 'string' || typeof v.sharedFormula === 'string') {
    return { formula: `=${String(v.formula ?? v.sharedFormula)}` };
  }
  if (typeof v.error === 'string') return { errorCode: v.error };
  if (Array.isArray(v.richText)) return v.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join('');
  if ('text' in v) return excelCell(v.text);
  return { notText: true };
}

// ---------------------------------------------------------------------------------------------------------------
// Headers → fields

/** Header names each field answers to, written as normalised by `label`; the first few are named in messages. */
const headerNames: Record<ImportField, string[]> = {
  organization: ['organization', 'org', 'organisation', 'organisme', 'body', 'sdo', 'standards body'],
  group: ['group', 'responsible group', 'working group', 'committee', 'groupe', 'groupe responsable'],
  identifier: ['identifier', 'number', 'reference', 'identifiant', 'ref', 'designation', 'numero'],
  title: ['title', 'titre', 'name', 'nom'],
  equivalents: [
    'equivalents', 'equivalent', 'equivalent numbers', 'equivalent identifiers', 'common text', 'also published as',
    'numeros equivalents', 'identifiants equivalents', 'texte commun', 'equivalences',
  ],
  kind: ['kind', 'type', 'document type', 'deliverable', 'type de document', 'nature'],
  status: ['status', 'state', 'stage', 'statut', 'etat'],
  started: ['started', 'start', 'start date', 'work started', 'date started', 'debut', 'date de debut'],
  target: ['target', 'target date', 'target approval', 'expected', 'cible', 'date cible', 'echeance'],
  approved: [
    'approved', 'approval', 'approval date', 'date approved', 'published', 'publication', 'publication date',
    'date published', 'approuve', 'publie', 'date de publication', 'date d approbation',
  ],
  year: ['year', 'annee'],
  version: ['version', 'edition'],
  editors: ['editors', 'editor', 'contacts', 'contact', 'rapporteur', 'rapporteurs', 'editeurs', 'editeur', 'redacteurs'],
  scope: ['scope', 'summary', 'abstract', 'description', 'resume', 'domaine d application', 'portee'],
  topics: ['topics', 'topic', 'themes', 'theme', 'subjects', 'subject', 'sujets', 'sujet', 'keywords', 'tags', 'mots cles'],
  url: ['url', 'link', 'links', 'web', 'web page', 'website', 'lien', 'page web'],
  source: ['source', 'sources', 'origine'],
};
const fieldByHeader = new Map<string, ImportField>(
  importFields.flatMap((field) => headerNames[field].map((name) => [name, field] as const)),
);

/** Lower case, without accents, punctuation or repeated spaces: "Organisation", "ORGANISATION " and "organisation" meet. */
function label(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Values

const statusNames: Record<EntryStatus, string[]> = {
  planned: ['planned', 'proposed', 'prevu', 'planifie', 'propose'],
  in_development: [
    'in development', 'under development', 'in progress', 'ongoing', 'development',
    'en developpement', 'en cours', 'en cours de developpement', 'en preparation',
  ],
  approved: ['approved', 'adopted', 'approuve', 'adopte'],
  published: ['published', 'in force', 'publie', 'en vigueur'],
  superseded: ['superseded', 'replaced', 'obsoleted', 'obsolete', 'remplace'],
  withdrawn: ['withdrawn', 'deleted', 'cancelled', 'canceled', 'abandoned', 'retire', 'supprime', 'annule', 'abandonne'],
};
const kindNames: Record<EntryKind, string[]> = {
  recommendation: ['recommendation', 'rec', 'itu t recommendation', 'recommandation'],
  international_standard: ['international standard', 'is', 'standard', 'iso standard', 'norme internationale', 'norme'],
  technical_specification: [
    'technical specification', 'ts', 'specification', 'group specification', 'gs', 'specification technique',
  ],
  technical_report: ['technical report', 'tr', 'report', 'group report', 'gr', 'rapport technique', 'rapport'],
  supplement: ['supplement', 'suppl', 'sup'],
  rfc: ['rfc', 'request for comments'],
  internet_draft: ['internet draft', 'i d', 'draft ietf', 'ietf draft'],
  work_item: ['work item', 'workitem', 'wi', 'new work item', 'nwi', 'nwip', 'project', 'element de travail', 'projet'],
  other: ['other', 'autre'],
};
const statusByName = enumLookup(entryStatuses, statusNames);
const kindByName = enumLookup(entryKinds, kindNames);

function enumLookup<C extends string>(codes: readonly C[], names: Record<C, string[]>): Map<string, C> {
  const map = new Map<string, C>();
  for (const code of codes) {
    map.set(label(code), code);
    for (const name of names[code]) map.set(name, code);
  }
  return map;
}

const singleLineFields = new Set<ImportField>(['organization', 'group', 'identifier', 'title', 'kind', 'status', 'version', 'url']);

function excerpt(value: string, max = 40): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const isoDate = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** YYYY-MM-DD from YYYY-MM-DD, YYYY-MM (its first day) or a timestamp (its date as written); undefined otherwise. */
function calendarDate(text: string): string | undefined {
  const match = isoDate.exec(text);
  if (!match) return undefined;
  const [, y, m, d] = match;
  if (d === undefined && text.length > 7) return undefined; // "2024-03T…" is no date
  const year = Number(y);
  const month = Number(m);
  const day = d === undefined ? 1 : Number(d);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return `${y}-${m}-${String(day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The table: header, then rows checked one by one

class TableReader {
  delimiter = ',';
  private readonly rows: ImportRow[] = [];
  private readonly errors: ImportError[] = [];
  private hiddenErrors = 0;
  private headers: string[] | undefined;
  private columns: ImportColumn[] = [];
  private fieldColumns: { field: ImportField; index: number; header: string }[] = [];
  private rowCount = 0;
  private stopped = false;
  private readonly seen = new Map<string, number>();
  private readonly organizationKeys = new Map<string, string>();
  private readonly maxRows: number;
  private readonly maxErrors: number;

  constructor(
    readonly words: ImportMessages,
    private readonly options: ImportOptions,
    private readonly format: ImportFormat,
  ) {
    this.maxRows = options.maxRows ?? defaultImportMaxRows;
    this.maxErrors = options.maxErrors ?? defaultImportMaxErrors;
  }

  /** Takes the next line of the file; false once reading should stop. */
  add(line: number, cells: Cell[]): boolean {
    if (this.stopped) return false;
    if (cells.every(isBlank)) return true;
    if (!this.headers) {
      this.readHeader(line, cells);
      return !this.stopped;
    }
    if (++this.rowCount > this.maxRows) {
      this.fail(0, this.words.file.tooManyRows(this.number(this.maxRows)));
      return false;
    }
    this.readRow(line, cells);
    return true;
  }

  /** A refusal of the whole file: nothing is imported. */
  fail(line: number, message: string): void {
    this.errors.push({ line, message });
    this.stopped = true;
    this.rows.length = 0;
  }

  /** Records a row error; past maxErrors, errors are only counted. */
  rowError(line: number, column: string | undefined, message: string): void {
    if (this.errors.length < this.maxErrors) this.errors.push(column === undefined ? { line, message } : { line, column, message });
    else this.hiddenErrors++;
  }

  finish(): ImportParseResult {
    if (!this.stopped && !this.headers) this.errors.push({ line: 0, message: this.words.file.noHeader });
    else if (!this.stopped && this.rowCount === 0 && this.errors.length === 0) {
      this.errors.push({ line: 0, message: this.words.file.noRows });
    }
    if (this.hiddenErrors) this.errors.push({ line: 0, message: this.words.file.moreErrors(this.number(this.hiddenErrors)) });
    return { rows: this.stopped ? [] : this.rows, errors: this.errors, format: this.format, columns: this.columns };
  }

  /** The organization as compared for repeated rows: case, accents and spaces aside (a file names few of them). */
  private organizationKey(name: string): string {
    let key = this.organizationKeys.get(name);
    if (key === undefined) {
      key = label(name).replace(/ /g, '');
      this.organizationKeys.set(name, key);
    }
    return key;
  }

  private number(value: number): string {
    return formatNumber(value, this.options.locale);
  }

  private readHeader(line: number, cells: Cell[]): void {
    const headers = cells.map((cell) => (typeof cell === 'string' ? cell.trim() : cell == null ? '' : String(cell)));
    this.headers = headers;
    const found = headers.filter(Boolean);
    const fields: (ImportField | null)[] = headers.map(() => null);
    const explicit = new Set<number>();
    let failed = false;

    for (const [key, field] of Object.entries(this.options.mapping ?? {})) {
      if (field !== null && !(importFields as readonly string[]).includes(field)) {
        this.errors.push({ line, message: this.words.file.mappingUnknownField(field, [...importFields]) });
        failed = true;
        continue;
      }
      let index = headers.indexOf(key.trim());
      if (index < 0) index = headers.findIndex((h) => label(h) === label(key));
      if (index < 0) {
        this.errors.push({ line, message: this.words.file.mappingUnknownHeader(key, found) });
        failed = true;
        continue;
      }
      fields[index] = field as ImportField | null;
      explicit.add(index);
    }
    const explicitFields = new Set(fields.filter((f) => f !== null));
    headers.forEach((header, index) => {
      if (explicit.has(index) || !header) return;
      const field = fieldByHeader.get(label(header));
      // A column chosen explicitly for a field wins over one that only sounds like it.
      if (field && !explicitFields.has(field)) fields[index] = field;
    });

    this.columns = headers.map((header, index) => ({ header, field: fields[index] ?? null }));
    for (const field of importFields) {
      const at = fields.flatMap((f, index) => (f === field ? [index] : []));
      if (at.length > 1) {
        this.errors.push({ line, message: this.words.file.duplicateColumn(field, at.map((i) => headers[i]!)) });
        failed = true;
      } else if (at.length === 1) {
        this.fieldColumns.push({ field, index: at[0]!, header: headers[at[0]!]! });
      } else if ((requiredImportFields as readonly string[]).includes(field)) {
        const synonyms = headerNames[field].slice(1, 3);
        this.errors.push({ line, message: this.words.file.missingColumn(field, synonyms, found) });
        failed = true;
      }
    }
    if (failed) this.stopped = true;
  }

  private readRow(line: number, cells: Cell[]): void {
    const headers = this.headers!;
    const before = this.errors.length + this.hiddenErrors;
    if (this.format === 'csv' && cells.length > headers.length && cells.slice(headers.length).some((c) => !isBlank(c))) {
      const separator = this.delimiter === '\t' ? 'tab' : this.delimiter;
      this.rowError(line, undefined, this.words.row.extraCells(cells.length, headers.length, separator));
    }
    const row: ImportRow = {
      line,
      organization: '',
      group: null,
      identifier: '',
      title: '',
      equivalents: [],
      kind: null,
      status: null,
      started: null,
      target: null,
      approved: null,
      year: null,
      version: null,
      editors: null,
      scope: null,
      topics: [],
      url: null,
      source: null,
    };
    for (const { field, index, header } of this.fieldColumns) {
      const message = this.readValue(row, field, cells[index]);
      if (message) this.rowError(line, header, message);
    }
    const own = row.identifier ? row.equivalents.find((number) => identifierKey(number) === identifierKey(row.identifier)) : undefined;
    if (own) this.rowError(line, this.fieldColumns.find((c) => c.field === 'equivalents')!.header, this.words.row.equivalentIsOwn(excerpt(own)));
    if (row.organization && row.identifier) {
      const key = `${this.organizationKey(row.organization)}\u0000${identifierKey(row.identifier)}`;
      const first = this.seen.get(key);
      if (first !== undefined) {
        const column = this.fieldColumns.find((c) => c.field === 'identifier')!.header;
        this.rowError(line, column, this.words.row.duplicate(first, row.organization, row.identifier));
      } else this.seen.set(key, line);
    }
    if (this.errors.length + this.hiddenErrors === before) this.rows.push(row);
  }

  /** Puts one cell's value in the row; returns the message if the value cannot be taken. */
  private readValue(row: ImportRow, field: ImportField, cell: Cell): string | undefined {
    const words = this.words.row;
    if (cell instanceof Date) {
      if (field === 'started' || field === 'target' || field === 'approved') {
        if (Number.isNaN(cell.getTime())) return words.date(String(cell));
        const date = cell.toISOString().slice(0, 10);
        const year = cell.getUTCFullYear();
        if (year < 1900 || year > 2100) return words.dateRange(date);
        row[field] = date;
        return undefined;
      }
      cell = Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
    }
    if (field === 'year' && typeof cell === 'number') {
      if (!Number.isInteger(cell) || cell < 1900 || cell > 2100) return words.year(String(cell));
      row.year = cell;
      return undefined;
    }
    if (cell !== null && typeof cell === 'object' && !Array.isArray(cell)) {
      if ('formula' in cell) return words.formulaCell(excerpt(cell.formula));
      if ('errorCode' in cell) return words.errorCell(cell.errorCode);
      return words.notText;
    }
    if (Array.isArray(cell) && field !== 'topics' && field !== 'equivalents' && field !== 'editors') return words.notText;

    const raw = Array.isArray(cell) ? cell : [cell == null ? '' : String(cell)];
    for (const part of raw) {
      if (part.includes('\u0000')) return words.nulCharacter;
      const trimmed = part.trim();
      if (looksLikeFormula(trimmed)) return words.formula(excerpt(trimmed));
    }
    // A cell marked as text by an apostrophe (as neutraliseFormula writes it, and as spreadsheets do) is text: read
    // back without the mark, so exporting and importing again changes nothing.
    const parts = raw.map((part) => (isMarkedText(part.trim()) ? part.trim().slice(1) : part));
    if (field === 'topics') return this.readTopics(row, parts);
    if (field === 'equivalents') return this.readEquivalents(row, parts);
    const text = tidy(parts.length === 1 ? parts[0]! : parts.join('; '), singleLineFields.has(field));
    if (!text) {
      return (requiredImportFields as readonly string[]).includes(field) ? words.required : undefined;
    }
    switch (field) {
      case 'status': {
        const status = statusByName.get(text) ?? statusByName.get(label(text));
        if (!status) return words.status(excerpt(text));
        row.status = status;
        return undefined;
      }
      case 'kind': {
        const kind = kindByName.get(text) ?? kindByName.get(label(text));
        if (!kind) return words.kind(excerpt(text));
        row.kind = kind;
        return undefined;
      }
      case 'started':
      case 'target':
      case 'approved': {
        const date = calendarDate(text);
        if (!date) return words.date(excerpt(text));
        const year = Number(date.slice(0, 4));
        if (year < 1900 || year > 2100) return words.dateRange(date);
        row[field] = date;
        return undefined;
      }
      case 'year': {
        const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
        if (!(year >= 1900 && year <= 2100)) return words.year(excerpt(text));
        row.year = year;
        return undefined;
      }
      case 'url': {
        if (!isWebAddress(text)) return words.url(excerpt(text));
        if (text.length > importMaxLength.url) return words.tooLong(importMaxLength.url, text.length);
        row.url = text;
        return undefined;
      }
      default: {
        const max = importMaxLength[field];
        if (text.length > max) return words.tooLong(max, text.length);
        row[field] = text;
        return undefined;
      }
    }
  }

  /** Numbers separated by ";", "|" (how common texts are written) or line breaks; the same number once, in any spelling. */
  private readEquivalents(row: ImportRow, parts: string[]): string | undefined {
    const seen = new Set<string>();
    const numbers: string[] = [];
    for (const part of parts) {
      for (const raw of part.split(/[;|\n]/)) {
        const number = tidy(raw, true);
        if (!number) continue;
        if (number.length > importMaxLength.equivalent) return this.words.row.equivalentTooLong(importMaxLength.equivalent, excerpt(number));
        if (!/\d/.test(number)) return this.words.row.equivalentWithoutDigit(excerpt(number));
        const key = identifierKey(number);
        if (seen.has(key)) continue;
        seen.add(key);
        numbers.push(number);
      }
    }
    if (numbers.length > importMaxEquivalents) return this.words.row.tooManyEquivalents(importMaxEquivalents, numbers.length);
    row.equivalents = numbers;
    return undefined;
  }

  private readTopics(row: ImportRow, parts: string[]): string | undefined {
    const seen = new Set<string>();
    const topics: string[] = [];
    for (const part of parts) {
      for (const raw of part.split(/[;\n]/)) {
        const topic = tidy(raw, true);
        if (!topic) continue;
        if (topic.length > importMaxLength.topic) return this.words.row.topicTooLong(importMaxLength.topic, excerpt(topic));
        const key = topic.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        topics.push(topic);
      }
    }
    if (topics.length > importMaxTopics) return this.words.row.tooManyTopics(importMaxTopics, topics.length);
    row.topics = topics;
    return undefined;
  }
}

/** Trimmed NFC text, with runs of white space made one space in single-line fields; the regular expressions run only
 * when needed, as this is called for every cell of a 100,000-row file. */
function tidy(text: string, singleLine: boolean): string {
  let out = text;
  if (singleLine && /\s\s|[^\S ]/.test(out)) out = out.replace(/\s+/g, ' ');
  else if (out.includes('\r')) out = out.replace(/\r\n?/g, '\n');
  if (/[^\x00-\x7f]/.test(out)) out = out.normalize('NFC');
  return out.trim();
}

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '') || (Array.isArray(cell) && cell.length === 0);
}

function isWebAddress(text: string): boolean {
  if (!/^https?:\/\//i.test(text) || /\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
