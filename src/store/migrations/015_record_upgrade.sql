-- Which schema upgrades (a kind's `upgrades`) a process's records have been brought through: each is
-- applied once, by rewriting the records of an older shape through the ledger (src/core/upgrade-records.ts).
CREATE TABLE record_upgrade (
  process_id text NOT NULL REFERENCES process (id) ON DELETE CASCADE,
  upgrade_id text NOT NULL,
  records integer NOT NULL,
  applied_at timestamptz NOT NULL,
  PRIMARY KEY (process_id, upgrade_id)
);
