import { type Kysely, sql } from "kysely";
import type { Viewer } from "../domain/access.ts";
import type { Database } from "./schema.ts";
import { visibleTo } from "./scope.ts";

export interface ChangeCount {
  record_type: string;
  action: "create" | "update" | "delete";
  last_day: number;
  last_week: number;
}

/**
 * Ledger entries a viewer may see, counted by kind and action over two windows ending at `now`
 * (the week's includes the day's). The process's own entries are not records and are left out.
 */
export async function countChangesSince(
  db: Kysely<Database>,
  processId: string,
  viewer: Viewer,
  window: { day: Date; week: Date; now: Date },
): Promise<ChangeCount[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select([
      "record_type",
      "action",
      sql<string>`count(*) FILTER (WHERE at >= ${window.day})`.as("last_day"),
      sql<string>`count(*)`.as("last_week"),
    ])
    .where("process_id", "=", processId)
    .where("at", ">=", window.week)
    .where("at", "<=", window.now)
    .where("record_type", "<>", "process")
    .where(visibleTo(viewer, "ledger_entry"))
    .groupBy(["record_type", "action"])
    .orderBy("record_type")
    .orderBy("action")
    .execute();
  return rows.map((row) => ({
    record_type: row.record_type,
    action: row.action as ChangeCount["action"],
    last_day: Number(row.last_day),
    last_week: Number(row.last_week),
  }));
}
