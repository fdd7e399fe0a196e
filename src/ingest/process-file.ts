import { z } from "zod";
import { KINDS } from "../domain/kinds/index.ts";
import { ProcessSchema } from "../domain/process.schema.ts";
import { EnvelopeInputSchema } from "../domain/record.ts";
import { BUNDLE_FORMAT, BUNDLE_VERSION } from "./truce-json.ts";

/**
 * The process file as one zod schema: its process's fields, then its records, each a kind's fields
 * with the envelope and its `type`. Built from the kinds, so a new kind is in it with no change
 * here; `docs/process-file.schema.json` is generated from it for editors.
 */
export function processFileSchema() {
  const records = KINDS.map((kind) =>
    (kind.schema as unknown as z.ZodObject)
      .extend(EnvelopeInputSchema.shape)
      .extend({ type: z.literal(kind.type) })
      .describe(`${kind.label.one}: ${kind.title}`),
  );
  return z
    .object({
      $schema: z.string().optional(),
      format: z.literal(BUNDLE_FORMAT).optional(),
      version: z.literal(BUNDLE_VERSION).optional(),
      process: ProcessSchema,
      records: z.array(z.union(records)).default([]),
    })
    .describe("A Truce process file: one peace process, its own fields and its records");
}

/** The process file's JSON Schema (draft 2020-12), as `truce` reads the file. */
export function processFileJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(processFileSchema(), { io: "input", unrepresentable: "any" }) as Record<
      string,
      unknown
    >),
    $id: "https://truce.invalid/process-file.schema.json",
    title: "Truce process file",
  };
}
