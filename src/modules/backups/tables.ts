// Every table of an instance, read and written as JSON lines, whatever the modules hold: the tables, their columns,
// keys, foreign keys and sequences are read from the database's catalogue, so a table added tomorrow is copied too.
// The same SQL runs on PGlite and on PostgreSQL.
import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';

export type TableShape = {
  name: string;
  /** Columns a row is written with (generated columns are left to the database). */
  columns: string[];
  /** The primary key's columns: rows are read in this order, so a checksum is the same on both engines. */
  key: string[];
};

export type TableSummary = { name: string; rows: number; sha256: string };
export type SequenceValue = { name: string; value: number };
export type MigrationLevel = { count: number; lastHash: string };

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const ident = (name: string) => sql.identifier(name);

/**
 * Makes the current transaction a consistent, read-only view (one snapshot for every table on PostgreSQL) and fixes
 * how values are written as text, so a row reads the same on both engines. Call first in the transaction.
 */
export async function beginSnapshot(tx: Tx): Promise<void> {
  await tx.execute(sql`set transaction isolation level repeatable read, read only`);
  await fixTextForms(tx);
}

/** Dates in UTC and intervals in one style: `to_json` writes them by the session's settings. */
export async function fixTextForms(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('timezone', 'UTC', true), set_config('intervalstyle', 'postgres', true)`);
}

/** The application's tables (schema `public`), by name. */
/**
 * Tables that are not records: on PostgreSQL the file store keeps its bytes in `stored_files` (copied through the
 * FileStore, like files on disk, and checked by hash) and roadmap imports wait for confirmation in `staged_uploads`
 * (not kept, as on disk; README, "Backups").
 */
const notCopiedAsRows = ['stored_files', 'staged_uploads'];

export async function listTables(tx: Tx): Promise<TableShape[]> {
  const rows = rowsOf<{ table: string; columns: string[] | null; key: string[] | null }>(
    await tx.execute(sql`
      select c.relname as "table",
        (select array_agg(a.attname::text order by a.attnum) from pg_attribute a
          where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
        (select array_agg(a.attname::text order by k.ord) from pg_constraint p
          cross join lateral unnest(p.conkey) with ordinality as k(attnum, ord)
          join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
          where p.conrelid = c.oid and p.contype = 'p') as key
      from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
        and c.relname not in (${sql.join(notCopiedAsRows.map((name) => sql`${name}`), sql`, `)})
      order by c.relname collate "C"`),
  );
  return rows.map((r) => ({ name: r.table, columns: r.columns ?? [], key: r.key ?? [] }));
}

/** Rows in a stable order: by the primary key, or by the whole row's text for a table without one. */
function orderOf(table: TableShape): SQL {
  if (table.key.length) return sql.join(table.key.map((column) => sql`t.${ident(column)}`), sql`, `);
  return sql`to_json(t)::text collate "C"`;
}

/** Row counts of every table, read in the caller's transaction (a snapshot gives the counts of that snapshot). */
export async function countRows(tx: Tx, tables: readonly TableShape[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (!tables.length) return counts;
  const parts = tables.map((t) => sql`select ${t.name}::text as name, count(*)::int8::text as n from ${ident(t.name)}`);
  for (const row of rowsOf<{ name: string; n: string }>(await tx.execute(sql.join(parts, sql` union all `)))) {
    counts.set(row.name, Number(row.n));
  }
  return counts;
}

/**
 * Reads a table as JSON lines (PostgreSQL's `to_json` of each row), `batchSize` lines at a time, through a cursor in
 * the caller's transaction. `leaveOut` names columns to drop from each line (a comparison that ignores them).
 */
export async function* readTable(tx: Tx, table: TableShape, options: { batchSize?: number; leaveOut?: readonly string[] } = {}): AsyncGenerator<string[]> {
  const cursor = ident(`concord_copy_${table.name}`);
  const row = options.leaveOut?.length
    ? sql`(to_json(t)::jsonb - ${`{${options.leaveOut.join(',')}}`}::text[])::text`
    : sql`to_json(t)::text`;
  await tx.execute(sql`declare ${cursor} no scroll cursor for select ${row} as line from ${ident(table.name)} t order by ${orderOf(table)}`);
  try {
    for (;;) {
      const lines = rowsOf<{ line: string }>(await tx.execute(sql`fetch ${sql.raw(String(options.batchSize ?? 2000))} from ${cursor}`));
      if (!lines.length) return;
      yield lines.map((l) => l.line);
    }
  } finally {
    await tx.execute(sql`close ${cursor}`);
  }
}

/** Counts and hashes lines as they pass: the checksum of a table is the sha256 of its lines, each ended by "\n". */
export class LineDigest {
  rows = 0;
  private readonly hash = createHash('sha256');
  add(lines: readonly string[]): void {
    for (const line of lines) this.hash.update(line).update('\n');
    this.rows += lines.length;
  }
  sha256(): string {
    return this.hash.digest('hex');
  }
}

/** Every table's row count and checksum, read in the caller's transaction. */
export async function summarizeTables(tx: Tx, options: { leaveOut?: Record<string, readonly string[]> } = {}): Promise<TableSummary[]> {
  const summaries: TableSummary[] = [];
  const tables = await listTables(tx);
  const counts = await countRows(tx, tables);
  for (const table of tables) {
    const digest = new LineDigest();
    // An empty table needs no cursor (one round trip each, which PGlite makes slowly).
    if (counts.get(table.name)) {
      for await (const lines of readTable(tx, table, { leaveOut: options.leaveOut?.[table.name] })) digest.add(lines);
    }
    summaries.push({ name: table.name, rows: digest.rows, sha256: digest.sha256() });
  }
  return summaries;
}

/** How far the schema has been migrated: drizzle's journal of applied migrations. */
export async function migrationLevel(tx: Tx): Promise<MigrationLevel> {
  const [row] = rowsOf<{ count: string; lastHash: string | null }>(
    await tx.execute(sql`select count(*)::text as count,
      (select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1) as "lastHash"
      from drizzle.__drizzle_migrations`),
  );
  return { count: Number(row?.count ?? 0), lastHash: row?.lastHash ?? '' };
}

/** Each sequence of the application's schema with the last value it gave out (0 when none). */
export async function readSequences(tx: Tx): Promise<SequenceValue[]> {
  const names = rowsOf<{ name: string }>(
    await tx.execute(sql`select relname as name from pg_class where relkind = 'S' and relnamespace = 'public'::regnamespace order by relname collate "C"`),
  ).map((r) => r.name);
  const values: SequenceValue[] = [];
  for (const name of names) {
    const [row] = rowsOf<{ last: string; called: boolean }>(await tx.execute(sql`select last_value::text as last, is_called as called from ${ident(name)}`));
    values.push({ name, value: row ? (row.called ? Number(row.last) : Number(row.last) - 1) : 0 });
  }
  return values;
}

/** The first table holding rows, or undefined when every table of the application is empty. */
export async function firstNonEmptyTable(tx: Tx): Promise<string | undefined> {
  const tables = await listTables(tx);
  if (!tables.length) return undefined;
  const parts = tables.map((t) => sql`select ${t.name}::text as name where exists (select 1 from ${ident(t.name)})`);
  const [row] = rowsOf<{ name: string }>(await tx.execute(sql`${sql.join(parts, sql` union all `)} limit 1`));
  return row?.name;
}

type ForeignKey = { table: string; name: string; definition: string; columns: string[]; parent: string; parentColumns: string[] };

async function foreignKeys(tx: Tx): Promise<ForeignKey[]> {
  return rowsOf<ForeignKey>(
    await tx.execute(sql`select c.relname as "table", p.conname as name, pg_get_constraintdef(p.oid) as definition, f.relname as parent,
        (select array_agg(a.attname::text order by k.ord) from unnest(p.conkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = p.conrelid and a.attnum = k.attnum) as columns,
        (select array_agg(a.attname::text order by k.ord) from unnest(p.confkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = p.confrelid and a.attnum = k.attnum) as "parentColumns"
      from pg_constraint p join pg_class c on c.oid = p.conrelid join pg_class f on f.oid = p.confrelid
      where p.contype = 'f' and c.relnamespace = 'public'::regnamespace order by c.relname, p.conname`),
  );
}

/**
 * The first foreign key some row breaks (a reference to a row that is not there). Keys of empty tables are skipped;
 * one statement per key (a union of them all takes PGlite seconds to plan).
 */
async function brokenForeignKey(tx: Tx, keys: readonly ForeignKey[]): Promise<string | undefined> {
  const counts = await countRows(tx, [...new Set(keys.map((k) => k.table))].map((name) => ({ name, columns: [], key: [] })));
  for (const key of keys) {
    if (!counts.get(key.table)) continue;
    const present = sql.join(key.columns.map((column) => sql`c.${ident(column)} is not null`), sql` and `);
    const matches = sql.join(key.columns.map((column, i) => sql`p.${ident(key.parentColumns[i]!)} = c.${ident(column)}`), sql` and `);
    const [broken] = rowsOf<{ one: number }>(
      await tx.execute(sql`select 1 as one from ${ident(key.table)} c
        where ${present} and not exists (select 1 from ${ident(key.parent)} p where ${matches}) limit 1`),
    );
    if (broken) return `${key.table}.${key.name}`;
  }
  return undefined;
}

/**
 * Lets rows be written in any order (tables refer to each other, and to themselves) and returns what ends it, which
 * checks every reference: it throws naming the first foreign key a row breaks. Where the session may switch off the
 * per-row checks (`session_replication_role`, for a superuser: always on the embedded engine) they are switched off
 * and the references checked in one statement at the end; otherwise the keys are dropped and added back, and adding
 * a key checks every row.
 */
export async function suspendForeignKeys(tx: Tx): Promise<() => Promise<void>> {
  const keys = await foreignKeys(tx);
  const replica = await tx
    .transaction(async (savepoint) => {
      await savepoint.execute(sql`select set_config('session_replication_role', 'replica', true)`);
    })
    .then(
      () => true,
      () => false,
    );
  if (replica) {
    return async () => {
      await tx.execute(sql`select set_config('session_replication_role', 'origin', true)`);
      const broken = await brokenForeignKey(tx, keys);
      if (broken) throw new Error(`a row refers to a missing row (foreign key ${broken})`);
    };
  }
  for (const key of keys) await tx.execute(sql`alter table ${ident(key.table)} drop constraint ${ident(key.name)}`);
  return async () => {
    for (const key of keys) {
      await tx.execute(sql`alter table ${ident(key.table)} add constraint ${ident(key.name)} ${sql.raw(key.definition)}`);
    }
  };
}

/** Writes JSON lines (as `readTable` gives them) into `table`, ids included. */
export async function writeRows(tx: Tx, table: TableShape, lines: readonly string[]): Promise<void> {
  if (!lines.length) return;
  const columns = sql.join(table.columns.map(ident), sql`, `);
  await tx.execute(sql`insert into ${ident(table.name)} (${columns}) overriding system value
    select ${columns} from json_populate_recordset(null::${ident(table.name)}, ${`[${lines.join(',')}]`}::json)`);
}

/** Empties every table of the application (a restore with --replace), in one statement so keys do not object. */
export async function emptyAllTables(tx: Tx): Promise<void> {
  const tables = await listTables(tx);
  if (tables.length) await tx.execute(sql`truncate table ${sql.join(tables.map((t) => ident(t.name)), sql`, `)}`);
}

/**
 * Sets each sequence past the copied ids: to the source's last value or the column's largest id, whichever is more,
 * so the next row written gets an id nobody had.
 */
export async function advanceSequences(tx: Tx, source: readonly SequenceValue[]): Promise<void> {
  const owners = rowsOf<{ sequence: string; table: string; column: string }>(
    await tx.execute(sql`select s.relname as sequence, t.relname as "table", a.attname as "column"
      from pg_class s join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')
      join pg_class t on t.oid = d.refobjid join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      where s.relkind = 'S' and s.relnamespace = 'public'::regnamespace`),
  );
  const owner = new Map(owners.map((o) => [o.sequence, o]));
  const present = new Set(
    rowsOf<{ name: string }>(await tx.execute(sql`select relname as name from pg_class where relkind = 'S' and relnamespace = 'public'::regnamespace`)).map((r) => r.name),
  );
  const wanted = new Map(source.map((s) => [s.name, s.value]));
  for (const name of present) {
    const o = owner.get(name);
    const largest = o ? sql`(select max(${ident(o.column)})::int8 from ${ident(o.table)})` : sql`null::int8`;
    await tx.execute(sql`select setval(${name}::regclass, v, true) from (select greatest(${wanted.get(name) ?? 0}::int8, ${largest}) as v) x where v >= 1`);
  }
}

/**
 * Renumbers the event log's transaction ids so that their order is kept and every one lies below the transaction
 * writing the copy (and so below any the target gives out later): the roadmap search and the overlaps follower read
 * the log from "the oldest transaction still running", and an event copied with a larger id would look unfinished
 * for ever, or be taken as new. Ranks 1…n when n is below the writer's id; otherwise ranks squeezed into that range
 * (ties between old transactions, which no reader tells apart: they all lie below every horizon).
 */
export async function renumberEventTransactions(tx: Tx): Promise<void> {
  const [row] = rowsOf<{ writer: string; distinct: string }>(
    await tx.execute(sql`select pg_current_xact_id()::text as writer, (select count(distinct tx_id) from events)::text as distinct`),
  );
  const writer = Number(row?.writer ?? 0);
  const n = Number(row?.distinct ?? 0);
  if (!n) return;
  const target = n < writer ? sql`m.rank` : sql`((m.rank - 1) * ${writer - 1}::int8 / ${n}::int8) + 1`;
  await tx.execute(sql`update events e set tx_id = ${target}
    from (select tx_id as old, dense_rank() over (order by tx_id) as rank from (select distinct tx_id from events) d) m
    where e.tx_id = m.old`);
}
