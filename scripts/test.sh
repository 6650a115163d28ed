#!/usr/bin/env bash
# The one test command. On a fresh Debian 12 machine (as root) it installs what is missing —
# Chromium, PostgreSQL, the npm Sentry clients — starts a throwaway PostgreSQL cluster, runs the
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

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
  fi
}

# --- prerequisites (each step does nothing when already done) -------------------------------
[ -x /usr/bin/chromium ] || apt_install chromium
[ -n "$(pg_bindir)" ] || apt_install postgresql
command -v npm >/dev/null || apt_install nodejs npm
command -v dotnet >/dev/null || { say "dotnet (SDK 10) is not on PATH"; exit 1; }

if [ ! -d tests/clients/node_modules ]; then
  say "npm ci in tests/clients"
  (cd tests/clients && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
if [ ! -f tests/clients/browser/dist/sentry-browser.js ]; then
  (cd tests/clients && npm run --silent build:browser)
fi

# --- a throwaway PostgreSQL cluster, owned by a non-root user ----------------------------------
pgbin=$(pg_bindir)
pgdir=$(mktemp -d /tmp/vigil-pg.XXXXXX)
results=$(mktemp -d /tmp/vigil-test-results.XXXXXX)
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_postgres() {
  if [ -f "$pgdir/data/postmaster.pid" ]; then
    as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pgdir" "$results"
}
trap stop_postgres EXIT

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  say "no free port found"
  exit 1
}

[ "$(id -u)" = 0 ] && chown postgres: "$pgdir"
pgport=$(free_port)
say "PostgreSQL on 127.0.0.1:$pgport ($pgdir)"
as_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --no-sync >"$pgdir/initdb.log" 2>&1 \
  || { cat "$pgdir/initdb.log" >&2; exit 1; }
# fsync off: the cluster is thrown away; Vigil's own durability is tested by killing Vigil, not PostgreSQL.
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off" \
  start >/dev/null || { cat "$pgdir/server.log" >&2; exit 1; }
export VIGIL_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"

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
