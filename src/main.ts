// The `concord` command: parses the command line, then runs the same domain functions as the web.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildApp } from './app.ts';
import { ConfigError, type Config, loadConfig } from './config.ts';
import { DataDirectoryLockedError } from './db/data-lock.ts';
import { type Db, openConfiguredDatabase } from './db/engine.ts';
import { getActivity } from './modules/activities/activities.ts';
import { receiveMail } from './modules/documents/mail-in.ts';
import { parseImportFile } from './modules/roadmap/import-files.ts';
import { importRoadmap } from './modules/roadmap/import.ts';
import { progressBar } from './platform/progress.ts';
import { isEmpty, loadDemo, type DemoResult } from './demo/load-demo.ts';
import { systemActor } from './platform/actor.ts';
import { createUser, newUserInput } from './platform/auth/accounts.ts';
import { AppError } from './platform/errors.ts';
import { parseInput } from './platform/validation.ts';
import { startWorker } from './platform/worker.ts';
import { roadmapSearchFor } from './modules/roadmap/search.ts';

const usage = `Usage: concord <command> [options]

Commands:
  serve                 start the web server (migrates first; loads the demo into an empty embedded database)
  worker                run the background worker alone (mail), for use with WORKER=false on the web servers
  migrate               apply database migrations and exit
  demo                  load the demo activities and accounts (JCA-QKDN, JCA-MV)
  user add --email E --name N [--admin] [--password P]
                        create an account; without --password the password is read from standard input
  import roadmap FILE --activity ACRONYM [--dry-run]
                        import roadmap entries from a CSV, XLSX or JSON file; prints what it adds, changes
                        and refuses (line and column); writes nothing if any row is refused
  mail-in [--activity ACRONYM]
                        read one mail (RFC 5322) on standard input, as a mail server's pipe delivers it: a
                        member's attachments become submitted contributions (with a receipt); anything else
                        waits in the secretariat's queue. The activity comes from the To address otherwise

Configuration comes from environment variables; see README.md.`;

