// The backup file: a ZIP holding `tables/<table>.jsonl` (one row per line, as `to_json` writes it, in key order),
// `files/<sha256>` (each stored file once) and `manifest.json` (written last: the schema's migration level, each
// table's row count and checksum, the sequences, each file's size). Opening one checks it against its manifest
// before anything is written: a damaged, truncated or foreign file is refused with a sentence saying what is wrong.
import { once } from 'node:events';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { InstanceSource } from './copy.ts';
import { sha256Of } from './copy.ts';
import { LineDigest } from './tables.ts';

export const backupFormat = 'concord-backup';
/** Where a running server gives its backup to a site administrator (the page's link, `concord backup --token`). */
export const backupDownloadPath = '/api/v1/admin/backup';
export const backupVersion = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const tableName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);
const count = z.number().int().min(0);

export const manifestSchema = z.object({
  format: z.literal(backupFormat),
  version: z.literal(backupVersion),
  createdAt: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  migrations: z.object({ count, lastHash: z.string().max(200) }),
  tables: z.array(z.object({ name: tableName, rows: count, sha256 })).max(10_000),
  sequences: z.array(z.object({ name: z.string().max(200), value: z.number().int() })).max(10_000),
  files: z.array(z.object({ sha256, size: count })),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** Limits on what a backup's entries may hold, so a forged file cannot make the reader keep unbounded data. */
const maxManifestBytes = 256 * 1024 * 1024;
const maxLineBytes = 256 * 1024 * 1024;
const batchLines = 2000;

const refuse = (file: string, why: string) => new AppError('bad_request', `${file} is not a usable Concord backup: ${why}`);

/**
 * Writes the instance `source` reads (one snapshot) to `output` as a backup file; resolves once the output has it all.
 * `progress` counts rows, then files.
 */
export async function writeBackup(
  source: InstanceSource,
  output: NodeJS.WritableStream,
  progress: (stage: 'rows' | 'files', done: number, total: number) => void = () => {},
): Promise<BackupManifest> {
  const zip = new yazl.ZipFile();
  const written = pipeline(zip.outputStream, output);
  // When the output fails (a client gone away), the entry being read is ended too, or the snapshot would wait for ever.
  let failure: Error | undefined;
  let current: Readable | undefined;
  written.catch((error: Error) => {
    failure = error;
    current?.destroy(error);
  });
  /** Adds one entry and waits until the ZIP has taken it all: one table's cursor, or one file, in memory at a time. */
  const addEntry = async (stream: Readable, name: string, options: { compress: boolean }) => {
    if (failure) throw failure;
    current = stream;
    zip.addReadStream(stream, name, options);
    await once(stream, 'end');
  };
  const manifest: BackupManifest = {
    format: backupFormat,
    version: backupVersion,
    createdAt: new Date().toISOString(),
    engine: source.engine,
    migrations: source.migrations,
    tables: [],
    sequences: source.sequences,
    files: [],
  };
  const totalRows = source.tables.reduce((sum, t) => sum + t.rows, 0);
  let rows = 0;
  for (const table of source.tables) {
    const digest = new LineDigest();
    // yazl reads one entry at a time; the next table's cursor opens only once this one's stream has ended.
    const lines = Readable.from(
      (async function* () {
        for await (const batch of source.rowsOf(table.name)) {
          digest.add(batch);
          rows += batch.length;
          progress('rows', rows, totalRows);
          yield Buffer.from(batch.join('\n') + '\n');
        }
      })(),
      { objectMode: false },
    );
    await addEntry(lines, `tables/${table.name}.jsonl`, { compress: true });
    manifest.tables.push({ name: table.name, rows: digest.rows, sha256: digest.sha256() });
  }
  const totalFiles = await source.fileCount();
  for await (const file of source.files()) {
    await addEntry(Readable.from([file.bytes]), `files/${file.sha256}`, { compress: false });
    manifest.files.push({ sha256: file.sha256, size: file.bytes.length });
    progress('files', manifest.files.length, totalFiles);
  }
  if (failure) throw failure;
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'manifest.json');
  zip.end();
  await written;
  return manifest;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (error, zip) =>
      error || !zip ? reject(refuse(file, `it is not a ZIP archive (${error?.message ?? 'unreadable'}).`)) : resolve(zip),
    ),
  );
}

async function entriesOf(file: string, zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.has(entry.fileName)) return reject(refuse(file, `it holds ${entry.fileName} twice.`));
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', (error: Error) => reject(refuse(file, `its archive is damaged (${error.message}).`)));
    zip.readEntry();
  });
  return entries;
}

