import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { Viewer } from "../domain/access.ts";
import { DAY_MS } from "../domain/fuzzy-date.ts";
import { type CellRect, FINEST_ROLLUP_ZOOM, ROLLUP_ZOOMS } from "../read-model/rollup-cover.ts";
import { matchFilters } from "./record-filters.ts";
import type { Database } from "./schema.ts";
import { visibleTo } from "./scope.ts";
import type { StatsFilters } from "./stats.repository.ts";

type Db = Kysely<Database> | Transaction<Database>;

type Box = { west: number; south: number; east: number; north: number };

/**
 * The overview from rollups (migrations 010 and 013, decisions 0011 and 0019). Rolled-up incidents
 * are located at a point and dated within one UTC day (`rollup_day`, summed by ISO week) or to a
 * span of whole UTC days (a month, a year: `rollup_span_days`). Their rows are summed for the cells
 * wholly inside the box, at the coarsest levels that fit (`cover`), for the whole weeks of the
 * window and the spans that overlap it; the rest is read from `record` as the plain queries read
 * it: incidents in no rollup, those of one day in the window's partial weeks, and rolled-up ones in
 * the box's rim. Each statement returns what the plain statement returns, in the same order.
 */
export type RollupWindow = {
  /** The whole weeks (Mondays, YYYY-MM-DD; `to` excluded; either side open), or null if none. */
  weeks: { from?: string | undefined; to?: string | undefined } | null;
  /** The days before and after the whole weeks, read one incident at a time. */
  partial: ReadonlyArray<{ from?: string | undefined; to?: string | undefined }>;
  /** The window as whole days (YYYY-MM-DD; `to` excluded; either side open), for spans. */
  days: { from?: string | undefined; to?: string | undefined };
  /** The rollup cells summed: the box's inner cells by level, or the whole world. */
  cover: readonly CellRect[];
  /**
   * With a box: its zoom-12 inner cells (x0..x1, y0..y1; null if none), and boxes covering the
   * rest of it (the rim), where rolled-up incidents are read one at a time.
   */
  cells?:
    | { inner: { x0: number; x1: number; y0: number; y1: number } | null; edges: readonly Box[] }
    | undefined;
};

/** Sums of a signed integer column as SQL and pg return them: text, or a number. */
export type Num = string | number;

const MIDNIGHT = (day: string) => `${day}T00:00:00.000Z`;
/** The longest span rolled up (rollup_span_days): a span row starts at most this long before. */
const MAX_SPAN_DAYS = 366;
/** Above this many cells a rectangle is read as ranges of x and y, not cell by cell. */
const MAX_CELL_PROBES = 4096;

function insideCells(
  x: RawBuilder<unknown>,
  y: RawBuilder<unknown>,
  inner: { x0: number; x1: number; y0: number; y1: number },
): RawBuilder<boolean> {
  return sql<boolean>`(${x} BETWEEN ${inner.x0} AND ${inner.x1} AND ${y} BETWEEN ${inner.y0} AND ${inner.y1})`;
}

/**
 * The cells to sum, as conditions on `t` the key reads best: all rectangles of up to
 * MAX_CELL_PROBES cells as one list of cells, each found by equality and then its days; a larger
 * rectangle (a strip of a continent-sized box) as ranges of x and y.
 */
function inCover(cover: readonly CellRect[]): RawBuilder<boolean>[] {
  const zooms: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const large: RawBuilder<boolean>[] = [];
  for (const rect of cover) {
    if ((rect.x1 - rect.x0 + 1) * (rect.y1 - rect.y0 + 1) > MAX_CELL_PROBES) {
      large.push(
        sql<boolean>`t.zoom = ${rect.zoom} AND ${insideCells(sql`t.cx`, sql`t.cy`, rect)}`,
      );
      continue;
    }
    for (let x = rect.x0; x <= rect.x1; x++)
      for (let y = rect.y0; y <= rect.y1; y++) {
        zooms.push(rect.zoom);
        xs.push(x);
        ys.push(y);
      }
  }
  if (zooms.length === 0) return large;
  return [
    sql<boolean>`(t.zoom, t.cx, t.cy) IN (SELECT * FROM unnest(${zooms}::smallint[], ${xs}::int[], ${ys}::int[]))`,
    ...large,
  ];
}

