-- The overview's rollups at seven map levels and with incidents known to a span of whole days
-- (decision 0019). At a million incidents a year and a 2° box summed every zoom-12 row of the year
-- in the process (the rows were keyed week first) and read about 25,000 month-precision incidents
-- one by one with their figures: 1.2-1.6 s a request.
--
-- `zoom` is 0, 2, 4 ... 12: `cx` and `cy` are the zoom-12 tile x and y shifted right by 12 - zoom.
-- A box's inner region is summed from the coarsest cells that fit in it and a ring of finer ones
-- (src/domain/rollup-cover.ts), each cell found through the key, with its days in range.
--
-- Two periods of rows, each its own part of the key so that a window reads only its rows:
-- - 0, weeks: incidents within one UTC day (`rollup_day`) per ISO week; `day` is its Monday,
--   `days` 0. The whole weeks of a window are summed from these; the days before its first Monday
--   and from its last Monday on are read one incident at a time (rows per day would cost every
--   write twice the rows, for a dozen days a window at most).
-- - 1, spans: incidents at a point whose dates are whole UTC days, more than one and at most 366
--   (a month, a year, a range of days); `day` is the first day and `days` the length. Such a row
--   overlaps a window of whole days exactly when its incidents do.

-- The span in days of an incident's dates when they are whole UTC days, more than one and at most
-- 366; NULL otherwise (then it is rolled up by its day, or not at all).
CREATE FUNCTION rollup_span_days(date_start timestamptz, date_end timestamptz) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE
    WHEN date_end - date_start > interval '1 day' AND date_end - date_start <= interval '366 days'
      AND (date_start AT TIME ZONE 'UTC')::time = '00:00'
      AND (date_end AT TIME ZONE 'UTC')::time = '00:00'
    THEN (date_end AT TIME ZONE 'UTC')::date - (date_start AT TIME ZONE 'UTC')::date
  END;

DROP TABLE incident_rollup;
DROP TABLE incident_actor_rollup;
DROP TABLE claim_figure_rollup;

-- Cells before days so that each cell of a box is one descent of the key, then its days. The sums
-- are in the key's index too: a box reads a few thousand rows scattered over the table, and an
-- index-only scan reads them from the index pages it walks anyway (once the table is vacuumed).
CREATE TABLE incident_rollup (
  process_id text NOT NULL REFERENCES process (id),
  zoom smallint NOT NULL,
  period smallint NOT NULL,
  cx integer NOT NULL,
  cy integer NOT NULL,
  day date NOT NULL,
  days smallint NOT NULL,
  kind text NOT NULL,
  verification text NOT NULL,
  visibility text NOT NULL,
  restricted_to text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (process_id, zoom, period, cx, cy, day, days, kind, verification, visibility,
    restricted_to) INCLUDE (count)
);

CREATE TABLE incident_actor_rollup (
  process_id text NOT NULL REFERENCES process (id),
  zoom smallint NOT NULL,
  period smallint NOT NULL,
  cx integer NOT NULL,
  cy integer NOT NULL,
  day date NOT NULL,
  days smallint NOT NULL,
  actor text NOT NULL,
  visibility text NOT NULL,
  restricted_to text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (process_id, zoom, period, cx, cy, day, days, actor, visibility, restricted_to)
    INCLUDE (count)
);

CREATE TABLE claim_figure_rollup (
  process_id text NOT NULL REFERENCES process (id),
  zoom smallint NOT NULL,
  period smallint NOT NULL,
  cx integer NOT NULL,
  cy integer NOT NULL,
  day date NOT NULL,
  days smallint NOT NULL,
  visibility text NOT NULL,
  restricted_to text NOT NULL,
  figure_visibility text NOT NULL,
  figure_restricted_to text NOT NULL,
  claimant text NOT NULL,
  category text NOT NULL,
  side text NOT NULL,
  count integer NOT NULL,
  sum_low bigint NOT NULL,
  n_low integer NOT NULL,
  sum_high bigint NOT NULL,
  n_high integer NOT NULL,
  PRIMARY KEY (process_id, zoom, period, cx, cy, day, days, visibility, restricted_to, figure_visibility,
    figure_restricted_to, claimant, category, side) INCLUDE (count, sum_low, n_low, sum_high, n_high)
);

-- The incidents in no rollup, which the overview reads one by one (replaces migration 010's index,
-- whose condition now also held the incidents rolled up by span).
DROP INDEX record_incident_unrolled;
CREATE INDEX record_incident_unrolled ON record USING gist (
  box(point(west, south), point(east, north)),
  tstzrange(date_start, date_end)
) WHERE type = 'incident' AND rollup_day IS NULL
  AND (cell IS NULL OR rollup_span_days(date_start, date_end) IS NULL);

-- The backfill, with the same keys as adjustDashboardRollup in dashboard.repository.ts.
CREATE TEMPORARY TABLE rolled ON COMMIT DROP AS
SELECT r.process_id, r.id, r.refs, r.kind, r.verification, r.visibility, r.restricted_to,
  cell12_x(r.cell >> 16) AS x12, cell12_y(r.cell >> 16) AS y12, p.period, p.day, p.days
FROM record r
CROSS JOIN LATERAL (
  SELECT 0 AS period, date_trunc('week', r.rollup_day::timestamp)::date AS day, 0 AS days
  WHERE r.rollup_day IS NOT NULL
  UNION ALL
  SELECT 1, (r.date_start AT TIME ZONE 'UTC')::date, rollup_span_days(r.date_start, r.date_end)
  WHERE rollup_span_days(r.date_start, r.date_end) IS NOT NULL
) AS p
WHERE r.type = 'incident' AND r.cell IS NOT NULL;

INSERT INTO incident_rollup
SELECT r.process_id, z.zoom, r.period, r.x12 >> (12 - z.zoom), r.y12 >> (12 - z.zoom), r.day, r.days,
  coalesce(r.kind, ''), coalesce(r.verification, ''), r.visibility, coalesce(r.restricted_to, ''),
  count(*)
FROM rolled r CROSS JOIN (VALUES (0), (2), (4), (6), (8), (10), (12)) AS z(zoom)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;

INSERT INTO incident_actor_rollup
SELECT r.process_id, z.zoom, r.period, r.x12 >> (12 - z.zoom), r.y12 >> (12 - z.zoom), r.day, r.days, a.id,
  r.visibility, coalesce(r.restricted_to, ''), count(*)
FROM rolled r
CROSS JOIN (VALUES (0), (2), (4), (6), (8), (10), (12)) AS z(zoom)
CROSS JOIN LATERAL unnest(r.refs) AS ref(to_id)
JOIN record a ON a.process_id = r.process_id AND a.id = ref.to_id AND a.type = 'actor'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

INSERT INTO claim_figure_rollup
SELECT r.process_id, z.zoom, r.period, r.x12 >> (12 - z.zoom), r.y12 >> (12 - z.zoom), r.day, r.days,
  r.visibility, coalesce(r.restricted_to, ''), f.visibility, coalesce(f.restricted_to, ''),
  coalesce(f.claimant, ''), f.category, f.side, count(*), coalesce(sum(f.low), 0), count(f.low),
  coalesce(sum(f.high), 0), count(f.high)
FROM rolled r
CROSS JOIN (VALUES (0), (2), (4), (6), (8), (10), (12)) AS z(zoom)
JOIN claim_figure f ON f.process_id = r.process_id AND f.incident_id = r.id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14;

-- Planned for their real size from the start, where autovacuum is off or late.
ANALYZE incident_rollup;
ANALYZE incident_actor_rollup;
ANALYZE claim_figure_rollup;
ANALYZE record;
