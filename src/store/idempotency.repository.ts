import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A request sent with an Idempotency-Key, as it was first answered. */
export type RememberedRequest = {
  request_hash: string;
  status: number;
  response: Record<string, unknown>;
  record_id: string;
};

/** The first answer to a principal's key in a process, or undefined if the key is new. */
export async function findRememberedRequest(
  db: Db,
  slug: string,
  principal: string,
  key: string,
): Promise<RememberedRequest | undefined> {
  return db
    .selectFrom("idempotency_key")
    .select(["request_hash", "status", "response", "record_id"])
    .where("process_id", "=", slug)
    .where("principal", "=", principal)
    .where("key", "=", key)
    .executeTakeFirst();
}

/**
 * Stores a key with its request's hash and first answer, in the transaction that made the change:
 * the change and the key commit together or not at all.
 */
export async function rememberRequest(
  db: Db,
  row: RememberedRequest & { slug: string; principal: string; key: string; at: string },
): Promise<void> {
  await db
    .insertInto("idempotency_key")
    .values({
      process_id: row.slug,
      principal: row.principal,
      key: row.key,
      request_hash: row.request_hash,
      status: row.status,
      response: JSON.stringify(row.response),
      record_id: row.record_id,
      created_at: row.at,
    })
    .execute();
}
