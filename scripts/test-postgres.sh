#!/usr/bin/env bash
# Starts the local PostgreSQL server the tests use, idempotently, and exports SOCIALIZER_TEST_POSTGRES for them.
# Sourced by test.sh (which installs Debian's `postgresql` first when it is missing). Safe to run again and again:
# it creates the cluster only if there is none, starts it only if it is down, and (re)sets the test password.
set -euo pipefail

SOCIALIZER_TEST_PG_PASSWORD="${SOCIALIZER_TEST_PG_PASSWORD:-socializer-tests}"

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The newest installed server version, and its first cluster (Debian's package makes "main"; a bare machine may have none).
pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
cluster=$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v { print $2; exit }')
if [ -z "$cluster" ]; then
  cluster=main
  as_root pg_createcluster "$pg_version" "$cluster" >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$pg_version" -v c="$cluster" '$1 == v && $2 == c' | grep -q online; then
  as_root pg_ctlcluster "$pg_version" "$cluster" start
fi
pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')

for _ in $(seq 60); do
  pg_isready -q -h 127.0.0.1 -p "$pg_port" && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$pg_port" >/dev/null

# TCP logins use scram-sha-256: give the postgres role the tests' password.
as_postgres psql -q -p "$pg_port" -c "ALTER USER postgres PASSWORD '${SOCIALIZER_TEST_PG_PASSWORD}'" >/dev/null

export SOCIALIZER_TEST_POSTGRES="Host=127.0.0.1;Port=${pg_port};Username=postgres;Password=${SOCIALIZER_TEST_PG_PASSWORD}"
echo "PostgreSQL ${pg_version}/${cluster} is up on 127.0.0.1:${pg_port}"
