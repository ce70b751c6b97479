// Engine selection: PGlite (embedded, in process) by default, PostgreSQL through node-postgres when a URL is given.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite, PgliteSession } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import * as schema from './schema.ts';
import { eventsWritten, eventWriteCount } from './write-signals.ts';
import { acquireDataLock } from './data-lock.ts';
import { migrationsFolder } from './migrations-folder.ts';
import { pgliteTemplateDirectory, readPgliteTemplate } from './pglite-template.ts';

// node-postgres and its Drizzle driver are loaded only when a PostgreSQL URL is given: the embedded database, the
// default, never needs them (about 160 ms of CPU at start).
let postgresDriver: Promise<{ pg: typeof pg; drizzlePostgres: typeof import('drizzle-orm/node-postgres').drizzle; migratePostgres: typeof import('drizzle-orm/node-postgres/migrator').migrate }> | undefined;
const loadPostgresDriver = () =>
  (postgresDriver ??= Promise.all([import('pg'), import('drizzle-orm/node-postgres'), import('drizzle-orm/node-postgres/migrator')]).then(([pgModule, driver, migrator]) => ({
    pg: pgModule.default,
    drizzlePostgres: driver.drizzle,
    migratePostgres: migrator.migrate,
  })));

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction or the database itself: domain functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/** Whether `tx` runs on the embedded PGlite: one connection in this process, so no other transaction runs beside it. */
export function isEmbedded(tx: Tx): boolean {
  return tx._.session instanceof PgliteSession;
}

export type Database = {
  db: Db;
  engine: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Calls `onNotify` for each notification on `channel` (PostgreSQL LISTEN/NOTIFY, from any process). When the
   * connection that listens is lost, `onLost` is called and listening resumes on a new connection (then `onNotify`
   * is called once, since notifications may have been missed meanwhile). Resolves to a function that stops it.
   */
  listen(channel: string, onNotify: () => void, onLost: () => void): Promise<() => Promise<void>>;
};

const channelName = (channel: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  return channel;
};

/** LISTEN on a connection of its own (a pooled one would be handed to other queries), reconnecting when it drops. */
async function listenOnServer(url: string, channel: string, onNotify: () => void, onLost: () => void): Promise<() => Promise<void>> {
  const { pg } = await loadPostgresDriver();
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    const lost = () => {
      if (client !== next) return;
      client = undefined;
      next.removeAllListeners();
      next.on('error', () => {});
      void next.end().catch(() => {});
      if (stopped) return;
      onLost();
      retry = setTimeout(() => void connect().then(onNotify, lost), 1000);
    };
    client = next;
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => message.channel === channel && onNotify());
    await next.connect();
    await next.query(`listen ${channelName(channel)}`);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const current = client;
    client = undefined;
    await current?.end().catch(() => {});
  };
}

/**
 * Signals event writes again once the transaction that wrote them has ended. Readers that keep results until the log
 * grows (platform/read-cache.ts) drop what they read while it ran; without this they would wait for the database's
 * notification, which reaches this process a moment after the commit (PGlite's arrives with the commit itself), and a
 * user could miss their own change on the page they are sent to next.
 */
function signalCommittedEvents(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = (async (work, config) => {
    const before = eventWriteCount();
    try {
      return await transaction(work, config);
    } finally {
      if (eventWriteCount() !== before) eventsWritten();
    }
  }) as Db['transaction'];
  return db;
}

/**
 * Listeners to the statements Drizzle sends on each database, keyed by its `db`. Only tests listen (they count the
 * queries a request makes, test/support/query-count.ts); with nobody listening, a query costs one check of an empty
 * set. Every query of the application goes through Drizzle, on both engines, so this sees them all.
 */
type StatementListener = (statement: string, params: unknown[]) => void;
const statementListeners = new WeakMap<Db, Set<StatementListener>>();

/** Drizzle's logger is the one place both engines report each statement (in transactions too); it tells the listeners. */
function statementLogger(): { listeners: Set<StatementListener>; logger: { logQuery(query: string, params: unknown[]): void } } {
  const listeners = new Set<StatementListener>();
  return {
    listeners,
    logger: {
      logQuery(query, params) {
        for (const listener of listeners) listener(query, params);
      },
    },
  };
}

