// The `concord` command: parses the command line, then runs the same domain functions as the web.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildApp } from './app.ts';
import { ConfigError, type Config, loadConfig } from './config.ts';
import { DataDirectoryLockedError } from './db/data-lock.ts';
import { type Database, openConfiguredDatabase } from './db/engine.ts';
import { concordModules } from './modules/index.ts';
import { type CliContext, fileReferencesOf, jobHandlersOf, startFollowers, UsageError } from './platform/module-manifest.ts';
import { finishInterruptedFiles } from './platform/file-store.ts';
import { isEmpty, loadDemo, type DemoResult } from './demo/load-demo.ts';
import { systemActor } from './platform/actor.ts';
import { createUser, newUserInput } from './platform/auth/accounts.ts';
import { AppError } from './platform/errors.ts';
import { parseInput } from './platform/validation.ts';
import { startWorker } from './platform/worker.ts';
import { compiledOutputs } from './platform/compiled.ts';

const usage = `Usage: concord <command> [options]

Commands:
  serve                 start the web server (migrates first; loads the demo into an empty embedded database)
  worker                run the background worker alone (mail), for use with WORKER=false on the web servers
  migrate               apply database migrations and exit
  demo                  load the demo activities and accounts (JCA-QKDN, JCA-MV)
  user add --email E --name N [--admin] [--password P]
                        create an account; without --password the password is read from standard input
${concordModules.flatMap((m) => m.commands ?? []).map((c) => `  ${c.usage}\n`).join('')}
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

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function withDatabase<T>(config: Config, run: (database: Database) => Promise<T>) {
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    return await run(database);
  } finally {
    await database.close();
  }
}

async function serve(config: Config, options: { demo: boolean }) {
  // Each step's time since the process began, logged when ready: where a slow start went (ARCHITECTURE.md, "Startup").
  const steps: Record<string, number> = { loadedMs: Math.round(performance.now()) };
  const step = (name: string, since: number) => (steps[name] = Math.round(performance.now() - since));
  let since = performance.now();
  const started = since;
  const database = await openConfiguredDatabase(config);
  step('openMs', since);
  since = performance.now();
  await database.migrate();
  step('migrateMs', since);
  // The demo goes only into an empty embedded database: never into a PostgreSQL server unless asked (`concord demo`).
  if (options.demo && config.demo && database.engine === 'pglite' && (await isEmpty(database.db))) {
    since = performance.now();
    printDemo(await loadDemo(database.db, undefined, { dataDir: config.dataDir }));
    step('demoMs', since);
  }
  // Before the worker's first sweep, which would remove a temporary a committed row still needs after a long outage.
  const finished = await finishInterruptedFiles(config.dataDir, fileReferencesOf(concordModules, database.db));
  since = performance.now();
  const app = await buildApp({ config, database });
  step('appMs', since);
  if (finished) app.log.info({ finished }, 'stored files a crash left in files/tmp put in place');
  const worker = config.worker ? startWorker(database.db, config, app.log, jobHandlersOf(concordModules)) : undefined;
  const stopFollowing = config.worker ? await startFollowers(concordModules, { config, database, log: app.log }) : undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Graceful (SIGTERM from systemd or a deploy): the server stops accepting connections and finishes the requests in
    // flight while the worker finishes its job and its mails in flight and puts back in the queue the mail it claimed
    // but had not begun; only then is the database closed.
    await Promise.all([app.close(), worker?.stop(), stopFollowing?.()]);
    await database.close();
    app.log.info({ signal }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  app.log.info({ engine: database.engine, compiled: compiledOutputs !== undefined, startupMs: Math.round(performance.now() - started), ...steps }, `Concord is ready at ${config.baseUrl}`);
  for (const module of concordModules) module.warm?.({ config, database, modules: concordModules }, app.log);
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
      const finished = await finishInterruptedFiles(config.dataDir, fileReferencesOf(concordModules, database.db));
      if (finished) log.info({ finished }, 'stored files a crash left in files/tmp put in place');
      const worker = startWorker(database.db, config, log, jobHandlersOf(concordModules));
      const stopFollowing = await startFollowers(concordModules, { config, database, log });
      const stop = async () => {
        await worker.stop();
        await stopFollowing();
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
      const password = values.password ?? (await readStdin()).toString('utf8').replace(/\r?\n$/, '');
      await withDatabase(config, async (database) => {
        const input = parseInput(newUserInput, { email: values.email, name: values.name, password, isAdmin: values.admin ?? false }, 'en');
        const user = await createUser(database.db, systemActor('cli'), input);
        process.stdout.write(`Account ${user.email} created${user.isAdmin ? ' (site administrator)' : ''}.\n`);
      });
      return 0;
    }
    default: {
      const plugged = concordModules.flatMap((m) => m.commands ?? []).find((c) => c.name === command);
      if (!plugged) throw new UsageError(`Unknown command "${command}".`);
      const context: CliContext = { config, withDatabase: (work) => withDatabase(config, work), readStdin, stdout: process.stdout, modules: concordModules };
      return plugged.run(rest, context);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // Exit once standard output has taken everything: to a pipe it is written asynchronously, and a long answer
    // (overlaps list --json) would be cut at 64 KB by an immediate exit.
    if (code >= 0) process.stdout.write('', () => process.exit(code));
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
