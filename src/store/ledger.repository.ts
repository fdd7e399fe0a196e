import { type Kysely, sql, type Transaction } from "kysely";
import { type BulkColumn, insertJsonRows } from "./bulk-insert.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type StoredEntry = {
  seq: number;
  at: Date;
  principal: string;
  action: "create" | "update" | "delete" | "erase";
  record_type: string;
  record_id: string;
  content: string;
  leaf_hash: Uint8Array;
  /** The visibility of the record version the entry describes: who may read its content. */
  visibility: string;
  restricted_to: string | null;
};

export type StoredHead = {
  tree_size: number;
  root_hash: Uint8Array;
  signed_at: Date;
  key_id: string;
  signature: Uint8Array;
};

const ENTRY_COLUMNS = [
  "seq",
  "at",
  "principal",
  "action",
  "record_type",
  "record_id",
  "content",
  "leaf_hash",
  "visibility",
  "restricted_to",
] as const;

const ENTRY_BULK_COLUMNS: readonly BulkColumn[] = [
  { name: "process_id", type: "text" },
  { name: "seq", type: "bigint" },
  { name: "at", type: "timestamptz" },
  { name: "principal", type: "text" },
  { name: "action", type: "text" },
  { name: "record_type", type: "text" },
  { name: "record_id", type: "text" },
  { name: "content", type: "text" },
  { name: "leaf_hash", type: "text", value: "decode(r.leaf_hash, 'hex')" },
  { name: "visibility", type: "text" },
  { name: "restricted_to", type: "text" },
];

export async function insertEntries(
  tx: Transaction<Database>,
  processId: string,
  entries: ReadonlyArray<Omit<StoredEntry, "at"> & { at: string }>,
): Promise<void> {
  await insertJsonRows(
    tx,
    "ledger_entry",
    ENTRY_BULK_COLUMNS,
    entries.map((entry) => ({
      process_id: processId,
      ...entry,
      leaf_hash: Buffer.from(entry.leaf_hash).toString("hex"),
    })),
  );
}

export async function insertHead(
  tx: Transaction<Database>,
  processId: string,
  head: StoredHead,
): Promise<void> {
  await tx
    .insertInto("tree_head")
    .values({ process_id: processId, ...head })
    .onConflict((oc) => oc.columns(["process_id", "tree_size"]).doNothing())
    .execute();
}

function toEntry(row: Record<string, unknown>): StoredEntry {
  return {
    ...(row as StoredEntry),
    seq: Number(row.seq),
    leaf_hash: new Uint8Array(row.leaf_hash as Uint8Array),
  };
}

function toHead(row: Record<string, unknown>): StoredHead {
  return {
    ...(row as StoredHead),
    tree_size: Number(row.tree_size),
    root_hash: new Uint8Array(row.root_hash as Uint8Array),
    signature: new Uint8Array(row.signature as Uint8Array),
  };
}

