-- Incidents in three dimensions, longitude, latitude and days, in one GiST index over a cube (the
-- `cube` extension of PostgreSQL's contrib, which PGlite ships too). The two-column GiST of
-- migration 007 splits its pages by place first, so a list of one box and 90 days visited every
-- page of that box whatever the date: about 25,000 pages at 10^6 incidents, against 2,300 for the
-- cube. The index also carries the columns a list filters and sorts on, so a page of a list is
-- found in the index alone (an index-only scan, on pages VACUUM has marked all-visible) and only
-- its 50 rows are read from the table. Record-filters.ts adds the cube condition beside the exact
-- ones; a missing place or date spans its whole axis, so such incidents are never lost, only
-- left to the exact conditions.
CREATE EXTENSION IF NOT EXISTS cube;

CREATE FUNCTION space_time(west float8, south float8, east float8, north float8,
  date_start timestamptz, date_end timestamptz) RETURNS cube
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  -- Immutable although extract() is only stable: the epoch of an instant depends on no time zone.
  -- Index builds and VACUUM run with a search_path of pg_catalog only (PostgreSQL 17 and PGlite):
  -- the function keeps the one it was created with, where cube() is.
  SET search_path FROM CURRENT
  AS $$ SELECT cube(
    ARRAY[coalesce(west, -1e9), coalesce(south, -1e9),
      coalesce(extract(epoch FROM date_start)::float8 / 86400, -1e9)],
    ARRAY[coalesce(east, 1e9), coalesce(north, 1e9),
      coalesce(extract(epoch FROM date_end)::float8 / 86400, 1e9)]) $$;

CREATE INDEX record_incident_space_time_cube ON record USING gist (
  space_time(west, south, east, north, date_start, date_end)
) INCLUDE (process_id, visibility, restricted_to, sort_key, id, kind, verification, search, west,
  south, east, north, date_start, date_end)
WHERE type = 'incident';

DROP INDEX record_incident_space_time;
