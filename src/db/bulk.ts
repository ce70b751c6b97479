// Statements over many values: the values travel as one JSON parameter instead of one bind parameter each. PGlite
// handles bind parameters slowly (measured: a 5,000-value IN list ≈ 1.1 s, the same values as one JSON array ≈ 70 ms),
// and PostgreSQL caps a statement at 65,535 of them. Used by imports and by lookups of long id lists.
import { type Column, getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './engine.ts';

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
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const returning = options.returning?.length
    ? sql` returning ${sql.join(options.returning.map((key) => sql.identifier(columns[key]!.name)), sql`, `)}`
    : sql``;
  return insertSlices(tx, table, rows, returning, options);
}

/**
 * insertMany returning every inserted row whole, as a Drizzle select maps it, each as one JSON text (rowFromJson):
 * PGlite decodes a result cell by cell, and fifty rows of two dozen columns cost it more than the insert. The order
 * of the rows returned is not promised: match them by a key.
 */
export async function insertManyRows<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][]): Promise<T['$inferSelect'][]> {
  const inserted = await insertSlices(tx, table, rows, sql` returning to_json(${table}.*) as row`, {});
  return inserted.map(({ row }) => rowFromJson(table, row as Record<string, unknown> | string));
}

async function insertSlices<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
  returning: SQL,
  options: { onConflictDoNothing?: boolean; onSlice?: (rowsDone: number) => void },
): Promise<Record<string, unknown>[]> {
  if (!rows.length) return [];
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row as object)))].filter((key) => key in columns);
  const names = keys.map((key) => columns[key]!.name);
  const columnList = sql.join(names.map((name) => sql.identifier(name)), sql`, `);
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

/**
 * `column = ANY(values)` with the values as one JSON parameter, for a short list against a large indexed table: the
 * planner probes the index once per value, where `inList`'s `IN (select …)` may be hashed against a scan of every
 * row that the other conditions leave (PGlite runs no autovacuum, so its statistics can be far behind a growing table).
 * False for an empty list.
 */
export function equalsAny(column: Column | SQL, values: readonly (string | number)[]): SQL {
  if (!values.length) return sql`false`;
  const json = JSON.stringify(values);
  return typeof values[0] === 'number'
    ? sql`${column} = any(array(select (json_array_elements_text(${json}::json))::int8))`
    : sql`${column} = any(array(select json_array_elements_text(${json}::json)))`;
}

/** Per table, its columns as (field name, column name, mapping); worked out once, used for every row. */
const jsonColumns = new WeakMap<PgTable, [string, string, (value: unknown) => unknown][]>();

/**
 * A row of `table` as PostgreSQL's `to_json` writes it (keys by column name), mapped the way a Drizzle select maps
 * it (keys by field name, timestamps as dates). For reads of many rows as one JSON value: PGlite decodes a result
 * cell by cell in JavaScript, about 6 µs a cell, while one JSON text is parsed natively.
 */
export function rowFromJson<T extends PgTable>(table: T, json: Record<string, unknown> | string): T['$inferSelect'] {
  // A json value arrives parsed from a column, as text where a statement cast it.
  const raw = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>;
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
