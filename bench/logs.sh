#!/usr/bin/env bash
# The Logs benchmark in one command: builds Release, starts a throwaway PostgreSQL cluster, then
# bench/Vigil.Bench.Logs generates the events, starts Vigil (SQLite, then PostgreSQL) as child
# processes on loopback, measures OTLP ingest, storage per event and search latency next to
# ripgrep and grep, and prints markdown tables. Data lives under /tmp and is removed unless --keep.
#   ./bench/logs.sh [--quick] [--events N] [--pg-events N] [--senders N] [--reps N] [--keep] [--no-postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh

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
  [ -z "$pgdir" ] || { pg_stop "$pgdir"; rm -rf "$pgdir"; }
}
trap cleanup EXIT

if [ "$use_postgres" = 1 ]; then
  [ -n "$(pg_bindir)" ] || { say "PostgreSQL is missing (apt-get install -y postgresql) or pass --no-postgres"; exit 1; }
  pgdir=$(mktemp -d /tmp/vigil-logsbench-pg.XXXXXX)
  # Durable settings (fsync and synchronous_commit on): Vigil acknowledges after commit.
  pg_start "$pgdir" -c shared_buffers=512MB -c max_wal_size=4GB
  args+=(--postgres "$PG_CONNECTION")
fi

dotnet bench/Vigil.Bench.Logs/bin/Release/net10.0/vigil-bench-logs.dll \
  --vigil src/Vigil/bin/Release/net10.0/vigil.dll "${args[@]}"
