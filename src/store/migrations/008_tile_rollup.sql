-- Counts of located records per zoom-12 map cell (the record's cell >> 16) and per value of the
-- filters a map offers without a date (kind, verification) and of who may see them: low-zoom tiles
-- sum these instead of grouping every point (src/core/get-tile.ts). Kept up to date by every write.
CREATE TABLE tile_rollup (
  process_id text NOT NULL REFERENCES process (id),
  type text NOT NULL,
  cell12 bigint NOT NULL,
  kind text NOT NULL,
  verification text NOT NULL,
  visibility text NOT NULL,
  restricted_to text NOT NULL,
  count integer NOT NULL,
  sum_lon double precision NOT NULL,
  sum_lat double precision NOT NULL,
  PRIMARY KEY (process_id, type, cell12, kind, verification, visibility, restricted_to)
);

INSERT INTO tile_rollup
SELECT process_id, type, cell >> 16, coalesce(kind, ''), coalesce(verification, ''), visibility,
  coalesce(restricted_to, ''), count(*), sum(west), sum(south)
FROM record
WHERE cell IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;
