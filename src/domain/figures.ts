import { z } from "zod";

/**
 * A count as someone stated it: a plain number, or UCDP-style low/best/high, with the words used
 * ("several dozen") when the statement gave no number. Never averaged, never rounded.
 */
export const CountSchema = z.union([
  z.number().int().min(0).max(100_000_000),
  z
    .object({
      low: z.number().int().min(0).max(100_000_000).optional(),
      best: z.number().int().min(0).max(100_000_000).optional(),
      high: z.number().int().min(0).max(100_000_000).optional(),
      text: z.string().max(200).optional(),
    })
    .strict()
    .refine((c) => Object.keys(c).length > 0, "a count needs a number or the words used")
    .refine(
      (c) =>
        (c.low ?? 0) <= (c.best ?? c.high ?? c.low ?? 0) &&
        (c.best ?? c.low ?? 0) <= (c.high ?? Number.POSITIVE_INFINITY),
      "low ≤ best ≤ high",
    ),
]);
export type Count = z.infer<typeof CountSchema>;

export const FIGURE_CATEGORIES = ["killed", "wounded", "captured", "missing"] as const;
export type FigureCategory = (typeof FIGURE_CATEGORIES)[number];

/** Counts per side: keys are actor ids, or "civilians" and "unknown" where the claim says so. */
const PerSideSchema = z
  .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/), CountSchema)
  .refine((m) => Object.keys(m).length <= 50, "at most 50 sides");

export const FiguresSchema = z
  .object({
    killed: PerSideSchema.optional(),
    wounded: PerSideSchema.optional(),
    captured: PerSideSchema.optional(),
    missing: PerSideSchema.optional(),
  })
  .strict();
export type Figures = z.infer<typeof FiguresSchema>;

/**
 * A claim's count for all sides together, when it gives one besides the counts per side: UCDP GED's
 * low/best/high estimates are totals, and its deaths per side add up to "best" only, so neither can
 * stand in for the other.
 */
export const TotalsSchema = z
  .object({
    killed: CountSchema.optional(),
    wounded: CountSchema.optional(),
    captured: CountSchema.optional(),
    missing: CountSchema.optional(),
  })
  .strict();
export type Totals = z.infer<typeof TotalsSchema>;

/** Side keys that are not actor ids. */
export const NON_ACTOR_SIDES = new Set(["civilians", "unknown"]);

/** The lowest and highest number a count allows; text-only counts allow anything. */
export function countRange(count: Count): { low: number | null; high: number | null } {
  if (typeof count === "number") return { low: count, high: count };
  return { low: count.low ?? count.best ?? null, high: count.high ?? count.best ?? null };
}

/** One number for a count, to chart or sum: its best value, else its low; null for words only. */
export function bestValue(count: Count): number | null {
  if (typeof count === "number") return count;
  return count.best ?? countRange(count).low;
}

export type ClaimedFigures = {
  claim_id: string;
  claimant: string | null;
  source_ids: string[];
  figures: Figures;
};

export type FigureSpread = {
  category: FigureCategory;
  side: string;
  low: number | null;
  high: number | null;
  /** Each claim's own count for this side, so the spread is never read as agreement. */
  claims: Array<{ claim_id: string; claimant: string | null; count: Count }>;
};

/**
 * An incident's figures, derived from the claims about it: for each category and side, every
 * claim's count side by side and the span between the lowest and highest. Nothing is averaged.
 */
export function spreadFigures(claims: readonly ClaimedFigures[]): FigureSpread[] {
  const spreads = new Map<string, FigureSpread>();
  for (const claim of claims) {
    for (const category of FIGURE_CATEGORIES) {
      for (const [side, count] of Object.entries(claim.figures[category] ?? {})) {
        const key = `${category}\u0000${side}`;
        const spread = spreads.get(key) ?? { category, side, low: null, high: null, claims: [] };
        const range = countRange(count);
        if (range.low !== null)
          spread.low = spread.low === null ? range.low : Math.min(spread.low, range.low);
        if (range.high !== null) {
          spread.high = spread.high === null ? range.high : Math.max(spread.high, range.high);
        }
        spread.claims.push({ claim_id: claim.claim_id, claimant: claim.claimant, count });
        spreads.set(key, spread);
      }
    }
  }
  return [...spreads.values()];
}
