import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** The schema upgrades a process's records have been brought through. */
export async function appliedUpgrades(db: Db, slug: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("record_upgrade")
    .select("upgrade_id")
    .where("process_id", "=", slug)
    .execute();
  return new Set(rows.map((row) => row.upgrade_id));
}

/** Notes an upgrade as applied to a process, with how many records it rewrote; once only. */
export async function markUpgradeApplied(
  db: Db,
  slug: string,
  upgrade: { id: string; records: number; at: string },
): Promise<void> {
  await db
    .insertInto("record_upgrade")
    .values({
      process_id: slug,
      upgrade_id: upgrade.id,
      records: upgrade.records,
      applied_at: upgrade.at,
    })
    .onConflict((oc) => oc.columns(["process_id", "upgrade_id"]).doNothing())
    .execute();
}
