import { type Kysely, sql, type Transaction } from "kysely";
import type { Viewer } from "../domain/access.ts";
import { type BulkColumn, insertJsonRows } from "./bulk-insert.ts";
import type { Database } from "./schema.ts";
import { visibleTo } from "./scope.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Bits between a record's zoom-20 cell and the zoom-12 cell the rollup counts by. */
export const ROLLUP_SHIFT = 16;

/** The levels of tile_rollup_level, coarsest first: zoom-10, -12, -14 and -16 cells. */
export const LEVEL_SHIFTS = [20, 16, 12, 8] as const;

/** What a located record adds to the rollup (or, negated, takes away). */
export type RollupDelta = {
  type: string;
  cell: number;
  kind: string | null;
  verification: string | null;
  visibility: string;
  restricted_to: string | null;
  lon: number;
  lat: number;
  sign: 1 | -1;
};

/**
 * Applies deltas to the rollups: tile_rollup (zoom-12 cells, split by kind and verification) and
 * every level of tile_rollup_level (not split).
 */
export async function adjustTileRollup(
  tx: Transaction<Database>,
  processId: string,
  deltas: readonly RollupDelta[],
): Promise<void> {
  if (deltas.length === 0) return;
  await addToRollup(tx, processId, "tile_rollup", ROLLUP_KEY, deltas, (d) => [
    {
      type: d.type,
      cell12: Math.floor(d.cell / 2 ** ROLLUP_SHIFT),
      kind: d.kind ?? "",
      verification: d.verification ?? "",
      visibility: d.visibility,
      restricted_to: d.restricted_to ?? "",
    },
  ]);
  await addToRollup(tx, processId, "tile_rollup_level", LEVEL_KEY, deltas, (d) =>
    LEVEL_SHIFTS.map((shift) => ({
      type: d.type,
      shift,
      cell: Math.floor(d.cell / 2 ** shift),
      visibility: d.visibility,
      restricted_to: d.restricted_to ?? "",
    })),
  );
}

/** A rollup row's key, in the order of its table's key columns. */
type RollupKey = Record<string, string | number>;

const ROLLUP_KEY: readonly BulkColumn[] = [
  { name: "type", type: "text" },
  { name: "cell12", type: "bigint" },
  { name: "kind", type: "text" },
  { name: "verification", type: "text" },
  { name: "visibility", type: "text" },
  { name: "restricted_to", type: "text" },
];

const LEVEL_KEY: readonly BulkColumn[] = [
  { name: "type", type: "text" },
  { name: "shift", type: "smallint" },
  { name: "cell", type: "bigint" },
  { name: "visibility", type: "text" },
  { name: "restricted_to", type: "text" },
];

/**
 * Sums the deltas per key of `table` (`keysOf` gives each delta's keys, one per row it touches),
 * adds the sums to the stored counts in one statement, and removes the rows that reach zero.
 * Table and key columns come from this file, never from input.
 */
async function addToRollup(
  tx: Transaction<Database>,
  processId: string,
  table: "tile_rollup" | "tile_rollup_level",
  key: readonly BulkColumn[],
  deltas: readonly RollupDelta[],
  keysOf: (delta: RollupDelta) => RollupKey[],
): Promise<void> {
  const sums = new Map<string, RollupKey & { count: number; sum_lon: number; sum_lat: number }>();
  for (const d of deltas) {
    for (const rowKey of keysOf(d)) {
      const id = JSON.stringify(Object.values(rowKey));
      const sum = sums.get(id) ?? { ...rowKey, count: 0, sum_lon: 0, sum_lat: 0 };
      sum.count += d.sign;
      sum.sum_lon += d.sign * d.lon;
      sum.sum_lat += d.sign * d.lat;
      sums.set(id, sum);
    }
  }
  // A record moved within one cell leaves the count as it was but not the coordinates' sums.
  const rows = [...sums.values()]
    .filter((row) => row.count !== 0 || row.sum_lon !== 0 || row.sum_lat !== 0)
    .map((row) => ({ process_id: processId, ...row }));
  if (rows.length === 0) return;
  const columns: BulkColumn[] = [
    { name: "process_id", type: "text" },
    ...key,
    { name: "count", type: "integer" },
    { name: "sum_lon", type: "double precision" },
    { name: "sum_lat", type: "double precision" },
  ];
  const conflict = `ON CONFLICT (process_id, ${key.map((column) => column.name).join(", ")})
    DO UPDATE SET count = ${table}.count + excluded.count,
      sum_lon = ${table}.sum_lon + excluded.sum_lon, sum_lat = ${table}.sum_lat + excluded.sum_lat`;
  await insertJsonRows(tx, table, columns, rows, conflict);
  await tx.deleteFrom(table).where("process_id", "=", processId).where("count", "<=", 0).execute();
}