function printDemo(result: DemoResult) {
  const lines = [
    '',
    'Demo data loaded: JCA-QKDN and JCA-MV. Demo accounts (password for all: ' + result.password + '):',
    ...result.accounts.map((a) => `  ${a.email.padEnd(26)} ${a.role}`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function withDatabase<T>(config: Config, run: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>) {
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    return await run(database);
  } finally {
    await database.close();
  }
}

async function serve(config: Config, options: { demo: boolean }) {
  const started = performance.now();
  const database = await openConfiguredDatabase(config);
  await database.migrate();
  // The demo goes only into an empty embedded database: never into a PostgreSQL server unless asked (`concord demo`).
  if (options.demo && config.demo && database.engine === 'pglite' && (await isEmpty(database.db))) {
    printDemo(await loadDemo(database.db, undefined, { dataDir: config.dataDir }));
  }
  const app = await buildApp({ config, database });
  const worker = config.worker ? startWorker(database.db, config, app.log) : undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await worker?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  app.log.info({ engine: database.engine, startupMs: Math.round(performance.now() - started) }, `Concord is ready at ${config.baseUrl}`);
  // Built in the background right after start-up, so no visitor waits for a large roadmap's search copy (a search
  // that arrives first waits for the same build instead of starting another).
  const warming = performance.now();
  roadmapSearchFor(database.db)
    .warm()
    .then(() => app.log.info({ ms: Math.round(performance.now() - warming) }, 'roadmap search ready'))
    .catch((error) => app.log.error({ err: error }, 'roadmap search could not be built; it will be built on first use'));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(usage + '\n');
    return command ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { 'no-demo': { type: 'boolean' } } });
      await serve(config, { demo: !values['no-demo'] });
      return -1;
    }
    case 'migrate':
      await withDatabase(config, async () => process.stdout.write('Migrations applied.\n'));
      return 0;
    case 'demo':
      await withDatabase(config, async (database) => {
        const result = await loadDemo(database.db, (step) => process.stdout.write(`Loading ${step}…\n`), { dataDir: config.dataDir });
        if (result.loaded) printDemo(result);
        else process.stdout.write('The demo is already loaded (JCA-QKDN exists); nothing changed.\n');
      });
      return 0;
    case 'worker': {
      const database = await openConfiguredDatabase(config);
      await database.migrate();
      const log = pino({ level: config.logLevel });
      const worker = startWorker(database.db, config, log);
      const stop = async () => {
        await worker.stop();
        await database.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
      return -1;
    }
    case 'user': {
      const [sub, ...args] = rest;
      if (sub !== 'add') throw new UsageError('concord user add --email E --name N [--admin] [--password P]');
      const { values } = parseArgs({
        args,
        options: { email: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean' }, password: { type: 'string' } },
      });
      if (!values.email || !values.name) throw new UsageError('--email and --name are required.');
      const password = values.password ?? (await readStdin());
      await withDatabase(config, async (database) => {
        const input = parseInput(newUserInput, { email: values.email, name: values.name, password, isAdmin: values.admin ?? false }, 'en');
        const user = await createUser(database.db, systemActor('cli'), input);
        process.stdout.write(`Account ${user.email} created${user.isAdmin ? ' (site administrator)' : ''}.\n`);
      });
      return 0;
    }
    case 'import': {
      const [what, ...args] = rest;
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { activity: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
      const file = positionals[0];
      if (what !== 'roadmap' || !file || !values.activity) throw new UsageError('concord import roadmap FILE --activity ACRONYM [--dry-run]');
      return withDatabase(config, (database) => importRoadmapFile(database.db, file, values.activity ?? '', values['dry-run'] ?? false, config.uploadMaxBytes));
    }
    case 'mail-in': {
      const { values } = parseArgs({ args: rest, options: { activity: { type: 'string' } } });
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return withDatabase(config, async (database) => {
        const result = await receiveMail(database.db, config, Buffer.concat(chunks), { activityAcronym: values.activity });
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return 0;
      });
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

class UsageError extends Error {}

async function importRoadmapFile(db: Db, file: string, acronym: string, dryRun: boolean, maxBytes: number): Promise<number> {
  const actor = systemActor('cli');
  const activity = await getActivity(db, actor, acronym).catch(() => {
    throw new UsageError(`No activity has the acronym "${acronym}".`);
  });
  if (!fs.existsSync(file)) throw new UsageError(`No file at ${file}.`);
  process.stderr.write(`Reading ${file}…\n`);
  const parsed = await parseImportFile({ bytes: fs.readFileSync(file), fileName: path.basename(file) }, { locale: 'en', maxBytes });
  const bar = progressBar('Writing entries');
  const plan = await importRoadmap(db, actor, activity.id, { ...parsed, fileName: path.basename(file) }, { dryRun, locale: 'en', onProgress: bar });
  if (plan.applied) bar.finish();
  const out = process.stdout;
  for (const e of plan.errors) out.write(`${e.line ? `line ${e.line}` : 'file'}${e.column ? `, column ${e.column}` : ''}: ${e.message}\n`);
  out.write(
    `${plan.applied ? 'Imported' : plan.errors.length ? 'Nothing imported' : 'Dry run, nothing written'}: ${plan.added.length} new, ${plan.changed.length} changed, ${plan.included.length} taken from other roadmaps, ${plan.unchanged} unchanged${plan.errors.length ? `, ${plan.errors.length} problems` : ''}.\n`,
  );
  if (plan.newOrganizations.length) out.write(`New organizations${plan.applied ? '' : ' (would be added)'}: ${plan.newOrganizations.join(', ')}\n`);
  return plan.errors.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DataDirectoryLockedError) {
      process.stderr.write(`${error.message}\n`);
    } else if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage}\n`);
    } else if (error instanceof AppError) {
      const fields = Object.entries(error.details.fields ?? {}).map(([f, m]) => `  ${f}: ${m}`);
      process.stderr.write([error.message === error.code ? 'The input is not valid:' : error.message, ...fields].join('\n') + '\n');
    } else {
      process.stderr.write(`Concord stopped on an unexpected error:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  },
);
