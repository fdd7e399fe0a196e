import { z } from "zod";

/**
 * What changed in a process lately, as a reader may see it: for each kind of record and each
 * action, how many ledger entries were made in the last day and in the last week.
 */
export const RecentChangesSchema = z.object({
  as_of: z.string().describe("the moment the windows end (ISO 8601)"),
  changes: z.array(
    z.object({
      type: z.string().describe("the kind of record"),
      action: z.enum(["create", "update", "delete"]),
      last_day: z.number().int().min(0).describe("entries in the 24 hours before as_of"),
      last_week: z.number().int().min(0).describe("entries in the 7 days before as_of"),
    }),
  ),
});
export type RecentChanges = z.infer<typeof RecentChangesSchema>;

export const DAY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const WEEK_WINDOW_MS = 7 * DAY_WINDOW_MS;
