#!/usr/bin/env bash
# The floor under envelope ingest: the same load generator as ./bench/run.sh against a server that
# only reads, inflates and parses each envelope and stores nothing (bench/Vigil.Bench.Floor). What it
# reaches is the most any Sentry-compatible server could ingest on this machine with this client.
#   ./bench/floor.sh            15 s warm-up + 20 s per step
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet build -c Release bench/Vigil.Bench.Floor -v quiet -nologo >&2
dotnet build -c Release bench/Vigil.Bench -v quiet -nologo >&2
for steps in read inflate parse; do
  echo "steps: $steps" >&2
  # The floor stores nothing, so the generator's stored-events check reports a mismatch: expected.
  timeout 300 dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll --vigil bench/Vigil.Bench.Floor/bin/Release/net10.0/vigil-bench-floor.dll \
    --storage sqlite --mode max --warmup 15 --duration 20 --server-env "FLOOR_STEPS=$steps" "$@" 2>&1 | grep -E '^\s+\| sqlite' | sed "s/max throughput/floor: $steps/" || true
done
