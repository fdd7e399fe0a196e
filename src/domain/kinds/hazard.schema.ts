import { z } from "zod";
import { CountSchema } from "../figures.ts";
import { dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { GeometrySchema, PlaceSchema } from "../place.ts";
import { RecordIdSchema, ShortTextSchema, SourceIdsSchema } from "../record.ts";

export const HAZARD_STATUSES = ["suspected", "confirmed", "cleared", "cancelled"] as const;

/** A hazard area as mine action records it (IMSMA-like): suspected, confirmed, cleared. */
export const HazardSchema = z
  .object({
    name: ShortTextSchema,
    status: z.enum(HAZARD_STATUSES),
    contamination: z
      .array(z.enum(["mines", "uxo", "cluster_munitions", "ied", "unknown"]))
      .max(5)
      .default([]),
    place: PlaceSchema,
    area: GeometrySchema.optional(),
    area_m2: CountSchema.optional(),
    released_m2: CountSchema.optional().describe("area cleared or cancelled so far"),
    devices_found: CountSchema.optional(),
    operator_id: RecordIdSchema.optional().describe("who surveys or clears it"),
    reported_by: RecordIdSchema.optional().describe("whose figures these are"),
    as_of: FuzzyDateSchema,
    source_ids: SourceIdsSchema,
  })
  .strict()
  .refine((h) => h.reported_by !== undefined || h.source_ids.length > 0, {
    message: "a hazard area's figures name who reports them or a source",
    path: ["reported_by"],
  });
export type Hazard = z.infer<typeof HazardSchema>;

export const hazardKind = defineKind({
  type: "hazard",
  path: "hazards",
  title: "Hazard areas and their clearance",
  label: { one: "hazard area", other: "hazard areas" },
  list: { columns: ["name", "status", "place", "area_m2", "as_of"] },
  schema: HazardSchema,
  filterValues: { kind: HAZARD_STATUSES },
  access: { monitors: true },
  references: (h) =>
    referencesIn(h, {
      operator_id: ["actor", "body"],
      reported_by: ["actor", "body"],
      source_ids: ["source"],
    }),
  index: (h) => ({
    kind: h.status,
    date: h.as_of,
    place: h.place,
    geometry: h.area,
    sort_key: dateBounds(h.as_of).start,
    text: [h.name, h.place.name],
  }),
});
