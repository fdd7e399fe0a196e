import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type StoredCosignature = {
  tree_size: number;
  key_id: string;
  public_key: string;
  signature: Uint8Array;
  signer: string;
  party: string | null;
  signed_at: Date;
};

/** Records a co-signature; false when this key had already co-signed this head. */
export async function insertCosignature(
  db: Db,
  processId: string,
  cosignature: StoredCosignature,
): Promise<boolean> {
  const result = await db
    .insertInto("cosignature")
    .values({ process_id: processId, ...cosignature })
    .onConflict((oc) => oc.columns(["process_id", "tree_size", "key_id"]).doNothing())
    .returning("key_id")
    .executeTakeFirst();
  return result !== undefined;
}

/** The co-signatures of these heads (all of the process's when `sizes` is undefined). */
export async function listCosignatures(
  db: Db,
  processId: string,
  sizes?: readonly number[],
): Promise<StoredCosignature[]> {
  if (sizes !== undefined && sizes.length === 0) return [];
  let query = db
    .selectFrom("cosignature")
    .select(["tree_size", "key_id", "public_key", "signature", "signer", "party", "signed_at"])
    .where("process_id", "=", processId)
    .orderBy("tree_size")
    .orderBy("signed_at");
  if (sizes !== undefined) query = query.where("tree_size", "in", [...sizes]);
  return (await query.execute()).map((row) => ({
    ...row,
    tree_size: Number(row.tree_size),
    signature: new Uint8Array(row.signature),
  }));
}
