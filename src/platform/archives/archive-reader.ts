// The one way Concord opens an untrusted archive (DOCX, XLSX, PPTX, ZIP) and the XML inside it, within limits on
// entries, inflated bytes (per part and in all), XML depth, XML elements and attributes, and time (DESIGN: "opened
// with limits ... off the request's event loop").
//
// - ZIP: yauzl reads the central directory and inflates with node's zlib streams, which run on libuv's thread pool,
//   so the event loop only sees 16 KB chunks. Inflated bytes are counted as they come out, never taken from the
//   header (yauzl also refuses a part whose real size differs from the declared one). The archive's layout must tile:
//   parts that overlap (the "overlapping files" bomb) or data hidden between parts (which a streaming reader such as
//   the one inside exceljs would still find) are refused. A ZIP inside the archive is never opened: it counts as its
//   own bytes.
// - XML: saxes, a streaming parser, fed chunk by chunk as the part inflates, so a part never sits whole in memory.
//   A DOCTYPE is refused outright (office documents never have one), so no entity is ever declared, expanded or
//   fetched; saxes itself knows only the five predefined entities.
// - Time: the deadline is checked at every chunk and part; each chunk costs linear time, so a parse past its budget
//   stops within one chunk, and the event loop runs between chunks.
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { AppError } from '../errors.ts';
import type { Locale } from '../i18n/locale.ts';
import { archiveMessages } from './messages.ts';

export interface ArchiveLimits {
  /** parts listed in the archive */
  maxEntries: number;
  /** inflated bytes of one part */
  maxEntryBytes: number;
  /** inflated bytes of every part read, in all */
  maxTotalBytes: number;
  /** elements open at once in one XML part */
  maxXmlDepth: number;
  /** elements plus attributes in one XML part */
  maxXmlNodes: number;
  /** from opening the archive to the last byte read */
  timeBudgetMs: number;
}

/**
 * Enough for any office document people write: Word nests tables a few dozen levels, a 300-page document's XML is a
 * few MB, a 100,000-row sheet about 60 MB. Callers with bigger needs (the roadmap import) pass their own.
 */
export const defaultArchiveLimits: ArchiveLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxXmlDepth: 200,
  maxXmlNodes: 4_000_000,
  timeBudgetMs: 10_000,
};

export const archiveRefusals = [
  'not-zip',
  'encrypted',
  'entries',
  'entry-size',
  'total-size',
  'size-mismatch',
  'overlap',
  'xml-depth',
  'xml-nodes',
  'xml-doctype',
  'xml-malformed',
  'time',
] as const;
export type ArchiveRefusal = (typeof archiveRefusals)[number];

/** Refusals about size (413): the file may be honest but is more than Concord reads; the others are broken or forged (422). */
const sizeRefusals = new Set<ArchiveRefusal>(['entries', 'entry-size', 'total-size', 'xml-depth', 'xml-nodes', 'time']);

/**
 * An archive refused by a limit or as malformed: a 413 or 422 whose message names the file, the part and the limit in
 * the reader's language, also given as the `file` field's error for forms.
 */
export class ArchiveRefusedError extends AppError {
  constructor(
    readonly reason: ArchiveRefusal,
    readonly fileName: string,
    message: string,
    readonly part?: string,
    readonly limit?: number,
  ) {
    super(sizeRefusals.has(reason) ? 'payload_too_large' : 'validation_failed', message, {
      fields: { file: message },
      reason,
      fileName,
      ...(part === undefined ? {} : { part }),
      ...(limit === undefined ? {} : { limit }),
    });
  }
}

export interface ArchiveOptions {
  /** the name the user knows the file by, for messages */
  fileName: string;
  locale: Locale;
  limits?: Partial<ArchiveLimits>;
}

export interface ArchiveEntry {
  name: string;
  compressedSize: number;
  /** what the archive says; only a hint, the reader counts the real bytes */
  declaredSize: number;
}

/** What a streaming XML reader is told; a handler may throw to stop the parse. */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** An opened archive: its parts are read on demand, each within the limits shared by the whole archive. */
export interface Archive {
  readonly entries: readonly ArchiveEntry[];
  has(name: string): boolean;
  readBytes(name: string): Promise<Buffer>;
  readXml(name: string, handlers: XmlHandlers): Promise<void>;
  /** Inflates every part once (parsing those `isXml` selects), so that a reader without limits may then be trusted with it. */
  screen(isXml: (name: string) => boolean): Promise<{ inflatedBytes: number }>;
  close(): void;
}

