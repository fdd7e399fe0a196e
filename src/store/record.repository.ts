import { type Kysely, sql, type Transaction } from "kysely";
import type { Viewer } from "../domain/access.ts";
import { DAY_MS } from "../domain/fuzzy-date.ts";
import type { FigureRow } from "../domain/kind.ts";
import type { IndexColumns } from "../domain/record-index.ts";
import { type BulkColumn, insertJsonRows } from "./bulk-insert.ts";
import { matchFilters, type RecordFilters } from "./record-filters.ts";
import type { Database } from "./schema.ts";
import { visibleTo } from "./scope.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A record as stored: envelope plus the kind's own fields in body. */
export type StoredRecord = {
  id: string;
  type: string;
  version: number;
  visibility: string;
  restricted_to: string | null;
  body: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
};

export type RecordWrite = {
  process_id: string;
  id: string;
  type: string;
  version: number;
  visibility: string;
  restricted_to: string | null;
  body: Record<string, unknown>;
  index: IndexColumns;
  /** The ids it refers to (storedReferences). */
  refs: string[];
  at: string;
};

const COLUMNS = [
  "record.id",
  "record.type",
  "record.version",
  "record.visibility",
  "record.restricted_to",
  "record.body",
  "record.created_at",
  "record.updated_at",
] as const;

function indexValues(write: RecordWrite) {
  const { search_text, ...columns } = write.index;
  return { ...columns, refs: write.refs, search: sql`to_tsvector('simple', ${search_text})` };
}

export async function insertRecord(db: Db, write: RecordWrite): Promise<void> {
  await insertRecords(db, [write]);
}

