// Counting the SQL statements a piece of work sends, to guard pages and changes against repeated loads and N+1
// queries (as pretalx counts queries with 1 and 3 items). The engine tells each statement to its listeners
// (db/engine.ts onStatement, fed by Drizzle's logger on both engines) in the async context of the code that runs it,
// so only the work's own statements count: a background task on the same database (an index warming up, a worker)
// is not counted. Transaction control (begin, commit, savepoints) is left out: PGlite runs it outside Drizzle and
// node-postgres through it, and the numbers must be the same on both engines.
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Database, type Db, onStatement } from '../../src/db/engine.ts';

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
const watched = new WeakSet<Db>();
const transactionControl = /^\s*(begin|commit|rollback|savepoint|release\s+savepoint|rollback\s+to\s+savepoint)\b/i;

function watch(db: Db): void {
  if (watched.has(db)) return;
  onStatement(db, (statement) => {
    if (!transactionControl.test(statement)) running.getStore()?.push(statement);
  });
  watched.add(db);
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
