import { z } from "zod";
import { FuzzyDateSchema } from "./fuzzy-date.ts";
import { LocalizedNamesSchema } from "./names.ts";
import { LongTextSchema, ShortTextSchema } from "./record.ts";

export const ProcessSlugSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "lower-case letters, digits and hyphens");

export const PROCESS_STATUSES = ["active", "closed"] as const;

/** A BCP 47 language tag: "en", "ru", "es-CO", "sr-Latn". */
export const LanguageTagSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag, e.g. en, es-CO");

/** Why and when a process was closed: it stays readable, exportable and verifiable. */
export const ProcessClosingSchema = z
  .object({
    on: FuzzyDateSchema,
    reason: z.string().trim().min(1).max(2000),
  })
  .strict();

/** A peace process: the frame every other record belongs to. */
export const ProcessSchema = z
  .object({
    slug: ProcessSlugSchema,
    name: ShortTextSchema,
    names: LocalizedNamesSchema.optional(),
    description: LongTextSchema.optional(),
    languages: z
      .array(LanguageTagSchema)
      .max(20)
      .default([])
      .describe("the languages its records and people use, first the main one"),
    status: z.enum(PROCESS_STATUSES).default("active"),
    closed: ProcessClosingSchema.optional(),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code"))
      .max(50)
      .default([]),
    started: FuzzyDateSchema.optional(),
    /** The area a map of the process opens on: [west, south, east, north]. */
    bbox: z
      .tuple([
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
      ])
      .optional(),
  })
  .strict()
  .refine((p) => (p.status === "closed") === (p.closed !== undefined), {
    message: "a closed process says when and why it was closed, and only a closed one does",
    path: ["closed"],
  });
export type Process = z.infer<typeof ProcessSchema>;

/** What the ledger commits to for a process: its fields, its slug as id, and its version. */
export function processLedgerView(process: Process, version: number): Record<string, unknown> {
  return { ...process, id: process.slug, type: "process", version };
}
