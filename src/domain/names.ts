import { z } from "zod";

/** Names in several languages and spellings, keyed by BCP 47 tag: en, hy, az, ru, az-Cyrl... */
export const LocalizedNamesSchema = z
  .record(
    z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag"),
    z.string().min(1).max(300),
  )
  .refine((names) => Object.keys(names).length <= 20, "at most 20 languages");
export type LocalizedNames = z.infer<typeof LocalizedNamesSchema>;
