import { z } from "zod";
import { dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { RecordIdSchema, SourceIdsSchema } from "../record.ts";

/** The Peace Accords Matrix scale of implementation, plus "disputed" where the parties disagree. */
export const IMPLEMENTATION_STATUSES = [
  "not_started",
  "minimal",
  "intermediate",
  "full",
  "disputed",
] as const;

export const AssessmentSchema = z
  .object({
    provision_id: RecordIdSchema,
    as_of: FuzzyDateSchema,
    status: z.enum(IMPLEMENTATION_STATUSES),
    reason: z.string().trim().min(1).max(5000),
    // A summary compiled from several public sources is nobody's judgement: its assessment names
    // no actor and rests on the sources it cites.
    assessed_by: RecordIdSchema.optional().describe(
      "the actor whose judgement this is; none when it is what the cited sources report",
    ),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type Assessment = z.infer<typeof AssessmentSchema>;

export const assessmentKind = defineKind({
  type: "assessment",
  path: "assessments",
  title: "Assessments of a provision's implementation at a date",
  label: { one: "assessment", other: "assessments" },
  list: { columns: ["as_of", "provision_id", "status", "assessed_by"] },
  schema: AssessmentSchema,
  filterValues: { kind: IMPLEMENTATION_STATUSES },
  references: (a) =>
    referencesIn(a, {
      provision_id: ["provision"],
      assessed_by: ["actor"],
      source_ids: ["source"],
    }),
  index: (a) => ({
    kind: a.status,
    date: a.as_of,
    sort_key: dateBounds(a.as_of).start,
    text: [a.reason],
  }),
});
