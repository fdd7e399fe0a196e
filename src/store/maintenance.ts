import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Refreshes the planner's statistics of the tables an import fills, and marks the new pages of the
 * record table and the overview's rollups all-visible. A table that grew from empty to a million
 * rows in one import still has the statistics of an empty one until autovacuum analyzes it (later,
 * or never where it is off), and lookups by id are then planned as scans of every incident: each
 * batch slower than the last.
 * Until their pages are all-visible, a list cannot be answered from the covering index (012) nor
 * the overview from the rollups' keys (013) without visiting the table.
 */
export async function analyzeImportedTables(db: Db, isEmbedded: boolean): Promise<void> {
  await sql`VACUUM (ANALYZE) record, incident_rollup, incident_actor_rollup, claim_figure_rollup`.execute(
    db,
  );
  await sql`ANALYZE claim_figure, ledger_entry, ledger_node, tile_rollup, tile_rollup_level`.execute(
    db,
  );
  if (isEmbedded) await checkpointEmbedded(db);
}

/**
 * PGlite runs no background checkpointer: until a checkpoint, every change stays in its WAL as
 * well, and a 10^6-incident import left 13 GB of WAL beside 8 GB of data. A checkpoint lets the
 * WAL be recycled. (PostgreSQL checkpoints by itself, and only privileged roles may ask it to.)
 */
export async function checkpointEmbedded(db: Db): Promise<void> {
  await sql`CHECKPOINT`.execute(db);
}
