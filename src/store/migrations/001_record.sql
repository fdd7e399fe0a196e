-- The record of a peace process. Every table keys on process_id first, so one process's rows live
-- together and the schema can be distributed by process on Citus (docs/decisions/0004).

CREATE TABLE process (
  id text PRIMARY KEY,
  name text NOT NULL,
  body jsonb NOT NULL,
  version integer NOT NULL,
  -- The ledger's size and the roots of its perfect subtrees, so an append is O(log n) and the
  -- process row doubles as the per-process append lock (SELECT ... FOR UPDATE).
  ledger_size bigint NOT NULL DEFAULT 0,
  ledger_frontier jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- All kinds of record share one table: the envelope and the filter columns are the same for every
-- kind, the kind's own fields live in body, validated by its zod schema (docs/decisions/0003).
CREATE TABLE record (
  process_id text NOT NULL REFERENCES process (id),
  id text NOT NULL,
  type text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  visibility text NOT NULL CHECK (visibility IN ('public', 'members', 'restricted', 'confidential')),
  restricted_to text,
  body jsonb NOT NULL,
  kind text,
  date_start timestamptz,
  date_end timestamptz,
  west double precision,
  south double precision,
  east double precision,
  north double precision,
  verification text,
  sort_key text NOT NULL,
  search tsvector NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (process_id, id),
  CHECK ((visibility = 'restricted') = (restricted_to IS NOT NULL))
);
CREATE INDEX record_list ON record (process_id, type, sort_key, id);
CREATE INDEX record_date ON record (process_id, type, date_start, date_end);
CREATE INDEX record_place ON record (process_id, type, west, south);
CREATE INDEX record_search ON record USING gin (search);

-- References between records, so a record cannot point at nothing and a referenced record cannot
-- be deleted from under the records that cite it.
CREATE TABLE record_ref (
  process_id text NOT NULL,
  from_id text NOT NULL,
  field text NOT NULL,
  to_id text NOT NULL,
  PRIMARY KEY (process_id, from_id, field, to_id),
  FOREIGN KEY (process_id, from_id) REFERENCES record (process_id, id) ON DELETE CASCADE,
  FOREIGN KEY (process_id, to_id) REFERENCES record (process_id, id)
);
CREATE INDEX record_ref_to ON record_ref (process_id, to_id);

-- The append-only ledger: content is the exact canonical JSON that was hashed into the leaf.
CREATE TABLE ledger_entry (
  process_id text NOT NULL REFERENCES process (id),
  seq bigint NOT NULL CHECK (seq >= 0),
  at timestamptz NOT NULL,
  principal text NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  record_type text NOT NULL,
  record_id text NOT NULL,
  content text NOT NULL,
  leaf_hash bytea NOT NULL,
  PRIMARY KEY (process_id, seq)
);
CREATE INDEX ledger_entry_record ON ledger_entry (process_id, record_id, seq);

-- Signed tree heads: one per committed write transaction.
CREATE TABLE tree_head (
  process_id text NOT NULL REFERENCES process (id),
  tree_size bigint NOT NULL,
  root_hash bytea NOT NULL,
  signed_at timestamptz NOT NULL,
  key_id text NOT NULL,
  signature bytea NOT NULL,
  PRIMARY KEY (process_id, tree_size)
);

CREATE TABLE signing_key (
  key_id text PRIMARY KEY,
  public_key text NOT NULL,
  created_at timestamptz NOT NULL
);
