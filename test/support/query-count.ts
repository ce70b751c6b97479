// Counts the SQL statements a piece of work sends, so tests can guard pages against N+1 queries: the same page with 1
// and with 20 items must send the same number of statements.
import { type Db, onStatement } from '../../src/db/engine.ts';

/**
 * Transaction control. PGlite sends BEGIN and COMMIT itself, past Drizzle's logger, while node-postgres sends them
 * through Drizzle; leaving them out makes both engines count the same statements: those that read or write data.
 */
const transactionControl = /^\s*(begin|commit|rollback|savepoint|release\s+savepoint)\b/i;

/** The statements `work` sends on the database (in order), transaction control left out. */
export async function recordQueries(database: { db: Db }, work: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const stop = onStatement(database.db, (statement) => {
    if (!transactionControl.test(statement)) statements.push(statement);
  });
  try {
    await work();
  } finally {
    stop();
  }
  return statements;
}

/** How many SQL statements `work` sends on the database, transaction control left out. */
export async function countQueries(database: { db: Db }, work: () => Promise<unknown>): Promise<number> {
  return (await recordQueries(database, work)).length;
}
