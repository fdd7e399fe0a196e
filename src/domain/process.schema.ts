import { z } from "zod";
import { FuzzyDateSchema } from "./fuzzy-date.ts";
import { LocalizedNamesSchema } from "./names.ts";
import { LongTextSchema, ShortTextSchema } from "./record.ts";

export const ProcessSlugSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "lower-case letters, digits and hyphens");

/** A peace process: the frame every other record belongs to. */
export const ProcessSchema = z
  .object({
    slug: ProcessSlugSchema,
    name: ShortTextSchema,
    names: LocalizedNamesSchema.optional(),
    description: LongTextSchema.optional(),
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
  .strict();
export type Process = z.infer<typeof ProcessSchema>;
