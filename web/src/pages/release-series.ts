import type { Count } from "../../../src/domain/figures.ts";
import { dateBounds } from "../../../src/domain/fuzzy-date.ts";
import type { Hazard } from "../../../src/domain/kinds/hazard.schema.ts";

/** One version of a hazard area as the ledger kept it: when its figures were as of, and what they say. */
export type HazardVersion = Pick<Hazard, "as_of" | "released_m2"> & { hazard_id: string };

/** A count's single number: the number itself, or a range's best, else its low (never a guess above it). */
export function countValue(count: Count | undefined): number | null {
  if (count === undefined) return null;
  if (typeof count === "number") return count;
  return count.best ?? count.low ?? null;
}

/**
 * Area released over time, summed over hazard areas: at each date a figure was reported, each area
 * counts with its latest figure as of that date (carried forward, never interpolated), so a total
 * rises only when someone reported a rise. Versions without a released figure are skipped.
 */
export function releaseSeries(versions: HazardVersion[]): Array<{ at: Date; released: number }> {
  const dated = versions
    .map((v) => ({
      hazard: v.hazard_id,
      start: dateBounds(v.as_of).start,
      released: countValue(v.released_m2),
    }))
    .filter((v): v is { hazard: string; start: string; released: number } => v.released !== null);
  const dates = [...new Set(dated.map((v) => v.start))].sort();
  return dates.map((date) => {
    const latest = new Map<string, number>();
    // Oldest first, so a later version with the same date wins.
    for (const v of dated) if (v.start <= date) latest.set(v.hazard, v.released);
    return { at: new Date(date), released: [...latest.values()].reduce((a, b) => a + b, 0) };
  });
}
