// One copy of an instance, whatever it comes from (a database snapshot, a backup file) and goes to (a database of
// either engine): every table as JSON lines, the sequences, and every stored file, checked on arrival.
import { createHash } from 'node:crypto';
import type { Database, Tx } from '../../db/engine.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/file-store.ts';
import {
  advanceSequences,
  beginSnapshot,
  countRows,
  emptyAllTables,
  firstNonEmptyTable,
  fixTextForms,
  LineDigest,
  listTables,
  type MigrationLevel,
  migrationLevel,
  readSequences,
  readTable,
  renumberEventTransactions,
  type SequenceValue,
  suspendForeignKeys,
  type TableSummary,
  writeRows,
} from './tables.ts';

/** What a copy reads from: known sizes first (for the progress bar), then the rows table by table, then the files. */
export type InstanceSource = {
  engine: 'pglite' | 'postgres';
  migrations: MigrationLevel;
  sequences: SequenceValue[];
  tables: { name: string; rows: number }[];
  /** Each table's lines in key order; call in the order of `tables`. A backup checks them against its manifest. */
  rowsOf(table: string): AsyncIterable<string[]>;
  fileCount(): Promise<number>;
  files(): AsyncIterable<{ sha256: string; bytes: Buffer }>;
};

/** Progress of a copy: the stage, then units done of the stage's total (rows, files). */
export type CopyProgress = (stage: 'rows' | 'verify' | 'files', done: number, total: number) => void;

export type CopyReport = { tables: TableSummary[]; rows: number; files: number; bytes: number };

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Runs `work` with the instance in `database` as a source: one read-only repeatable-read transaction, so every table
 * comes from one moment even while others write (on PGlite, other queries wait for it). The files are listed after
 * the rows are read: files are written before the row that names them commits, so every file a copied row names is
 * there (the list may hold a few newer ones, which nothing names yet).
 */
export async function withDatabaseSource<T>(database: Database, store: FileStore, work: (source: InstanceSource) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    await beginSnapshot(tx);
    const shapes = await listTables(tx);
    const counts = await countRows(tx, shapes);
    const source: InstanceSource = {
      engine: database.engine,
      migrations: await migrationLevel(tx),
      sequences: await readSequences(tx),
      tables: shapes.map((s) => ({ name: s.name, rows: counts.get(s.name) ?? 0 })),
      rowsOf: (name) => (counts.get(name) ? readTable(tx, shapes.find((s) => s.name === name)!) : noRows()),
      fileCount: async () => {
        let n = 0;
        for await (const _ of store.list()) n++;
        return n;
      },
      async *files() {
        for await (const sha256 of store.list()) {
          const bytes = await store.get(sha256);
          // A file removed between the list and the read names no row of this snapshot: nothing is lost by its absence.
          if (bytes) yield { sha256, bytes };
        }
      },
    };
    return work(source);
  });
}

/**
 * Writes the instance `source` holds into `target` (migrated first) and `targetStore`, in one transaction (the store
 * is made for that transaction: on PostgreSQL its bytes are rows, written with the rest): a copy
 * stopped half-way (an error, a kill -9) leaves the target's tables as they were, so it is refused or started again
 * cleanly, never half-used. Before committing it checks each table's row count and checksum read back from the target
 * against the source's, and each file's sha256 read back from the store; then it renumbers the event log's
 * transaction ids (`renumberEventTransactions`), sets the sequences past the copied ids and puts the foreign keys
 * back (the database checks every reference). Refuses a target with rows unless `replace` (then empties it first),
 * and a source whose schema is not the target's.
 */