/**
 * Calls `listener` with the text and parameters of each statement sent on `db` until the returned function is called
 * (the parameters let a benchmark explain the very statements a page sends).
 */
export function onStatement(db: Db, listener: StatementListener): () => void {
  const listeners = statementListeners.get(db);
  if (!listeners) throw new Error('onStatement: not a database opened by openDatabase');
  listeners.add(listener);
  return () => listeners.delete(listener);
}


export type OpenOptions =
  | { engine: 'postgres'; url: string; poolSize?: number }
  /** dataDir undefined means in memory; loadDataDir starts from a dumped snapshot (tests). */
  | { engine: 'pglite'; dataDir?: string; loadDataDir?: Blob | File; lock?: boolean; cacheMb?: number };

/**
 * PGlite's page cache when none is configured (PGLITE_CACHE_MB). PostgreSQL's default, 128 MB, is held whole in the
 * WebAssembly memory of a process that is the only user of its database: 32 MB holds the demo and then some, and took
 * a server's memory at rest from about 310 to 190 MB (PGlite alone, measured) and a third of a second off its open.
 */
export const defaultPgliteCacheMb = 32;

/**
 * The server's options for Concord's connections: the URL's own, with JIT compilation off. Concord's statements are
 * short lookups that stop early, but a filter with correlated subqueries (the overlap queue's, over 100,000s of pairs)
 * is costed far above `jit_above_cost`, and compiling it took 135–160 ms of a statement that runs in under 5 ms
 * (EXPLAIN ANALYZE, PostgreSQL 15 with llvmjit, as Debian ships it). A connection option, not SQL: PGlite has no JIT.
 */