const dayBefore = (day: string, days: number) =>
  new Date(Date.parse(MIDNIGHT(day)) - days * DAY_MS).toISOString().slice(0, 10);

/** The periods of rollup rows (migration 013): weeks of incidents of one day, and spans. */
const WEEKS = 0;
const SPANS = 1;

/**
 * Days from `from` (included) to `to` (excluded), YYYY-MM-DD, either side open, as conditions on
 * a date column: the rollups' `day`, or a record's `rollup_day`.
 */
function dayRange(
  column: RawBuilder<unknown>,
  range: { from?: string | undefined; to?: string | undefined },
): RawBuilder<unknown> {
  return sql.join(
    [
      ...(range.from === undefined ? [] : [sql` AND ${column} >= ${range.from}::date`]),
      ...(range.to === undefined ? [] : [sql` AND ${column} < ${range.to}::date`]),
    ],
    sql``,
  );
}

/**
 * The rollup rows in the window, as conditions on `t`, each an arm of a UNION ALL so that the key
 * reads each cell's rows of one period in one range of days: the whole weeks' rows and the spans
 * that overlap the window; what the viewer may see.
 */
function rollupArms(
  processId: string,
  viewer: Viewer,
  window: RollupWindow,
): RawBuilder<boolean>[] {
  const { weeks, days } = window;
  const periods: RawBuilder<unknown>[] = [];
  if (weeks) periods.push(sql`t.period = ${WEEKS}${dayRange(sql`t.day`, weeks)}`);
  // A span overlaps the window when it starts before its end and ends after its start; it starts
  // at most MAX_SPAN_DAYS before, which bounds what the key reads.
  const spans = {
    from: days.from === undefined ? undefined : dayBefore(days.from, MAX_SPAN_DAYS),
    to: days.to,
  };
  periods.push(
    sql`t.period = ${SPANS}${dayRange(sql`t.day`, spans)}${days.from === undefined ? sql`` : sql` AND t.day + t.days > ${days.from}::date`}`,
  );
  const visible = visibleTo(viewer, "t");
  return inCover(window.cover).flatMap((cells) =>
    periods.map(
      (period) =>
        sql<boolean>`(t.process_id = ${processId} AND ${period} AND ${cells} AND ${visible})`,
    ),
  );
}

/** Incidents in a rollup by their span of whole days (migration 013). */
const IN_SPAN_ROLLUP = sql<boolean>`(r.cell IS NOT NULL AND rollup_span_days(r.date_start, r.date_end) IS NOT NULL)`;
/** Incidents in no rollup, in the words of the partial index that finds them (migration 013). */
const IN_NO_ROLLUP = sql<boolean>`r.rollup_day IS NULL AND (r.cell IS NULL OR rollup_span_days(r.date_start, r.date_end) IS NULL)`;

/**
 * The incidents read from `record`, as arms of a UNION ALL (each a condition on `r`) that no
 * incident can satisfy twice: those in no rollup; those of one day in the partial weeks; rolled-up
 * ones outside the inner cells, one arm per rim box (each excluding the boxes before it), so the
 * space-time index reads only the rim.
 */
