// Uploaded files: checked from their bytes, stored on disk by content hash, and put in place only after the database
// row that points at them commits (DESIGN: "written to a temporary file and renamed only after the row commits").
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
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

/** Where a stored file lives: DATA_DIR/files/<first two hex digits>/<sha256>. */
export function storedFilePath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(dataDir, 'files', sha256.slice(0, 2), sha256);
}

/**
 * Writes each file to a temporary path, runs `work` (the caller's database transaction), then renames the files
 * into place once it has committed; if `work` throws, the temporaries are removed and nothing is left behind.
 * Files are content-addressed, so storing a file that already exists is a no-op.
 */
export async function storeFilesWith<T>(dataDir: string, files: readonly CheckedFile[], work: () => Promise<T>): Promise<T> {
  const tmpDir = path.join(dataDir, 'files', 'tmp');
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const staged: { temporary: string; final: string }[] = [];
  try {
    for (const file of files) {
      const final = storedFilePath(dataDir, file.sha256);
      if (fs.existsSync(final) || staged.some((s) => s.final === final)) continue;
      const temporary = path.join(tmpDir, `${file.sha256}.${randomBytes(6).toString('hex')}`);
      await fs.promises.writeFile(temporary, file.bytes, { flag: 'wx' });
      staged.push({ temporary, final });
    }
    const result = await work();
    for (const s of staged) {
      await fs.promises.mkdir(path.dirname(s.final), { recursive: true });
      // A process starting on this DATA_DIR may have put this very file in place already (finishInterruptedFiles):
      // the row has committed, so that is no failure.
      await fs.promises.rename(s.temporary, s.final).catch((error: unknown) => {
        if (!fs.existsSync(s.final)) throw error;
      });
    }
    staged.length = 0;
    return result;
  } finally {
    await Promise.all(staged.map((s) => fs.promises.rm(s.temporary, { force: true })));
  }
}

/**
 * Where an upload waits for its user's confirmation (a checked roadmap import), named by its SHA-256: it is not a
 * stored file yet, and the sweep removes it after a day.
 */
export function stagingDirectory(dataDir: string): string {
  return path.join(dataDir, 'imports');
}

const hour = 3_600_000;

/** Which of these stored files (by sha256) some committed row holds: each module answers for its own tables. */
export type FileReferences = (sha256s: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * Finishes what a process killed between a commit and its renames left undone: a temporary (`files/tmp/<sha256>.<n>`)
 * whose file is not in place yet but which a committed row names is checked against its hash and renamed into place,
 * so no row is left without its file. A temporary nobody names is left to the sweep (its transaction never committed,
 * or another process on this directory is still running it). Run at start, before the first sweep: an outage longer
 * than the sweep's hour would otherwise remove a file a row needs. Returns how many files it put in place.
 */
export async function finishInterruptedFiles(dataDir: string, referenced: FileReferences): Promise<number> {
  const tmpDir = path.join(dataDir, 'files', 'tmp');
  const waiting = new Map<string, string[]>();
  for (const name of await fs.promises.readdir(tmpDir).catch(() => [] as string[])) {
    const sha256 = /^([0-9a-f]{64})\.[0-9a-f]+$/.exec(name)?.[1];
    if (!sha256) continue;
    if (fs.existsSync(storedFilePath(dataDir, sha256))) continue;
    waiting.set(sha256, [...(waiting.get(sha256) ?? []), path.join(tmpDir, name)]);
  }
  if (!waiting.size) return 0;
  const named = await referenced([...waiting.keys()]);
  let finished = 0;
  for (const [sha256, temporaries] of waiting) {
    if (!named.has(sha256)) continue;
    for (const temporary of temporaries) {
      // The write finished before the transaction began, but a temporary of a later attempt may be cut short.
      const hash = createHash('sha256').update(await fs.promises.readFile(temporary)).digest('hex');
      if (hash !== sha256) continue;
      const final = storedFilePath(dataDir, sha256);
      await fs.promises.mkdir(path.dirname(final), { recursive: true });
      await fs.promises.rename(temporary, final);
      finished++;
      break;
    }
  }
  return finished;
}

/**
 * Removes temporaries older than an hour, left by a process that died between writing and committing, and staged
 * uploads older than a day, checked and never confirmed (their half-written `.tmp` copies after an hour). Returns how
 * many files it removed.
 */
export async function sweepTemporaryFiles(dataDir: string, now = Date.now()): Promise<number> {
  const sweeps = [
    { dir: path.join(dataDir, 'files', 'tmp'), maxAge: () => hour },
    { dir: stagingDirectory(dataDir), maxAge: (name: string) => (name.endsWith('.tmp') ? hour : 24 * hour) },
  ];
  let removed = 0;
  for (const { dir, maxAge } of sweeps) {
    for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
      const full = path.join(dir, name);
      const stat = await fs.promises.stat(full).catch(() => undefined);
      if (stat?.isFile() && now - stat.mtimeMs > maxAge(name)) {
        await fs.promises.rm(full, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
