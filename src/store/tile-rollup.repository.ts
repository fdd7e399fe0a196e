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
 * Applies deltas to the rollup in one statement: summed per key first, then added to the stored
 * counts (rows reaching zero are removed).
 */
export async function adjustTileRollup(
  tx: Transaction<Database>,
  processId: string,
  deltas: readonly RollupDelta[],
): Promise<void> {
  if (deltas.length === 0) return;
  const byKey = new Map<
    string,
    {
      type: string;
      cell12: number;
      kind: string;
      verification: string;
      visibility: string;
      restricted_to: string;
      count: number;
      sum_lon: number;
      sum_lat: number;
    }
  >();
  for (const d of deltas) {
    const row = {
      type: d.type,
      cell12: Math.floor(d.cell / 2 ** ROLLUP_SHIFT),
      kind: d.kind ?? "",
      verification: d.verification ?? "",
      visibility: d.visibility,
      restricted_to: d.restricted_to ?? "",
    };
    const key = JSON.stringify(row);
    const sum = byKey.get(key) ?? { ...row, count: 0, sum_lon: 0, sum_lat: 0 };
    sum.count += d.sign;
    sum.sum_lon += d.sign * d.lon;
    sum.sum_lat += d.sign * d.lat;
    byKey.set(key, sum);
  }
  const rows = [...byKey.values()]
    .filter((row) => row.count !== 0)
    .map((row) => ({ process_id: processId, ...row }));
  for (let start = 0; start < rows.length; start += 5000) {
    await tx
      .insertInto("tile_rollup")
      .values(rows.slice(start, start + 5000))
      .onConflict((oc) =>
        oc
          .columns([
            "process_id",
            "type",
            "cell12",
            "kind",
            "verification",
            "visibility",
            "restricted_to",
          ])
          .doUpdateSet({
            count: sql`tile_rollup.count + excluded.count`,
            sum_lon: sql`tile_rollup.sum_lon + excluded.sum_lon`,
            sum_lat: sql`tile_rollup.sum_lat + excluded.sum_lat`,
          }),
      )
      .execute();
  }
  await tx
    .deleteFrom("tile_rollup")
    .where("process_id", "=", processId)
    .where("count", "<=", 0)
    .execute();
  await adjustLevels(tx, processId, deltas);
}

/** The same deltas applied to every level of tile_rollup_level (not split by kind and verification). */
async function adjustLevels(
  tx: Transaction<Database>,
  processId: string,
  deltas: readonly RollupDelta[],
): Promise<void> {
  const byKey = new Map<string, TileRollupLevelRow>();
  for (const shift of LEVEL_SHIFTS) {
    for (const d of deltas) {
      const cell = Math.floor(d.cell / 2 ** shift);
      const restricted_to = d.restricted_to ?? "";
      const key = `${d.type}\n${shift}\n${cell}\n${d.visibility}\n${restricted_to}`;
      const sum = byKey.get(key) ?? {
        process_id: processId,
        type: d.type,
        shift,
        cell,
        visibility: d.visibility,
        restricted_to,
        count: 0,
        sum_lon: 0,
        sum_lat: 0,
      };
      sum.count += d.sign;
      sum.sum_lon += d.sign * d.lon;
      sum.sum_lat += d.sign * d.lat;
      byKey.set(key, sum);
    }
  }
  const rows = [...byKey.values()].filter((row) => row.count !== 0);
  if (rows.length === 0) return;
  await insertJsonRows(tx, "tile_rollup_level", LEVEL_COLUMNS, rows, LEVEL_CONFLICT);
  await tx
    .deleteFrom("tile_rollup_level")
    .where("process_id", "=", processId)
    .where("count", "<=", 0)
    .execute();
}

type TileRollupLevelRow = {
  process_id: string;
  type: string;
  shift: number;
  cell: number;
  visibility: string;
  restricted_to: string;
  count: number;
  sum_lon: number;
  sum_lat: number;
};

const LEVEL_COLUMNS: readonly BulkColumn[] = [
  { name: "process_id", type: "text" },
  { name: "type", type: "text" },
  { name: "shift", type: "smallint" },
  { name: "cell", type: "bigint" },
  { name: "visibility", type: "text" },
  { name: "restricted_to", type: "text" },
  { name: "count", type: "integer" },
  { name: "sum_lon", type: "double precision" },
  { name: "sum_lat", type: "double precision" },
];

const LEVEL_CONFLICT = `ON CONFLICT (process_id, type, shift, cell, visibility, restricted_to)
  DO UPDATE SET count = tile_rollup_level.count + excluded.count,
    sum_lon = tile_rollup_level.sum_lon + excluded.sum_lon,
    sum_lat = tile_rollup_level.sum_lat + excluded.sum_lat`;

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
  return rows.map((row) => ({
    group: Number(row.group),
    count: Number(row.count),
    lon: Number(row.lon),
    lat: Number(row.lat),
  }));
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
  return rows.map((row) => ({
    group: Number(row.group),
    count: Number(row.count),
    lon: Number(row.lon),
    lat: Number(row.lat),
  }));
}