export async function copyInstance(
  source: InstanceSource,
  target: Database,
  targetStore: (tx: Tx) => FileStore,
  options: { replace?: boolean; progress?: CopyProgress; describeTarget?: string; offerReplace?: boolean } = {},
): Promise<CopyReport> {
  const progress = options.progress ?? (() => {});
  const where = options.describeTarget ?? 'the target database';
  const refuseOccupied = (table: string) =>
    new AppError(
      'conflict',
      `${capitalize(where)} is not empty (table ${table} has rows). Copy into an empty database` +
        (options.offerReplace ? ', or add --replace to erase what it holds.' : '.'),
    );
  // Checked before migrating too: a database that holds something else is refused untouched.
  const occupiedBefore = options.replace ? undefined : await firstNonEmptyTable(target.db);
  if (occupiedBefore) throw refuseOccupied(occupiedBefore);
  await target.migrate();
  return target.db.transaction(async (tx: Tx) => {
    await fixTextForms(tx);
    const level = await migrationLevel(tx);
    if (level.count !== source.migrations.count || level.lastHash !== source.migrations.lastHash) {
      throw new AppError(
        'conflict',
        `The copy comes from a Concord whose database is at migration ${source.migrations.count} and ${where} is at migration ${level.count}. ` +
          'Copy between the same versions of Concord (upgrade the older one first).',
      );
    }
    const occupied = await firstNonEmptyTable(tx);
    if (occupied && !options.replace) throw refuseOccupied(occupied);
    if (occupied) await emptyAllTables(tx);
    const shapes = new Map((await listTables(tx)).map((s) => [s.name, s]));
    const unknown = source.tables.find((t) => !shapes.has(t.name));
    if (unknown) throw new AppError('conflict', `The copy holds a table (${unknown.name}) that ${where} does not have.`);
    const restoreKeys = await suspendForeignKeys(tx);

    const totalRows = source.tables.reduce((sum, t) => sum + t.rows, 0);
    let done = 0;
    const written: TableSummary[] = [];
    progress('rows', 0, totalRows);
    for (const table of source.tables) {
      const shape = shapes.get(table.name)!;
      const digest = new LineDigest();
      for await (const lines of source.rowsOf(table.name)) {
        await writeRows(tx, shape, lines);
        digest.add(lines);
        done += lines.length;
        progress('rows', done, totalRows);
      }
      written.push({ name: table.name, rows: digest.rows, sha256: digest.sha256() });
    }

    // Read back what the target now holds, in the same order and the same text form, before anything renumbers it.
    let verified = 0;
    progress('verify', 0, totalRows);
    const counts = await countRows(tx, [...shapes.values()]);
    for (const expected of written) {
      const digest = new LineDigest();
      const rows = counts.get(expected.name) ? readTable(tx, shapes.get(expected.name)!) : noRows();
      for await (const lines of rows) {
        digest.add(lines);
        verified += lines.length;
        progress('verify', verified, totalRows);
      }
      const sha256 = digest.sha256();
      if (digest.rows !== expected.rows || sha256 !== expected.sha256) {
        throw new AppError('conflict', `The copy of table ${expected.name} differs from its source (${digest.rows} rows read back, ${expected.rows} written); nothing was kept.`);
      }
    }
    await renumberEventTransactions(tx);
    await advanceSequences(tx, source.sequences);
    await restoreKeys().catch((error: Error) => {
      throw new AppError('conflict', `The copy is not whole: ${error.message}; nothing was kept.`);
    });

    const store = targetStore(tx);
    const totalFiles = await source.fileCount();
    let files = 0;
    let bytes = 0;
    progress('files', 0, totalFiles);
    for await (const file of source.files()) {
      if (sha256Of(file.bytes) !== file.sha256) throw new AppError('bad_request', `The stored file ${file.sha256} of the source is damaged: its content has another sha256.`);
      await store.put(file.sha256, file.bytes);
      const back = await store.get(file.sha256);
      if (!back || sha256Of(back) !== file.sha256) throw new AppError('conflict', `The file ${file.sha256} did not arrive whole in the target's file store.`);
      files++;
      bytes += file.bytes.length;
      progress('files', files, totalFiles);
    }
    return { tables: written, rows: totalRows, files, bytes };
  });
}

async function* noRows(): AsyncGenerator<string[]> {}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
