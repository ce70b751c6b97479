// `concord backup`, `concord restore` and `concord move-to`: one copy of an instance (copy.ts), from and to a
// database of either engine or a backup file, with progress on standard error and the outcome on standard output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { DataDirectoryLockedError } from '../../db/data-lock.ts';
import { type Database, openConfiguredDatabase, openDatabase } from '../../db/engine.ts';
import { AppError } from '../../platform/errors.ts';
import { fileStoreFor } from '../../platform/file-store.ts';
import type { CliCommand, CliContext } from '../../platform/module-manifest.ts';
import { progressBar } from '../../platform/progress.ts';
import { backupDownloadPath, openBackup, writeBackup } from './backup-file.ts';
import { type CopyProgress, type CopyReport, copyInstance, type InstanceSource, withDatabaseSource } from './copy.ts';

const stageLabels = { rows: 'Copying rows', verify: 'Checking rows', files: 'Copying files' } as const;

/** One progress bar per stage, on standard error (standard output keeps the answer alone). */
function progressBars(stream: NodeJS.WriteStream = process.stderr): CopyProgress & { finish(): void } {
  let stage: keyof typeof stageLabels | undefined;
  let bar: ReturnType<typeof progressBar> | undefined;
  const report: CopyProgress = (next, done, total) => {
    if (next !== stage) {
      bar?.finish();
      stage = next;
      bar = progressBar(stageLabels[next], stream);
    }
    bar!(done, total);
  };
  return Object.assign(report, { finish: () => bar?.finish() });
}

const lockedMessage = (error: DataDirectoryLockedError, config: Config, command: string) =>
  `${error.message}\nThe embedded database is in use by a running Concord. Stop it and run "concord ${command}" again, ` +
  `or let the running server read it: add --token with a site administrator's API token (it asks ${config.baseUrl}).`;

/** The configured database, or a sentence saying that a running Concord holds it. */
async function openOwnDatabase(config: Config, command: string): Promise<Database> {
  try {
    return await openConfiguredDatabase(config);
  } catch (error) {
    if (error instanceof DataDirectoryLockedError) throw new AppError('conflict', lockedMessage(error, config, command));
    throw error;
  }
}

/** Downloads the running server's backup (it holds the embedded database) into `file`. */
async function downloadBackup(config: Config, token: string, file: string): Promise<void> {
  const url = `${config.baseUrl}${backupDownloadPath}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new AppError('conflict', `Could not reach the running Concord at ${url} (${(error as Error).message}). Is BASE_URL right?`);
  }
  if (response.status === 401 || response.status === 403) {
    throw new AppError('forbidden', `The running Concord at ${config.baseUrl} refused the token: it must be a site administrator's API token.`);
  }
  if (!response.ok || !response.body) throw new AppError('conflict', `The running Concord at ${url} answered ${response.status}.`);
  await pipeline(Readable.fromWeb(response.body as never), fs.createWriteStream(file, { flags: 'wx' }));
}

async function readToken(value: string | undefined, context: CliContext): Promise<string | undefined> {
  if (value === '-') return (await context.readStdin()).toString('utf8').trim();
  return value;
}

/** Writes to `file.partial` and renames it only once whole, so a stopped backup never looks like a finished one. */
async function writeOnce(file: string, write: (partial: string) => Promise<void>): Promise<void> {
  if (fs.existsSync(file)) throw new AppError('conflict', `${file} exists already: choose another name (a backup never overwrites a file).`);
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await write(partial);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export const backupCommand: CliCommand = {
  name: 'backup',
  usage:
    'backup FILE [--token T|-]  write a backup (every table and stored file, from one snapshot) to FILE; while a running\n' +
    '                        Concord holds the embedded database, --token (a site admin\'s API token, "-" reads it from\n' +
    '                        standard input) asks that server for it',
  async run(args, context) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { token: { type: 'string' } } });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new AppError('bad_request', 'Name one file to write the backup to: concord backup FILE.');
    const { config } = context;
    const token = await readToken(values.token, context);
    let database: Database;
    try {
      database = await openConfiguredDatabase(config);
    } catch (error) {
      if (!(error instanceof DataDirectoryLockedError)) throw error;
      if (!token) throw new AppError('conflict', lockedMessage(error, config, `backup ${file}`));
      await writeOnce(file, async (partial) => {
        await downloadBackup(config, token, partial);
        // The server's file is checked as a restore would check it before it takes the final name.
        (await openBackup(partial)).close();
      });
      context.stdout.write(`Backup written to ${file} by the running Concord at ${config.baseUrl}.\n`);
      return 0;
    }
    try {
      const bars = progressBars();
      await writeOnce(file, (partial) =>
        withDatabaseSource(database, fileStoreFor(config, database.db), (source) =>
          writeBackup(source, fs.createWriteStream(partial, { flags: 'wx' }), (stage, done, total) => bars(stage, done, total)).then(() => undefined),
        ),
      );
      bars.finish();
      const backup = await openBackup(file);
      const rows = backup.manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      context.stdout.write(
        `Backup written to ${file}: ${rows} rows in ${backup.manifest.tables.length} tables, ${backup.manifest.files.length} stored files (${megabytes(fs.statSync(file).size)} MB).\n`,
      );
      backup.close();
    } finally {
      await database.close();
    }
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage:
    'restore FILE [--replace]  restore a backup into the configured database and file store, which must be empty\n' +
    '                        (--replace erases what they hold first); Concord must be stopped',
  async run(args, context) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { replace: { type: 'boolean' } } });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new AppError('bad_request', 'Name the backup file to restore: concord restore FILE.');
    const { config } = context;
    const backup = await openBackup(file);
    try {
      const database = await openOwnDatabase(config, `restore ${file}`);
      try {
        const bars = progressBars();
        const report = await copyInstance(backup, database, (tx) => fileStoreFor(config, tx), {
          replace: values.replace ?? false,
          progress: bars,
          describeTarget: 'the database to restore into',
          offerReplace: true,
        });
        bars.finish();
        context.stdout.write(`Restored ${file}: ${summary(report)}, checked.\n`);
      } finally {
        await database.close();
      }
    } finally {
      backup.close();
    }
    return 0;
  },
};