/** Writes a new version only if the stored one is still `expectedVersion`; false otherwise. */
export async function updateRecord(
  db: Db,
  write: RecordWrite,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable("record")
    .set({
      version: write.version,
      visibility: write.visibility,
      restricted_to: write.restricted_to,
      body: JSON.stringify(write.body),
      ...indexValues(write),
      updated_at: write.at,
    })
    .where("process_id", "=", write.process_id)
    .where("id", "=", write.id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteRecord(
  db: Db,
  processId: string,
  id: string,
  version: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom("record")
    .where("process_id", "=", processId)
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** One record the viewer may see, or undefined (missing and hidden look the same). */
export async function findRecord(
  db: Db,
  processId: string,
  id: string,
  viewer: Viewer,
  options: { forUpdate?: boolean } = {},
): Promise<StoredRecord | undefined> {
  let query = db
    .selectFrom("record")
    .select(COLUMNS)
    .where("record.process_id", "=", processId)
    .where("record.id", "=", id)
    .where(visibleTo(viewer));
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as StoredRecord | undefined;
}

/** The types of the records with these ids that the viewer may see: for reference checks. */
export async function findTypes(
  db: Db,
  processId: string,
  ids: readonly string[],
  viewer: Viewer,
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("record")
    .select(["id", "type"])
    .where("process_id", "=", processId)
    .where("id", "in", [...new Set(ids)])
    .where(visibleTo(viewer))
    .execute();
  return new Map(rows.map((row) => [row.id, row.type]));
}

const RECORD_COLUMNS: readonly BulkColumn[] = [
  { name: "process_id", type: "text" },
  { name: "id", type: "text" },
  { name: "type", type: "text" },
  { name: "version", type: "integer" },
  { name: "visibility", type: "text" },
  { name: "restricted_to", type: "text" },
  { name: "body", type: "jsonb" },
  { name: "kind", type: "text" },
  { name: "date_start", type: "timestamptz" },
  { name: "date_end", type: "timestamptz" },
  { name: "west", type: "double precision" },
  { name: "south", type: "double precision" },
  { name: "east", type: "double precision" },
  { name: "north", type: "double precision" },
  { name: "verification", type: "text" },
  { name: "cell", type: "bigint" },
  { name: "sort_key", type: "text" },
  { name: "refs", type: "text[]" },
  { name: "search", type: "text", value: "to_tsvector('simple', r.search)" },
  { name: "created_at", type: "timestamptz" },
  { name: "updated_at", type: "timestamptz" },
];

/** Inserts many new records at once (the bulk path of imports). */
export async function insertRecords(db: Db, writes: readonly RecordWrite[]): Promise<void> {
  await insertJsonRows(
    db,
    "record",
    RECORD_COLUMNS,
    writes.map((write) => {
      const { search_text, ...columns } = write.index;
      return {
        process_id: write.process_id,
        id: write.id,
        type: write.type,
        version: write.version,
        visibility: write.visibility,
        restricted_to: write.restricted_to,
        body: write.body,
        ...columns,
        refs: write.refs,
        search: search_text,
        created_at: write.at,
        updated_at: write.at,
      };
    }),
  );
}

const FIGURE_COLUMNS: readonly BulkColumn[] = [
  { name: "process_id", type: "text" },
  { name: "claim_id", type: "text" },
  { name: "incident_id", type: "text" },
  { name: "claimant", type: "text" },
  { name: "category", type: "text" },
  { name: "side", type: "text" },
  { name: "low", type: "integer" },
  { name: "high", type: "integer" },
  { name: "visibility", type: "text" },
  { name: "restricted_to", type: "text" },
];

export async function insertFigures(
  db: Db,
  processId: string,
  rows: ReadonlyArray<
    FigureRow & { claim_id: string; visibility: string; restricted_to: string | null }
  >,
): Promise<void> {
  await insertJsonRows(
    db,
    "claim_figure",
    FIGURE_COLUMNS,
    rows.map((row) => ({ process_id: processId, ...row })),
  );
}

/** The stored records with these ids that the viewer may see: for imports deciding create or update. */
export async function findRecords(
  db: Db,
  processId: string,
  ids: readonly string[],
  viewer: Viewer,
): Promise<StoredRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("record")
    .select(COLUMNS)
    .where("record.process_id", "=", processId)
    .where("record.id", "in", [...new Set(ids)])
    .where(visibleTo(viewer))
    .execute();
  return rows as StoredRecord[];
}

/** Replaces the figures a claim states (derived rows for aggregation). */
export async function replaceFigures(
  db: Db,
  processId: string,
  claim: { id: string; visibility: string; restricted_to: string | null },
  rows: readonly FigureRow[],
): Promise<void> {
  await db
    .deleteFrom("claim_figure")
    .where("process_id", "=", processId)
    .where("claim_id", "=", claim.id)
    .execute();
  await insertFigures(
    db,
    processId,
    rows.map((row) => ({
      ...row,
      claim_id: claim.id,
      visibility: claim.visibility,
      restricted_to: claim.restricted_to,
    })),
  );
}

/** Ids of the records that refer to `id` (at most `limit`). */
/**
 * The records that refer to `id`: the first `limit` of those the viewer may see by id, how many it
 * may see, and how many there are in all, so that a refusal can count the others without naming them.
 */
export async function findReferrers(
  db: Db,
  processId: string,
  id: string,
  viewer: Viewer,
  limit = 10,
): Promise<{ visible: string[]; visibleCount: number; total: number }> {
  const referring = db
    .selectFrom("record")
    .where("process_id", "=", processId)
    .where(sql<boolean>`refs @> ARRAY[${id}]::text[]`)
    .where("id", "!=", id);
  const rows = await referring
    .select("id")
    .where(visibleTo(viewer))
    .orderBy("id")
    .limit(limit)
    .execute();
  const counts = await referring
    .select([
      (eb) => eb.fn.countAll<string>().as("total"),
      sql<string>`count(*) FILTER (WHERE ${visibleTo(viewer)})`.as("visible"),
    ])
    .executeTakeFirstOrThrow();
  return {
    visible: rows.map((row) => row.id),
    visibleCount: Number(counts.visible),
    total: Number(counts.total),
  };
}

export type ListFilters = RecordFilters & {
  type: string;
  /** The kind's sort key is the start of its date (KindDefinition.sortsByDate). */
  sortsByDate?: boolean;
  after?: { sort_key: string; id: string } | undefined;
  descending?: boolean;
  limit: number;
};

/**
 * A page of records in a stable order (sort key, then id), continuing after a cursor. Fetches one
 * row more than asked so the caller knows whether another page exists.
 *
 * A kind sorted by date, listed in a date window, is read in slices of that window from the end the
 * page starts at (a 64th, an eighth, then all of it) until one holds a page: a page of the
 * first weeks of a year's window needs only those weeks' candidates from the space-time index. The
 * records of the window whose sort key (their start) lies before the slice's end, oldest first,
 * are exactly those of the slice [from, end); newest first, those of [start, to) whose own start
 * is at or after the slice's start.
 */
export async function listRecords(
  db: Db,
  processId: string,
  viewer: Viewer,
  filters: ListFilters,
): Promise<Array<StoredRecord & { sort_key: string }>> {
  if (!filters.sortsByDate || filters.from === undefined || filters.to === undefined)
    return listPage(db, processId, viewer, filters);
  const from = Date.parse(filters.from);
  const to = Date.parse(filters.to);
  for (let span = Math.max(DAY_MS, (to - from) / 64); ; span *= 8) {
    if (span >= to - from) return listPage(db, processId, viewer, filters);
    const edge = new Date(filters.descending ? to - span : from + span).toISOString();
    const rows = await listPage(
      db,
      processId,
      viewer,
      filters.descending ? { ...filters, from: edge } : { ...filters, to: edge },
      filters.descending ? edge : undefined,
    );
    if (rows.length > filters.limit) return rows;
  }
}

/**
 * One page: its ids first, on columns an index can hold (for incidents in a place and period the
 * covering index of migration 012, without reading the table), then only those rows.
 */
async function listPage(
  db: Db,
  processId: string,
  viewer: Viewer,
  filters: ListFilters,
  sortKeyFrom?: string,
): Promise<Array<StoredRecord & { sort_key: string }>> {
  let page = db
    .selectFrom("record")
    .select(["record.id", "record.sort_key"])
    .where("record.process_id", "=", processId)
    .where("record.type", "=", filters.type)
    .where(visibleTo(viewer))
    .where(matchFilters(filters));
  if (sortKeyFrom !== undefined) page = page.where("record.sort_key", ">=", sortKeyFrom);
  const direction = filters.descending ? "desc" : "asc";
  if (filters.after) {
    const { sort_key, id } = filters.after;
    page = page.where((eb) =>
      eb(
        eb.refTuple("record.sort_key", "record.id"),
        filters.descending ? "<" : ">",
        eb.tuple(sort_key, id),
      ),
    );
  }
  const rows = await db
    .selectFrom(
      page
        .orderBy("record.sort_key", direction)
        .orderBy("record.id", direction)
        .limit(filters.limit + 1)
        .as("page"),
    )
    .innerJoin("record", (join) =>
      join.onRef("record.id", "=", "page.id").on("record.process_id", "=", processId),
    )
    .select([...COLUMNS, "record.sort_key"])
    .orderBy("page.sort_key", direction)
    .orderBy("page.id", direction)
    .execute();
  return rows as Array<StoredRecord & { sort_key: string }>;
}

/** Every record of a process in load order within each kind, in pages, for export and verify. */
export async function* iterateRecords(
  db: Db,
  processId: string,
  viewer: Viewer,
  pageSize = 1000,
): AsyncGenerator<StoredRecord> {
  let after: string | undefined;
  for (;;) {
    let query = db
      .selectFrom("record")
      .select(COLUMNS)
      .where("record.process_id", "=", processId)
      .where(visibleTo(viewer));
    if (after !== undefined) query = query.where("record.id", ">", after);
    const rows = (await query.orderBy("record.id").limit(pageSize).execute()) as StoredRecord[];
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < pageSize || last === undefined) return;
    after = last.id;
  }
}

export async function countRecords(
  db: Db,
  processId: string,
  viewer: Viewer,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("record")
    .select(["record.type", (eb) => eb.fn.countAll<string>().as("n")])
    .where("record.process_id", "=", processId)
    .where(visibleTo(viewer))
    .groupBy("record.type")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.type, Number(row.n)]));
}
