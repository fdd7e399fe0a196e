import { z } from "zod";
import { DomainError, type FieldIssue, fieldIssues } from "./errors.ts";
import type { KindDefinition } from "./kind.ts";
import {
  checkRestriction,
  RecordIdSchema,
  unstorableTextIssues,
  VISIBILITIES,
  type Visibility,
} from "./record.ts";
import { REPORT_FIELDS, ReportFieldsSchema } from "./report-fields.ts";
import { aOrAn, capitalized } from "./words.ts";

const ENVELOPE_FIELDS = new Set(["id", "visibility", "restricted_to"]);
/** Fields the store sets; accepted back unchanged from an export, never taken from a client. */
/**
 * Read-only fields: set by the store (version, timestamps) or derived when reading (an incident's
 * figures and claim ids). They are ignored on write, so a client may PUT back what it got from GET;
 * the version it edited travels in If-Match, never in the body.
 */
const READ_ONLY_FIELDS = new Set([
  "version",
  "created_at",
  "updated_at",
  "claimed_figures",
  "claim_ids",
]);

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
 * both, and reports every problem at once with the field's path. Read-only fields are ignored;
 * `type`, if given, must be the kind's. Text the store cannot hold is refused in any field.
 */
export function parseRecordInput(kind: KindDefinition, input: unknown): RecordInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new DomainError(
      "validation_failed",
      `${capitalized(aOrAn(kind.type))} is a JSON object`,
      {
        issues: [{ path: "", message: "expected an object" }],
      },
    );
  }
  const envelope: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  // Fields any kind may carry (when a field report was made, its photos): checked on their own and
  // kept in the body, so the ledger holds them with the kind's own fields.
  const report: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(input)) {
    // Text the store cannot hold (NUL, lone surrogates) is refused here for every kind, with its
    // field: the database would refuse it too, but as the failure of a whole write or batch.
    if (!READ_ONLY_FIELDS.has(key)) issues.push(...unstorableTextIssues({ [key]: value }));
    if (ENVELOPE_FIELDS.has(key)) envelope[key] = value;
    else if (REPORT_FIELDS.has(key)) report[key] = value;
    else if (key === "type") {
      if (value !== kind.type)
        issues.push({ path: "type", message: `must be "${kind.type}"`, value });
    } else if (READ_ONLY_FIELDS.has(key)) {
      // Ignored: see READ_ONLY_FIELDS.
    } else fields[key] = value;
  }
  const parsedEnvelope = EnvelopeSchema.safeParse(envelope);
  const parsedBody = kind.schema.safeParse(fields);
  const parsedReport = ReportFieldsSchema.safeParse(report);
  if (!parsedEnvelope.success) issues.push(...fieldIssues(parsedEnvelope.error.issues));
  if (!parsedBody.success) issues.push(...fieldIssues(parsedBody.error.issues));
  if (!parsedReport.success) issues.push(...fieldIssues(parsedReport.error.issues));
  if (
    issues.length > 0 ||
    !parsedEnvelope.success ||
    !parsedBody.success ||
    !parsedReport.success
  ) {
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
    body: { ...(parsedBody.data as Record<string, unknown>), ...parsedReport.data },
  };
}
