import { z } from "zod";

/** The media types a photo attached to a record may have: what phones' cameras and canvases write. */
export const PHOTO_MEDIA_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
/** A photo's largest size: a phone's photo resized on the device is far smaller (decision 0031). */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** A SHA-256 as 64 lower-case hex digits: how a record names a photo. */
export const Sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "a SHA-256 in 64 lower-case hex digits");

/**
 * A photo attached to a record, named by the SHA-256 of its bytes: the record's ledger entry holds
 * the hash, so the ledger covers the photo while the store keeps its bytes (`blob`).
 */
export const AttachmentSchema = z
  .object({
    sha256: Sha256Schema,
    media_type: z.enum(PHOTO_MEDIA_TYPES),
    size: z.number().int().positive().max(PHOTO_MAX_BYTES),
    caption: z.string().trim().max(500).optional(),
  })
  .strict();
export type Attachment = z.infer<typeof AttachmentSchema>;

/**
 * Fields any kind of record may carry, besides its own: they are kept in its body, so the ledger
 * holds them with it. A report made in the field says when it was made (`reported_at`, the
 * reporter's clock), which may be days before it arrived (the ledger entry's own time).
 */
export const ReportFieldsSchema = z
  .object({
    reported_at: z.iso
      .datetime({ offset: true })
      .optional()
      .describe(
        "when the report was made, by the reporter's clock; the ledger's time is when it arrived",
      ),
    attachments: z
      .array(AttachmentSchema)
      .max(20)
      .optional()
      .describe("photos, by the SHA-256 of the bytes sent to PUT /photos/{sha256}"),
  })
  .strict();
export type ReportFields = z.infer<typeof ReportFieldsSchema>;

/** The names of the fields any kind may carry: `parseRecordInput` checks them apart from the kind's. */
export const REPORT_FIELDS: ReadonlySet<string> = new Set(Object.keys(ReportFieldsSchema.shape));

/**
 * A photo's media type read from its first bytes (JPEG, PNG, WebP), or undefined for anything else:
 * what a file is comes from its bytes, never from the Content-Type a client sent with it.
 */
export function photoMediaType(bytes: Uint8Array): (typeof PHOTO_MEDIA_TYPES)[number] | undefined {
  const at = (index: number) => bytes[index];
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "image/jpeg";
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return undefined;
}
