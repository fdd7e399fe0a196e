-- Hashes of the ledger's complete, aligned subtrees of 16 leaves or more (src/ledger/stored-tree.ts),
-- so a proof reads O(log n) rows. Ledgers written before this migration have none: proofs then
-- compute the missing nodes from leaves, which is correct but slower.
CREATE TABLE ledger_node (
  process_id text NOT NULL REFERENCES process (id),
  level smallint NOT NULL,
  index bigint NOT NULL,
  hash bytea NOT NULL,
  PRIMARY KEY (process_id, level, index)
);
