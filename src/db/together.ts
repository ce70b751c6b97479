// Independent reads of one request or one domain function, sent together where that helps.
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Tx } from './engine.ts';

/**
 * Runs independent reads (each a function that starts one) side by side on the database itself (a PostgreSQL pool
 * gives each a connection), and one after the other inside a transaction, which is one connection that runs one
 * statement at a time: node-postgres deprecates queueing statements on a client (its warning in every PostgreSQL test
 * run), and nothing was gained by it. PGlite has one connection and queues them whatever is asked.
 */
export async function readTogether<R extends readonly (() => unknown)[]>(tx: Tx, reads: [...R]): Promise<{ -readonly [K in keyof R]: Awaited<ReturnType<R[K]>> }> {
  type Results = { -readonly [K in keyof R]: Awaited<ReturnType<R[K]>> };
  if (!(tx instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as Results;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results;
}
