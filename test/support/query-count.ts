// Counting the SQL statements a piece of work sends, to guard pages and changes against repeated loads and N+1
// queries (as pretalx counts queries with 1 and 3 items). Only the work's own statements count: each one is told to
// Drizzle's logger in the async context of the code that runs it, so a background task on the same database (an
// index warming up, a worker) is not counted. Transaction control (begin, commit, savepoints) is left out: PGlite
// runs it outside Drizzle and node-postgres through it, and the numbers must be the same on both engines.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'drizzle-orm/logger';
import type { Database, Db } from '../../src/db/engine.ts';

export type CountedQueries<T> = {
  result: T;
  /** every statement sent, in order, as SQL text with $n placeholders */
  queries: string[];
  count: number;
  /** Each statement in short, in order: its verb and main table ("select liaison_statements", "insert events"). */
  shapes: string[];
  /** How many statements read from `table` (`select … from "table"`, joins included). */
  readsOf(table: string): number;
  /** How many statements write `table` (insert into, update, delete from). */
  writesOf(table: string): number;
};

const running = new AsyncLocalStorage<string[]>();
const watched = new WeakSet<object>();
const transactionControl = /^\s*(begin|commit|rollback|savepoint|release savepoint|rollback to savepoint)\b/i;

type SessionWithLogger = { logger: Logger; options: { logger?: Logger } };

/**
 * Puts a counting logger on the database's Drizzle session (and the options its transactions copy theirs from),
 * keeping whatever logger was there. Drizzle has no public way to add a logger after `drizzle()`; the session's
 * fields are the same on both engines' drivers.
 */
function watch(db: Db): void {
  const session = db._.session as unknown as SessionWithLogger;
  if (watched.has(session)) return;
  const previous = session.logger;
  const counting: Logger = {
    logQuery(query, params) {
      if (!transactionControl.test(query)) running.getStore()?.push(query);
      previous?.logQuery(query, params);
    },
  };
  session.logger = counting;
  session.options.logger = counting;
  watched.add(session);
}

const mentions = (query: string, pattern: RegExp) => pattern.test(query.replace(/\s+/g, ' '));

/** "select liaison_statements": the verb, and the table it reads from or writes to first. */
export function shapeOf(query: string): string {
  const text = query.replace(/\s+/g, ' ').trim();
  const verb = (/^\w+/.exec(text)?.[0] ?? '').toLowerCase();
  const target = { insert: /^insert into "(\w+)"/i, update: /^update "(\w+)"/i, delete: /^delete from "(\w+)"/i }[verb] ?? /\bfrom "(\w+)"/i;
  return `${verb === 'with' ? 'select' : verb} ${target.exec(text)?.[1] ?? '?'}`;
}

/**
 * Runs `work` and returns its result with the statements it sent to `database`. Works with a test app's database
 * (`t.database` or `t.db`) as with one opened alone.
 */
export async function countQueries<T>(database: Pick<Database, 'db'> | Db, work: () => Promise<T>): Promise<CountedQueries<T>> {
  watch('select' in database ? database : database.db);
  const queries: string[] = [];
  const result = await running.run(queries, work);
  return {
    result,
    queries,
    count: queries.length,
    shapes: queries.map(shapeOf),
    readsOf: (table) => queries.filter((q) => /^\s*(select|with)\b/i.test(q) && mentions(q, new RegExp(`\\b(from|join) "${table}"`, 'i'))).length,
    writesOf: (table) => queries.filter((q) => mentions(q, new RegExp(`^\\s*(insert into|update|delete from) "${table}"`, 'i'))).length,
  };
}