/** Opens a ZIP held in memory; refuses it (ArchiveRefusedError) if it is malformed, forged or past a limit. */
export async function openArchive(bytes: Buffer, options: ArchiveOptions): Promise<Archive> {
  const limits = { ...defaultArchiveLimits, ...options.limits };
  const words = archiveMessages(options.locale);
  const file = options.fileName;
  const started = performance.now();
  const refuse = (reason: ArchiveRefusal, message: string, part?: string, limit?: number) =>
    new ArchiveRefusedError(reason, file, message, part, limit);
  const checkTime = () => {
    if (performance.now() - started > limits.timeBudgetMs) {
      throw refuse('time', words.time(file, Math.round(limits.timeBudgetMs / 1000)), undefined, limits.timeBudgetMs);
    }
  };

  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true });
  } catch {
    throw refuse('not-zip', words.notZip(file));
  }
  const closeZip = () => {
    if (zip.isOpen) zip.close();
  };
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw refuse('entries', words.entries(file, zip.entryCount, limits.maxEntries), undefined, limits.maxEntries);
    }
    const centralDirectoryOffset = zip.readEntryCursor as unknown as number;
    const entries = await readEntries(zip, checkTime).catch((error: unknown) => {
      throw error instanceof ArchiveRefusedError ? error : refuse('not-zip', words.notZip(file));
    });
    await checkLayout(zip, entries, centralDirectoryOffset, () => refuse('overlap', words.overlap(file)), checkTime);

    const byName = new Map<string, yauzl.Entry>();
    for (const entry of entries) {
      if (byName.has(entry.fileName)) throw refuse('overlap', words.overlap(file));
      byName.set(entry.fileName, entry);
    }
    let inflated = 0;

    /** The part's inflated bytes, chunk by chunk, counted against the limits as they come. */
    async function* inflate(name: string): AsyncGenerator<Buffer> {
      checkTime();
      const entry = byName.get(name);
      if (!entry) throw new Error(`no part ${name} in the archive`);
      if (entry.isEncrypted()) throw refuse('encrypted', words.encrypted(file), name);
      const entryTooLarge = () => refuse('entry-size', words.entrySize(file, name, limits.maxEntryBytes), name, limits.maxEntryBytes);
      const totalTooLarge = () => refuse('total-size', words.totalSize(file, limits.maxTotalBytes), name, limits.maxTotalBytes);
      // A declared size past a limit is refused before inflating anything; a smaller one is not trusted (see below).
      if (entry.uncompressedSize > limits.maxEntryBytes) throw entryTooLarge();
      if (inflated + entry.uncompressedSize > limits.maxTotalBytes) throw totalTooLarge();
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch {
        throw refuse('not-zip', words.notZip(file), name);
      }
      let read = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          read += chunk.length;
          inflated += chunk.length;
          if (read > limits.maxEntryBytes) throw entryTooLarge();
          if (inflated > limits.maxTotalBytes) throw totalTooLarge();
          checkTime();
          yield chunk;
        }
      } catch (error) {
        if (error instanceof ArchiveRefusedError) throw error;
        // yauzl counts the bytes too and stops a part that inflates to more (or fewer) than it declared.
        if (/too (many|few) bytes/.test(String((error as Error)?.message))) throw refuse('size-mismatch', words.sizeMismatch(file, name), name);
        // Anything else the stream says (zlib's "invalid distance", a truncated part) is a damaged file.
        throw refuse('not-zip', words.notZip(file), name);
      } finally {
        stream.destroy();
      }
    }

    const readXml = async (name: string, handlers: XmlHandlers) => {
      const xml = new BoundedXmlParser(handlers, limits, (reason, limit) => {
        if (reason === 'xml-depth') return refuse(reason, words.xmlDepth(file, name, limit ?? 0), name, limit);
        if (reason === 'xml-nodes') return refuse(reason, words.xmlNodes(file, name, limit ?? 0), name, limit);
        if (reason === 'xml-doctype') return refuse(reason, words.xmlDoctype(file, name), name);
        return refuse('xml-malformed', words.xmlMalformed(file, name), name);
      });
      const decoder = new TextDecoder('utf-8');
      for await (const chunk of inflate(name)) xml.write(decoder.decode(chunk, { stream: true }));
      xml.write(decoder.decode());
      xml.close();
    };

    return {
      entries: entries.map((e) => ({ name: e.fileName, compressedSize: e.compressedSize, declaredSize: e.uncompressedSize })),
      has: (name) => byName.has(name),
      readBytes: async (name) => {
        const chunks: Buffer[] = [];
        for await (const chunk of inflate(name)) chunks.push(chunk);
        return Buffer.concat(chunks);
      },
      readXml,
      screen: async (isXml) => {
        for (const entry of entries) {
          if (entry.fileName.endsWith('/')) continue;
          if (isXml(entry.fileName)) await readXml(entry.fileName, {});
          else for await (const _chunk of inflate(entry.fileName));
        }
        return { inflatedBytes: inflated };
      },
      close: closeZip,
    };
  } catch (error) {
    closeZip();
    throw error;
  }
}

