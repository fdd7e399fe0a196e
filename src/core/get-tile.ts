import { z } from "zod";
import type { Viewer } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { kindByPath, kindByType } from "../domain/kinds/index.ts";
import { RecordIdSchema } from "../domain/record.ts";
import { groupShift, isTile, tileCellRange } from "../domain/tiles.ts";
import {
  groupTileLevel,
  groupTileRollup,
  LEVEL_SHIFTS,
  ROLLUP_SHIFT,
  type RollupGroup,
} from "../store/tile-rollup.repository.ts";
import { groupTileCells, type TileGroup } from "../store/tiles.repository.ts";
import { boundsOf, checkWindow, DateParamSchema, parseQuery } from "./query-params.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

export const TileQuerySchema = z
  .object({
    type: z
      .string()
      .max(40)
      .default("incident")
      .describe("the kind of record: incident, post, hazard..."),
    from: DateParamSchema.optional(),
    to: DateParamSchema.optional(),
    kind: z.string().max(60).optional(),
    verification: z.string().max(60).optional(),
    actor: RecordIdSchema.optional(),
  })
  .strict();

export type TileFeature = {
  type: "Feature";
  id?: string;
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: Record<string, unknown>;
};

/**
 * One map tile of clustered points, as a GeoJSON FeatureCollection: the records of a kind located
 * at a point inside tile z/x/y, grouped on an 8 × 8 grid; a group of one is the record itself.
 * Records known only to a region without coordinates are not on the map.
 */
export async function getTile(
  services: Services,
  slug: string,
  tile: { z: number; x: number; y: number },
  query: unknown,
  viewer: Viewer,
): Promise<{ type: "FeatureCollection"; features: TileFeature[] }> {
  const q = parseQuery(TileQuerySchema, query);
  checkWindow(q);
  if (!isTile(tile.z, tile.x, tile.y)) {
    throw new DomainError(
      "bad_request",
      `${tile.z}/${tile.x}/${tile.y} is not a tile (zoom 0 to 20)`,
      {
        issues: [{ path: "z/x/y", message: "not a tile", value: `${tile.z}/${tile.x}/${tile.y}` }],
      },
    );
  }
  const kind = kindByType(q.type) ?? kindByPath(q.type);
  if (!kind) {
    throw new DomainError("bad_request", `No kind of record is called "${q.type}"`, {
      issues: [{ path: "type", message: "not a kind of record", value: q.type }],
    });
  }
  await requireProcess(services, slug);
  const { first, last } = tileCellRange(tile.z, tile.x, tile.y);
  const shift = groupShift(tile.z);
  const filters = {
    from: q.from ? boundsOf(q.from).start : undefined,
    to: q.to ? boundsOf(q.to).end : undefined,
    kind: q.kind,
    verification: q.verification,
    actor: q.actor,
  };
  const db = services.store.db;
  const cells = { type: kind.type, first, last, shift, filters };
  // A tile without filters up to zoom 13 sums the coarsest level of tile_rollup_level no finer
  // than its grid; one filtered by kind or verification up to zoom 9 sums tile_rollup, split by
  // them; the rest group the points themselves. All give the same groups.
  const level = LEVEL_SHIFTS.find((candidate) => candidate <= shift);
  const isUndatedAndAnyActor = !q.from && !q.to && !q.actor;
  const isUnfiltered = isUndatedAndAnyActor && !q.kind && !q.verification;
  const isRolledUp = shift >= ROLLUP_SHIFT && isUndatedAndAnyActor;
  const groups =
    isUnfiltered && level !== undefined
      ? await withSingles(
          db,
          slug,
          viewer,
          cells,
          await groupTileLevel(db, slug, viewer, { type: kind.type, level, first, last, shift }),
        )
      : isRolledUp
        ? await withSingles(db, slug, viewer, cells, await rollupGroups(db, slug, viewer, cells))
        : await groupTileCells(db, slug, viewer, cells);
  return {
    type: "FeatureCollection",
    features: groups.map((group) =>
      group.count === 1
        ? {
            type: "Feature",
            id: group.id,
            geometry: { type: "Point", coordinates: [group.lon, group.lat] },
            properties: {
              id: group.id,
              type: kind.type,
              kind: group.kind,
              label: group.label,
              count: 1,
            },
          }
        : {
            type: "Feature",
            geometry: { type: "Point", coordinates: [round(group.lon), round(group.lat)] },
            properties: { cluster: true, count: group.count },
          },
    ),
  };
}

function round(degrees: number): number {
  return Math.round(degrees * 1e5) / 1e5;
}

/** A tile's groups from the zoom-12 rollup, with the kind and verification filters it keeps. */
function rollupGroups(
  db: Services["store"]["db"],
  slug: string,
  viewer: Viewer,
  query: Parameters<typeof groupTileCells>[3],
): Promise<RollupGroup[]> {
  return groupTileRollup(db, slug, viewer, {
    type: query.type,
    first: Math.floor(query.first / 2 ** ROLLUP_SHIFT),
    last: Math.floor(query.last / 2 ** ROLLUP_SHIFT),
    shift: query.shift - ROLLUP_SHIFT,
    kind: query.filters.kind,
    verification: query.filters.verification,
  });
}

/**
 * Groups from a rollup, as a tile shows them. A group of one must still say which record it is:
 * those are looked up among their own points, all in one query.
 */
async function withSingles(
  db: Services["store"]["db"],
  slug: string,
  viewer: Viewer,
  query: Parameters<typeof groupTileCells>[3],
  groups: readonly RollupGroup[],
): Promise<TileGroup[]> {
  const singles = groups.filter((group) => group.count === 1).map((group) => group.group);
  const found =
    singles.length === 0
      ? []
      : await groupTileCells(db, slug, viewer, { ...query, groups: singles });
  const byGroup = new Map(found.map((single) => [single.group, single]));
  return groups.map(
    (group) =>
      (group.count === 1 ? byGroup.get(group.group) : undefined) ?? {
        ...group,
        id: "",
        label: null,
        kind: null,
      },
  );
}
