#!/usr/bin/env bash
# The one test command. On a fresh Debian 12 machine (as root) it installs what is missing —
# Chromium, PostgreSQL, logger (bsdutils), the npm Sentry clients — starts a throwaway PostgreSQL cluster, runs the
# protocol tests once and the server tests on SQLite and on PostgreSQL, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

say() { printf '==> %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    say "missing: $* — run as root once, or install it yourself"
    exit 1
  fi
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

source scripts/lib/postgres.sh

# --- prerequisites (each step does nothing when already done) -------------------------------
[ -x /usr/bin/chromium ] || apt_install chromium
[ -n "$(pg_bindir)" ] || apt_install postgresql
command -v npm >/dev/null || apt_install nodejs npm
[ -x /usr/bin/logger ] || apt_install bsdutils # the syslog client the log tests send with
command -v dotnet >/dev/null || { say "dotnet (SDK 10) is not on PATH"; exit 1; }

# npm writes node_modules/.package-lock.json on install: a lock file newer than it means new clients.
if [ ! -d tests/clients/node_modules ] || [ tests/clients/package-lock.json -nt tests/clients/node_modules/.package-lock.json ]; then
  say "npm ci in tests/clients"
  (cd tests/clients && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
if [ ! -f tests/clients/browser/dist/sentry-browser.js ]; then
  (cd tests/clients && npm run --silent build:browser)
fi

# --- a throwaway PostgreSQL cluster, owned by a non-root user ----------------------------------
pgdir=$(mktemp -d /tmp/vigil-pg.XXXXXX)
results=$(mktemp -d /tmp/vigil-test-results.XXXXXX)
stop_postgres() {
  pg_stop "$pgdir"
  rm -rf "$pgdir" "$results"
}
trap stop_postgres EXIT

# fsync off: the cluster is thrown away; Vigil's own durability is tested by killing Vigil, not PostgreSQL.
pg_start "$pgdir" -c max_connections=400 -c fsync=off -c synchronous_commit=off
export VIGIL_TEST_POSTGRES="$PG_CONNECTION"

# --- build once, then run each suite --------------------------------------------------------
say "dotnet build"
dotnet build tests/Vigil.Protocols.Tests -nologo -v quiet >"$results/build.log" 2>&1 \
  && dotnet build tests/Vigil.Tests -nologo -v quiet >>"$results/build.log" 2>&1 \
  || { cat "$results/build.log" >&2; echo "0 passed, 1 failed"; exit 1; }

status=0
run_suite() { # name project [VAR=value …]
  local name=$1 project=$2
  shift 2
  say "dotnet test $project ($name)"
  env "$@" dotnet test "$project" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 5m || status=1
  [ -f "$results/$name.trx" ] || { say "$name produced no results"; status=1; }
}
run_suite protocols tests/Vigil.Protocols.Tests
run_suite server-sqlite tests/Vigil.Tests VIGIL_TEST_STORAGE=sqlite
run_suite server-postgres tests/Vigil.Tests VIGIL_TEST_STORAGE=postgres

# --- one summary line over every run --------------------------------------------------------
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  count() { local n; n=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${n:-0}"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count notExecuted)))
done
[ "$failed" = 0 ] || status=1
summary="$passed passed, $failed failed"
[ "$skipped" = 0 ] || summary="$summary, $skipped skipped"
echo "$summary"
exit "$status"
