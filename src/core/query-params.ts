import { z } from "zod";
import { DomainError, fieldIssues } from "../domain/errors.ts";
import { dateBounds, precisionOf } from "../domain/fuzzy-date.ts";
import { parseBoundingBox } from "../domain/place.ts";

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

/** Parses query parameters or raises a bad_request naming each wrong parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error.issues);
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
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error.issues);
    throw new DomainError("validation_failed", `${issues[0]?.path}: ${issues[0]?.message}`, {
      issues,
    });
  }
  return parsed.data;
}
