import { z } from "zod";
import { FuzzyDateSchema } from "../fuzzy-date.ts";
import { dateSortKey, defineKind, referencesIn } from "../kind.ts";
import { RecordIdSchema, SourceIdsSchema } from "../record.ts";

export const DETAINEE_CATEGORIES = ["prisoner_of_war", "civilian", "unknown"] as const;

export const DETAINEE_STATUSES = ["held", "released", "missing", "deceased", "unknown"] as const;

/**
 * A detained person. This is personal data: the ledger keeps only its hash, so it can be erased
 * on request while the ledger stays verifiable.
 */
export const DetaineeSchema = z
  .object({
    full_name: z.string().trim().min(1).max(300),
    affiliation_id: RecordIdSchema.describe("the side the person belongs to"),
    held_by: RecordIdSchema,
    category: z.enum(DETAINEE_CATEGORIES),
    status: z.enum(DETAINEE_STATUSES),
    captured: FuzzyDateSchema.optional(),
    exchange_id: RecordIdSchema.optional().describe("the exchange that released the person"),
    notes: z.string().max(5000).optional(),
    source_ids: SourceIdsSchema,
    erased: z
      .object({ on: z.string().max(40), reason: z.string().trim().min(1).max(500) })
      .strict()
      .optional()
      .describe("set when the person's data was erased on request"),
  })
  .strict();
export type Detainee = z.infer<typeof DetaineeSchema>;

export const detaineeKind = defineKind({
  type: "detainee",
  path: "detainees",
  title: "Detained persons (personal data: erasable)",
  label: { one: "detainee", other: "detainees" },
  list: { columns: ["full_name", "affiliation_id", "held_by", "category", "status"] },
  schema: DetaineeSchema,
  filterValues: { kind: DETAINEE_CATEGORIES, verification: DETAINEE_STATUSES },
  is_personal: true,
  // The person's name, notes and date of capture go; what the record says about the exchange
  // balance (side, holder, category, status, exchange) stays, so the counts still add up.
  erase: (d, erasure) => ({
    full_name: "[erased]",
    affiliation_id: d.affiliation_id,
    held_by: d.held_by,
    category: d.category,
    status: d.status,
    ...(d.exchange_id ? { exchange_id: d.exchange_id } : {}),
    source_ids: [],
    erased: erasure,
  }),
  references: (d) =>
    referencesIn(d, {
      affiliation_id: ["actor"],
      held_by: ["actor"],
      exchange_id: ["exchange"],
      source_ids: ["source"],
    }),
  index: (d) => ({
    kind: d.category,
    date: d.captured,
    verification: d.status,
    sort_key: dateSortKey(d.captured),
    text: [d.full_name, d.notes],
  }),
});
