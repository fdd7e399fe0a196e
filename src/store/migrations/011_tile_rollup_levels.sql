-- Counts of located records per finer map cell, for tiles at zoom 10 to 13 (src/core/get-tile.ts):
-- at a million incidents along a border, one zoom-10 tile holds a hundred thousand points, too
-- many to group on each request, and the zoom-12 rollup (tile_rollup) is coarser than its grid.
-- `shift` is how many low bits of the record's zoom-20 cell are dropped: 12 (zoom-14 cells) and 8
-- (zoom-16 cells). Unlike tile_rollup these rows are not split by kind and verification, which
-- would multiply them by up to fifty: a tile filtered by kind at these zooms groups the points.
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
FROM record CROSS JOIN (VALUES (12), (8)) AS s(shift)
WHERE cell IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;
