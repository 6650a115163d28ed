#!/usr/bin/env bash
# The envelope-ingest benchmark, one command: builds Release, then runs SQLite and PostgreSQL under
# maximum throughput and a fixed 5,000 events/s, and prints a markdown table (see docs/BENCHMARKS.md).
#   ./bench/run.sh            recorded suite: 30 s warm-up + 30 s per run, about 6 minutes
#   ./bench/run.sh --quick    development: 2 s + 8 s per run
# Any other flags go to the generator (e.g. --storage sqlite --mode max --senders 32).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(free -m | awk '/^Mem:/{print $2}') MB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet build -c Release src/Vigil -v quiet -nologo >&2
dotnet build -c Release bench/Vigil.Bench -v quiet -nologo >&2
exec timeout 900 dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll "$@"
