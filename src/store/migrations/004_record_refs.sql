-- References move from rows of record_ref into an array on the record itself: one GIN entry per
-- record instead of a row, two indexes and two foreign-key checks per reference (about twenty
-- times cheaper to write; see docs/decisions/0007). Integrity is kept by core, which checks every
-- reference and every deletion under the process's lock.
ALTER TABLE record ADD COLUMN refs text[] NOT NULL DEFAULT '{}';
UPDATE record SET refs = coalesce((
  SELECT array_agg(DISTINCT r.to_id ORDER BY r.to_id)
  FROM record_ref r
  WHERE r.process_id = record.process_id AND r.from_id = record.id
), '{}');
CREATE INDEX record_refs ON record USING gin (refs);
DROP TABLE record_ref;
