import { type RawBuilder, sql } from "kysely";
import { DAY_MS } from "../domain/fuzzy-date.ts";

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
  // Written in the terms of the space-time GiST index (migration 007): overlap of [start, end) spans
  // and of boxes is exactly "ends after from, starts before to" and "box intersects bbox", which
  // finds lines and areas as well as points.
  if (filters.from !== undefined || filters.to !== undefined) {
    parts.push(
      sql`${col("date_start")} IS NOT NULL AND tstzrange(${col("date_start")}, ${col("date_end")}) && tstzrange(${filters.from ?? null}::timestamptz, ${filters.to ?? null}::timestamptz)`,
    );
  }
  const box = filters.bbox;
  if (box) {
    parts.push(
      sql`box(point(${col("west")}, ${col("south")}), point(${col("east")}, ${col("north")})) && box(point(${box.west}, ${box.south}), point(${box.east}, ${box.north}))`,
    );
  }
  if (box || filters.from !== undefined || filters.to !== undefined)
    parts.push(inSpaceTime(filters, col));
  if (filters.kind !== undefined) parts.push(sql`${col("kind")} = ${filters.kind}`);
  if (filters.verification !== undefined)
    parts.push(sql`${col("verification")} = ${filters.verification}`);
  if (filters.q !== undefined) parts.push(matchText(filters.q, col("search")));
  for (const target of [filters.actor, filters.refersTo]) {
    if (target === undefined) continue;
    parts.push(sql`${col("refs")} @> ARRAY[${target}]::text[]`);
  }
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * Full text in web search syntax, where the words as typed also match as the starts of words
 * ("Sot" finds "Sotk"), so a picker finds a record while its name is being typed. A query with
 * web search operators (quotes, OR, a leading minus) means them exactly and gets no prefixes.
 */
function matchText(q: string, search: RawBuilder<unknown>): RawBuilder<boolean> {
  const exact = sql<boolean>`${search} @@ websearch_to_tsquery('simple', ${q})`;
  const words = /["]|(^|\s)-|\bor\b/i.test(q) ? [] : (q.match(/[\p{L}\p{N}]+/gu) ?? []);
  if (words.length === 0) return exact;
  // Letters and digits only: nothing to_tsquery would read as an operator.
  const prefixes = words.map((word) => `${word.toLowerCase()}:*`).join(" & ");
  return sql<boolean>`(${exact} OR ${search} @@ to_tsquery('simple', ${prefixes}))`;
}

/** Far beyond any longitude, latitude or day: the open end of an axis the filter leaves free. */
const OPEN = 1e9;

/**
 * The bbox and dates as one condition on the three-dimensional index of migration 012. It is
 * looser than the exact conditions beside it (closed intervals where the span is half-open), so it
 * only narrows what the index reads; the exact ones decide.
 */
function inSpaceTime(
  filters: RecordFilters,
  col: (name: string) => RawBuilder<unknown>,
): RawBuilder<boolean> {
  const box = filters.bbox;
  const low = [
    box?.west ?? -OPEN,
    box?.south ?? -OPEN,
    filters.from === undefined ? -OPEN : Date.parse(filters.from) / DAY_MS,
  ];
  const high = [
    box?.east ?? OPEN,
    box?.north ?? OPEN,
    filters.to === undefined ? OPEN : Date.parse(filters.to) / DAY_MS,
  ];
  return sql<boolean>`space_time(${col("west")}, ${col("south")}, ${col("east")}, ${col("north")}, ${col("date_start")}, ${col("date_end")}) && cube(${low}::float8[], ${high}::float8[])`;
}
