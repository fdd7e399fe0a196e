import { z } from "zod";
import { FuzzyDateSchema } from "../fuzzy-date.ts";
import { dateSortKey, defineKind, referencesIn } from "../kind.ts";
import { LocalizedNamesSchema } from "../names.ts";
import {
  ActorIdsSchema,
  LongTextSchema,
  RecordIdSchema,
  ShortTextSchema,
  SourceIdsSchema,
} from "../record.ts";

export const BODY_KINDS = [
  "working_group",
  "commission",
  "mission",
  "peacekeeping_force",
  "centre",
  "other",
] as const;
export const BODY_STATUSES = ["agreed_in_principle", "active", "ended"] as const;

/** Commissions, working groups, missions: who sits on them, with what mandate, from when. */
export const BodySchema = z
  .object({
    name: ShortTextSchema,
    names: LocalizedNamesSchema.optional(),
    kind: z.enum(BODY_KINDS),
    status: z.enum(BODY_STATUSES),
    mandate: LongTextSchema.optional(),
    members: ActorIdsSchema,
    chairs: z.string().max(500).optional().describe("who chairs it, as described"),
    actor_id: RecordIdSchema.optional().describe(
      "the body as an actor, when it acts in the record itself",
    ),
    from: FuzzyDateSchema.optional(),
    to: FuzzyDateSchema.optional(),
    document_ids: z.array(RecordIdSchema).max(100).default([]),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type Body = z.infer<typeof BodySchema>;

export const bodyKind = defineKind({
  type: "body",
  path: "bodies",
  title: "Commissions, working groups, missions and forces",
  label: { one: "body", other: "bodies" },
  list: { columns: ["name", "kind", "status", "from", "to"] },
  schema: BodySchema,
  filterValues: { kind: BODY_KINDS, verification: BODY_STATUSES },
  references: (b) =>
    referencesIn(b, {
      members: ["actor"],
      actor_id: ["actor"],
      document_ids: ["document"],
      source_ids: ["source"],
    }),
  index: (b) => ({
    kind: b.kind,
    date: b.from,
    verification: b.status,
    sort_key: dateSortKey(b.from),
    text: [b.name, b.mandate, b.chairs, ...Object.values(b.names ?? {})],
  }),
});
