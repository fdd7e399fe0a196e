import { z } from "zod";
import { defineKind, referencesIn } from "../kind.ts";
import { LocalizedNamesSchema } from "../names.ts";
import { GeometrySchema, LatitudeSchema, LongitudeSchema, PLACE_PRECISIONS } from "../place.ts";
import { LongTextSchema, RecordIdSchema, ShortTextSchema, SourceIdsSchema } from "../record.ts";

/**
 * What a place is; reporting names each of these differently ("the X district", "the
 * transitional zone of ..."). A zone is an area set up by an agreement (a demilitarised or
 * transitional zone); a site is a camp, a base or a facility; a crossing a bridge, checkpoint or pass.
 */
export const PLACE_KINDS = [
  "city",
  "town",
  "village",
  "district",
  "province",
  "region",
  "area",
  "zone",
  "site",
  "crossing",
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Other spellings, transliterations, older names and abbreviations, matched like its name. */
export const AliasesSchema = z.array(z.string().trim().min(1).max(300)).max(100);

const AreaSchema = GeometrySchema.refine(
  (g) => g.type === "Polygon" || g.type === "MultiPolygon",
  "a Polygon or MultiPolygon",
);

/**
 * A place of the process's own gazetteer: what extraction, the pickers and the importers look up
 * first, before the world gazetteer. Other records keep their inline place (name, precision,
 * point) and may name this one by `place_id`.
 */
export const PlaceRecordSchema = z
  .object({
    name: ShortTextSchema.describe("the name records use"),
    kind: z.enum(PLACE_KINDS),
    precision: z
      .enum(PLACE_PRECISIONS)
      .describe("how exactly its point stands for it: a settlement's centre, a district's"),
    names: LocalizedNamesSchema.optional().describe(
      "its name in other languages and scripts, by BCP 47 tag (sr-Latn: Serbian in Latin letters)",
    ),
    side_names: z
      .record(RecordIdSchema, z.string().trim().min(1).max(300))
      .refine((names) => Object.keys(names).length <= 20, "at most 20 sides")
      .optional()
      .describe("the name each side uses, by the side's actor id, where the sides differ"),
    aliases: AliasesSchema.default([]).describe(
      "other spellings, transliterations, older names and abbreviations met in reporting",
    ),
    lat: LatitudeSchema.optional(),
    lon: LongitudeSchema.optional(),
    admin1: z.string().max(200).optional().describe("the province, department or region it is in"),
    admin2: z.string().max(200).optional().describe("the district or municipality it is in"),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code")
      .optional(),
    area: AreaSchema.optional().describe("its outline, where one is drawn"),
    district_id: RecordIdSchema.optional().describe(
      "the district named after this town: 'X district' in a text is that district",
    ),
    capital_of: z
      .string()
      .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code")
      .optional()
      .describe(
        "the country whose government its name stands for in reporting ('the capital said')",
      ),
    geonames_id: z.number().int().positive().optional().describe("its GeoNames id, if it has one"),
    description: LongTextSchema.optional(),
    source_ids: SourceIdsSchema,
  })
  .strict()
  .refine((p) => (p.lat === undefined) === (p.lon === undefined), {
    message: "lat and lon come together",
    path: ["lon"],
  });
export type PlaceRecord = z.infer<typeof PlaceRecordSchema>;

export const placeKind = defineKind({
  type: "place",
  path: "places",
  title: "The process's own gazetteer: places with their names in each language and side",
  label: { one: "place", other: "places" },
  list: { columns: ["name", "kind", "precision", "admin1", "country"] },
  schema: PlaceRecordSchema,
  filterValues: { kind: PLACE_KINDS },
  references: (p) => [
    ...referencesIn(p, { district_id: ["place"], source_ids: ["source"] }),
    ...Object.keys(p.side_names ?? {}).map((side) => ({
      field: `side_names.${side}`,
      to_id: side,
      to_types: ["actor"] as const,
    })),
  ],
  index: (p) => ({
    kind: p.kind,
    place: {
      name: p.name,
      precision: p.precision,
      ...(p.lat !== undefined && p.lon !== undefined ? { lat: p.lat, lon: p.lon } : {}),
    },
    geometry: p.area,
    sort_key: p.name.toLowerCase(),
    text: [
      p.name,
      p.admin1,
      p.admin2,
      ...Object.values(p.names ?? {}),
      ...Object.values(p.side_names ?? {}),
      ...p.aliases,
    ],
  }),
});
