#!/usr/bin/env bash
# The alerting benchmark, one command: builds Release, starts Vigil on SQLite, sets up a webhook
# channel, a route and an issue_created rule through the API, ingests 2,000 events/s of known bugs,
# and times 100 new-issue probes from send to webhook arrival (see docs/BENCHMARKS.md). Grouping is
# off (Alerts:GroupInterval 0) so every probe is its own notification: with the default 60 s, the first
# new issue of a minute goes out at once and the rest of that minute's are batched into one message.
#   ./bench/alerts.sh [--rate 2000] [--probes 100] [--probe-interval 300] [--warmup 30]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(free -m | awk '/^Mem:/{print $2}') MB; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet build -c Release src/Vigil -v quiet -nologo >&2
dotnet build -c Release bench/Vigil.Bench -v quiet -nologo >&2
exec timeout 600 dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll --alert-latency --rate 2000 \
  --server-env VIGIL_ALERTS__GROUPINTERVAL=00:00:00 "$@"
