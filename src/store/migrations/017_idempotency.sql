-- Field reports are sent again and again over a flaky link (issue 22): each carries an Idempotency-Key
-- (IETF draft-ietf-httpapi-idempotency-key-header). The key is stored in the transaction that writes the
-- record, with a hash of the request and the first answer, so a repeat is answered with that answer and
-- stores nothing. Keys belong to the principal who sent them: two users' keys never meet.
CREATE TABLE idempotency_key (
  process_id text NOT NULL REFERENCES process (id) ON DELETE CASCADE,
  principal text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer NOT NULL,
  response jsonb NOT NULL,
  record_id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (process_id, principal, key)
);
-- Photos attached to records, by the SHA-256 of their bytes: a record's body names the hash, so the
-- ledger covers the photo without holding it. The same photo sent twice is stored once.
CREATE TABLE blob (
  process_id text NOT NULL REFERENCES process (id) ON DELETE CASCADE,
  sha256 text NOT NULL,
  media_type text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (process_id, sha256)
);
-- Who may see a photo is who may see a record attaching it: found through this index, which holds only
-- the records that attach something.
CREATE INDEX record_attachments ON record USING gin ((body -> 'attachments') jsonb_path_ops) WHERE body ? 'attachments';
