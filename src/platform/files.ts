// Uploaded files: checked from their bytes (kind, size, name). Where they are stored afterwards is
// platform/file-store.ts.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { UploadedFile } from './http/context.ts';
import { invalid } from './errors.ts';
import type { Locale } from './i18n/locale.ts';

export const fileKinds = ['pdf', 'docx', 'pptx', 'xlsx', 'txt', 'zip', 'ics', 'csv'] as const;
export type FileKind = (typeof fileKinds)[number];

/** A file that passed `checkUpload`: its kind comes from the bytes, and its name agrees with it. */
export type CheckedFile = { fileName: string; kind: FileKind; contentType: string; size: number; sha256: string; bytes: Buffer };

export const contentTypes: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
  zip: 'application/zip',
  ics: 'text/calendar; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

const textKinds = new Set<FileKind>(['txt', 'ics', 'csv']);

const messages = {
  en: {
    missing: 'Choose a file to upload.',
    empty: (name: string) => `“${name}” is empty (0 bytes).`,
    tooLarge: (name: string, mb: number) => `“${name}” is larger than the ${mb} MB limit.`,
    noExtension: (name: string, allowed: string) => `“${name}” has no file extension; allowed types: ${allowed}.`,
    forbidden: (name: string, allowed: string) => `“${name}” is not an allowed type; allowed types: ${allowed}.`,
    mismatch: (name: string, actual: string) =>
      `“${name}” does not contain what its name says: its content is ${actual}. Rename it or export it again.`,
    notText: (name: string) => `“${name}” is not a UTF-8 text file (it contains binary data).`,
    notCalendar: (name: string) => `“${name}” is not a calendar file: its first line should be BEGIN:VCALENDAR.`,
    unknownContent: 'unrecognised binary data',
  },
  fr: {
    missing: 'Choisissez un fichier à téléverser.',
    empty: (name: string) => `« ${name} » est vide (0 octet).`,
    tooLarge: (name: string, mb: number) => `« ${name} » dépasse la limite de ${mb} Mo.`,
    noExtension: (name: string, allowed: string) => `« ${name} » n’a pas d’extension ; types acceptés : ${allowed}.`,
    forbidden: (name: string, allowed: string) => `« ${name} » n’est pas d’un type accepté ; types acceptés : ${allowed}.`,
    mismatch: (name: string, actual: string) =>
      `« ${name} » ne contient pas ce que son nom annonce : son contenu est ${actual}. Renommez-le ou exportez-le à nouveau.`,
    notText: (name: string) => `« ${name} » n’est pas un fichier texte UTF-8 (il contient des données binaires).`,
    notCalendar: (name: string) => `« ${name} » n’est pas un fichier d’agenda : sa première ligne devrait être BEGIN:VCALENDAR.`,
    unknownContent: 'des données binaires non reconnues',
  },
} satisfies Record<Locale, unknown>;

const extensionOf = (fileName: string) => path.extname(fileName).slice(1).toLowerCase();

/** What the bytes are, independent of the file's name; undefined when they are none of the kinds we know. */
export async function detectKind(bytes: Buffer): Promise<FileKind | 'other'> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    if ((fileKinds as readonly string[]).includes(detected.ext)) return detected.ext as FileKind;
    return 'other';
  }
  return isUtf8Text(bytes) ? 'txt' : 'other';
}

/** An iCalendar file: its first line (after a byte-order mark or blank lines) is BEGIN:VCALENDAR (RFC 5545 §3.4). */
function isCalendar(bytes: Buffer): boolean {
  return /^(?:\uFEFF)?\s*BEGIN:VCALENDAR\r?\n/i.test(bytes.subarray(0, 64).toString('utf8'));
}

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses a missing, empty, too large or forbidden file, or one whose content does not match its name (the type is
 * read from the bytes, never trusted from the name or the browser's content type). Errors name `field`.
 */
export async function checkUpload(
  file: UploadedFile | undefined,
  options: { field: string; allowed: readonly FileKind[]; maxBytes: number; locale: Locale },
): Promise<CheckedFile> {
  const m = messages[options.locale];
  const fail = (message: string) => invalid({ [options.field]: message }, message);
  if (!file || !file.fileName) throw fail(m.missing);
  const name = file.fileName;
  if (file.bytes.length === 0) throw fail(m.empty(name));
  if (file.bytes.length > options.maxBytes) throw fail(m.tooLarge(name, Math.round(options.maxBytes / 1024 / 1024)));
  const allowedList = options.allowed.map((k) => k.toUpperCase()).join(', ');
  const claimed = extensionOf(name);
  if (!claimed) throw fail(m.noExtension(name, allowedList));
  if (!(options.allowed as readonly string[]).includes(claimed)) throw fail(m.forbidden(name, allowedList));
  const kind = claimed as FileKind;
  if (textKinds.has(kind)) {
    // file-type recognises a calendar by its first line ("BEGIN:VCALENDAR" → ics) and knows no other text, so a text
    // kind is checked on the bytes themselves: UTF-8 without NUL, whatever the line endings (RFC 5545 wants CRLF).
    if (!isUtf8Text(file.bytes)) throw fail(m.notText(name));
    if (kind === 'ics' && !isCalendar(file.bytes)) throw fail(m.notCalendar(name));
  } else {
    const actual = await detectKind(file.bytes);
    if (actual !== kind) throw fail(m.mismatch(name, actual === 'other' ? m.unknownContent : actual.toUpperCase()));
  }
  return {
    fileName: path.basename(name),
    kind,
    contentType: contentTypes[kind],
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    bytes: file.bytes,
  };
}

/** A file Concord wrote itself (an issued agenda, a circular), shaped as checkUpload shapes an upload, to be stored. */
export function writtenFile(fileName: string, kind: FileKind, bytes: Buffer): CheckedFile {
  return { fileName, kind, contentType: contentTypes[kind], size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}