function baseArms(
  processId: string,
  viewer: Viewer,
  filters: StatsFilters,
  window: RollupWindow,
): RawBuilder<boolean>[] {
  const where = (f: StatsFilters) =>
    sql`r.process_id = ${processId} AND r.type = 'incident' AND ${visibleTo(viewer, "r")} AND ${matchFilters(f, "r")}`;
  const arms: RawBuilder<boolean>[] = [sql<boolean>`(${where(filters)} AND ${IN_NO_ROLLUP})`];
  for (const days of window.partial) {
    const within = {
      ...filters,
      from: days.from === undefined ? undefined : MIDNIGHT(days.from),
      to: days.to === undefined ? undefined : MIDNIGHT(days.to),
    };
    // Also as days, which the index of incidents by day (migration 014) reads.
    const byDay = dayRange(sql`r.rollup_day`, days);
    arms.push(sql<boolean>`(${where(within)} AND r.rollup_day IS NOT NULL${byDay})`);
  }
  const cells = window.cells;
  if (!cells) return arms;
  // In the rim: incidents of one day in the whole weeks (those of the partial weeks are read
  // above), and incidents rolled up by span anywhere in the window.
  const weeks = window.weeks;
  // Bounded by its start, which is on its day: bounds on `rollup_day` itself would invite the
  // index by day to read a year of the whole process for a thin strip of the map.
  const ofOneDay = weeks
    ? sql`(r.rollup_day IS NOT NULL${weeks.from === undefined ? sql`` : sql` AND r.date_start >= ${MIDNIGHT(weeks.from)}::timestamptz`}${weeks.to === undefined ? sql`` : sql` AND r.date_start < ${MIDNIGHT(weeks.to)}::timestamptz`})`
    : sql`false`;
  // A rolled-up incident is a point: west = east and south = north.
  const inBox = (e: Box) =>
    sql`(r.west BETWEEN ${e.west} AND ${e.east} AND r.south BETWEEN ${e.south} AND ${e.north})`;
  const outside = cells.inner
    ? sql`NOT ${insideCells(sql`cell12_x(r.cell >> 16)`, sql`cell12_y(r.cell >> 16)`, cells.inner)}`
    : sql`true`;
  cells.edges.forEach((edge, i) => {
    const earlier = cells.edges.slice(0, i).map((e) => sql` AND NOT ${inBox(e)}`);
    arms.push(
      sql<boolean>`(${where({ ...filters, bbox: edge })} AND ${matchFilters({ bbox: filters.bbox }, "r")} AND (${ofOneDay} OR ${IN_SPAN_ROLLUP}) AND ${outside}${sql.join(earlier, sql``)})`,
    );
  });
  return arms;
}

/** A rollup row's week: its Monday for incidents of one day, that of its first day for spans of up to a week. */
const WEEK_OF_ROLLUP = sql<string>`CASE WHEN t.days <= 7 THEN to_char(date_trunc('week', t.day::timestamp), 'YYYY-MM-DD') END`;

/** One SELECT of the rollup table per arm, as a UNION ALL (nothing if there are no arms). */
function rollupRows(
  arms: readonly RawBuilder<boolean>[],
  select: (arm: RawBuilder<boolean>) => RawBuilder<unknown>,
) {
  return sql.join(
    arms.map((arm) => sql` UNION ALL ${select(arm)}`),
    sql``,
  );
}

