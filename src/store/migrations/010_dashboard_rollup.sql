-- The overview (/stats) sums rollups instead of reading every incident in its window (decision
-- 0011). An incident is rolled up when it is located at a point and its date span lies within one
-- UTC day: it then matches a date filter of whole days exactly when its day does, and a box
-- exactly when its point does. `rollup_day` is that day, NULL for every other incident (month or
-- year precision, multi-day ranges, areas, no date), which the overview reads from `record`.
ALTER TABLE record ADD COLUMN rollup_day date GENERATED ALWAYS AS (
  CASE
    WHEN type = 'incident' AND cell IS NOT NULL AND date_end > date_start
      AND date_end <= (((date_start AT TIME ZONE 'UTC')::date + 1)::timestamp AT TIME ZONE 'UTC')
    THEN (date_start AT TIME ZONE 'UTC')::date
  END
) STORED;

-- Tile x and y at zoom 12 of a zoom-12 Morton code (x in the even bits, y in the odd ones).
CREATE FUNCTION cell12_x(c bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (((c >> 0) & 1) | ((c >> 1) & 2) | ((c >> 2) & 4) | ((c >> 3) & 8) | ((c >> 4) & 16) | ((c >> 5) & 32) | ((c >> 6) & 64) | ((c >> 7) & 128) | ((c >> 8) & 256) | ((c >> 9) & 512) | ((c >> 10) & 1024) | ((c >> 11) & 2048))::integer;
CREATE FUNCTION cell12_y(c bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (((c >> 1) & 1) | ((c >> 2) & 2) | ((c >> 3) & 4) | ((c >> 4) & 8) | ((c >> 5) & 16) | ((c >> 6) & 32) | ((c >> 7) & 64) | ((c >> 8) & 128) | ((c >> 9) & 256) | ((c >> 10) & 512) | ((c >> 11) & 1024) | ((c >> 12) & 2048))::integer;

-- The incidents that are not rolled up, by place and time: the overview reads them all.
CREATE INDEX record_incident_unrolled ON record USING gist (
  box(point(west, south), point(east, north)),
  tstzrange(date_start, date_end)
) WHERE type = 'incident' AND rollup_day IS NULL;

-- Counts per ISO week (its Monday) of `rollup_day`, zoom-12 tile x and y (of the record's cell >> 16,
-- so they agree with the cell exactly), kind, verification and who may see them. Empty strings stand
-- for NULL in key columns. Rows may reach a count of 0 and stay: harmless.
CREATE TABLE incident_rollup (
  process_id text NOT NULL REFERENCES process (id),
  week date NOT NULL,
  cx integer NOT NULL,
  cy integer NOT NULL,
  kind text NOT NULL,
  verification text NOT NULL,
  visibility text NOT NULL,
  restricted_to text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (process_id, week, cx, cy, kind, verification, visibility, restricted_to)
);

-- Counts of incidents per actor they refer to (as /stats counts them: references to actor records).
-- No kind here nor in the figures: it would multiply their rows; a kind filter reads `record`.
CREATE TABLE incident_actor_rollup (
  process_id text NOT NULL REFERENCES process (id),
  week date NOT NULL,
  cx integer NOT NULL,
  cy integer NOT NULL,
  actor text NOT NULL,
  visibility text NOT NULL,
  restricted_to text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (process_id, week, cx, cy, actor, visibility, restricted_to)
);

-- Claimed figures about rolled-up incidents: per claimant, category and side, with who may see the
-- incident and who may see the claim. Sums of low and high with how many were not NULL, so a sum
-- of nothing stays NULL as in SQL's sum().
CREATE TABLE claim_figure_rollup (
  process_id text NOT NULL REFERENCES process (id),
  week date NOT NULL,
  cx integer NOT NULL,
  cy integer NOT NULL,
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
  PRIMARY KEY (process_id, week, cx, cy, visibility, restricted_to, figure_visibility,
    figure_restricted_to, claimant, category, side)
);

INSERT INTO incident_rollup
SELECT r.process_id, date_trunc('week', r.rollup_day::timestamp)::date, cell12_x(r.cell >> 16), cell12_y(r.cell >> 16), coalesce(r.kind, ''), coalesce(r.verification, ''),
  r.visibility, coalesce(r.restricted_to, ''), count(*)
FROM record r
WHERE r.type = 'incident' AND r.rollup_day IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO incident_actor_rollup
SELECT r.process_id, date_trunc('week', r.rollup_day::timestamp)::date, cell12_x(r.cell >> 16), cell12_y(r.cell >> 16), a.id, r.visibility,
  coalesce(r.restricted_to, ''), count(*)
FROM record r
CROSS JOIN LATERAL unnest(r.refs) AS ref(to_id)
JOIN record a ON a.process_id = r.process_id AND a.id = ref.to_id AND a.type = 'actor'
WHERE r.type = 'incident' AND r.rollup_day IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO claim_figure_rollup
SELECT r.process_id, date_trunc('week', r.rollup_day::timestamp)::date, cell12_x(r.cell >> 16), cell12_y(r.cell >> 16), r.visibility,
  coalesce(r.restricted_to, ''), f.visibility, coalesce(f.restricted_to, ''),
  coalesce(f.claimant, ''), f.category, f.side, count(*), coalesce(sum(f.low), 0), count(f.low),
  coalesce(sum(f.high), 0), count(f.high)
FROM record r
JOIN claim_figure f ON f.process_id = r.process_id AND f.incident_id = r.id
WHERE r.type = 'incident' AND r.rollup_day IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;
