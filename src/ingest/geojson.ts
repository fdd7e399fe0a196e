import { z } from "zod";
import { DomainError } from "../domain/errors.ts";
import { kindByType } from "../domain/kinds/index.ts";
import type { Geometry } from "../domain/place.ts";

/**
 * The geometry a record is mapped by: its line or area where it has one, else its place's point.
 * Records known only to district or region precision without coordinates have none.
 */
export function geometryOf(record: Record<string, unknown>): Geometry | null {
  const kind = typeof record.type === "string" ? kindByType(record.type) : undefined;
  if (!kind) return null;
  const fields = kind.index(record);
  if (fields.geometry) return fields.geometry;
  const place = fields.place;
  if (place?.lat !== undefined && place.lon !== undefined)
    return { type: "Point", coordinates: [place.lon, place.lat] };
  return null;
}

/**
 * Writes records as an RFC 7946 FeatureCollection. The whole record goes in `properties` (with its
 * `type`), so a Truce GeoJSON file comes back in unchanged; records with no geometry are left out.
 */
export async function* writeGeoJson(
  records: AsyncIterable<Record<string, unknown>>,
): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let isFirst = true;
  for await (const record of records) {
    const geometry = geometryOf(record);
    if (!geometry) continue;
    yield `${isFirst ? "\n" : ",\n"}${JSON.stringify({ type: "Feature", id: record.id, geometry, properties: record })}`;
    isFirst = false;
  }
  yield "\n]}\n";
}

const FeatureCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z
      .object({
        type: z.literal("Feature"),
        properties: z.record(z.string(), z.unknown()).nullable(),
      })
      .loose(),
  ),
});

/** Reads a FeatureCollection whose features carry Truce records in their properties. */
export function parseGeoJson(text: string): Array<{ at: string; record: Record<string, unknown> }> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new DomainError("bad_request", `The file is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = FeatureCollectionSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError(
      "bad_request",
      `Not a GeoJSON FeatureCollection: ${issue?.path.join(".")}: ${issue?.message}`,
    );
  }
  return parsed.data.features.map((feature, index) => ({
    at: `feature ${index + 1}`,
    record: feature.properties ?? {},
  }));
}
