import { z } from "zod";
import { LocalizedNamesSchema } from "./names.ts";
import { RecordIdSchema } from "./record.ts";

/**
 * How exactly a place is known, from a surveyed point to a whole country (ACLED geo_precision and UCDP
 * where_prec map onto these). Coordinates of a coarse place are that area's representative point,
 * never a guess at where inside it something happened.
 */
export const PLACE_PRECISIONS = ["exact", "settlement", "district", "region", "country"] as const;
export type PlacePrecision = (typeof PLACE_PRECISIONS)[number];

export const LatitudeSchema = z.number().min(-90).max(90);
export const LongitudeSchema = z.number().min(-180).max(180);

export const PlaceSchema = z
  .object({
    name: z.string().min(1).max(200),
    names: LocalizedNamesSchema.optional(),
    precision: z.enum(PLACE_PRECISIONS),
    lat: LatitudeSchema.optional(),
    lon: LongitudeSchema.optional(),
    admin1: z.string().max(200).optional(),
    admin2: z.string().max(200).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code")
      .optional(),
    place_id: RecordIdSchema.optional().describe(
      "the process's place record this is, if it has one",
    ),
  })
  .strict()
  .refine((p) => (p.lat === undefined) === (p.lon === undefined), {
    message: "lat and lon come together",
    path: ["lon"],
  });
export type Place = z.infer<typeof PlaceSchema>;

const Position = z.tuple([LongitudeSchema, LatitudeSchema]);

/** GeoJSON (RFC 7946) geometries a record may carry: lines for borders and routes, polygons for areas. */
export const GeometrySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Point"), coordinates: Position }).strict(),
  z
    .object({ type: z.literal("LineString"), coordinates: z.array(Position).min(2).max(100_000) })
    .strict(),
  z
    .object({
      type: z.literal("MultiLineString"),
      coordinates: z.array(z.array(Position).min(2)).min(1).max(10_000),
    })
    .strict(),
  z
    .object({
      type: z.literal("Polygon"),
      coordinates: z.array(z.array(Position).min(4)).min(1).max(10_000),
    })
    .strict(),
  z
    .object({
      type: z.literal("MultiPolygon"),
      coordinates: z
        .array(z.array(z.array(Position).min(4)).min(1))
        .min(1)
        .max(10_000),
    })
    .strict(),
]);
export type Geometry = z.infer<typeof GeometrySchema>;

export type BoundingBox = { west: number; south: number; east: number; north: number };

/** The smallest lon/lat box around a geometry, for bbox filters on lines and areas. */
export function geometryBounds(geometry: Geometry): BoundingBox {
  const box = { west: 180, south: 90, east: -180, north: -90 };
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === "number") {
      const [lon, lat] = value as [number, number];
      box.west = Math.min(box.west, lon);
      box.east = Math.max(box.east, lon);
      box.south = Math.min(box.south, lat);
      box.north = Math.max(box.north, lat);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    }
  };
  visit(geometry.coordinates);
  return box;
}

/** Parses `w,s,e,n`; returns null when it is not four numbers within the world. */
export function parseBoundingBox(text: string): BoundingBox | null {
  const parts = text.split(",").map((part) => Number(part.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return null;
  const [west = 0, south = 0, east = 0, north = 0] = parts;
  const isInside = Math.abs(west) <= 180 && Math.abs(east) <= 180 && Math.abs(south) <= 90;
  if (!isInside || Math.abs(north) > 90 || south > north) return null;
  return { west, south, east, north };
}
