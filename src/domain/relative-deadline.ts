import { z } from "zod";
import type { FuzzyDate } from "./fuzzy-date.ts";
import { RecordIdSchema } from "./record.ts";

export const DEADLINE_UNITS = ["days", "weeks", "months", "years"] as const;

/** What a relative deadline counts from. */
export const DEADLINE_ANCHORS = ["signing", "entry_into_force", "event"] as const;

/**
 * A deadline worded relative to an event ("within 30 days of the signing", "on the second day
 * after the ceasefire begins"): kept as worded, and resolved to a date once the event's date is
 * known, never before.
 */
export const RelativeDeadlineSchema = z
  .object({
    amount: z.number().int().min(0).max(10_000),
    unit: z.enum(DEADLINE_UNITS),
    after: z.enum(DEADLINE_ANCHORS),
    event_id: RecordIdSchema.optional().describe("the record whose date the deadline counts from"),
    event: z.string().max(200).optional().describe("the event in words: 'the ceasefire begins'"),
    as_worded: z.string().max(300).optional().describe("the deadline as the text words it"),
  })
  .strict()
  .refine((d) => d.after !== "event" || d.event_id !== undefined || d.event !== undefined, {
    message: "a deadline after an event names the event, or the record that dates it",
    path: ["event"],
  });
export type RelativeDeadline = z.infer<typeof RelativeDeadlineSchema>;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * The day a relative deadline falls on, given the day its event happened; undefined while the
 * event's date is unknown or known only to the month or year (a deadline is never made more exact
 * than what it counts from). Months and years keep the day of the month, or the month's last day.
 */
export function resolveDeadline(
  deadline: Pick<RelativeDeadline, "amount" | "unit">,
  eventDate: FuzzyDate | undefined,
): FuzzyDate | undefined {
  if (!eventDate || (eventDate.precision !== "day" && eventDate.precision !== "time")) {
    return undefined;
  }
  const [y = 0, m = 1, d = 1] = eventDate.value.slice(0, 10).split("-").map(Number);
  const { amount, unit } = deadline;
  let date: Date;
  if (unit === "days" || unit === "weeks") {
    date = new Date(Date.UTC(y, m - 1, d + amount * (unit === "weeks" ? 7 : 1)));
  } else {
    const months = m - 1 + amount * (unit === "years" ? 12 : 1);
    const year = y + Math.floor(months / 12);
    const month = months % 12;
    date = new Date(Date.UTC(year, month, Math.min(d, daysInMonth(year, month))));
  }
  return { value: date.toISOString().slice(0, 10), precision: "day" };
}

const ANCHOR_WORDS: Record<(typeof DEADLINE_ANCHORS)[number], string> = {
  signing: "signing",
  entry_into_force: "entry into force",
  event: "the event",
};

/** The deadline in English words, as the API's and reports' fallback: "30 days after signing". */
export function describeDeadline(deadline: RelativeDeadline): string {
  if (deadline.as_worded) return deadline.as_worded;
  const unit = deadline.amount === 1 ? deadline.unit.replace(/s$/, "") : deadline.unit;
  const anchor =
    deadline.after === "event" ? (deadline.event ?? "the event") : ANCHOR_WORDS[deadline.after];
  return `${deadline.amount} ${unit} after ${anchor}`;
}
