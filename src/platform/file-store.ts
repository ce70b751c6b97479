// Where stored files live. The embedded engine keeps them on disk under DATA_DIR/files/<aa>/<sha256> (the layout
// Concord always had, so existing data keeps working); PostgreSQL keeps them in the stored_files table, because app
// processes on several machines share nothing but the database (DESIGN: "Several servers"). The engine decides, not
// the configuration alone: DATABASE_URL is what opens PostgreSQL, and the tests that run on a PostgreSQL server
// without it then exercise the same table.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { type Db, isEmbedded, type Tx } from '../db/engine.ts';
import type { CheckedFile } from './files.ts';
import { stagedUploads, storedFiles } from './schema.ts';

/** Files by their content's SHA-256 (lower-case hex). Another engineer's backups code against this very shape. */
export interface FileStore {
  /** Stores the bytes under their hash; storing what is already there does nothing. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  /** Every stored hash, once each. */
  list(): AsyncIterable<string>;
}

const isSha256 = (value: string) => /^[0-9a-f]{64}$/.test(value);

function requireSha256(sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return sha256;
}

/** A content-addressed store must never hold bytes under another hash: a wrong caller would corrupt every reader. */
function requireMatchingBytes(sha256: string, bytes: Buffer): void {
  requireSha256(sha256);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new Error(`bytes do not match their sha256 (${sha256} given, ${actual} computed)`);
}

/** Where a stored file lives on disk (embedded engine): DATA_DIR/files/<first two hex digits>/<sha256>. */
export function storedFilePath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'files', requireSha256(sha256).slice(0, 2), sha256);
}

const temporaryDirectory = (dataDir: string) => path.join(dataDir, 'files', 'tmp');

/** Writes `bytes` beside `final` under a unique name, then renames it into place: a reader never sees half a file. */
async function writeByRename(dataDir: string, final: string, bytes: Buffer): Promise<void> {
  const tmpDir = temporaryDirectory(dataDir);
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const temporary = path.join(tmpDir, `${path.basename(final)}.${randomBytes(6).toString('hex')}`);
  try {
    await fs.promises.writeFile(temporary, bytes, { flag: 'wx' });
    await fs.promises.mkdir(path.dirname(final), { recursive: true });
    await fs.promises.rename(temporary, final);
  } finally {
    await fs.promises.rm(temporary, { force: true });
  }
}

