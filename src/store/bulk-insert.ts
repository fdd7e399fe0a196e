import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A column filled by a bulk insert: its SQL type as read from JSON, and how it is stored. */
export type BulkColumn = {
  name: string;
  /** The type jsonb_to_recordset reads the row's member as. */
  type: string;
  /** The stored value, an SQL expression over `r.<name>`; the member itself by default. */
  value?: string;
};

/**
 * Inserts many rows in one statement with one parameter: the rows as one JSON array, spread into
 * columns by jsonb_to_recordset. The import path writes thousands of rows per transaction; as
 * ordinary parameters they cost a 65,535-parameter limit, a query builder compiling tens of
 * thousands of placeholders and the driver escaping each value, where JSON.stringify is native.
 * Table and column names come from the caller's code, never from input.
 */
export async function insertJsonRows(
  db: Db,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly object[],
  conflict = "",
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((column) => column.name).join(", ");
  const values = columns.map((column) => column.value ?? `r.${column.name}`).join(", ");
  const shape = columns.map((column) => `${column.name} ${column.type}`).join(", ");
  await sql`${sql.raw(`INSERT INTO ${table} (${names}) SELECT ${values} FROM jsonb_to_recordset(`)}${JSON.stringify(rows)}${sql.raw(`::jsonb) AS r(${shape}) ${conflict}`)}`.execute(
    db,
  );
}