const summary = (report: CopyReport) =>
  `${report.rows} rows in ${report.tables.length} tables and ${report.files} stored files (${megabytes(report.bytes)} MB)`;

const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/** The database and file store `target` names: a PostgreSQL URL, or a data directory for the embedded engine. */
async function openTarget(config: Config, target: string): Promise<{ database: Database; config: Config; describe: string }> {
  if (isPostgresUrl(target)) {
    if (config.databaseUrl && sameDatabase(config.databaseUrl, target)) throw new AppError('conflict', 'The target is the database this Concord already uses.');
    const database = await openDatabase({ engine: 'postgres', url: target });
    try {
      await database.db.execute(sql`select 1`);
    } catch (error) {
      await database.close();
      throw new AppError('conflict', `Could not connect to the target database (${(error as Error).message}).`);
    }
    return { database, config: { ...config, databaseUrl: target }, describe: `the target database ${redact(target)}` };
  }
  const dataDir = path.resolve(target);
  if (!config.databaseUrl && dataDir === config.dataDir) throw new AppError('conflict', 'The target is the data directory this Concord already uses.');
  try {
    const database = await openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    return { database, config: { ...config, databaseUrl: undefined, dataDir }, describe: `the target data directory ${dataDir}` };
  } catch (error) {
    if (error instanceof DataDirectoryLockedError) throw new AppError('conflict', `${error.message}\nStop the Concord that uses the target first.`);
    throw error;
  }
}

const sameDatabase = (a: string, b: string) => {
  const key = (url: string) => {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  };
  return key(a) === key(b);
};

/** A URL without its password, for messages. */
const redact = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};

export const moveCommand: CliCommand = {
  name: 'move-to',
  usage:
    'move-to TARGET [--token T|-]  copy this instance (every table, the event history, every stored file) into TARGET,\n' +
    '                        an empty PostgreSQL database (postgres://…) or data directory, and check the copy; while a\n' +
    '                        running Concord holds the embedded database, --token asks it for a snapshot',
  async run(args, context) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { token: { type: 'string' } } });
    const [targetName] = positionals;
    if (!targetName || positionals.length > 1) {
      throw new AppError('bad_request', 'Name where to move: concord move-to postgres://user@host/database, or concord move-to DATA_DIRECTORY.');
    }
    const { config } = context;
    const token = await readToken(values.token, context);
    let source: Database | undefined;
    let through: string | undefined;
    try {
      source = await openConfiguredDatabase(config);
    } catch (error) {
      if (!(error instanceof DataDirectoryLockedError)) throw error;
      if (!token) throw new AppError('conflict', lockedMessage(error, config, `move-to ${targetName}`));
      // Copied through the running server: its snapshot, as a backup, into a temporary file first.
      through = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'concord-move-')), 'snapshot.zip');
      await downloadBackup(config, token, through);
    }
    try {
      const target = await openTarget(config, targetName);
      try {
        const bars = progressBars();
        const copy = (from: InstanceSource) =>
          copyInstance(from, target.database, (tx) => fileStoreFor(target.config, tx), { progress: bars, describeTarget: target.describe });
        let report: CopyReport;
        if (source) {
          report = await withDatabaseSource(source, fileStoreFor(config, source.db), copy);
        } else {
          const backup = await openBackup(through!);
          try {
            report = await copy(backup);
          } finally {
            backup.close();
          }
        }
        bars.finish();
        const start = isPostgresUrl(targetName) ? `DATABASE_URL=${redact(targetName)} npm start` : `DATA_DIR=${target.config.dataDir} npm start (without DATABASE_URL)`;
        context.stdout.write(`Moved ${summary(report)} to ${target.describe}; row counts, checksums and file hashes checked.\nStart Concord on it with: ${start}\n`);
      } finally {
        await target.database.close();
      }
    } finally {
      await source?.close();
      if (through) fs.rmSync(path.dirname(through), { recursive: true, force: true });
    }
    return 0;
  },
};
