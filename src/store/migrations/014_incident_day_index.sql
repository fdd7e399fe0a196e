-- The incidents of one day (`rollup_day`) by day, for the overview's partial weeks (decision 0019):
-- a dozen days at most, which the space-time cube index answered in 25-35 ms at 10^6 incidents
-- whatever the number of days (incidents known to a month or a year stretch its boxes in time);
-- by day, the same incidents in 5-15 ms. The columns the overview filters and counts on ride along.
CREATE INDEX record_incident_day ON record (process_id, rollup_day)
  INCLUDE (west, south, cell, kind, verification, visibility, restricted_to, date_start, date_end)
  WHERE type = 'incident' AND rollup_day IS NOT NULL;
