import { dateBounds } from "./fuzzy-date.ts";
import type { KindDefinition } from "./kind.ts";
import { geometryBounds } from "./place.ts";
import { cellOf } from "./tiles.ts";

export type IndexColumns = {
  kind: string | null;
  date_start: string | null;
  date_end: string | null;
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  verification: string | null;
  /** Map cell (tiles.ts) of a record located at a point; null for lines, areas and unplaced records. */
  cell: number | null;
  sort_key: string;
  search_text: string;
};

/**
 * The columns a record is filtered and sorted by, derived from its fields by its kind. They are
 * derived, never written by clients, so they always agree with the record.
 */
export function indexColumns(kind: KindDefinition, body: unknown): IndexColumns {
  const fields = kind.index(body);
  const bounds = fields.date ? dateBounds(fields.date) : null;
  const box = fields.geometry
    ? geometryBounds(fields.geometry)
    : fields.place?.lat !== undefined && fields.place.lon !== undefined
      ? {
          west: fields.place.lon,
          east: fields.place.lon,
          south: fields.place.lat,
          north: fields.place.lat,
        }
      : null;
  return {
    kind: fields.kind ?? null,
    date_start: bounds?.start ?? null,
    date_end: bounds?.end ?? null,
    west: box?.west ?? null,
    south: box?.south ?? null,
    east: box?.east ?? null,
    north: box?.north ?? null,
    verification: fields.verification ?? null,
    cell:
      box && box.west === box.east && box.south === box.north ? cellOf(box.west, box.south) : null,
    sort_key: fields.sort_key,
    search_text: fields.text
      .filter((t): t is string => typeof t === "string" && t !== "")
      .join(" \n "),
  };
}
