-- Each claim's figures, one row per category and side, derived from the claim when it is written,
-- so aggregations over millions of claims need no JSON parsing. Deleted with the claim.
CREATE TABLE claim_figure (
  process_id text NOT NULL,
  claim_id text NOT NULL,
  incident_id text,
  claimant text,
  category text NOT NULL,
  side text NOT NULL,
  low integer,
  high integer,
  PRIMARY KEY (process_id, claim_id, category, side),
  FOREIGN KEY (process_id, claim_id) REFERENCES record (process_id, id) ON DELETE CASCADE
);
CREATE INDEX claim_figure_incident ON claim_figure (process_id, incident_id);
