import { z } from "zod";

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
