-- Accounts, sessions, API tokens and roles (docs/decisions/0010); co-signed tree heads; and the
-- visibility of each ledger entry, so entries are shown only as far as the records they describe.

CREATE TABLE app_user (
  id text PRIMARY KEY,
  email text NOT NULL,
  -- argon2id (PHC string); null for a user who only uses API tokens.
  password_hash text,
  created_at timestamptz NOT NULL,
  disabled_at timestamptz
);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));

-- A role in one process, or in every process when process_id is null.
CREATE TABLE membership (
  user_id text NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  process_id text,
  role text NOT NULL CHECK (role IN ('admin', 'mediator', 'monitor', 'delegate', 'viewer')),
  party text,
  CHECK ((role = 'delegate') = (party IS NOT NULL))
);
CREATE UNIQUE INDEX membership_user_process ON membership (user_id, coalesce(process_id, ''));

-- Sessions live in the database so that every server behind a load balancer knows them. Only a
-- hash of the cookie's secret is kept: a copy of this table signs nobody in.
CREATE TABLE user_session (
  secret_hash bytea PRIMARY KEY,
  user_id text NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE api_token (
  id text PRIMARY KEY,
  secret_hash bytea NOT NULL UNIQUE,
  user_id text NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  label text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  revoked_at timestamptz
);

-- Failed sign-ins, counted per account and per client address to slow down password guessing
-- across all servers.
CREATE TABLE login_failure (
  email text NOT NULL,
  address text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX login_failure_email ON login_failure (email, at);
CREATE INDEX login_failure_address ON login_failure (address, at);

-- A member's Ed25519 signature over a tree head the server signed: the same bytes.
CREATE TABLE cosignature (
  process_id text NOT NULL REFERENCES process (id),
  tree_size bigint NOT NULL,
  key_id text NOT NULL,
  public_key text NOT NULL,
  signature bytea NOT NULL,
  signer text NOT NULL,
  party text,
  signed_at timestamptz NOT NULL,
  PRIMARY KEY (process_id, tree_size, key_id)
);

ALTER TABLE ledger_entry ADD COLUMN visibility text NOT NULL DEFAULT 'public';
ALTER TABLE ledger_entry ADD COLUMN restricted_to text;
UPDATE ledger_entry e SET
  visibility = coalesce(
    e.content::jsonb -> 'record' ->> 'visibility',
    (SELECT r.visibility FROM record r WHERE r.process_id = e.process_id AND r.id = e.record_id),
    'confidential'),
  restricted_to = CASE WHEN e.content::jsonb ? 'record'
    THEN e.content::jsonb -> 'record' ->> 'restricted_to'
    ELSE (SELECT r.restricted_to FROM record r WHERE r.process_id = e.process_id AND r.id = e.record_id)
  END;
ALTER TABLE ledger_entry ALTER COLUMN visibility DROP DEFAULT;

-- Erasing a person's data appends an entry of its own.
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_action_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_action_check
  CHECK (action IN ('create', 'update', 'delete', 'erase'));