const WEEK_OF_RECORD = sql<string>`to_char(date_trunc('week', r.date_start AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
const IS_WEEKLY = sql<boolean>`r.date_end - r.date_start <= interval '7 days'`;

export type DashboardCounts = {
  totals: { total: Num; not_weekly: Num };
  byWeek: Array<{ week: string; count: Num }>;
  byKind: Array<{ kind: string | null; count: Num }>;
  byVerification: Array<{ verification: string | null; count: Num }>;
};

/** incidentCounts of stats.repository.ts, from the rollup plus the incidents read one by one. */
export async function rollupIncidentCounts(
  db: Db,
  processId: string,
  viewer: Viewer,
  filters: StatsFilters,
  window: RollupWindow,
): Promise<DashboardCounts> {
  const base = baseArms(processId, viewer, filters, window).map(
    (arm) => sql`
      SELECT CASE WHEN ${IS_WEEKLY} THEN ${WEEK_OF_RECORD} END AS week, r.kind, r.verification,
        1 AS n, CASE WHEN NOT (${IS_WEEKLY}) THEN 1 ELSE 0 END AS not_weekly
      FROM record r WHERE ${arm}`,
  );
  const { rows } = await sql<{
    g: number;
    week: string | null;
    kind: string | null;
    verification: string | null;
    count: Num;
    not_weekly: Num;
  }>`
    WITH rows AS (
      ${sql.join(base, sql` UNION ALL `)}
      ${rollupRows(
        rollupArms(processId, viewer, window),
        (arm) => sql`
          SELECT ${WEEK_OF_ROLLUP}, NULLIF(t.kind, ''), NULLIF(t.verification, ''), t.count,
            CASE WHEN t.days > 7 THEN t.count ELSE 0 END
          FROM incident_rollup t WHERE ${arm}`,
      )}
    )
    SELECT GROUPING(week, kind, verification) AS g, week, kind, verification,
      sum(n) AS count, sum(not_weekly) AS not_weekly
    FROM rows
    GROUP BY GROUPING SETS ((), (week), (kind), (verification))
    HAVING sum(n) > 0
    ORDER BY g, week, kind, verification`.execute(db);
  const counts: DashboardCounts = {
    totals: { total: "0", not_weekly: "0" },
    byWeek: [],
    byKind: [],
    byVerification: [],
  };
  for (const row of rows) {
    // GROUPING() has a bit set for each column the row is not grouped by: week 4, kind 2, verification 1.
    const g = Number(row.g);
    if (g === 7) counts.totals = { total: row.count, not_weekly: row.not_weekly };
    else if (g === 3 && row.week !== null) counts.byWeek.push({ week: row.week, count: row.count });
    else if (g === 5) counts.byKind.push({ kind: row.kind, count: row.count });
    else if (g === 6)
      counts.byVerification.push({ verification: row.verification, count: row.count });
  }
  return counts;
}

/** incidentsByActor of stats.repository.ts, from the rollup plus the incidents read one by one. */
export async function rollupIncidentsByActor(
  db: Db,
  processId: string,
  viewer: Viewer,
  filters: StatsFilters,
  window: RollupWindow,
): Promise<Array<{ actor: string; count: Num }>> {
  const base = baseArms(processId, viewer, filters, window).map(
    (arm) => sql`SELECT unnest(r.refs) AS to_id FROM record r WHERE ${arm}`,
  );
  const { rows } = await sql<{ actor: string; count: Num }>`
    WITH referred AS (${sql.join(base, sql` UNION ALL `)}),
    rows AS (
      SELECT b.to_id AS actor, 1 AS n
      FROM referred b
      JOIN record a ON a.process_id = ${processId} AND a.id = b.to_id AND a.type = 'actor'
      ${rollupRows(
        rollupArms(processId, viewer, window),
        (arm) => sql`SELECT t.actor, t.count FROM incident_actor_rollup t WHERE ${arm}`,
      )}
    )
    SELECT actor, sum(n) AS count FROM rows GROUP BY actor HAVING sum(n) > 0 ORDER BY actor`.execute(
    db,
  );
  return rows;
}

export type DashboardFigures = {
  byClaimant: Array<{
    claimant: string | null;
    category: string;
    side: string;
    low: Num | null;
    high: Num | null;
    claims: Num;
  }>;
  byWeek: Array<{
    week: string;
    claimant: string | null;
    category: string;
    low: Num | null;
    high: Num | null;
  }>;
};

/** claimedFigures of stats.repository.ts, from the rollup plus the incidents read one by one. */
export async function rollupClaimedFigures(
  db: Db,
  processId: string,
  viewer: Viewer,
  filters: StatsFilters,
  window: RollupWindow,
): Promise<DashboardFigures> {
  const base = baseArms(processId, viewer, filters, window).map(
    (arm) => sql`
      SELECT CASE WHEN ${IS_WEEKLY} THEN ${WEEK_OF_RECORD} END AS week, f.claimant, f.category,
        f.side, 1 AS n, f.low::bigint AS sum_low, CASE WHEN f.low IS NULL THEN 0 ELSE 1 END AS n_low,
        f.high::bigint AS sum_high, CASE WHEN f.high IS NULL THEN 0 ELSE 1 END AS n_high
      FROM record r
      JOIN claim_figure f ON f.process_id = r.process_id AND f.incident_id = r.id
      WHERE ${arm} AND ${visibleTo(viewer, "f")}`,
  );
  // The claim's own visibility is checked under its usual column names, through a lateral alias.
  const { rows } = await sql<{
    g: number;
    week: string | null;
    claimant: string | null;
    category: string;
    side: string | null;
    claims: Num;
    low: Num | null;
    high: Num | null;
  }>`
    WITH rows AS (
      ${sql.join(base, sql` UNION ALL `)}
      ${rollupRows(
        rollupArms(processId, viewer, window),
        (arm) => sql`
          SELECT ${WEEK_OF_ROLLUP}, NULLIF(t.claimant, ''), t.category, t.side, t.count,
            t.sum_low, t.n_low, t.sum_high, t.n_high
          FROM claim_figure_rollup t
          CROSS JOIN LATERAL (SELECT t.figure_visibility AS visibility, t.figure_restricted_to AS restricted_to) AS f
          WHERE ${arm} AND ${visibleTo(viewer, "f")}`,
      )}
    )
    SELECT GROUPING(week, claimant, category, side) AS g, week, claimant, category, side,
      sum(n) AS claims,
      CASE WHEN sum(n_low) > 0 THEN sum(sum_low) END AS low,
      CASE WHEN sum(n_high) > 0 THEN sum(sum_high) END AS high
    FROM rows
    GROUP BY GROUPING SETS ((claimant, category, side), (week, claimant, category))
    HAVING sum(n) > 0
    ORDER BY g, claimant, category, side, week`.execute(db);
  const figures: DashboardFigures = { byClaimant: [], byWeek: [] };
  for (const row of rows) {
    // Bits: week 8, claimant 4, category 2, side 1; set where the row is not grouped by it.
    const g = Number(row.g);
    if (g === 8)
      figures.byClaimant.push({
        claimant: row.claimant,
        category: row.category,
        side: row.side as string,
        low: row.low,
        high: row.high,
        claims: row.claims,
      });
    else if (g === 1 && row.week !== null)
      figures.byWeek.push({
        week: row.week,
        claimant: row.claimant,
        category: row.category,
        low: row.low,
        high: row.high,
      });
  }
  figures.byWeek.sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
  return figures;
}

/**
 * The rolled-up incidents among these (or all of the process's), once per level and period, with their rollup keys as
 * migration 013's backfill computes them (zoom, period, cx, cy, day, days), as a table `r`.
 */
function rolledUp(
  processId: string,
  incidentIds: readonly string[] | "all",
  zooms: readonly number[] = ROLLUP_ZOOMS,
) {
  return sql`(
    SELECT r.process_id, r.id, r.refs, r.kind, r.verification, r.visibility, r.restricted_to,
      z.zoom::smallint AS zoom, p.period::smallint AS period,
      cell12_x(r.cell >> 16) >> (${FINEST_ROLLUP_ZOOM} - z.zoom) AS cx,
      cell12_y(r.cell >> 16) >> (${FINEST_ROLLUP_ZOOM} - z.zoom) AS cy,
      p.day, p.days::smallint AS days
    FROM record r
    CROSS JOIN LATERAL (
      SELECT ${WEEKS} AS period, date_trunc('week', r.rollup_day::timestamp)::date AS day, 0 AS days
      WHERE r.rollup_day IS NOT NULL
      UNION ALL
      SELECT ${SPANS}, (r.date_start AT TIME ZONE 'UTC')::date, rollup_span_days(r.date_start, r.date_end)
      WHERE rollup_span_days(r.date_start, r.date_end) IS NOT NULL
    ) AS p
    CROSS JOIN unnest(${[...zooms]}::int[]) AS z(zoom)
    WHERE r.process_id = ${processId}${incidentIds === "all" ? sql`` : sql` AND r.id = ANY(${incidentIds}::text[])`}
      AND r.type = 'incident' AND r.cell IS NOT NULL
  ) AS r`;
}

/** Which claims' figures an adjustment counts (not those created in the transaction, say). */
export type ClaimsAdjusted = { onlyClaims?: readonly string[]; exceptClaims?: readonly string[] };

/**
 * Adds (sign 1) or takes out (sign -1) the share of these incidents, with their claims' figures,
 * in the three rollups at every level, as they are stored now: all of it, only the counts (of
 * incidents, by kind and by actor), or only the figures, which alone depend on the claims; of
 * every claim, only some, or all but some. The upkeep that calls this is
 * src/core/dashboard-upkeep.ts.
 */
export async function adjustDashboardRollup(
  tx: Transaction<Database>,
  processId: string,
  incidentIds: readonly string[],
  sign: 1 | -1,
  part: "all" | "counts" | "figures" = "all",
  claims: ClaimsAdjusted = {},
): Promise<void> {
  if (incidentIds.length === 0) return;
  // Membership in a list of ids as a join or a hashed <> ALL, not a scan of the list per row.
  let figures = sql``;
  if (claims.onlyClaims)
    figures = sql` JOIN unnest(${claims.onlyClaims}::text[]) AS only_claim(id) ON f.claim_id = only_claim.id`;
  else if (claims.exceptClaims && claims.exceptClaims.length > 0)
    figures = sql` AND f.claim_id <> ALL(${claims.exceptClaims}::text[])`;
  const from = rolledUp(processId, incidentIds);
  if (part !== "figures") await adjustCounts(tx, from, sign);
  if (part !== "counts") await adjustFigures(tx, from, figures, sign);
}

/** The incidents' counts by kind and verification, keyed like incident_rollup, from `r`. */
function incidentCounts(from: RawBuilder<unknown>, sign: 1 | -1) {
  return sql`
    SELECT r.process_id, r.zoom, r.period, r.cx, r.cy, r.day, r.days, coalesce(r.kind, '') AS kind,
      coalesce(r.verification, '') AS verification, r.visibility,
      coalesce(r.restricted_to, '') AS restricted_to, ${sign} * count(*) AS count
    FROM ${from}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`;
}

/** The incidents' counts by the actors they refer to, keyed like incident_actor_rollup. */
function actorCounts(from: RawBuilder<unknown>, sign: 1 | -1) {
  return sql`
    SELECT r.process_id, r.zoom, r.period, r.cx, r.cy, r.day, r.days, a.id AS actor, r.visibility,
      coalesce(r.restricted_to, '') AS restricted_to, ${sign} * count(*) AS count
    FROM ${from}
    CROSS JOIN LATERAL unnest(r.refs) AS ref(to_id)
    JOIN record a ON a.process_id = r.process_id AND a.id = ref.to_id AND a.type = 'actor'
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
}

