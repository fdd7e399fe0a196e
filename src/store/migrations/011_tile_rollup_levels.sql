-- Counts of located records per map cell at four levels, for tiles without filters up to zoom 13
-- (src/core/get-tile.ts): at a million incidents along a border one zoom-10 tile holds a hundred
-- thousand points, too many to group on each request, and a world tile would sum every row of
-- tile_rollup, which is split by kind and verification. `shift` is how many low bits of the
-- record's zoom-20 cell are dropped: 20, 16, 12 and 8 (zoom-10, -12, -14 and -16 cells). These rows
-- are not split by kind and verification, which would multiply them by up to fifty: a tile
-- filtered by kind sums tile_rollup up to zoom 9 and groups the points above.
CREATE TABLE tile_rollup_level (
  process_id text NOT NULL REFERENCES process (id),
  type text NOT NULL,
  shift smallint NOT NULL,
  cell bigint NOT NULL,
  visibility text NOT NULL,
  restricted_to text NOT NULL,
  count integer NOT NULL,
  sum_lon double precision NOT NULL,
  sum_lat double precision NOT NULL,
  PRIMARY KEY (process_id, type, shift, cell, visibility, restricted_to)
);

INSERT INTO tile_rollup_level
SELECT process_id, type, s.shift, cell >> s.shift, visibility, coalesce(restricted_to, ''), count(*),
  sum(west), sum(south)
FROM record CROSS JOIN (VALUES (20), (16), (12), (8)) AS s(shift)
WHERE cell IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;

-- Planned for its real size from the start, where autovacuum is off or late.
ANALYZE tile_rollup_level;
