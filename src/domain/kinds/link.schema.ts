import { z } from "zod";
import { FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { GeometrySchema, PlaceSchema } from "../place.ts";
import {
  ActorIdsSchema,
  LongTextSchema,
  RecordIdSchema,
  ShortTextSchema,
  SourceIdsSchema,
} from "../record.ts";

export const LINK_KINDS = [
  "rail",
  "road",
  "corridor",
  "pipeline",
  "power",
  "border_crossing",
  "other",
] as const;
export const LINK_STATUSES = [
  "blocked",
  "proposed",
  "agreed",
  "under_construction",
  "open",
  "closed",
] as const;

/** A transport or economic link to be unblocked or built. */
export const LinkSchema = z
  .object({
    name: ShortTextSchema,
    kind: z.enum(LINK_KINDS),
    status: z.enum(LINK_STATUSES),
    from: PlaceSchema.optional(),
    to: PlaceSchema.optional(),
    via: z.array(PlaceSchema).max(50).default([]),
    route: GeometrySchema.optional(),
    controlled_by: ActorIdsSchema,
    sought_by: ActorIdsSchema,
    provision_ids: z.array(RecordIdSchema).max(100).default([]),
    as_of: FuzzyDateSchema.optional(),
    description: LongTextSchema.optional(),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type Link = z.infer<typeof LinkSchema>;

export const linkKind = defineKind({
  type: "link",
  path: "links",
  title: "Transport and economic links to be unblocked or built",
  label: { one: "transport link", other: "transport links" },
  list: { columns: ["name", "kind", "status", "as_of"] },
  schema: LinkSchema,
  filterValues: { kind: LINK_KINDS, verification: LINK_STATUSES },
  references: (l) =>
    referencesIn(l, {
      controlled_by: ["actor", "body"],
      sought_by: ["actor"],
      provision_ids: ["provision"],
      source_ids: ["source"],
    }),
  index: (l) => ({
    kind: l.kind,
    date: l.as_of,
    place: l.from,
    geometry: l.route,
    verification: l.status,
    sort_key: l.name.toLowerCase(),
    text: [l.name, l.description, l.from?.name, l.to?.name, ...l.via.map((p) => p.name)],
  }),
});
