import { z } from "zod";
import { DomainError, type FieldIssue, fieldIssues } from "../domain/errors.ts";
import { dateBounds, precisionOf } from "../domain/fuzzy-date.ts";
import { parseBoundingBox } from "../domain/place.ts";
import { unstorableTextIssues } from "../domain/record.ts";

/** A day, month or year as a query parameter: `from=2021-05` means from the start of May 2021. */
export const DateParamSchema = z
  .string()
  .refine(
    (v) => precisionOf(v) !== null && precisionOf(v) !== "time",
    "YYYY, YYYY-MM or YYYY-MM-DD",
  );

export const BboxParamSchema = z
  .string()
  .refine((v) => parseBoundingBox(v) !== null, "west,south,east,north in degrees");

/** The span of a day, month or year written as a query parameter (already validated). */
export function boundsOf(value: string): { start: string; end: string } {
  return dateBounds({ value, precision: precisionOf(value) ?? "day" });
}

/**
 * Refuses a date window that ends before it starts: it matches nothing, and an empty answer would
 * read as "there are none" (the store's ranges refuse it too).
 */
export function checkWindow(q: { from?: string | undefined; to?: string | undefined }): void {
  if (q.from && q.to && boundsOf(q.to).end <= boundsOf(q.from).start) {
    throw new DomainError("bad_request", `to: ${q.to} is before from: ${q.from}`, {
      issues: [{ path: "to", message: `before from (${q.from})`, value: q.to }],
    });
  }
}

/**
 * The issues of a value against a schema: text the store cannot hold (NUL, lone surrogates), which
 * no schema lets through, then the schema's own. None when the value is good.
 */
function issuesOf<T extends z.ZodType>(
  schema: T,
  value: unknown,
): { success: true; data: z.output<T> } | { success: false; issues: FieldIssue[] } {
  const unstorable = unstorableTextIssues(value);
  const parsed = schema.safeParse(value);
  if (parsed.success && unstorable.length === 0) return { success: true, data: parsed.data };
  const issues = [...unstorable, ...(parsed.success ? [] : fieldIssues(parsed.error.issues))];
  return { success: false, issues };
}

/** Parses query parameters or raises a bad_request naming each wrong parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const parsed = issuesOf(schema, query);
  if (!parsed.success) {
    const issues = parsed.issues;
    throw new DomainError(
      "bad_request",
      `Invalid query: ${issues[0]?.path}: ${issues[0]?.message}`,
      { issues },
    );
  }
  return parsed.data;
}

/** Parses a request body or command input, or raises validation_failed naming each wrong field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = issuesOf(schema, input);
  if (!parsed.success) {
    const issues = parsed.issues;
    throw new DomainError("validation_failed", `${issues[0]?.path}: ${issues[0]?.message}`, {
      issues,
    });
  }
  return parsed.data;
}
