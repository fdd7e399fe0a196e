import { z } from "zod";
import { FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { PlaceSchema } from "../place.ts";
import { RecordIdSchema, ShortTextSchema, SourceIdsSchema } from "../record.ts";

/** An observation post. Its place is as precise as is publicly known, often a district. */
export const PostSchema = z
  .object({
    name: ShortTextSchema,
    operated_by: RecordIdSchema,
    place: PlaceSchema,
    established: FuzzyDateSchema.optional(),
    closed: FuzzyDateSchema.optional(),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type Post = z.infer<typeof PostSchema>;

export const postKind = defineKind({
  type: "post",
  path: "posts",
  title: "Observation posts",
  label: { one: "observation post", other: "observation posts" },
  list: { columns: ["name", "operated_by", "place", "established"] },
  schema: PostSchema,
  filterValues: { kind: ["active", "closed"] },
  access: { monitors: true },
  references: (p) => referencesIn(p, { operated_by: ["actor", "body"], source_ids: ["source"] }),
  index: (p) => ({
    kind: p.closed ? "closed" : "active",
    date: p.established,
    place: p.place,
    sort_key: p.name.toLowerCase(),
    text: [p.name, p.place.name],
  }),
});
