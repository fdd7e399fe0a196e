import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
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
    .where(query.groups ? inGroups(query.groups, query.shift) : sql<boolean>`true`)
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

/**
 * The cells of these groups as ranges the cell index reads one by one: a condition on `cell >>
 * shift` would read every point of the tile's range (10^5 in a dense zoom-9 tile) to find a few.
 */
function inGroups(groups: readonly number[], shift: number): RawBuilder<boolean> {
  const width = 2 ** shift;
  if (groups.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(
    groups.map((group) => sql`record.cell BETWEEN ${group * width} AND ${(group + 1) * width - 1}`),
    sql` OR `,
  )})`;
}
