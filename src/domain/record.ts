import { z } from "zod";
import type { FieldIssue } from "./errors.ts";

/**
 * Record ids are chosen by people where the field has names for things (ARM, doc-2020-11-09) and
 * generated otherwise. They are unique within a process across all kinds, so a reference needs no kind.
 */
export const RecordIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/,
    "letters, digits and . _ : - (at most 64), starting with a letter or digit",
  );
export type RecordId = z.infer<typeof RecordIdSchema>;

export const VISIBILITIES = ["public", "members", "restricted", "confidential"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const ShortTextSchema = z.string().trim().min(1).max(500);
export const LongTextSchema = z.string().max(20_000);
export const UrlSchema = z.url({ protocol: /^https?$/ }).max(2000);

/** The fields every record carries besides its own: who may see it. */
export const EnvelopeInputSchema = z.object({
  id: RecordIdSchema.optional(),
  visibility: z.enum(VISIBILITIES).default("public"),
  restricted_to: RecordIdSchema.optional().describe("the party that may see a restricted record"),
});

/** Fields the store sets: clients never write them. */
export const EnvelopeOutputSchema = z.object({
  id: RecordIdSchema,
  type: z.string(),
  version: z.number().int().positive(),
  visibility: z.enum(VISIBILITIES),
  restricted_to: RecordIdSchema.optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Envelope = z.infer<typeof EnvelopeOutputSchema>;

/** A restricted record names the party it is shared with; other visibilities name none. */
export function checkRestriction(
  record: { visibility?: Visibility | undefined; restricted_to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (record.visibility === "restricted" && record.restricted_to === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["restricted_to"],
      message: "a restricted record names the party it is shared with",
    });
  }
  if (record.visibility !== "restricted" && record.restricted_to !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["restricted_to"],
      message: "only a restricted record has restricted_to",
    });
  }
}

export const SourceIdsSchema = z.array(RecordIdSchema).max(100).default([]);
export const ActorIdsSchema = z.array(RecordIdSchema).max(100).default([]);

// A UTF-16 surrogate without its other half: no character of Unicode, and no UTF-8 can hold it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be stored, or null when it can. PostgreSQL refuses NUL (U+0000) in text and
 * in jsonb, and a lone surrogate is no Unicode at all (jsonb refuses its escape; UTF-8 has no
 * bytes for it): refused here, with the field named, rather than by the database with a 500.
 */
export function unstorableText(value: string): string | null {
  if (value.includes("\u0000")) return "contains a NUL character (\\u0000), which cannot be stored";
  if (LONE_SURROGATE.test(value)) return "contains a lone UTF-16 surrogate, which is not Unicode";
  return null;
}

/**
 * Every string in a JSON value, keys included, that cannot be stored, as field issues with
 * dotted paths (under `prefix`). Walks without recursion, so a value nested 100,000 deep is read
 * to its end rather than overflowing the stack; stops at `limit` issues. Only arrays and plain
 * objects are entered: anything else (a stream, a class's instance) is no JSON and holds no text.
 */
export function unstorableTextIssues(value: unknown, prefix = "", limit = 20): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: prefix }];
  const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);
  while (pending.length > 0 && issues.length < limit) {
    const next = pending.pop() as { value: unknown; path: string };
    if (typeof next.value === "string") {
      const problem = unstorableText(next.value);
      if (problem) issues.push({ path: next.path, message: problem });
    } else if (Array.isArray(next.value)) {
      for (let index = next.value.length - 1; index >= 0; index--)
        pending.push({ value: next.value[index], path: join(next.path, String(index)) });
    } else if (isPlainObject(next.value)) {
      const entries = Object.entries(next.value);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, inner] = entries[index] as [string, unknown];
        const problem = unstorableText(key);
        // A key that cannot be stored is named as it can be: its problem says what is wrong.
        if (problem) issues.push({ path: join(next.path, key), message: `its name ${problem}` });
        else pending.push({ value: inner, path: join(next.path, key) });
      }
    }
  }
  return issues;
}

/** An object of JSON's kind: `{}`, or a dictionary without a prototype or with an empty one. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  // Parsers of query strings and routers make dictionaries from a constructor whose prototype
  // has no prototype itself (faster than Object.create(null)): those are plain too.
  return (
    prototype === Object.prototype ||
    prototype === null ||
    Object.getPrototypeOf(prototype) === null
  );
}