const streamOf = (zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> =>
  new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error) : resolve(stream))));

async function readWhole(file: string, zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<Buffer> {
  if (entry.uncompressedSize > limit) throw refuse(file, `${entry.fileName} is larger than it may be.`);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of await streamOf(zip, entry)) chunks.push(chunk as Buffer);
  } catch (error) {
    throw refuse(file, `${entry.fileName} is damaged (${(error as Error).message}).`);
  }
  return Buffer.concat(chunks);
}

/**
 * Opens a backup file as the source of a copy (`copyInstance`), after checking it: a ZIP with a manifest of this
 * format and version, and no entry the manifest does not list. Rows and files are checked as they are read (line
 * counts, checksums, sizes, each file's sha256): a mismatch throws before the copy commits. `close` releases the file.
 */
export async function openBackup(file: string): Promise<InstanceSource & { manifest: BackupManifest; close(): void }> {
  if (!fs.existsSync(file)) throw new AppError('bad_request', `There is no file ${file}.`);
  const zip = await openZip(file);
  try {
    const entries = await entriesOf(file, zip);
    const manifestEntry = entries.get('manifest.json');
    if (!manifestEntry) throw refuse(file, 'it has no manifest.json (it is not a Concord backup, or it was cut short).');
    let manifest: BackupManifest;
    try {
      manifest = manifestSchema.parse(JSON.parse((await readWhole(file, zip, manifestEntry, maxManifestBytes)).toString('utf8')));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw refuse(file, `its manifest.json is not a Concord backup manifest of version ${backupVersion} (${error instanceof z.ZodError ? error.issues.map((i) => i.path.join('.') || 'manifest').slice(0, 3).join(', ') : 'not JSON'}).`);
    }
    const expected = new Set(['manifest.json', ...manifest.tables.map((t) => `tables/${t.name}.jsonl`), ...manifest.files.map((f) => `files/${f.sha256}`)]);
    for (const name of entries.keys()) {
      if (!expected.has(name)) throw refuse(file, `it holds ${name}, which its manifest does not list.`);
    }
    for (const name of expected) {
      if (!entries.has(name)) throw refuse(file, `${name} is missing.`);
    }
    const tables = new Map(manifest.tables.map((t) => [t.name, t]));
    return {
      manifest,
      engine: manifest.engine,
      migrations: manifest.migrations,
      sequences: manifest.sequences,
      tables: manifest.tables.map((t) => ({ name: t.name, rows: t.rows })),
      async *rowsOf(name) {
        const table = tables.get(name)!;
        const entry = entries.get(`tables/${name}.jsonl`)!;
        const digest = new LineDigest();
        // A character may be split between two chunks: the decoder keeps its first bytes until the rest arrives.
        const decoder = new StringDecoder('utf8');
        let pending = '';
        let batch: string[] = [];
        try {
          for await (const chunk of await streamOf(zip, entry)) {
            pending += decoder.write(chunk as Buffer);
            let end: number;
            while ((end = pending.indexOf('\n')) >= 0) {
              batch.push(pending.slice(0, end));
              pending = pending.slice(end + 1);
              if (batch.length >= batchLines) {
                digest.add(batch);
                if (digest.rows > table.rows) throw refuse(file, `table ${name} holds more rows than its manifest says (${table.rows}).`);
                yield batch;
                batch = [];
              }
            }
            if (pending.length > maxLineBytes) throw refuse(file, `a row of table ${name} is longer than ${maxLineBytes} bytes.`);
          }
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw refuse(file, `table ${name} is damaged (${(error as Error).message}).`);
        }
        if (pending.length) throw refuse(file, `table ${name} ends in the middle of a row.`);
        digest.add(batch);
        const sum = digest.sha256();
        if (digest.rows !== table.rows || sum !== table.sha256) {
          throw refuse(file, `table ${name} does not match its checksum (${digest.rows} rows, the manifest says ${table.rows}).`);
        }
        if (batch.length) yield batch;
      },
      fileCount: async () => manifest.files.length,
      async *files() {
        for (const listed of manifest.files) {
          const entry = entries.get(`files/${listed.sha256}`)!;
          if (entry.uncompressedSize !== listed.size) throw refuse(file, `the stored file ${listed.sha256} has another size than its manifest says.`);
          const bytes = await readWhole(file, zip, entry, listed.size);
          if (sha256Of(bytes) !== listed.sha256) throw refuse(file, `the stored file ${listed.sha256} is damaged (its content has another sha256).`);
          yield { sha256: listed.sha256, bytes };
        }
      },
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}
