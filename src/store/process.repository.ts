import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type StoredProcess = {
  id: string;
  name: string;
  body: Record<string, unknown>;
  version: number;
  ledger_size: number;
  created_at: Date;
  updated_at: Date;
};

export async function findProcess(db: Db, slug: string): Promise<StoredProcess | undefined> {
  const row = await db
    .selectFrom("process")
    .select(["id", "name", "body", "version", "ledger_size", "created_at", "updated_at"])
    .where("id", "=", slug)
    .executeTakeFirst();
  return row ? { ...row, ledger_size: Number(row.ledger_size) } : undefined;
}

export async function listProcesses(db: Db): Promise<StoredProcess[]> {
  const rows = await db
    .selectFrom("process")
    .select(["id", "name", "body", "version", "ledger_size", "created_at", "updated_at"])
    .orderBy("id")
    .execute();
  return rows.map((row) => ({ ...row, ledger_size: Number(row.ledger_size) }));
}

/** Inserts a process unless its slug is taken; true when this call inserted it. */
export async function insertProcess(
  db: Db,
  process: { id: string; name: string; body: Record<string, unknown>; at: string },
): Promise<boolean> {
  const result = await db
    .insertInto("process")
    .values({
      id: process.id,
      name: process.name,
      body: JSON.stringify(process.body),
      version: 1,
      created_at: process.at,
      updated_at: process.at,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return result !== undefined;
}

/**
 * Locks the process row for the rest of the transaction and returns its ledger state. Every write
 * to a process takes this lock first, so appends to one ledger are serialized and it cannot fork.
 */
export async function lockProcessLedger(
  tx: Transaction<Database>,
  slug: string,
): Promise<
  { size: number; frontier: string[]; body: Record<string, unknown>; version: number } | undefined
> {
  const row = await tx
    .selectFrom("process")
    .select(["ledger_size", "ledger_frontier", "body", "version"])
    .where("id", "=", slug)
    .forUpdate()
    .executeTakeFirst();
  return row
    ? {
        size: Number(row.ledger_size),
        frontier: row.ledger_frontier,
        body: row.body,
        version: row.version,
      }
    : undefined;
}

/** Writes a process's fields as a new version, if the stored one is still `expectedVersion`. */
export async function updateProcessRow(
  tx: Transaction<Database>,
  slug: string,
  change: { name: string; body: Record<string, unknown>; version: number; at: string },
  expectedVersion: number,
): Promise<boolean> {
  const result = await tx
    .updateTable("process")
    .set({
      name: change.name,
      body: JSON.stringify(change.body),
      version: change.version,
      updated_at: change.at,
    })
    .where("id", "=", slug)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function saveLedgerState(
  tx: Transaction<Database>,
  slug: string,
  state: { size: number; frontier: string[] },
): Promise<void> {
  await tx
    .updateTable("process")
    .set({ ledger_size: state.size, ledger_frontier: JSON.stringify(state.frontier) })
    .where("id", "=", slug)
    .execute();
}

/** Every process's ledger size: one cheap query, polled to notice other servers' writes. */
export async function ledgerSizes(db: Db): Promise<Array<{ id: string; size: number }>> {
  const rows = await db.selectFrom("process").select(["id", "ledger_size"]).execute();
  return rows.map((row) => ({ id: row.id, size: Number(row.ledger_size) }));
}
