import { type Kysely, sql, type Transaction } from "kysely";
import type { Viewer } from "../domain/access.ts";
import type { Database } from "./schema.ts";
import { visibleTo } from "./scope.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type StoredBlob = { sha256: string; media_type: string; size: number; content: Uint8Array };

/** Stores a photo under its hash; the same bytes stored again change nothing. */
export async function insertBlob(
  db: Db,
  blob: StoredBlob & { slug: string; at: string; created_by: string },
): Promise<void> {
  await db
    .insertInto("blob")
    .values({
      process_id: blob.slug,
      sha256: blob.sha256,
      media_type: blob.media_type,
      size: blob.size,
      content: blob.content,
      created_at: blob.at,
      created_by: blob.created_by,
    })
    .onConflict((oc) => oc.columns(["process_id", "sha256"]).doNothing())
    .execute();
}

/** The hashes among these that no blob of the process has. */
export async function missingBlobs(
  db: Db,
  slug: string,
  hashes: readonly string[],
): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .selectFrom("blob")
    .select("sha256")
    .where("process_id", "=", slug)
    .where("sha256", "in", hashes)
    .execute();
  const found = new Set(rows.map((row) => row.sha256));
  return hashes.filter((hash) => !found.has(hash));
}

/**
 * A photo, if the viewer may see a record of the process that attaches it, or if the viewer sent
 * it (a photo sent before its report, which is not stored yet). Whoever may not see any record
 * holding it learns nothing of it: the same undefined as for a hash nobody sent.
 */
export async function findVisibleBlob(
  db: Db,
  slug: string,
  sha256: string,
  viewer: Viewer,
  principal: string,
): Promise<StoredBlob | undefined> {
  const attached = JSON.stringify([{ sha256 }]);
  const row = await db
    .selectFrom("blob")
    .select(["sha256", "media_type", "size", "content"])
    .where("blob.process_id", "=", slug)
    .where("blob.sha256", "=", sha256)
    .where((eb) =>
      eb.or([
        eb("blob.created_by", "=", principal),
        eb.exists(
          eb
            .selectFrom("record")
            .select(sql`1`.as("one"))
            .where("record.process_id", "=", slug)
            // Both conditions as the partial index record_attachments is defined, so it is used.
            .where(sql<boolean>`record.body ? 'attachments'`)
            .where(sql<boolean>`record.body -> 'attachments' @> ${attached}::jsonb`)
            .where(visibleTo(viewer)),
        ),
      ]),
    )
    .executeTakeFirst();
  return row ? { ...row, content: new Uint8Array(row.content) } : undefined;
}
