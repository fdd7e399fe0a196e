import { z } from "zod";
import { FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { ActorIdsSchema, LongTextSchema, RecordIdSchema, ShortTextSchema } from "../record.ts";
import { RelativeDeadlineSchema } from "../relative-deadline.ts";
import { DocumentCategorySchema } from "./document.schema.ts";

export const PROVISION_CATEGORIES = [
  "ceasefire",
  "territory",
  "withdrawal",
  "peacekeeping",
  "monitoring",
  "displaced_persons",
  "detainees",
  "transport_links",
  "border",
  "institutions",
  "implementation",
  "other",
] as const;

export const ProvisionSchema = z
  .object({
    document_id: RecordIdSchema,
    number: z.string().min(1).max(20).describe("as numbered in the document: 1, 6, 2.a"),
    summary: z.string().trim().min(1).max(2000),
    category: z.enum(PROVISION_CATEGORIES),
    obligated: ActorIdsSchema.describe("the actors the provision binds"),
    deadline: FuzzyDateSchema.optional().describe("the date it is due, where the text gives one"),
    deadline_relative: RelativeDeadlineSchema.optional().describe(
      "a deadline counted from an event: '30 days after signing'",
    ),
    categories: z
      .array(DocumentCategorySchema)
      .max(50)
      .default([])
      .describe("topic codes, e.g. PA-X's, with their strength"),
    text: LongTextSchema.optional().describe("the provision's wording, where it may be quoted"),
    title: ShortTextSchema.optional(),
  })
  .strict();
export type Provision = z.infer<typeof ProvisionSchema>;

/** "6" sorts before "10", and "2.a" after "2". */
export function provisionSortKey(documentId: string, number: string): string {
  const padded = number.replace(/\d+/g, (digits) => digits.padStart(6, "0"));
  return `${documentId}#${padded}`;
}

export const provisionKind = defineKind({
  type: "provision",
  path: "provisions",
  title: "Numbered provisions of documents, with whom they bind and by when",
  label: { one: "provision", other: "provisions" },
  list: { columns: ["document_id", "number", "summary", "category", "deadline"] },
  schema: ProvisionSchema,
  filterValues: { kind: PROVISION_CATEGORIES },
  references: (p) => [
    ...referencesIn(p, { document_id: ["document"], obligated: ["actor"] }),
    ...referencesIn(p.deadline_relative ?? {}, {
      event_id: ["document", "meeting", "incident", "commitment"],
    }).map((r) => ({ ...r, field: "deadline_relative.event_id" })),
  ],
  index: (p) => ({
    kind: p.category,
    date: p.deadline,
    sort_key: provisionSortKey(p.document_id, p.number),
    text: [p.title, p.summary, p.text, p.deadline_relative?.as_worded],
  }),
});
