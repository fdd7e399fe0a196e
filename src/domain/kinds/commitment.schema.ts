import { z } from "zod";
import { dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { dateSortKey, defineKind, referencesIn } from "../kind.ts";
import { ActorIdsSchema, LongTextSchema, RecordIdSchema, SourceIdsSchema } from "../record.ts";

export const COMMITMENT_STATUSES = ["open", "met", "missed", "superseded"] as const;

/**
 * Who committed to what by when. A commitment without a date ("as soon as possible") has no `due`
 * and says so in `due_text`: it is open-ended, not due on some invented day.
 */
export const CommitmentSchema = z
  .object({
    summary: z.string().trim().min(1).max(2000),
    owners: ActorIdsSchema.describe("the actors who committed"),
    supporters: ActorIdsSchema.describe("actors who assist, e.g. with advice"),
    due: FuzzyDateSchema.optional(),
    due_text: z
      .string()
      .max(200)
      .optional()
      .describe("the deadline as worded, e.g. 'as soon as possible'"),
    status: z.enum(COMMITMENT_STATUSES),
    status_date: FuzzyDateSchema.optional(),
    document_id: RecordIdSchema.optional(),
    meeting_id: RecordIdSchema.optional(),
    provision_id: RecordIdSchema.optional(),
    superseded_by: RecordIdSchema.optional(),
    evidence: LongTextSchema.optional(),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type Commitment = z.infer<typeof CommitmentSchema>;

/** Open and past its due date's end: overdue. Open-ended commitments are never overdue. */
export function isOverdue(commitment: Pick<Commitment, "status" | "due">, today: string): boolean {
  if (commitment.status !== "open" || commitment.due === undefined) return false;
  return dateBounds(commitment.due).end <= `${today}T00:00:00.000Z`;
}

export const commitmentKind = defineKind({
  type: "commitment",
  path: "commitments",
  title: "Commitments with owners, deadlines and status",
  label: { one: "commitment", other: "commitments" },
  list: { columns: ["due", "summary", "owners", "status"] },
  schema: CommitmentSchema,
  filterValues: { kind: COMMITMENT_STATUSES, verification: COMMITMENT_STATUSES },
  references: (c) =>
    referencesIn(c, {
      owners: ["actor"],
      supporters: ["actor"],
      document_id: ["document"],
      meeting_id: ["meeting"],
      provision_id: ["provision"],
      superseded_by: ["commitment"],
      source_ids: ["source"],
    }),
  index: (c) => ({
    kind: c.status,
    date: c.due,
    verification: c.status,
    sort_key: dateSortKey(c.due),
    text: [c.summary, c.due_text, c.evidence],
  }),
});