export async function latestHead(db: Db, processId: string): Promise<StoredHead | undefined> {
  const row = await db
    .selectFrom("tree_head")
    .select(["tree_size", "root_hash", "signed_at", "key_id", "signature"])
    .where("process_id", "=", processId)
    .orderBy("tree_size", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? toHead(row) : undefined;
}

/** The signed tree head of exactly this size, if the server signed one. */
export async function findHeadAt(
  db: Db,
  processId: string,
  treeSize: number,
): Promise<StoredHead | undefined> {
  const row = await db
    .selectFrom("tree_head")
    .select(["tree_size", "root_hash", "signed_at", "key_id", "signature"])
    .where("process_id", "=", processId)
    .where("tree_size", "=", treeSize)
    .executeTakeFirst();
  return row ? toHead(row) : undefined;
}

/** Signed heads, newest first, below `before` (a tree size) when given. */
export async function pageHeads(
  db: Db,
  processId: string,
  limit: number,
  before?: number,
): Promise<StoredHead[]> {
  let query = db
    .selectFrom("tree_head")
    .select(["tree_size", "root_hash", "signed_at", "key_id", "signature"])
    .where("process_id", "=", processId)
    .orderBy("tree_size", "desc")
    .limit(limit);
  if (before !== undefined) query = query.where("tree_size", "<", before);
  return (await query.execute()).map(toHead);
}

export async function listHeads(db: Db, processId: string): Promise<StoredHead[]> {
  const rows = await db
    .selectFrom("tree_head")
    .select(["tree_size", "root_hash", "signed_at", "key_id", "signature"])
    .where("process_id", "=", processId)
    .orderBy("tree_size")
    .execute();
  return rows.map(toHead);
}

/** Entries from `fromSeq` on, at most `limit`. */
export async function listEntries(
  db: Db,
  processId: string,
  fromSeq: number,
  limit: number,
): Promise<StoredEntry[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(ENTRY_COLUMNS)
    .where("process_id", "=", processId)
    .where("seq", ">=", fromSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

/** The history of one record, oldest first. */
export async function entriesForRecord(
  db: Db,
  processId: string,
  recordId: string,
): Promise<StoredEntry[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(ENTRY_COLUMNS)
    .where("process_id", "=", processId)
    .where("record_id", "=", recordId)
    .orderBy("seq")
    .execute();
  return rows.map(toEntry);
}

/** Whether the process's own fields are in its ledger (stores made before they were are not). */
export async function hasProcessEntry(db: Db, processId: string): Promise<boolean> {
  const row = await db
    .selectFrom("ledger_entry")
    .select("seq")
    .where("process_id", "=", processId)
    .where("record_type", "=", "process")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every entry in order, in pages: the whole ledger never sits in memory at once. */
export async function* iterateEntries(
  db: Db,
  processId: string,
  pageSize = 5000,
): AsyncGenerator<StoredEntry> {
  let from = 0;
  for (;;) {
    const page = await listEntries(db, processId, from, pageSize);
    yield* page;
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) return;
    from = last.seq + 1;
  }
}

export async function registerSigningKey(
  db: Db,
  key: { key_id: string; public_key: string },
): Promise<void> {
  await db
    .insertInto("signing_key")
    .values({ ...key, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column("key_id").doNothing())
    .execute();
}

export async function listSigningKeys(
  db: Db,
): Promise<Array<{ key_id: string; public_key: string; created_at: Date }>> {
  return db
    .selectFrom("signing_key")
    .select(["key_id", "public_key", "created_at"])
    .orderBy("created_at")
    .execute();
}

const NODE_COLUMNS: readonly BulkColumn[] = [
  { name: "process_id", type: "text" },
  { name: "level", type: "smallint" },
  { name: "index", type: "bigint" },
  { name: "hash", type: "text", value: "decode(r.hash, 'hex')" },
];

export async function insertNodes(
  tx: Transaction<Database>,
  processId: string,
  nodes: ReadonlyArray<{ level: number; index: number; hash: Uint8Array }>,
): Promise<void> {
  await insertJsonRows(
    tx,
    "ledger_node",
    NODE_COLUMNS,
    nodes.map((node) => ({
      process_id: processId,
      level: node.level,
      index: node.index,
      hash: Buffer.from(node.hash).toString("hex"),
    })),
  );
}

/** Every stored node of a process, for verification. */
export async function listNodes(db: Db, processId: string): Promise<Map<string, Uint8Array>> {
  const rows = await db
    .selectFrom("ledger_node")
    .select(["level", "index", "hash"])
    .where("process_id", "=", processId)
    .execute();
  return new Map(
    rows.map((row) => [`${row.level}:${Number(row.index)}`, new Uint8Array(row.hash)]),
  );
}

/**
 * Leaf hashes of the entries in these ranges [start, end), by entry number, in one statement. The
 * ranges are spelled out as ORed index conditions: a join against an unnested list of ranges let the
 * planner pick a scan of the whole ledger at 2.6·10^6 entries.
 */
export async function leafHashesIn(
  db: Db,
  processId: string,
  ranges: ReadonlyArray<readonly [number, number]>,
): Promise<Map<number, Uint8Array>> {
  if (ranges.length === 0) return new Map();
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["seq", "leaf_hash"])
    .where("process_id", "=", processId)
    .where((eb) =>
      eb.or(ranges.map(([start, end]) => eb.and([eb("seq", ">=", start), eb("seq", "<", end)]))),
    )
    .execute();
  return new Map(rows.map((row) => [Number(row.seq), new Uint8Array(row.leaf_hash)]));
}

/**
 * Stored nodes by "level:index" and the leaf hashes of entries in these ranges [start, end), in
 * one statement: a proof is one round trip. Both are spelled out as ORed conditions on the primary
 * keys, one index probe each: with arrays (`seq = ANY(...)`, a join against `unnest`) the planner,
 * without statistics on a fresh ledger, chose to walk every node or a whole secondary index.
 */
export async function findNodesAndLeaves(
  db: Db,
  processId: string,
  nodeKeys: ReadonlyArray<{ level: number; index: number }>,
  leafRanges: ReadonlyArray<readonly [number, number]>,
): Promise<{ nodes: Map<string, Uint8Array>; leaves: Map<number, Uint8Array> }> {
  const nodes = new Map<string, Uint8Array>();
  const leaves = new Map<number, Uint8Array>();
  if (nodeKeys.length === 0 && leafRanges.length === 0) return { nodes, leaves };
  const inRanges =
    leafRanges.length === 0
      ? sql`false`
      : sql.join(
          leafRanges.map(([start, end]) => sql`(e.seq >= ${start} AND e.seq < ${end})`),
          sql` OR `,
        );
  const isNode =
    nodeKeys.length === 0
      ? sql`false`
      : sql.join(
          nodeKeys.map((k) => sql`(n.level = ${k.level} AND n.index = ${k.index})`),
          sql` OR `,
        );
  const { rows } = await sql<{ level: number; index: string | number; hash: Uint8Array }>`
    SELECT n.level::int AS level, n.index, n.hash
    FROM ledger_node n
    WHERE n.process_id = ${processId} AND (${isNode})
    UNION ALL
    SELECT -1, e.seq, e.leaf_hash
    FROM ledger_entry e
    WHERE e.process_id = ${processId} AND (${inRanges})`.execute(db);
  for (const row of rows) {
    if (row.level === -1) leaves.set(Number(row.index), new Uint8Array(row.hash));
    else nodes.set(`${row.level}:${Number(row.index)}`, new Uint8Array(row.hash));
  }
  return { nodes, leaves };
}

/** Leaf hashes of entries `from` to `to` (excluded), in order, with their numbers. */
export async function leafHashesBetween(
  db: Db,
  processId: string,
  from: number,
  to: number,
): Promise<Array<{ seq: number; leaf_hash: Uint8Array }>> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["seq", "leaf_hash"])
    .where("process_id", "=", processId)
    .where("seq", ">=", from)
    .where("seq", "<", to)
    .orderBy("seq")
    .execute();
  return rows.map((row) => ({ seq: Number(row.seq), leaf_hash: new Uint8Array(row.leaf_hash) }));
}

/**
 * Who may see each of these records as they last were, from the last ledger entry about each (a
 * delete's entry carries the visibility of the version it deleted): for records no longer stored.
 */
export async function lastSeenAs(
  db: Db,
  processId: string,
  recordIds: readonly string[],
): Promise<Map<string, { visibility: string; restricted_to: string | null }>> {
  if (recordIds.length === 0) return new Map();
  const { rows } = await sql<{
    record_id: string;
    visibility: string;
    restricted_to: string | null;
  }>`
    SELECT DISTINCT ON (record_id) record_id, visibility, restricted_to
    FROM ledger_entry
    WHERE process_id = ${processId} AND record_id = ANY(${[...new Set(recordIds)]}::text[])
      AND record_type <> 'process'
    ORDER BY record_id, seq DESC`.execute(db);
  return new Map(rows.map(({ record_id, ...seenAs }) => [record_id, seenAs]));
}
