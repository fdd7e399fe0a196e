import { type Kysely, sql, type Transaction } from "kysely";
import type { Viewer } from "../domain/access.ts";
import type { StoredRecord } from "./record.repository.ts";
import type { Database } from "./schema.ts";
import { visibleTo } from "./scope.ts";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The claims the viewer may see about any of these incidents, in one query on the references'
 * index: a situation report shows each incident with every side's version of it.
 */
export async function findClaimsAbout(
  db: Db,
  processId: string,
  incidentIds: readonly string[],
  viewer: Viewer,
): Promise<StoredRecord[]> {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .selectFrom("record")
    .select([
      "record.id",
      "record.type",
      "record.version",
      "record.visibility",
      "record.restricted_to",
      "record.body",
      "record.created_at",
      "record.updated_at",
    ])
    .where("record.process_id", "=", processId)
    .where("record.type", "=", "claim")
    .where(sql<boolean>`record.refs && ${[...new Set(incidentIds)]}::text[]`)
    .where(visibleTo(viewer))
    .orderBy("record.id")
    .execute();
  return rows as StoredRecord[];
}