/** The figures claimed about the incidents, keyed like claim_figure_rollup (`figures` joins more on `f`). */
function figureSums(from: RawBuilder<unknown>, figures: RawBuilder<unknown>, sign: 1 | -1) {
  return sql`
    SELECT r.process_id, r.zoom, r.period, r.cx, r.cy, r.day, r.days, r.visibility,
      coalesce(r.restricted_to, '') AS restricted_to, f.visibility AS figure_visibility,
      coalesce(f.restricted_to, '') AS figure_restricted_to, coalesce(f.claimant, '') AS claimant,
      f.category, f.side, ${sign} * count(*) AS count,
      ${sign} * coalesce(sum(f.low), 0) AS sum_low, ${sign} * count(f.low) AS n_low,
      ${sign} * coalesce(sum(f.high), 0) AS sum_high, ${sign} * count(f.high) AS n_high
    FROM ${from}
    JOIN claim_figure f ON f.process_id = r.process_id AND f.incident_id = r.id${figures}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14`;
}

/**
 * The overview's three rollups as the process's records and claimed figures make them now: what
 * `truce verify` compares the stored rows with (src/store/verify.repository.ts). Each is grouped
 * once at the finest level, and the coarser levels are summed from those rows (a cell at zoom z is
 * the finest cell shifted by 12 - z), not from every incident again.
 */
