import { z } from "zod";
import { DomainError, type FieldIssue, fieldIssues } from "./errors.ts";
import type { KindDefinition } from "./kind.ts";
import { checkRestriction, RecordIdSchema, VISIBILITIES, type Visibility } from "./record.ts";

const ENVELOPE_FIELDS = new Set(["id", "visibility", "restricted_to"]);
/** Fields the store sets; accepted back unchanged from an export, never taken from a client. */
const STORE_FIELDS = new Set(["type", "version", "created_at", "updated_at"]);

const EnvelopeSchema = z
  .object({
    id: RecordIdSchema.optional(),
    visibility: z.enum(VISIBILITIES).default("public"),
    restricted_to: RecordIdSchema.optional(),
  })
  .superRefine(checkRestriction);

export type RecordInput = {
  id: string | undefined;
  visibility: Visibility;
  restricted_to: string | undefined;
  body: Record<string, unknown>;
};

/**
 * Splits a client's JSON into the envelope (id, visibility) and the kind's own fields, validates
 * both, and reports every problem at once with the field's path. Store-set fields (version,
 * timestamps) are ignored when `isExport` is set, and rejected otherwise, so a client cannot
 * believe it wrote them.
 */
export function parseRecordInput(
  kind: KindDefinition,
  input: unknown,
  options: { isExport?: boolean } = {},
): RecordInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new DomainError("validation_failed", `A ${kind.type} is a JSON object`, {
      issues: [{ path: "", message: "expected an object" }],
    });
  }
  const envelope: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (ENVELOPE_FIELDS.has(key)) envelope[key] = value;
    else if (STORE_FIELDS.has(key)) {
      if (!options.isExport && !(key === "type" && value === kind.type)) {
        issues.push({ path: key, message: "is set by the store and cannot be written" });
      }
    } else fields[key] = value;
  }
  const parsedEnvelope = EnvelopeSchema.safeParse(envelope);
  const parsedBody = kind.schema.safeParse(fields);
  if (!parsedEnvelope.success) issues.push(...fieldIssues(parsedEnvelope.error.issues));
  if (!parsedBody.success) issues.push(...fieldIssues(parsedBody.error.issues));
  if (issues.length > 0 || !parsedEnvelope.success || !parsedBody.success) {
    const first = issues[0];
    throw new DomainError(
      "validation_failed",
      `Invalid ${kind.type}: ${first ? `${first.path || "(record)"}: ${first.message}` : "invalid"}`,
      { issues },
    );
  }
  return {
    id: parsedEnvelope.data.id,
    visibility: parsedEnvelope.data.visibility,
    restricted_to: parsedEnvelope.data.restricted_to,
    body: parsedBody.data as Record<string, unknown>,
  };
}
