import { z } from "zod";
import type { Viewer } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { LanguageTagSchema } from "../domain/process.schema.ts";
import {
  Gazetteer,
  type GazetteerEntry,
  type GazetteerMatch,
  type PlaceRecordWithId,
  placesFor,
  precisionOfKind,
} from "../geo/gazetteer.ts";
import { worldGazetteer } from "../geo/world-gazetteer.ts";
import { exportRecords } from "./export-records.ts";
import { parseQuery } from "./query-params.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/** The process's place records the viewer may see, as the store holds them. */
export async function processPlaceRecords(
  services: Services,
  slug: string,
  viewer: Viewer,
): Promise<PlaceRecordWithId[]> {
  const places: PlaceRecordWithId[] = [];
  for await (const record of exportRecords(services, slug, viewer, ["place"])) {
    places.push(record as unknown as PlaceRecordWithId);
  }
  return places;
}

function countriesOf(process: { body: Record<string, unknown> }): string[] {
  const countries = process.body.countries;
  return Array.isArray(countries)
    ? countries.filter((c): c is string => typeof c === "string")
    : [];
}

/**
 * A process's gazetteer: its own places (those the viewer may see) first, then the world's,
 * the process's countries first among them. The world gazetteer is read on the first call.
 */
export async function processGazetteer(
  services: Services,
  slug: string,
  viewer: Viewer,
  options: { withWorld?: boolean } = {},
): Promise<Gazetteer> {
  const process = await requireProcess(services, slug);
  const own = placesFor(await processPlaceRecords(services, slug, viewer));
  const world = options.withWorld === false ? undefined : worldGazetteer();
  return new Gazetteer(own, world, countriesOf(process));
}

/**
 * The world's places in the process's countries (or, with none listed, inside its map's box),
 * for extraction to find after the process's own: towns of at least `minPopulation` people.
 */
export async function worldPlacesOfProcess(
  services: Services,
  slug: string,
  minPopulation = 1000,
): Promise<GazetteerEntry[]> {
  const process = await requireProcess(services, slug);
  const countries = countriesOf(process);
  const bbox = process.body.bbox;
  const box =
    Array.isArray(bbox) && bbox.length === 4 && bbox.every((n) => typeof n === "number")
      ? (bbox as [number, number, number, number])
      : undefined;
  if (countries.length === 0 && box === undefined) return [];
  return worldGazetteer().within({
    countries,
    ...(countries.length === 0 && box ? { bbox: box } : {}),
    minPopulation,
  });
}

export const GazetteerQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(200).optional().describe("a name, alias or its start"),
    near: z
      .string()
      .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, "lat,lon in degrees")
      .optional()
      .describe("lat,lon: the places nearest this point"),
    lang: LanguageTagSchema.optional().describe("the language to label places in"),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    world: z.enum(["true", "false"]).default("true").describe("false: the process's places only"),
  })
  .strict()
  .refine((q) => (q.q === undefined) !== (q.near === undefined), {
    message: "give either q (a name) or near (lat,lon), not both",
    path: ["q"],
  });

/** A place a search found, as the API answers it. */
export type GazetteerHit = {
  source: "process" | "world";
  id?: string;
  name: string;
  label: string;
  matched?: string;
  kind: string;
  precision: string;
  lat?: number;
  lon?: number;
  country?: string;
  admin1?: string;
  geonames_id?: number;
  population?: number;
  distance_km?: number;
};

function hitOf(m: GazetteerMatch): GazetteerHit {
  const e = m.entry;
  const hit: GazetteerHit = {
    source: m.source,
    name: e.name,
    label: m.label,
    kind: e.kind,
    precision: e.precision ?? precisionOfKind(e.kind),
  };
  if (e.id) hit.id = e.id;
  if (m.matched && m.matched !== e.name) hit.matched = m.matched;
  if (e.lat !== undefined && e.lon !== undefined) {
    hit.lat = e.lat;
    hit.lon = e.lon;
  }
  if (e.country) hit.country = e.country;
  if (e.admin1) hit.admin1 = e.admin1;
  if (e.geonames_id) hit.geonames_id = e.geonames_id;
  if (e.population) hit.population = e.population;
  if (m.distance_km !== undefined) hit.distance_km = Math.round(m.distance_km * 10) / 10;
  return hit;
}

/**
 * Places for a picker: by name or alias in any language (`q`), or nearest a point (`near`); the
 * process's own places first, then the world gazetteer's, each with where it came from.
 */
export async function searchGazetteer(
  services: Services,
  slug: string,
  query: unknown,
  viewer: Viewer,
): Promise<{ places: GazetteerHit[] }> {
  const q = parseQuery(GazetteerQuerySchema, query);
  const gazetteer = await processGazetteer(services, slug, viewer, {
    withWorld: q.world === "true",
  });
  if (q.near !== undefined) {
    const [lat = 0, lon = 0] = q.near.split(",").map(Number);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      throw new DomainError("bad_request", "Invalid query: near: lat,lon within the world", {
        issues: [{ path: "near", message: "lat from -90 to 90, lon from -180 to 180" }],
      });
    }
    return { places: gazetteer.nearest(lat, lon, { limit: q.limit }).map(hitOf) };
  }
  const matches = gazetteer.search(q.q ?? "", {
    limit: q.limit,
    ...(q.lang ? { language: q.lang } : {}),
  });
  return { places: matches.map(hitOf) };
}

/**
 * Names a dataset row's inline places after the process's own place records: a record whose
 * `place` (or `to_place`) has the name or an alias of one of them, in the same country where both
 * say one, gets its `place_id`; the inline place (the row's point and precision) stays as the row
 * gave it. Returns the record as it is when nothing matches, and counts what it matched.
 */
export async function processPlaceMatcher(
  services: Services,
  slug: string,
  viewer: Viewer,
): Promise<{ match(record: Record<string, unknown>): Record<string, unknown>; matched(): number }> {
  const own = placesFor(await processPlaceRecords(services, slug, viewer));
  const gazetteer = new Gazetteer(own);
  let matched = 0;
  const idFor = (place: Record<string, unknown>): string | undefined => {
    if (typeof place.name !== "string" || place.place_id !== undefined) return undefined;
    const hit = gazetteer.lookup(place.name);
    const country = typeof place.country === "string" ? place.country : undefined;
    if (!hit?.entry.id) return undefined;
    if (country && hit.entry.country && country !== hit.entry.country) return undefined;
    return hit.entry.id;
  };
  return {
    match(record) {
      if (own.length === 0) return record;
      let out = record;
      for (const field of ["place", "to_place"]) {
        const place = record[field];
        if (typeof place !== "object" || place === null || Array.isArray(place)) continue;
        const id = idFor(place as Record<string, unknown>);
        if (id === undefined) continue;
        out = { ...out, [field]: { ...place, place_id: id } };
        matched += 1;
      }
      return out;
    },
    matched: () => matched,
  };
}
