import { z } from "zod";
import { dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { PlaceSchema } from "../place.ts";
import { ActorIdsSchema, LongTextSchema, ShortTextSchema, SourceIdsSchema } from "../record.ts";

export const DOCUMENT_KINDS = [
  "agreement",
  "statement",
  "joint_statement",
  "report",
  "other",
] as const;

/** A topic the document addresses and how strongly (PA-X codes: 1 mentions, 3 detailed). */
export const DocumentCategorySchema = z
  .object({
    code: z.string().min(1).max(40),
    name: z.string().min(1).max(200),
    strength: z.number().int().min(1).max(3).optional(),
  })
  .strict();

export const DocumentSchema = z
  .object({
    title: ShortTextSchema,
    kind: z.enum(DOCUMENT_KINDS),
    date: FuzzyDateSchema,
    effective: FuzzyDateSchema.optional().describe("when it took effect, if not on signature"),
    place: PlaceSchema.optional(),
    signatories: ActorIdsSchema,
    third_parties: ActorIdsSchema,
    summary: LongTextSchema.optional(),
    status: z.string().max(100).optional(),
    stage: z.string().max(100).optional(),
    categories: z.array(DocumentCategorySchema).max(300).default([]),
    external_ids: z.record(z.string().regex(/^[a-z_]{1,20}$/), z.string().max(100)).optional(),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type Document = z.infer<typeof DocumentSchema>;

export const documentKind = defineKind({
  type: "document",
  path: "documents",
  title: "Agreements, statements and reports",
  label: { one: "document", other: "documents" },
  list: { columns: ["date", "title", "kind", "signatories"] },
  schema: DocumentSchema,
  filterValues: { kind: DOCUMENT_KINDS },
  references: (d) =>
    referencesIn(d, { signatories: ["actor"], third_parties: ["actor"], source_ids: ["source"] }),
  index: (d) => ({
    kind: d.kind,
    date: d.date,
    place: d.place,
    sort_key: dateBounds(d.date).start,
    text: [d.title, d.summary, d.place?.name],
  }),
});
