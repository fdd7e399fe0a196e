import { z } from "zod";
import type { Viewer } from "../domain/access.ts";
import { parseBoundingBox } from "../domain/place.ts";
import { RecordIdSchema } from "../domain/record.ts";
import {
  claimedFigures,
  incidentCounts,
  incidentsByActor,
  type StatsFilters,
} from "../store/stats.repository.ts";
import { BboxParamSchema, boundsOf, DateParamSchema, parseQuery } from "./query-params.ts";
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

const n = (value: string | number | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

/**
 * The overview's numbers for a date range and area: incidents by week, kind, verification and actor,
 * and the figures claimed about them, per claimant (never merged across claimants). Incidents known
 * only to the month or coarser are counted in the totals but not placed in a week (`not_weekly`).
 */
export async function getStats(services: Services, slug: string, query: unknown, viewer: Viewer) {
  const q = parseQuery(StatsQuerySchema, query);
  await requireProcess(services, slug);
  const filters: StatsFilters = {
    from: q.from ? boundsOf(q.from).start : undefined,
    to: q.to ? boundsOf(q.to).end : undefined,
    bbox: q.bbox ? (parseBoundingBox(q.bbox) ?? undefined) : undefined,
    kind: q.kind,
    actor: q.actor,
  };
  const db = services.store.db;
  const [counts, byActor, figures] = await Promise.all([
    incidentCounts(db, slug, viewer, filters),
    incidentsByActor(db, slug, viewer, filters),
    claimedFigures(db, slug, viewer, filters),
  ]);
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
