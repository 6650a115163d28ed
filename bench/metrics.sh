#!/usr/bin/env bash
# The statistics benchmark in one command: builds Release, installs Etsy's statsd (npm, pinned in
# bench/statsd/package-lock.json), raises the UDP receive buffers the same for both servers (when
# root), then bench/Vigil.Bench.Metrics starts Vigil (fresh data folder, Metrics:StatsdPort set)
# and statsd as child processes on loopback, sends the StatsD load at stepped rates, compares lines
# sent with lines counted, fills 30 days of 1-minute points through /v1/metrics and times the
# group-by query. Markdown tables on stdout for docs/BENCHMARKS.md; everything started is stopped.
#   ./bench/metrics.sh [--rates 50000,100000,...] [--step-seconds 10] [--series 10000] [--days 30]
#                      [--reps 20] [--no-statsd] [--no-query]
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*" >&2; }

command -v node >/dev/null || { say "node is missing (apt-get install -y nodejs npm)"; exit 1; }
say "load average: $(cat /proc/loadavg)"

say "dotnet build -c Release"
dotnet build src/Vigil -c Release -nologo -v quiet >/tmp/vigil-metricsbench-build.log 2>&1 \
  && dotnet build bench/Vigil.Bench.Metrics -c Release -nologo -v quiet >>/tmp/vigil-metricsbench-build.log 2>&1 \
  || { cat /tmp/vigil-metricsbench-build.log >&2; exit 1; }

say "npm ci in bench/statsd (statsd $(node -p "require('./bench/statsd/package.json').dependencies.statsd"))"
(cd bench/statsd && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)

# Both servers read UDP through the kernel's socket buffer; a small one drops bursts before either
# sees them. Raise the default and the maximum alike so neither gets an advantage.
buffer=$((32 * 1024 * 1024))
if [ "$(id -u)" = 0 ] && [ -w /proc/sys/net/core/rmem_max ]; then
  sysctl -q -w net.core.rmem_max=$buffer net.core.rmem_default=$buffer
  say "raised net.core.rmem_max and net.core.rmem_default to $buffer bytes for both servers"
else
  say "not root: UDP buffers left at rmem_default $(cat /proc/sys/net/core/rmem_default), rmem_max $(cat /proc/sys/net/core/rmem_max)"
fi

dotnet bench/Vigil.Bench.Metrics/bin/Release/net10.0/vigil-bench-metrics.dll \
  --vigil src/Vigil/bin/Release/net10.0/vigil.dll --statsd-dir bench/statsd "$@"
