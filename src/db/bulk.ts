// Statements over many values: the values travel as one JSON parameter instead of one bind parameter each. PGlite
// handles bind parameters slowly (measured: a 5,000-value IN list ≈ 1.1 s, the same values as one JSON array ≈ 70 ms),
// and PostgreSQL caps a statement at 65,535 of them. Used by imports and by lookups of long id lists.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Column, getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isEmbedded, type Tx } from './engine.ts';

const sliceSize = 5000;

/**
 * Inserts `rows` (Drizzle insert objects) into `table`, 5,000 per statement. Only the columns some row names are
 * written, so the others take their defaults; a row that leaves out a column another row names writes NULL there.
 * Returns, per inserted row, the `returning` columns by their database names (skipped rows of `onConflictDoNothing`
 * return nothing, and the order of the rows returned is not promised: match them by a key).
 */
export async function insertMany<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
  options: { returning?: (keyof T['$inferSelect'] & string)[]; onConflictDoNothing?: boolean; onSlice?: (rowsDone: number) => void } = {},
): Promise<Record<string, unknown>[]> {
  if (!rows.length) return [];
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row as object)))].filter((key) => key in columns);
  const names = keys.map((key) => columns[key]!.name);
  const columnList = sql.join(names.map((name) => sql.identifier(name)), sql`, `);
  const returning = options.returning?.length
    ? sql` returning ${sql.join(options.returning.map((key) => sql.identifier(columns[key]!.name)), sql`, `)}`
    : sql``;
  const conflict = options.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  const type = sql.identifier(getTableName(table));
  const results: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += sliceSize) {
    const slice = rows.slice(i, i + sliceSize).map((row) => {
      const record: Record<string, unknown> = {};
      keys.forEach((key, k) => (record[names[k]!] = (row as Record<string, unknown>)[key] ?? null));
      return record;
    });
    const result = (await tx.execute(sql`insert into ${table} (${columnList})
      select ${columnList} from json_populate_recordset(null::${type}, ${JSON.stringify(slice)}::json)${conflict}${returning}`)) as unknown as {
      rows: Record<string, unknown>[];
    };
    results.push(...result.rows);
    options.onSlice?.(Math.min(i + sliceSize, rows.length));
  }
  return results;
}

/** `column IN (values)` with the values as one JSON parameter; false for an empty list. */
export function inList(column: Column | SQL, values: readonly (string | number)[]): SQL {
  if (!values.length) return sql`false`;
  const json = JSON.stringify(values);
  return typeof values[0] === 'number'
    ? sql`${column} in (select (json_array_elements_text(${json}::json))::int8)`
    : sql`${column} in (select json_array_elements_text(${json}::json))`;
}

/** Per table, its columns as (field name, column name, mapping); worked out once, used for every row. */
const jsonColumns = new WeakMap<PgTable, [string, string, (value: unknown) => unknown][]>();

/**
 * A row of `table` as PostgreSQL's `to_json` writes it (keys by column name), mapped the way a Drizzle select maps
 * it (keys by field name, timestamps as dates). For reads of many rows as one JSON value: PGlite decodes a result
 * cell by cell in JavaScript, about 6 µs a cell, while one JSON text is parsed natively.
 */
export function rowFromJson<T extends PgTable>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  let columns = jsonColumns.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table)).map(([key, column]) => [key, column.name, (value: unknown) => column.mapFromDriverValue(value)]);
    jsonColumns.set(table, columns);
  }
  const row: Record<string, unknown> = {};
  for (const [key, name, map] of columns) {
    const value = raw[name];
    row[key] = value === null || value === undefined ? null : map(value);
  }
  return row as T['$inferSelect'];
}

/** A value as COPY's text format writes it: `\N` for null, t/f, numbers, dates in ISO form, objects as JSON. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`COPY cannot write ${value}`);
    return String(value);
  }
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value);
  // Backslash starts an escape in the text format; a tab, newline or carriage return would end the field or the row.
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

/**
 * Appends `rows` to `table` with COPY FROM STDIN, each row its values in the order of `columns` (database column
 * names), 50,000 rows a statement (`chunkRows`). The fastest way in: the rows are not statements' parameters, so neither engine
 * parses a query per row or a JSON document per batch (measured on PGlite: 580,000 overlap pairs took ≈25 s as
 * JSON batches of `insertMany`'s kind). PGlite reads them from a blob (its `/dev/blob` device), a server from
 * node-postgres' copy stream (pg-copy-streams). Must run in a transaction on a server (the copy needs one
 * connection, not the pool). The table's constraints and triggers apply as for an insert.
 */
export async function copyRows(
  tx: Tx,
  table: PgTable,
  columns: string[],
  rows: Iterable<readonly unknown[]>,
  { chunkRows = 50_000, onChunk }: { chunkRows?: number; onChunk?: (rowsDone: number) => void } = {},
): Promise<number> {
  const statement = `copy ${quoteIdentifier(getTableName(table))} (${columns.map(quoteIdentifier).join(', ')}) from ${isEmbedded(tx) ? `'/dev/blob'` : 'stdin'}`;
  const client = (tx as unknown as { _: { session: { client: unknown } } })._.session.client;
  let done = 0;
  let lines: string[] = [];
  const flush = async () => {
    if (!lines.length) return;
    const text = lines.join('\n') + '\n';
    lines = [];
    if (isEmbedded(tx)) {
      await (client as { query(sql: string, params: unknown[], options: { blob: Blob }): Promise<unknown> }).query(statement, [], { blob: new Blob([text]) });
    } else {
      if (!(client instanceof pg.Client)) throw new Error('copyRows runs inside a transaction on a server');
      await pipeline(Readable.from([text]), client.query(copyFrom(statement)));
    }
  };
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`copyRows: a row of ${row.length} values for ${columns.length} columns`);
    lines.push(row.map(copyField).join('\t'));
    if (lines.length === chunkRows) {
      await flush();
      onChunk?.((done += chunkRows));
    }
  }
  const last = lines.length;
  await flush();
  if (last) onChunk?.((done += last));
  return done;
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
