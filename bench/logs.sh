#!/usr/bin/env bash
# The Logs benchmark in one command: builds Release, starts a throwaway PostgreSQL cluster, then
# bench/Vigil.Bench.Logs generates the events, starts Vigil (SQLite, then PostgreSQL) as child
# processes on loopback, measures OTLP ingest, storage per event and search latency next to
# ripgrep and grep, and prints markdown tables. Data lives under /tmp and is removed unless --keep.
#   ./bench/logs.sh [--quick] [--events N] [--pg-events N] [--senders N] [--reps N] [--keep] [--no-postgres]
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*" >&2; }

args=()
use_postgres=1
for arg in "$@"; do
  if [ "$arg" = --no-postgres ]; then use_postgres=0; else args+=("$arg"); fi
done

command -v rg >/dev/null || { say "ripgrep is missing: apt-get install -y ripgrep"; exit 1; }
say "load average: $(cat /proc/loadavg)"
say "free space in /tmp: $(df -h /tmp | awk 'NR==2 {print $4}')"

say "dotnet build -c Release"
dotnet build src/Vigil -c Release -nologo -v quiet >/tmp/vigil-logsbench-build.log 2>&1 \
  && dotnet build bench/Vigil.Bench.Logs -c Release -nologo -v quiet >>/tmp/vigil-logsbench-build.log 2>&1 \
  || { cat /tmp/vigil-logsbench-build.log >&2; exit 1; }

pgdir=""
cleanup() {
  if [ -n "$pgdir" ] && [ -f "$pgdir/data/postmaster.pid" ]; then
    as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -z "$pgdir" ] || rm -rf "$pgdir"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  say "no free port found"; exit 1
}

if [ "$use_postgres" = 1 ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -x "$pgbin/initdb" ] || { say "PostgreSQL is missing (apt-get install -y postgresql) or pass --no-postgres"; exit 1; }
  pgdir=$(mktemp -d /tmp/vigil-logsbench-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres: "$pgdir"
  pgport=$(free_port)
  say "PostgreSQL on 127.0.0.1:$pgport ($pgdir)"
  as_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --no-sync >"$pgdir/initdb.log" 2>&1 \
    || { cat "$pgdir/initdb.log" >&2; exit 1; }
  # Durable settings (fsync on, synchronous_commit on): the ingest figure is for acknowledged-after-commit.
  as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
    -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB" \
    start >/dev/null || { cat "$pgdir/server.log" >&2; exit 1; }
  args+=(--postgres "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres")
fi

dotnet bench/Vigil.Bench.Logs/bin/Release/net10.0/vigil-bench-logs.dll \
  --vigil src/Vigil/bin/Release/net10.0/vigil.dll "${args[@]}"
