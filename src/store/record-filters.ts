import { type RawBuilder, sql } from "kysely";

/** The filters every list, aggregation and map tile accepts, on the derived columns of `record`. */
export type RecordFilters = {
  /** Records whose date span ends after this instant (ISO). */
  from?: string | undefined;
  /** ...and starts before this one. */
  to?: string | undefined;
  bbox?: { west: number; south: number; east: number; north: number } | undefined;
  kind?: string | undefined;
  verification?: string | undefined;
  /** Full text, in web search syntax. */
  q?: string | undefined;
  /** Records that refer to this actor in any field. */
  actor?: string | undefined;
  /** Records that refer to this record. */
  refersTo?: string | undefined;
};

/** One SQL condition for all the filters given, on `record` or an alias of it. */
export function matchFilters(filters: RecordFilters, alias = "record"): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const parts: RawBuilder<unknown>[] = [];
  if (filters.from !== undefined)
    parts.push(sql`${col("date_end")} > ${filters.from}::timestamptz`);
  if (filters.to !== undefined) parts.push(sql`${col("date_start")} < ${filters.to}::timestamptz`);
  const box = filters.bbox;
  if (box) {
    // A record's box intersects the filter's box: this finds lines and areas as well as points.
    parts.push(
      sql`${col("east")} >= ${box.west} AND ${col("west")} <= ${box.east} AND ${col("north")} >= ${box.south} AND ${col("south")} <= ${box.north}`,
    );
  }
  if (filters.kind !== undefined) parts.push(sql`${col("kind")} = ${filters.kind}`);
  if (filters.verification !== undefined)
    parts.push(sql`${col("verification")} = ${filters.verification}`);
  if (filters.q !== undefined)
    parts.push(sql`${col("search")} @@ websearch_to_tsquery('simple', ${filters.q})`);
  for (const target of [filters.actor, filters.refersTo]) {
    if (target === undefined) continue;
    parts.push(sql`${col("refs")} @> ARRAY[${target}]::text[]`);
  }
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}