function diskFileStore(dataDir: string): FileStore {
  return {
    async put(sha256, bytes) {
      requireMatchingBytes(sha256, bytes);
      const final = storedFilePath(dataDir, sha256);
      if (fs.existsSync(final)) return;
      await writeByRename(dataDir, final, bytes);
    },
    async get(sha256) {
      try {
        return await fs.promises.readFile(storedFilePath(dataDir, sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async has(sha256) {
      return fs.existsSync(storedFilePath(dataDir, sha256));
    },
    async *list() {
      const root = path.join(dataDir, 'files');
      for (const prefix of (await fs.promises.readdir(root).catch(() => [] as string[])).sort()) {
        if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
        for (const name of (await fs.promises.readdir(path.join(root, prefix))).sort()) {
          if (isSha256(name) && name.startsWith(prefix)) yield name;
        }
      }
    },
  };
}

const listPage = 500;

/** How much of a stored file one query reads on PostgreSQL: a download holds this much, never the whole file. */
export const streamChunkBytes = 1024 * 1024;

/** `streamChunkBytes` of a stored file from `offset` (shorter at its end), or null when the file is not stored. */
async function readChunk(db: Tx, sha256: string, offset: number): Promise<Buffer | null> {
  const [row] = await db
    .select({ chunk: sql<Buffer>`substring(${storedFiles.bytes} from ${offset + 1} for ${streamChunkBytes})`.mapWith(storedFiles.bytes) })
    .from(storedFiles)
    .where(eq(storedFiles.sha256, sha256));
  return row ? row.chunk : null;
}

function tableFileStore(db: Tx): FileStore {
  return {
    async put(sha256, bytes) {
      requireMatchingBytes(sha256, bytes);
      await db.insert(storedFiles).values({ sha256, size: bytes.length, bytes }).onConflictDoNothing();
    },
    async get(sha256) {
      // Read in chunks too: node-postgres takes a bytea as hex text and gathers a large row slowly (bench/file-store.ts,
      // 20 MB on a loaded machine: 3.6–4.9 s in one query against 1.0–1.9 s in 1 MB chunks, and the process grew by
      // 66–151 MB against 0–13 MB).
      const chunks: Buffer[] = [];
      for (let offset = 0; ; offset += streamChunkBytes) {
        const chunk = await readChunk(db, requireSha256(sha256), offset);
        if (!chunk) return null;
        chunks.push(chunk);
        if (chunk.length < streamChunkBytes) return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      }
    },
    async has(sha256) {
      const [row] = await db.select({ sha256: storedFiles.sha256 }).from(storedFiles).where(eq(storedFiles.sha256, requireSha256(sha256)));
      return Boolean(row);
    },
    async *list() {
      // Keyset pages: a store of many files is never read in one query, and never read for its bytes.
      let after = '';
      for (;;) {
        const page = await db
          .select({ sha256: storedFiles.sha256 })
          .from(storedFiles)
          .where(gt(storedFiles.sha256, after))
          .orderBy(asc(storedFiles.sha256))
          .limit(listPage);
        for (const row of page) yield row.sha256;
        if (page.length < listPage) return;
        after = page[page.length - 1]!.sha256;
      }
    },
  };
}

/**
 * The file store of this instance: on disk under DATA_DIR on the embedded engine, the stored_files table on
 * PostgreSQL. Given a transaction, the table store writes in it, so the bytes commit or roll back with their row.
 */
export function fileStoreFor(config: Pick<Config, 'dataDir'>, db: Db | Tx): FileStore {
  return isEmbedded(db) ? diskFileStore(config.dataDir) : tableFileStore(db);
}

/**
 * Stores `files` with the transaction that records them, then returns what `work` returned. `work` receives the
 * database to write with and must use it (not another handle it holds), since on PostgreSQL it is the transaction the
 * bytes are written in: the row and its bytes commit together, and a rolled-back upload leaves nothing. On the
 * embedded engine each file is written to DATA_DIR/files/tmp first and renamed into place only after `work` returned
 * (its transaction committed); if `work` throws, the temporaries are removed. Storing a file already stored is a no-op.
 */
export async function storeFilesWith<T>(
  target: { db: Db; dataDir: string },
  files: readonly CheckedFile[],
  work: (db: Db) => Promise<T>,
): Promise<T> {
  const { db, dataDir } = target;
  if (!files.length) return work(db);
  if (!isEmbedded(db)) {
    // Domain functions open their own transactions on the handle they are given: inside this one they become
    // savepoints (Drizzle), so everything still commits once, after the bytes are in.
    return db.transaction(async (tx) => {
      const store = tableFileStore(tx);
      for (const file of files) await store.put(file.sha256, file.bytes);
      return work(tx as unknown as Db);
    });
  }
  const tmpDir = temporaryDirectory(dataDir);
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
    const result = await work(db);
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

/** The size of a stored file in bytes, or null when it is not stored (a row whose bytes are missing). */
export async function storedFileSize(config: Pick<Config, 'dataDir'>, db: Db, sha256: string): Promise<number | null> {
  if (isEmbedded(db)) {
    const stat = await fs.promises.stat(storedFilePath(config.dataDir, sha256)).catch(() => undefined);
    return stat?.isFile() ? stat.size : null;
  }
  const [row] = await db.select({ size: storedFiles.size }).from(storedFiles).where(eq(storedFiles.sha256, requireSha256(sha256)));
  return row?.size ?? null;
}

/**
 * A stored file as a stream that reads nothing until it is read (a ZIP of many files opens each in turn); it fails
 * when the file is not stored. PostgreSQL hands it out a chunk per query (`substring` of the bytea), so a download of
 * a large file never holds it whole, on the server or here.
 */
export function readStoredFile(config: Pick<Config, 'dataDir'>, db: Db, sha256: string): Readable {
  requireSha256(sha256);
  if (isEmbedded(db)) {
    const filePath = storedFilePath(config.dataDir, sha256);
    return Readable.from(
      (async function* () {
        yield* fs.createReadStream(filePath);
      })(),
      { objectMode: false },
    );
  }
  return Readable.from(
    (async function* () {
      for (let offset = 0; ; offset += streamChunkBytes) {
        const chunk = await readChunk(db, sha256, offset);
        if (!chunk) throw new Error(`stored file missing: ${sha256}`);
        if (chunk.length) yield chunk;
        if (chunk.length < streamChunkBytes) return;
      }
    })(),
    { objectMode: false },
  );
}

/**
 * Uploads waiting for their user's confirmation (a checked roadmap import), named by their SHA-256: not stored files
 * yet, and swept after a day. On disk under DATA_DIR/imports on the embedded engine, in staged_uploads on PostgreSQL
 * (the confirmation may reach another app process).
 */
export interface StagedUploads {
  /** Keeps the bytes and returns their name (their SHA-256); staging the same bytes again restarts their day. */
  put(bytes: Buffer): Promise<string>;
  get(sha256: string): Promise<Buffer | null>;
  remove(sha256: string): Promise<void>;
}

/** The directory of staged uploads on the embedded engine. */
export function stagingDirectory(dataDir: string): string {
  return path.join(dataDir, 'imports');
}

export function stagedUploadsFor(config: Pick<Config, 'dataDir'>, db: Db): StagedUploads {
  const nameOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  if (!isEmbedded(db)) {
    return {
      async put(bytes) {
        const sha256 = nameOf(bytes);
        await db
          .insert(stagedUploads)
          .values({ sha256, bytes })
          .onConflictDoUpdate({ target: stagedUploads.sha256, set: { createdAt: sql`now()` } });
        return sha256;
      },
      async get(sha256) {
        const [row] = await db.select({ bytes: stagedUploads.bytes }).from(stagedUploads).where(eq(stagedUploads.sha256, requireSha256(sha256)));
        return row?.bytes ?? null;
      },
      async remove(sha256) {
        await db.delete(stagedUploads).where(eq(stagedUploads.sha256, requireSha256(sha256)));
      },
    };
  }
  const directory = stagingDirectory(config.dataDir);
  const pathOf = (sha256: string) => path.join(directory, requireSha256(sha256));
  return {
    async put(bytes) {
      const sha256 = nameOf(bytes);
      await fs.promises.mkdir(directory, { recursive: true });
      const temporary = path.join(directory, `${sha256}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      await fs.promises.writeFile(temporary, bytes);
      await fs.promises.rename(temporary, pathOf(sha256));
      return sha256;
    },
    async get(sha256) {
      return fs.promises.readFile(pathOf(sha256)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
    },
    async remove(sha256) {
      await fs.promises.rm(pathOf(sha256), { force: true });
    },
  };
}

/** Which of these stored files (by sha256) some committed row holds: each module answers for its own tables. */
export type FileReferences = (sha256s: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * Finishes what a process killed between a commit and its renames left undone: a temporary (`files/tmp/<sha256>.<n>`)
 * whose file is not in place yet but which a committed row names is checked against its hash and renamed into place,
 * so no row is left without its file. A temporary nobody names is left to the sweep (its transaction never committed,
 * or another process on this directory is still running it). Only the embedded engine has temporaries: PostgreSQL
 * writes the bytes in the row's own transaction. Run at start, before the first sweep: an outage longer than the
 * sweep's hour would otherwise remove a file a row needs. Returns how many files it put in place.
 */
export async function finishInterruptedFiles(dataDir: string, referenced: FileReferences): Promise<number> {
  const tmpDir = temporaryDirectory(dataDir);
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

const hour = 3_600_000;

/**
 * Removes what nobody will finish: on disk, temporaries older than an hour (left by a process that died between
 * writing and committing) and staged uploads older than a day (their half-written `.tmp` copies after an hour); on
 * PostgreSQL, staged uploads older than a day. Returns how many it removed.
 */
export async function sweepTemporaryFiles(target: { dataDir: string; db?: Db }, now = Date.now()): Promise<number> {
  const { dataDir, db } = target;
  const sweeps = [
    { dir: temporaryDirectory(dataDir), maxAge: () => hour },
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
  if (db && !isEmbedded(db)) {
    const gone = await db
      .delete(stagedUploads)
      .where(lt(stagedUploads.createdAt, new Date(now - 24 * hour)))
      .returning({ sha256: stagedUploads.sha256 });
    removed += gone.length;
  }
  return removed;
}
