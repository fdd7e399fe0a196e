import { z } from "zod";
import { bestValue, CountSchema } from "../figures.ts";
import { dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { GeometrySchema, PlaceSchema } from "../place.ts";
import { ActorIdsSchema, RecordIdSchema, SourceIdsSchema } from "../record.ts";

/** A count for one weapon or kind of fire, where the reporter breaks its total down. */
export const WeaponCountSchema = z
  .object({
    weapon: z.string().trim().min(1).max(100),
    count: CountSchema,
  })
  .strict();

/**
 * One reporter's count of ceasefire violations or explosions over a period and an area, as a
 * monitoring mission's daily report or a ministry's statement gives it. Each reporter's counts
 * form its own series: they are shown side by side, never added to another's.
 */
export const ViolationCountSchema = z
  .object({
    reporter: RecordIdSchema.describe("who counted: a monitor, a party, a ministry"),
    period: FuzzyDateSchema.describe("the day, or the range of days, the count covers"),
    place: PlaceSchema.optional().describe("where, as precisely as the report says"),
    area: GeometrySchema.optional(),
    violations: CountSchema.optional().describe("ceasefire violations counted"),
    explosions: CountSchema.optional().describe("explosions counted"),
    by_weapon: z.array(WeaponCountSchema).max(50).default([]),
    blamed: ActorIdsSchema.describe("whose violations the reporter says they were"),
    notes: z.string().max(5000).optional(),
    source_ids: SourceIdsSchema,
  })
  .strict()
  .refine((c) => c.violations !== undefined || c.explosions !== undefined, {
    message: "a count gives the violations or the explosions counted",
    path: ["violations"],
  });
export type ViolationCount = z.infer<typeof ViolationCountSchema>;

/** One point of a reporter's series: the period's start and the counts' best (or low) values. */
export type SeriesPoint = {
  reporter: string;
  start: string;
  end: string;
  violations: number | null;
  explosions: number | null;
};

const best = (count: ViolationCount["violations"]) =>
  count === undefined ? null : bestValue(count);

/**
 * Each reporter's counts as a series ordered in time, side by side: the overview charts them and
 * the reports tabulate them. Reporters are never summed together: they count differently.
 */
export function violationSeries(counts: readonly ViolationCount[]): Map<string, SeriesPoint[]> {
  const series = new Map<string, SeriesPoint[]>();
  for (const count of counts) {
    const bounds = dateBounds(count.period);
    const points = series.get(count.reporter) ?? [];
    points.push({
      reporter: count.reporter,
      start: bounds.start,
      end: bounds.end,
      violations: best(count.violations),
      explosions: best(count.explosions),
    });
    series.set(count.reporter, points);
  }
  for (const points of series.values()) points.sort((a, b) => a.start.localeCompare(b.start));
  return series;
}

export const violationCountKind = defineKind({
  type: "violation_count",
  path: "violation-counts",
  title: "Counts of ceasefire violations or explosions, by reporter, period and area",
  label: { one: "violation count", other: "violation counts" },
  list: { columns: ["period", "reporter", "place", "violations", "explosions", "blamed"] },
  schema: ViolationCountSchema,
  filterValues: {},
  access: { monitors: true },
  sortsByDate: true,
  references: (c) =>
    referencesIn(c, { reporter: ["actor"], blamed: ["actor"], source_ids: ["source"] }),
  index: (c) => ({
    date: c.period,
    place: c.place,
    geometry: c.area,
    sort_key: dateBounds(c.period).start,
    text: [c.notes, c.place?.name, ...c.by_weapon.map((w) => w.weapon)],
  }),
});
