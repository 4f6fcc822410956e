#!/usr/bin/env bash
# Runs every test (service, API, component, architecture, browser) from a fresh clone.
# Installs what the tests need first, so it works on a machine that has only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use (installed only when missing; a fresh machine has none of them).
# redis-server: the MultiInstance tests start (and kill) their own private servers on free loopback ports.
APT_PACKAGES=(chromium fonts-liberation apertium apertium-eng-spa apertium-fr-es apertium-es-pt redis-server)
# The PostgreSQL server for the provider tests (Debian's metapackage: postgresql-15 on bookworm).
APT_PACKAGES+=(postgresql)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test prerequisites: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Start PostgreSQL (idempotent) and export SOCIALIZER_TEST_POSTGRES for the tests.
source scripts/test-postgres.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Socializer.sln --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# The service tests again, on PostgreSQL (those about SQLite itself excepted): same tests, other provider.
SOCIALIZER_TEST_DATABASE=Postgres dotnet test Socializer.Tests --no-build --logger "console;verbosity=normal" \
  --filter "FullyQualifiedName~Socializer.Tests.Core&Category!=SqliteOnly&Category!=Postgres" 2>&1 | tee -a "$log" || status=$?

# One plain closing line, whatever the runner printed above.
passed=$({ grep -oE '^ +Passed: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
failed=$({ grep -oE '^ +Failed: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
skipped=$({ grep -oE '^ +Skipped: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
