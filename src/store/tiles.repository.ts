import { type Kysely, sql, type Transaction } from "kysely";
import type { Viewer } from "../domain/access.ts";
import { matchFilters, type RecordFilters } from "./record-filters.ts";
import type { Database } from "./schema.ts";
import { visibleTo } from "./scope.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type TileGroup = {
  /** The group's cells shifted right by the tile's grid shift. */
  group: number;
  count: number;
  lon: number;
  lat: number;
  /** For a group of one: the record it is. */
  id: string;
  label: string | null;
  kind: string | null;
};

/**
 * The located records of one kind inside a tile's cell range, grouped by the cell prefix that
 * makes the tile's clustering grid: one indexed range scan and one GROUP BY. Groups carry their
 * count and mean position; a group of one also says which record it is.
 */
export async function groupTileCells(
  db: Db,
  processId: string,
  viewer: Viewer,
  query: {
    type: string;
    first: number;
    last: number;
    shift: number;
    filters: RecordFilters;
    /** Only these groups (cells >> shift), when given. */
    groups?: readonly number[];
  },
): Promise<TileGroup[]> {
  const rows = await db
    .selectFrom("record")
    .select([
      sql<string>`record.cell >> ${sql.lit(query.shift)}`.as("group"),
      sql<string>`count(*)`.as("count"),
      sql<number>`avg(record.west)`.as("lon"),
      sql<number>`avg(record.south)`.as("lat"),
      sql<string>`min(record.id)`.as("id"),
      sql<string | null>`min(coalesce(record.body->>'title', record.body->>'name'))`.as("label"),
      sql<string | null>`min(record.kind)`.as("kind"),
    ])
    .where("record.process_id", "=", processId)
    .where("record.type", "=", query.type)
    .where(sql<boolean>`record.cell BETWEEN ${query.first} AND ${query.last}`)
    .where(
      query.groups
        ? sql<boolean>`record.cell >> ${sql.lit(query.shift)} = ANY(${query.groups.map(String)}::bigint[])`
        : sql<boolean>`true`,
    )
    .where(visibleTo(viewer))
    .where(matchFilters(query.filters))
    .groupBy(sql`record.cell >> ${sql.lit(query.shift)}`)
    .execute();
  return rows.map((row) => ({
    group: Number(row.group),
    count: Number(row.count),
    lon: Number(row.lon),
    lat: Number(row.lat),
    id: row.id,
    label: row.label,
    kind: row.kind,
  }));
}
