-- The overview's aggregations read incidents by date with their filter columns only: a covering
-- index lets PostgreSQL answer them from the index alone.
CREATE INDEX record_incident_overview ON record (process_id, date_start)
  INCLUDE (date_end, west, south, east, north, kind, verification, visibility, restricted_to)
  WHERE type = 'incident';

-- A claim's figures carry the claim's visibility (rewritten with the claim), so summing what a
-- viewer may see needs no join back to the claim.
ALTER TABLE claim_figure ADD COLUMN visibility text NOT NULL DEFAULT 'public';
ALTER TABLE claim_figure ADD COLUMN restricted_to text;
UPDATE claim_figure SET visibility = r.visibility, restricted_to = r.restricted_to
  FROM record r WHERE r.process_id = claim_figure.process_id AND r.id = claim_figure.claim_id;
ALTER TABLE claim_figure ALTER COLUMN visibility DROP DEFAULT;
