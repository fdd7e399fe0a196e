import type { Kysely } from "kysely";
import type { Viewer } from "../domain/access.ts";
import type { StoredRecord } from "./record.repository.ts";
import { matchFilters, type RecordFilters } from "./record-filters.ts";
import type { Database } from "./schema.ts";
import { visibleTo } from "./scope.ts";

/** A record as a feed shows it: as it is now, and when and how it last changed. */
export type ChangedRecord = StoredRecord & { changed_at: Date; action: string; seq: number };

/**
 * The records the viewer may see that changed most recently, newest change first, each once.
 * Read from the ledger backwards (its primary key is in that order), joined to the records as they
 * are now: no index on change times is kept for it, so the write path pays nothing.
 */
export async function latestChanges(
  db: Kysely<Database>,
  processId: string,
  viewer: Viewer,
  filters: RecordFilters & { type?: string | undefined },
  limit: number,
): Promise<ChangedRecord[]> {
  let query = db
    .selectFrom("ledger_entry")
    .innerJoin("record", (join) =>
      join
        .onRef("record.id", "=", "ledger_entry.record_id")
        .on("record.process_id", "=", processId),
    )
    .select([
      "record.id",
      "record.type",
      "record.version",
      "record.visibility",
      "record.restricted_to",
      "record.body",
      "record.created_at",
      "record.updated_at",
      "ledger_entry.at as changed_at",
      "ledger_entry.action",
      "ledger_entry.seq",
    ])
    .where("ledger_entry.process_id", "=", processId)
    .where("ledger_entry.action", "in", ["create", "update"])
    .where(visibleTo(viewer))
    .where(matchFilters(filters));
  if (filters.type !== undefined) query = query.where("record.type", "=", filters.type);
  // A record changed several times has an entry each time: read a few more, keep each one's latest.
  const rows = await query
    .orderBy("ledger_entry.seq", "desc")
    .limit(limit * 4)
    .execute();
  const seen = new Set<string>();
  const latest: ChangedRecord[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    latest.push({ ...(row as unknown as ChangedRecord), seq: Number(row.seq) });
    if (latest.length === limit) break;
  }
  return latest;
}
