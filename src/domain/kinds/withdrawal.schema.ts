import { z } from "zod";
import { CountSchema } from "../figures.ts";
import { DAY_MS, dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { dateSortKey, defineKind, referencesIn } from "../kind.ts";
import { GeometrySchema, PlaceSchema } from "../place.ts";
import {
  ActorIdsSchema,
  LongTextSchema,
  RecordIdSchema,
  ShortTextSchema,
  SourceIdsSchema,
} from "../record.ts";
import { judgementOf, VERIFICATION_STATUSES, VerificationSchema } from "./incident.schema.ts";

/** What is to leave the area. */
export const WITHDRAWAL_SUBJECTS = [
  "forces",
  "heavy_weapons",
  "armoured_vehicles",
  "artillery",
  "personnel",
  "equipment",
  "other",
] as const;

/** What a side says of its own withdrawal at a date. */
export const WITHDRAWAL_REPORTS = ["not_started", "started", "partial", "completed"] as const;

/** One side's report of the withdrawal: what it says was done by when, with its source. */
export const WithdrawalReportSchema = z
  .object({
    by: RecordIdSchema.describe("the side (or monitor) that reports it"),
    date: FuzzyDateSchema,
    says: z.enum(WITHDRAWAL_REPORTS),
    count: CountSchema.optional().describe("how many (troops, weapons) it says left"),
    note: z.string().max(2000).optional(),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type WithdrawalReport = z.infer<typeof WithdrawalReportSchema>;

/**
 * Forces or weapons to leave an area by a date: what was planned (and under which provision), what
 * each side reported it did, and what the monitors saw, kept apart so the gap between them shows.
 */
export const WithdrawalSchema = z
  .object({
    title: ShortTextSchema,
    subject: z.enum(WITHDRAWAL_SUBJECTS),
    withdrawing: ActorIdsSchema.describe("whose forces or weapons leave"),
    place: PlaceSchema.describe("the area they leave"),
    area: GeometrySchema.optional().describe("the area's outline, where it is drawn"),
    to_place: PlaceSchema.optional().describe("where they go, where the plan says"),
    planned_count: CountSchema.optional().describe("how many were to leave"),
    due: FuzzyDateSchema.optional(),
    due_text: z.string().max(200).optional().describe("the deadline as worded"),
    provision_id: RecordIdSchema.optional().describe("the provision that requires it"),
    reports: z.array(WithdrawalReportSchema).max(100).default([]),
    verification: VerificationSchema.default({ status: "unverified" }),
    notes: LongTextSchema.optional(),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type Withdrawal = z.infer<typeof WithdrawalSchema>;

/** How a withdrawal stands against its plan: each report's days past the due date, and the monitors'. */
export type WithdrawalGap = {
  /** Days from the end of the due date to the first report of completion (negative: early). */
  reported_late_days: number | null;
  /** Who reported completion first, and when. */
  reported_complete: { by: string; date: string } | null;
  /** Sides whose last report is not "completed". */
  not_completed_by: string[];
  /** The monitors' judgement of it. */
  verification: Withdrawal["verification"]["status"];
  /** Completion reported but not verified by the monitors: the gap a reader should see. */
  is_unverified_claim: boolean;
};

/** The gap between a withdrawal's plan, what the sides report and what the monitors saw. Pure. */
export function withdrawalGap(
  w: Pick<Withdrawal, "due" | "reports" | "verification">,
): WithdrawalGap {
  const ordered = [...w.reports].sort((a, b) =>
    dateBounds(a.date).start.localeCompare(dateBounds(b.date).start),
  );
  const completed = ordered.find((r) => r.says === "completed");
  const last = new Map<string, WithdrawalReport>();
  for (const report of ordered) last.set(report.by, report);
  const dueEnd = w.due ? Date.parse(dateBounds(w.due).end) : null;
  const doneEnd = completed ? Date.parse(dateBounds(completed.date).end) : null;
  return {
    reported_late_days:
      dueEnd !== null && doneEnd !== null ? Math.round((doneEnd - dueEnd) / DAY_MS) : null,
    reported_complete: completed ? { by: completed.by, date: completed.date.value } : null,
    not_completed_by: [...last.values()].filter((r) => r.says !== "completed").map((r) => r.by),
    verification: w.verification.status,
    is_unverified_claim:
      completed !== undefined &&
      w.verification.status !== "verified" &&
      w.verification.status !== "partly_verified",
  };
}

export const withdrawalKind = defineKind({
  type: "withdrawal",
  path: "withdrawals",
  title: "Withdrawals of forces or weapons from an area: planned, reported by each side, verified",
  label: { one: "withdrawal", other: "withdrawals" },
  list: { columns: ["due", "title", "subject", "withdrawing", "place", "verification"] },
  schema: WithdrawalSchema,
  filterValues: { kind: WITHDRAWAL_SUBJECTS, verification: VERIFICATION_STATUSES },
  access: {
    monitors: true,
    judgement: judgementOf,
  },
  references: (w) => [
    ...referencesIn(w, {
      withdrawing: ["actor"],
      provision_id: ["provision"],
      source_ids: ["source"],
    }),
    ...referencesIn(w.verification, { by: ["actor"] }).map((r) => ({
      ...r,
      field: "verification.by",
    })),
    ...w.reports.flatMap((report, i) =>
      referencesIn(report, { by: ["actor"], source_ids: ["source"] }).map((r) => ({
        ...r,
        field: `reports.${i}.${r.field}`,
      })),
    ),
  ],
  index: (w) => ({
    kind: w.subject,
    date: w.due,
    place: w.place,
    geometry: w.area,
    verification: w.verification.status,
    sort_key: dateSortKey(w.due),
    text: [w.title, w.due_text, w.notes, w.place.name, w.to_place?.name],
  }),
});
