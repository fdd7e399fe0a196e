import { z } from "zod";
import { DomainError } from "../domain/errors.ts";
import { kindByPath, kindByType } from "../domain/kinds/index.ts";
import { RecordIdSchema } from "../domain/record.ts";
import { groupShift, isTile, tileCellRange } from "../domain/tiles.ts";
import type { Viewer } from "../store/scope.ts";
import { groupTileCells } from "../store/tiles.repository.ts";
import { boundsOf, DateParamSchema, parseQuery } from "./query-params.ts";
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
  const groups = await groupTileCells(services.store.db, slug, viewer, {
    type: kind.type,
    first,
    last,
    shift: groupShift(tile.z),
    filters: {
      from: q.from ? boundsOf(q.from).start : undefined,
      to: q.to ? boundsOf(q.to).end : undefined,
      kind: q.kind,
      verification: q.verification,
      actor: q.actor,
    },
  });
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
