-- Alerts (decision 0030): a user's subscriptions to rules about one process, each alert a rule
-- raised for a subscription, and how far each process's ledger has been looked at for them.

CREATE TABLE subscription (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  process_id text NOT NULL REFERENCES process (id) ON DELETE CASCADE,
  -- The rule as src/domain/alert-rules.ts writes it: {"type": "incident_near", "km": 10, ...}.
  rule jsonb NOT NULL,
  rule_type text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('webhook', 'email')),
  -- The webhook's URL or the e-mail address.
  target text NOT NULL,
  -- The webhook's HMAC key: the receiver holds the same, so it is kept as given, never shown again.
  secret text,
  label text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((channel = 'webhook') = (secret IS NOT NULL))
);
CREATE INDEX subscription_user ON subscription (user_id, created_at);
CREATE INDEX subscription_process ON subscription (process_id, rule_type);

-- One alert for one subscription, delivered once: the key says what it is about (the record and
-- what happened to it), so two servers or two looks at the same change make one row.
CREATE TABLE alert_delivery (
  id text PRIMARY KEY,
  subscription_id text NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
  alert_key text NOT NULL,
  event jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- Each attempt: when, and the answer (an HTTP status, an SMTP reply) or the error.
  attempt_log jsonb NOT NULL DEFAULT '[]',
  next_attempt_at timestamptz,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  UNIQUE (subscription_id, alert_key)
);
CREATE INDEX alert_delivery_log ON alert_delivery (subscription_id, created_at DESC, id DESC);
CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at) WHERE status = 'pending';

-- The ledger size up to which a process's changes have been checked against the subscriptions.
CREATE TABLE alert_cursor (
  process_id text PRIMARY KEY REFERENCES process (id) ON DELETE CASCADE,
  ledger_size bigint NOT NULL
);