function withoutJit(url: string): { connectionString: string; options?: string } {
  try {
    const parsed = new URL(url);
    const own = parsed.searchParams.get('options');
    // node-postgres lets the URL's options win over the configuration's: they are extended in the URL itself.
    if (own !== null) {
      const query = [...parsed.searchParams].map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(key === 'options' ? `${own} -c jit=off` : value)}`);
      parsed.search = `?${query.join('&')}`;
      return { connectionString: parsed.toString() };
    }
  } catch {
    // Not a URL (key=value pairs): its own options, if any, are left as they are.
  }
  return { connectionString: url, options: '-c jit=off' };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long PGlite's statements may keep the event loop before it turns (reads sockets, accepts connections). */
export const pgliteSliceMs = 5;

/**
 * Makes PGlite let the event loop turn at least every `pgliteSliceMs` of statements. PGlite runs each statement on
 * this thread and hands its one connection from a finished query to the next waiting one in a microtask, so a backlog
 * of statements all ran within one turn: no socket was read meanwhile, and libuv (since 1.45) accepts one new
 * connection per turn. Under 200 clients at once a turn lasted up to a second, and the last clients to connect waited
 * over 30 s to be accepted. Here a statement (a query, or each statement of a transaction) that would start more than
 * `pgliteSliceMs` after the loop last turned waits for the next turn first. Waiting for a turn before every statement
 * did the same but cost a page of seven statements 3–7 ms even alone (the overlap queue at 100,000 entries, median
 * 10 → 13–17 ms): a statement that starts soon after a turn goes at once. The methods Drizzle calls are replaced on the
 * instance (query, exec, transaction, and the transaction's own).
 */
function takeTurns(client: PGlite): void {
  let tail: Promise<unknown> = Promise.resolve();
  // When the loop last turned: an immediate scheduled at a statement marks it when the loop gets to it.
  let turnedAt = performance.now();
  let marking = false;
  const markTurn = () => {
    turnedAt = performance.now();
    marking = false;
  };
  const waitIfLong = (): Promise<void> | undefined => {
    if (!marking) {
      marking = true;
      setImmediate(markTurn);
    }
    return performance.now() - turnedAt < pgliteSliceMs ? undefined : nextTurn();
  };
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(waitIfLong).then(work);
    tail = run.catch(() => undefined);
    return run;
  };
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((...args: Parameters<PGlite['query']>) => inTurn(() => query(...args))) as PGlite['query'];
  client.exec = ((...args: Parameters<PGlite['exec']>) => inTurn(() => exec(...args))) as PGlite['exec'];
  client.transaction = (<T>(work: Parameters<PGlite['transaction']>[0]) =>
    inTurn(() =>
      transaction((tx) => {
        // The transaction holds the connection: its statements wait only for a turn, when the loop has not had one.
        const txQuery = tx.query.bind(tx);
        const txExec = tx.exec.bind(tx);
        tx.query = ((...args: Parameters<typeof tx.query>) => (waitIfLong() ?? Promise.resolve()).then(() => txQuery(...args))) as typeof tx.query;
        tx.exec = ((...args: Parameters<typeof tx.exec>) => (waitIfLong() ?? Promise.resolve()).then(() => txExec(...args))) as typeof tx.exec;
        return work(tx) as Promise<T>;
      }),
    )) as PGlite['transaction'];
}

/** Opens the database; for a PGlite directory it also takes the process lock. Does not migrate. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.engine === 'postgres') {
    const { pg, drizzlePostgres, migratePostgres } = await loadPostgresDriver();
    const pool = new pg.Pool({ ...withoutJit(options.url), max: options.poolSize ?? 10 });
    // A dropped connection must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const statements = statementLogger();
    const db = signalCommittedEvents(drizzlePostgres(pool, { schema, logger: statements.logger }) as unknown as Db);
    statementListeners.set(db, statements.listeners);
    return {
      db,
      engine: 'postgres',
      migrate: () => migratePostgres(db as never, { migrationsFolder }),
      close: () => pool.end(),
      listen: (channel, onNotify, onLost) => listenOnServer(options.url, channel, onNotify, onLost),
    };
  }
  const release =
    options.dataDir && options.lock !== false ? acquireDataLock(path.dirname(options.dataDir)) : () => {};
  try {
    const client = await PGlite.create({
      dataDir: options.dataDir,
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.cacheMb ?? defaultPgliteCacheMb}MB`],
      loadDataDir: options.loadDataDir ?? (options.dataDir ? await templateForNewDirectory(options.dataDir) : undefined),
    });
    takeTurns(client);
    const statements = statementLogger();
    const db = drizzlePglite(client, { schema, logger: statements.logger }) as unknown as Db;
    statementListeners.set(db, statements.listeners);
    return {
      db,
      engine: 'pglite',
      migrate: () => migratePglite(db as never, { migrationsFolder }),
      // In process: nothing to lose, so onLost is never called.
      listen: async (channel, onNotify) => {
        const unsubscribe = await client.listen(channelName(channel), () => onNotify());
        return () => unsubscribe();
      },
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * A new data directory starts from the migrated snapshot when one was built (initdb in WebAssembly is slow): a copy of
 * the unpacked one when there is one (`npm install` makes it), else the tarball, which PGlite unpacks itself.
 */
async function templateForNewDirectory(dataDir: string): Promise<Blob | undefined> {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return undefined;
  const unpacked = pgliteTemplateDirectory();
  if (unpacked && !(fs.existsSync(dataDir) && fs.readdirSync(dataDir).length)) {
    // Copied under a temporary name and renamed: a copy cut short (a crash) is not taken for a database next time.
    const temporary = `${dataDir}.${process.pid}.tmp`;
    fs.rmSync(temporary, { recursive: true, force: true });
    fs.cpSync(unpacked, temporary, { recursive: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.renameSync(temporary, dataDir);
    return undefined;
  }
  const snapshot = readPgliteTemplate();
  return snapshot ? new Blob([new Uint8Array(snapshot)]) : undefined;
}

/** The database the configuration names: PostgreSQL at DATABASE_URL, or PGlite under DATA_DIR/pglite. */
export function openConfiguredDatabase(config: { databaseUrl?: string; dataDir: string; pgliteCacheMb?: number }): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ engine: 'postgres', url: config.databaseUrl })
    : openDatabase({ engine: 'pglite', dataDir: path.join(config.dataDir, 'pglite'), cacheMb: config.pgliteCacheMb });
}
