-- The map cell of records located at a point: the Morton code of the point's zoom-20 Web Mercator
-- tile (src/domain/tiles.ts), so every point in a map tile is one index range.
ALTER TABLE record ADD COLUMN cell bigint;
CREATE INDEX record_cell ON record (process_id, type, cell) WHERE cell IS NOT NULL;

-- Records written before this migration get their cells here, computed as tiles.ts computes them.
UPDATE record SET cell = (
  SELECT sum((((t.x >> b) & 1) << (2 * b)) + (((t.y >> b) & 1) << (2 * b + 1)))::bigint
  FROM (
    SELECT
      least(1048575, greatest(0, floor((record.west + 180) / 360 * 1048576)))::bigint AS x,
      least(1048575, greatest(0, floor(
        (1 - ln(tan(radians(lat.v)) + 1 / cos(radians(lat.v))) / pi()) / 2 * 1048576
      )))::bigint AS y
    FROM (SELECT least(85.05112878, greatest(-85.05112878, record.south)) AS v) AS lat
  ) AS t
  CROSS JOIN generate_series(0, 19) AS b
)
WHERE west IS NOT NULL AND west = east AND south = north;