export function recomputedDashboardRollups(processId: string) {
  const finest = rolledUp(processId, "all", [FINEST_ROLLUP_ZOOM]);
  const coarsened = (rows: RawBuilder<unknown>, keys: readonly string[], sums: readonly string[]) =>
    sql`
      SELECT b.process_id, z.zoom::smallint AS zoom, b.period,
        b.cx >> (${FINEST_ROLLUP_ZOOM} - z.zoom) AS cx, b.cy >> (${FINEST_ROLLUP_ZOOM} - z.zoom) AS cy,
        b.day, b.days, ${sql.join(keys.map((k) => sql`b.${sql.id(k)}`))},
        ${sql.join(sums.map((k) => sql`sum(b.${sql.id(k)})::bigint AS ${sql.id(k)}`))}
      FROM (${rows}) AS b CROSS JOIN unnest(${[...ROLLUP_ZOOMS]}::int[]) AS z(zoom)
      GROUP BY ${sql.join(
        ["process_id", "zoom", "period", "cx", "cy", "day", "days", ...keys].map((_, i) =>
          sql.raw(String(i + 1)),
        ),
      )}`;
  return {
    incident_rollup: coarsened(
      incidentCounts(finest, 1),
      ["kind", "verification", "visibility", "restricted_to"],
      ["count"],
    ),
    incident_actor_rollup: coarsened(
      actorCounts(finest, 1),
      ["actor", "visibility", "restricted_to"],
      ["count"],
    ),
    claim_figure_rollup: coarsened(
      figureSums(finest, sql``, 1),
      [
        "visibility",
        "restricted_to",
        "figure_visibility",
        "figure_restricted_to",
        "claimant",
        "category",
        "side",
      ],
      ["count", "sum_low", "n_low", "sum_high", "n_high"],
    ),
  };
}