/** Opens an archive, hands it to `work`, and closes it whatever happens. */
export async function withArchive<T>(bytes: Buffer, options: ArchiveOptions, work: (archive: Archive) => Promise<T>): Promise<T> {
  const archive = await openArchive(bytes, options);
  try {
    return await work(archive);
  } finally {
    archive.close();
  }
}

/** Every central-directory entry, in the archive's order. */
function readEntries(zip: yauzl.ZipFile, checkTime: () => void): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      try {
        checkTime();
      } catch (error) {
        reject(error);
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** A data descriptor after a part's data (general purpose bit 3): 12 or 16 bytes, 20 or 24 in ZIP64. */
const descriptorLengths = new Set([12, 16, 20, 24]);

/**
 * The parts must follow each other from the start of the file to the central directory, each one's data ending where
 * the next header begins (give or take its data descriptor): no two parts share bytes and nothing hides between them.
 */
async function checkLayout(zip: yauzl.ZipFile, entries: yauzl.Entry[], centralDirectoryOffset: number, overlap: () => Error, checkTime: () => void) {
  const spans: { start: number; end: number; descriptor: boolean }[] = [];
  for (const entry of entries) {
    checkTime();
    let fileDataStart: number;
    try {
      ({ fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true }));
    } catch {
      throw overlap();
    }
    spans.push({ start: entry.relativeOffsetOfLocalHeader, end: fileDataStart + entry.compressedSize, descriptor: (entry.generalPurposeBitFlag & 0x8) !== 0 });
  }
  spans.sort((a, b) => a.start - b.start);
  let expected = 0;
  let descriptor = false;
  for (const span of [...spans, { start: centralDirectoryOffset, end: centralDirectoryOffset, descriptor: false }]) {
    const gap = span.start - expected;
    if (gap !== 0 && !(descriptor && descriptorLengths.has(gap))) throw overlap();
    expected = span.end;
    descriptor = span.descriptor;
  }
}

type XmlRefusal = 'xml-depth' | 'xml-nodes' | 'xml-doctype' | 'xml-malformed';

/** saxes with limits: depth and element + attribute count checked as each tag opens, DOCTYPE and malformed XML refused. */
class BoundedXmlParser {
  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private depth = 0;
  private nodes = 0;

  constructor(
    handlers: XmlHandlers,
    private readonly limits: ArchiveLimits,
    private readonly refuse: (reason: XmlRefusal, limit?: number) => Error,
  ) {
    const p = this.parser;
    p.on('doctype', () => {
      throw refuse('xml-doctype');
    });
    p.on('error', () => {
      throw refuse('xml-malformed');
    });
    p.on('opentagstart', () => {
      if (++this.depth > limits.maxXmlDepth) throw refuse('xml-depth', limits.maxXmlDepth);
      this.count();
    });
    p.on('attribute', () => this.count());
    if (handlers.open) {
      const open = handlers.open;
      p.on('opentag', (tag) => open(tag.name, tag.attributes as Record<string, string>));
    }
    p.on('closetag', (tag) => {
      this.depth--;
      handlers.close?.(tag.name);
    });
    if (handlers.text) {
      const text = handlers.text;
      p.on('text', text);
      p.on('cdata', text);
    }
  }

  private count() {
    if (++this.nodes > this.limits.maxXmlNodes) throw this.refuse('xml-nodes', this.limits.maxXmlNodes);
  }

  write(text: string) {
    if (text) this.parser.write(text);
  }

  close() {
    this.parser.close();
  }
}
