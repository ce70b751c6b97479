// Getting documents out: one file streamed from the file store with the headers a download needs, all files of a
// meeting as one ZIP streamed entry by entry (yazl reads each file as it writes it, and the store reads nothing until
// then, so memory holds a chunk, never a file), and the Atom feed of an activity's new public documents.
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { FastifyReply } from 'fastify';
import yazl from 'yazl';
import { notFound } from '../../platform/errors.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/engine.ts';
import { readStoredFile, storedFileSize } from '../../platform/file-store.ts';
import type { DocumentFileRow, DocumentSummary } from './documents.ts';
import { documentFilePath, documentPath } from './documents.ts';
import { documentMessages } from './messages.ts';
import { xmlText } from '../../platform/xml-text.ts';

/** `attachment; filename="plain ASCII fallback"; filename*=UTF-8''<the real name>` (RFC 6266 with RFC 5987). */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Streams a stored file; a row whose bytes are missing from the store is a 404 (and a log line), never a half response. */
export async function sendStoredFile(
  reply: FastifyReply,
  store: { config: Pick<Config, 'dataDir'>; db: Db },
  file: Pick<DocumentFileRow, 'fileName' | 'contentType' | 'sha256'>,
): Promise<FastifyReply> {
  const size = await storedFileSize(store.config, store.db, file.sha256);
  if (size === null) {
    reply.log.error({ sha256: file.sha256 }, 'stored file missing from the file store');
    throw notFound();
  }
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('content-length', String(size))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .send(readStoredFile(store.config, store.db, file.sha256));
}

// yazl checksums every byte with buffer-crc32, a loop in JavaScript (about 40 MB/s on a busy core here), which made it
// the ZIP's bottleneck; Node's zlib.crc32 (20.15+) computes the same checksum natively, 15 times faster. The faster
// function replaces the slow one in yazl's own copy of buffer-crc32 only, and only for the (buffer, number) calls
// yazl makes; without zlib.crc32 nothing changes.
const nativeCrc32 = (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32;
if (nativeCrc32) {
  const requireFromYazl = createRequire(createRequire(import.meta.url).resolve('yazl'));
  const yazlCrc32 = requireFromYazl('buffer-crc32') as { unsigned: (data: Buffer, previous?: unknown) => number };
  const javascriptCrc32 = yazlCrc32.unsigned;
  yazlCrc32.unsigned = (data, previous) =>
    Buffer.isBuffer(data) && (previous === undefined || typeof previous === 'number') ? nativeCrc32(data, previous ?? 0) : javascriptCrc32(data, previous);
}

/** A name safe inside a ZIP: no folders, no characters Windows refuses. */
const safeEntryName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');

/**
 * All current files of the given documents as one ZIP, each under "<number> <file name>" (a document awaiting its
 * number under "pending-<id>"). Entries are stored, not deflated: PDF and Office files are compressed already, and
 * storing keeps the server's work to copying bytes.
 */
export function meetingZip(store: { config: Pick<Config, 'dataDir'>; db: Db }, documents: DocumentSummary[]): Readable {
  const zip = new yazl.ZipFile();
  const used = new Set<string>();
  for (const document of documents) {
    for (const file of document.files) {
      let name = safeEntryName(`${document.label ?? `pending-${document.id}`} ${file.fileName}`);
      for (let n = 2; used.has(name.toLowerCase()); n++) name = safeEntryName(`${document.label ?? document.id} (${n}) ${file.fileName}`);
      used.add(name.toLowerCase());
      zip.addReadStream(readStoredFile(store.config, store.db, file.sha256), name, { compress: false, mtime: file.createdAt, size: file.size });
    }
  }
  zip.end();
  return zip.outputStream as unknown as Readable;
}

const xml = xmlText;

/**
 * The Atom feed (RFC 4287) of an activity's newest public documents. Built as text with every value escaped; the
 * entry id is a tag URI on the document id, so it stays the same when a title changes.
 */
export function atomFeed(activity: { acronym: string; nameEn: string }, documents: DocumentSummary[], baseUrl: string, feedPath: string): string {
  const m = documentMessages('en');
  const url = (p: string) => new URL(p, baseUrl).toString();
  const host = new URL(baseUrl).hostname;
  const updated = documents.reduce((max, d) => Math.max(max, (d.publishedAt ?? d.createdAt).getTime(), d.updatedAt.getTime()), 0);
  const entries = documents.map((d) => {
    const when = (d.publishedAt ?? d.createdAt).toISOString();
    const summary = [m.kinds[d.kind], d.source && `${m.fields.source}: ${d.source}`, d.abstract].filter(Boolean).join(' — ');
    return [
      '  <entry>',
      `    <id>tag:${xml(host)},2023:document:${d.id}</id>`,
      `    <title>${xml(`${d.label ?? ''} ${d.title}`.trim())}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(url(documentPath(activity, d)))}"/>`,
      ...d.files.map((f) => `    <link rel="enclosure" type="${xml(f.contentType)}" length="${f.size}" title="${xml(f.fileName)}" href="${xml(url(documentFilePath(activity, d, f)))}"/>`),
      `    <published>${when}</published>`,
      `    <updated>${new Date(Math.max(d.updatedAt.getTime(), new Date(when).getTime())).toISOString()}</updated>`,
      ...(d.source ? [`    <author><name>${xml(d.source)}</name></author>`] : []),
      `    <category term="${xml(d.kind)}" label="${xml(m.kinds[d.kind])}"/>`,
      `    <summary>${xml(summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(url(feedPath))}</id>`,
    `  <title>${xml(`${activity.acronym}: ${m.documents}`)}</title>`,
    `  <subtitle>${xml(activity.nameEn)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(url(feedPath))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(url(`/activities/${encodeURIComponent(activity.acronym)}/documents`))}"/>`,
    `  <updated>${new Date(updated || 0).toISOString()}</updated>`,
    `  <author><name>${xml(activity.acronym)}</name></author>`,
    '  <generator>Concord</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
