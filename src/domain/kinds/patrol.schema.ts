import { z } from "zod";
import { dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { GeometrySchema, PlaceSchema } from "../place.ts";
import { RecordIdSchema, SourceIdsSchema } from "../record.ts";

/** A monitor's report of a patrol or a shift at a post: what was observed where. */
export const PatrolSchema = z
  .object({
    date: FuzzyDateSchema,
    reported_by: RecordIdSchema,
    post_id: RecordIdSchema.optional(),
    place: PlaceSchema.optional(),
    route: GeometrySchema.optional(),
    observations: z.string().trim().min(1).max(20_000),
    incident_ids: z.array(RecordIdSchema).max(100).default([]),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type Patrol = z.infer<typeof PatrolSchema>;

export const patrolKind = defineKind({
  type: "patrol",
  path: "patrols",
  title: "Patrol and observation reports",
  label: { one: "patrol", other: "patrols" },
  list: { columns: ["date", "reported_by", "post_id", "observations"] },
  schema: PatrolSchema,
  filterValues: {},
  access: { monitors: true },
  references: (p) =>
    referencesIn(p, {
      reported_by: ["actor", "body"],
      post_id: ["post"],
      incident_ids: ["incident"],
      source_ids: ["source"],
    }),
  index: (p) => ({
    date: p.date,
    place: p.place,
    geometry: p.route,
    sort_key: dateBounds(p.date).start,
    text: [p.observations, p.place?.name],
  }),
});