/** The incidents' counts, by kind and verification and by actor. */
async function adjustCounts(
  tx: Transaction<Database>,
  from: RawBuilder<unknown>,
  sign: 1 | -1,
): Promise<void> {
  await sql`
    INSERT INTO incident_rollup AS t
      (process_id, zoom, period, cx, cy, day, days, kind, verification, visibility, restricted_to, count)
    ${incidentCounts(from, sign)}
    ON CONFLICT (process_id, zoom, period, cx, cy, day, days, kind, verification, visibility, restricted_to)
    DO UPDATE SET count = t.count + excluded.count`.execute(tx);
  await sql`
    INSERT INTO incident_actor_rollup AS t
      (process_id, zoom, period, cx, cy, day, days, actor, visibility, restricted_to, count)
    ${actorCounts(from, sign)}
    ON CONFLICT (process_id, zoom, period, cx, cy, day, days, actor, visibility, restricted_to)
    DO UPDATE SET count = t.count + excluded.count`.execute(tx);
}

/** The figures claimed about the incidents (`figures` joins or conditions more on `f`). */
async function adjustFigures(
  tx: Transaction<Database>,
  from: RawBuilder<unknown>,
  figures: RawBuilder<unknown>,
  sign: 1 | -1,
): Promise<void> {
  await sql`
    INSERT INTO claim_figure_rollup AS t
      (process_id, zoom, period, cx, cy, day, days, visibility, restricted_to, figure_visibility,
       figure_restricted_to, claimant, category, side, count, sum_low, n_low, sum_high, n_high)
    ${figureSums(from, figures, sign)}
    ON CONFLICT (process_id, zoom, period, cx, cy, day, days, visibility, restricted_to, figure_visibility,
      figure_restricted_to, claimant, category, side)
    DO UPDATE SET count = t.count + excluded.count, sum_low = t.sum_low + excluded.sum_low,
      n_low = t.n_low + excluded.n_low, sum_high = t.sum_high + excluded.sum_high,
      n_high = t.n_high + excluded.n_high`.execute(tx);
}

/** The incidents the stored figures of these claims are about (before the claims change). */
export async function incidentsOfClaims(
  tx: Transaction<Database>,
  processId: string,
  claimIds: readonly string[],
): Promise<string[]> {
  if (claimIds.length === 0) return [];
  const { rows } = await sql<{ incident_id: string }>`
    SELECT DISTINCT incident_id FROM claim_figure
    WHERE process_id = ${processId} AND claim_id = ANY(${claimIds}::text[]) AND incident_id IS NOT NULL`.execute(
    tx,
  );
  return rows.map((row) => row.incident_id);
}
