import { type Kysely, sql, type Transaction } from "kysely";
import type { OverviewFigure, OverviewIncident } from "../read-model/overview-index.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Instants as epoch milliseconds, which the overview's columns of numbers hold. */
const epochMs = (column: string) =>
  sql<number | null>`(extract(epoch FROM ${sql.ref(column)}) * 1000)::float8`;

function incidents(db: Db, processId: string) {
  return db
    .selectFrom("record")
    .where("process_id", "=", processId)
    .where("type", "=", "incident")
    .select([
      "id",
      "west",
      "south",
      "east",
      "north",
      epochMs("date_start").as("start"),
      epochMs("date_end").as("end"),
      "kind",
      "verification",
      "visibility",
      "restricted_to",
      "refs",
    ]);
}

function figures(db: Db, processId: string) {
  return db
    .selectFrom("claim_figure")
    .where("process_id", "=", processId)
    .select([
      "claim_id",
      "incident_id",
      "claimant",
      "category",
      "side",
      "low",
      "high",
      "visibility",
      "restricted_to",
    ]);
}

/** How many incidents and figures the process holds: what holding them in memory would take. */
export async function countOverviewRows(
  db: Db,
  processId: string,
): Promise<{ incidents: number; figures: number }> {
  const row = await sql<{ incidents: string | number; figures: string | number }>`
    SELECT
      (SELECT count(*) FROM record WHERE process_id = ${processId} AND type = 'incident') AS incidents,
      (SELECT count(*) FROM claim_figure WHERE process_id = ${processId}) AS figures`.execute(db);
  const counts = row.rows[0];
  return { incidents: Number(counts?.incidents ?? 0), figures: Number(counts?.figures ?? 0) };
}

/** The process's incidents in pages by id (keyset on the primary key), after `afterId`. */
export async function readIncidentPage(
  db: Db,
  processId: string,
  afterId: string | null,
  limit: number,
): Promise<OverviewIncident[]> {
  let query = incidents(db, processId).orderBy("id").limit(limit);
  if (afterId !== null) query = query.where("id", ">", afterId);
  return query.execute();
}

/**
 * The process's figures in pages in key order (claim, category, side), so that each claim's
 * figures come together; `after` is the last row of the page before.
 */
export async function readFigurePage(
  db: Db,
  processId: string,
  after: { claim_id: string; category: string; side: string } | null,
  limit: number,
): Promise<OverviewFigure[]> {
  let query = figures(db, processId)
    .orderBy("claim_id")
    .orderBy("category")
    .orderBy("side")
    .limit(limit);
  if (after !== null)
    query = query.where(
      sql<boolean>`(claim_id, category, side) > (${after.claim_id}, ${after.category}, ${after.side})`,
    );
  return query.execute();
}

/** The ids of the process's actors. */
export async function readActorIds(db: Db, processId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("record")
    .where("process_id", "=", processId)
    .where("type", "=", "actor")
    .select("id")
    .execute();
  return rows.map((row) => row.id);
}

/** The records changed by ledger entries `from` (included) to `to` (excluded). */
export async function readChangedIds(
  db: Db,
  processId: string,
  from: number,
  to: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .where("process_id", "=", processId)
    .where("seq", ">=", from)
    .where("seq", "<", to)
    .select("record_id")
    .distinct()
    .execute();
  return rows.map((row) => row.record_id);
}

/** These records as they are now: the incidents among them, the actors, and all their figures. */
export async function readRecordsForOverview(
  db: Db,
  processId: string,
  ids: readonly string[],
): Promise<{ incidents: OverviewIncident[]; actors: string[]; figures: OverviewFigure[] }> {
  if (ids.length === 0) return { incidents: [], actors: [], figures: [] };
  const list = [...ids];
  const [found, actors, claimed] = await Promise.all([
    incidents(db, processId).where("id", "in", list).execute(),
    db
      .selectFrom("record")
      .where("process_id", "=", processId)
      .where("type", "=", "actor")
      .where("id", "in", list)
      .select("id")
      .execute(),
    figures(db, processId)
      .where("claim_id", "in", list)
      .orderBy("claim_id")
      .orderBy("category")
      .orderBy("side")
      .execute(),
  ]);
  return { incidents: found, actors: actors.map((row) => row.id), figures: claimed };
}
