-- Incidents by place and time together: a GiST index over each incident's box and date span, so a
-- list, an aggregation or a tile limited to an area and a period reads only what lies in both
-- (record-filters.ts writes its bbox and date conditions in this index's terms).
CREATE INDEX record_incident_space_time ON record USING gist (
  box(point(west, south), point(east, north)),
  tstzrange(date_start, date_end)
) WHERE type = 'incident';