/** The rollup's contribution of a stored record, read before it changes. */
export async function rollupKeyOf(
  tx: Transaction<Database>,
  processId: string,
  id: string,
): Promise<Omit<RollupDelta, "sign"> | undefined> {
  const row = await tx
    .selectFrom("record")
    .select([
      "type",
      "cell",
      "kind",
      "verification",
      "visibility",
      "restricted_to",
      "west",
      "south",
    ])
    .where("process_id", "=", processId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row || row.cell === null || row.west === null || row.south === null) return undefined;
  return {
    type: row.type,
    cell: Number(row.cell),
    kind: row.kind,
    verification: row.verification,
    visibility: row.visibility,
    restricted_to: row.restricted_to,
    lon: row.west,
    lat: row.south,
  };
}

export type RollupGroup = { group: number; count: number; lon: number; lat: number };

/** A summed row as the driver returns it (bigint sums as strings) made a group. */
function rollupGroupOf(row: {
  group: string;
  count: string;
  lon: number;
  lat: number;
}): RollupGroup {
  return {
    group: Number(row.group),
    count: Number(row.count),
    lon: Number(row.lon),
    lat: Number(row.lat),
  };
}

/** A tile's groups from the rollup: zoom-12 cells summed into the tile's grid. */
export async function groupTileRollup(
  db: Db,
  processId: string,
  viewer: Viewer,
  query: {
    type: string;
    first: number;
    last: number;
    shift: number;
    kind?: string | undefined;
    verification?: string | undefined;
  },
): Promise<RollupGroup[]> {
  let select = db
    .selectFrom("tile_rollup")
    .select([
      sql<string>`tile_rollup.cell12 >> ${sql.lit(query.shift)}`.as("group"),
      sql<string>`sum(tile_rollup.count)`.as("count"),
      sql<number>`sum(tile_rollup.sum_lon) / sum(tile_rollup.count)`.as("lon"),
      sql<number>`sum(tile_rollup.sum_lat) / sum(tile_rollup.count)`.as("lat"),
    ])
    .where("tile_rollup.process_id", "=", processId)
    .where("tile_rollup.type", "=", query.type)
    .where(sql<boolean>`tile_rollup.cell12 BETWEEN ${query.first} AND ${query.last}`)
    .where(visibleTo(viewer, "tile_rollup"));
  if (query.kind !== undefined) select = select.where("tile_rollup.kind", "=", query.kind);
  if (query.verification !== undefined)
    select = select.where("tile_rollup.verification", "=", query.verification);
  const rows = await select.groupBy(sql`1`).execute();
  return rows.map(rollupGroupOf);
}

/**
 * A tile's groups from tile_rollup_level: the cells of `level` (a shift of LEVEL_SHIFTS) summed into
 * the tile's grid; `first` and `last` are the tile's zoom-20 cells, `shift` its grid's.
 */
export async function groupTileLevel(
  db: Db,
  processId: string,
  viewer: Viewer,
  query: { type: string; level: number; first: number; last: number; shift: number },
): Promise<RollupGroup[]> {
  const rows = await db
    .selectFrom("tile_rollup_level")
    .select([
      sql<string>`tile_rollup_level.cell >> ${sql.lit(query.shift - query.level)}`.as("group"),
      sql<string>`sum(tile_rollup_level.count)`.as("count"),
      sql<number>`sum(tile_rollup_level.sum_lon) / sum(tile_rollup_level.count)`.as("lon"),
      sql<number>`sum(tile_rollup_level.sum_lat) / sum(tile_rollup_level.count)`.as("lat"),
    ])
    .where("tile_rollup_level.process_id", "=", processId)
    .where("tile_rollup_level.type", "=", query.type)
    .where("tile_rollup_level.shift", "=", query.level)
    .where(
      sql<boolean>`tile_rollup_level.cell BETWEEN ${Math.floor(query.first / 2 ** query.level)} AND ${Math.floor(query.last / 2 ** query.level)}`,
    )
    .where(visibleTo(viewer, "tile_rollup_level"))
    .groupBy(sql`1`)
    .execute();
  return rows.map(rollupGroupOf);
}
