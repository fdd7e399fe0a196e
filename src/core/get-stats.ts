import { z } from "zod";
import type { Viewer } from "../domain/access.ts";
import { DAY_MS } from "../domain/fuzzy-date.ts";
import { parseBoundingBox } from "../domain/place.ts";
import { RecordIdSchema } from "../domain/record.ts";
import { splitBoxByCells } from "../domain/tiles.ts";
import type { OverviewAnswer } from "../read-model/overview-index.ts";
import { coverBoxByLevels, FINEST_ROLLUP_ZOOM, WHOLE_WORLD } from "../read-model/rollup-cover.ts";
import {
  type DashboardCounts,
  type DashboardFigures,
  type Num,
  type RollupWindow,
  rollupClaimedFigures,
  rollupIncidentCounts,
  rollupIncidentsByActor,
} from "../store/dashboard.repository.ts";
import {
  claimedFigures,
  incidentCounts,
  incidentsByActor,
  type StatsFilters,
} from "../store/stats.repository.ts";
import {
  BboxParamSchema,
  boundsOf,
  checkWindow,
  DateParamSchema,
  parseQuery,
} from "./query-params.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

export const StatsQuerySchema = z
  .object({
    from: DateParamSchema.optional(),
    to: DateParamSchema.optional(),
    bbox: BboxParamSchema.optional(),
    kind: z.string().max(60).optional(),
    actor: RecordIdSchema.optional(),
  })
  .strict();

const n = (value: Num | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

/** Midnight UTC, to the second or millisecond: where a date filter's bounds fall on whole days. */
const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.000)?Z$/;

/**
 * What the rollups can answer (decisions 0011, 0019): date bounds on whole UTC days and any box; not an
 * actor or kind filter, which the rollups of actors and figures do not key on (it would multiply
 * their rows). Null sends the query to the plain SQL.
 */
export function rollupWindowOf(filters: StatsFilters): RollupWindow | null {
  if (filters.actor !== undefined || filters.kind !== undefined) return null;
  const fromDay = filters.from === undefined ? undefined : MIDNIGHT.exec(filters.from)?.[1];
  const toDay = filters.to === undefined ? undefined : MIDNIGHT.exec(filters.to)?.[1];
  if ((filters.from !== undefined && !fromDay) || (filters.to !== undefined && !toDay)) return null;
  // The rollups count by ISO week: the whole weeks inside the window come from them, the days
  // before the first Monday and from the last Monday on are read plainly.
  const firstMonday = fromDay === undefined ? undefined : mondayOnOrAfter(fromDay);
  const lastMonday = toDay === undefined ? undefined : mondayOnOrBefore(toDay);
  const box = filters.bbox;
  const cells = box ? splitBoxByCells(box, FINEST_ROLLUP_ZOOM) : undefined;
  const days = { from: fromDay, to: toDay };
  const cover = box ? coverBoxByLevels(box) : WHOLE_WORLD;
  if (firstMonday !== undefined && lastMonday !== undefined && firstMonday >= lastMonday)
    return { weeks: null, partial: [{ from: fromDay, to: toDay }], days, cover, cells };
  const partial: RollupWindow["partial"][number][] = [];
  if (fromDay !== undefined && firstMonday !== undefined && fromDay < firstMonday)
    partial.push({ from: fromDay, to: firstMonday });
  if (toDay !== undefined && lastMonday !== undefined && lastMonday < toDay)
    partial.push({ from: lastMonday, to: toDay });
  return { weeks: { from: firstMonday, to: lastMonday }, partial, days, cover, cells };
}

const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Days since the Monday on or before this day (0 on a Monday). */
const sinceMonday = (ms: number) => (new Date(ms).getUTCDay() + 6) % 7;

/**
 * The day after the last a date may cover (fuzzy-date.ts): no record's week starts later, and
 * ISO 8601 writes the days after it with six-digit years, which the store does not read.
 */
const END_OF_DATES = Date.parse("9999-12-31T00:00:00Z");

function mondayOnOrAfter(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  const back = sinceMonday(ms);
  return dayString(Math.min(back === 0 ? ms : ms + (7 - back) * DAY_MS, END_OF_DATES));
}

function mondayOnOrBefore(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return dayString(ms - sinceMonday(ms) * DAY_MS);
}

/**
 * The overview's numbers for a date range and area: incidents by week, kind, verification and actor,
 * and the figures claimed about them, per claimant (never merged across claimants). Incidents known
 * only to the month or coarser are counted in the totals but not placed in a week (`not_weekly`).
 */
export async function getStats(services: Services, slug: string, query: unknown, viewer: Viewer) {
  const q = parseQuery(StatsQuerySchema, query);
  checkWindow(q);
  const process = await requireProcess(services, slug);
  const filters: StatsFilters = {
    from: q.from ? boundsOf(q.from).start : undefined,
    to: q.to ? boundsOf(q.to).end : undefined,
    bbox: q.bbox ? (parseBoundingBox(q.bbox) ?? undefined) : undefined,
    kind: q.kind,
    actor: q.actor,
  };
  const db = services.store.db;
  const remembered = await services.overviews?.query(
    db,
    slug,
    process.ledger_size,
    viewer,
    filters,
  );
  if (remembered) return present(remembered.counts, remembered.byActor, remembered.figures);
  const window = rollupWindowOf(filters);
  const [counts, byActor, figures] = await Promise.all(
    window
      ? [
          rollupIncidentCounts(db, slug, viewer, filters, window),
          rollupIncidentsByActor(db, slug, viewer, filters, window),
          rollupClaimedFigures(db, slug, viewer, filters, window),
        ]
      : [
          incidentCounts(db, slug, viewer, filters),
          incidentsByActor(db, slug, viewer, filters),
          claimedFigures(db, slug, viewer, filters),
        ],
  );
  return present(counts, byActor, figures);
}

/** The overview as the API answers it, whichever way it was computed (numbers as numbers). */
function present(
  counts: DashboardCounts | OverviewAnswer["counts"],
  byActor: ReadonlyArray<{ actor: string; count: Num }>,
  figures: DashboardFigures | OverviewAnswer["figures"],
) {
  return {
    incidents: {
      total: Number(counts.totals.total),
      not_weekly: Number(counts.totals.not_weekly),
      by_week: counts.byWeek.map((row) => ({ week: row.week, count: Number(row.count) })),
      by_kind: counts.byKind.map((row) => ({ kind: row.kind, count: Number(row.count) })),
      by_verification: counts.byVerification.map((row) => ({
        verification: row.verification,
        count: Number(row.count),
      })),
      by_actor: byActor.map((row) => ({ actor: row.actor, count: Number(row.count) })),
    },
    figures: {
      by_claimant: figures.byClaimant.map((row) => ({
        claimant: row.claimant,
        category: row.category,
        side: row.side,
        low: n(row.low),
        high: n(row.high),
        claims: Number(row.claims),
      })),
      by_week: figures.byWeek.map((row) => ({
        week: row.week,
        claimant: row.claimant,
        category: row.category,
        low: n(row.low),
        high: n(row.high),
      })),
    },
  };
}
