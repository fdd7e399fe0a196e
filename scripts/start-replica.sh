#!/usr/bin/env bash
# Starts a streaming replica of this machine's PostgreSQL cluster on 127.0.0.1:5433, for the
# read-replica tests (TEST_READ_DATABASE_URL). Idempotent: does nothing when the replica answers.
# Needs root and Debian's postgresql packages; the primary is the "main" cluster on port 5432.
set -euo pipefail
VERSION="$(ls /etc/postgresql | head -n 1)"
BIN="/usr/lib/postgresql/$VERSION/bin"
PRIMARY_HBA="/etc/postgresql/$VERSION/main/pg_hba.conf"
DATA="/var/lib/postgresql/$VERSION/replica"

if pg_isready -h 127.0.0.1 -p 5433 -q; then
  echo "replica already running on 5433"
  exit 0
fi

# The replica connects to the primary over loopback for replication.
if ! grep -q "^host replication all 127.0.0.1/32 trust" "$PRIMARY_HBA"; then
  echo "host replication all 127.0.0.1/32 trust" >>"$PRIMARY_HBA"
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" main reload
fi

if ! pg_lsclusters --no-header | awk '{print $2}' | grep -qx replica; then
  pg_createcluster "$VERSION" replica --port 5433 >/dev/null
fi
cp "$PRIMARY_HBA" "/etc/postgresql/$VERSION/replica/pg_hba.conf"
pg_ctlcluster --skip-systemctl-redirect "$VERSION" replica stop >/dev/null 2>&1 || true

rm -rf "$DATA"
install -d -o postgres -g postgres -m 700 "$DATA"
su postgres -c "$BIN/pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D $DATA -R -X stream"
pg_ctlcluster --skip-systemctl-redirect "$VERSION" replica start
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5433 -q && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5433
psql -h 127.0.0.1 -p 5433 -U postgres -d test -Atc "SELECT 'replica in recovery: ' || pg_is_in_recovery()"
