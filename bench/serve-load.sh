#!/usr/bin/env bash
# Load test of `mekong serve` for BENCHMARKS.md: the release binary on a free loopback port, wrk
# (Debian) with 2 threads and 16 connections for DURATION seconds on /route requests cycling
# through city pairs, and the server's resident memory sampled every 5 s.
# Usage: bench/serve-load.sh [DURATION] [CONNECTIONS]   (make bench-serve)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-60}
CONNECTIONS=${2:-16}
BIN=.build/release/mekong
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
[ -x "$BIN" ] || { echo "build the release binary first: make release"; exit 1; }

LOG=$(mktemp)
"$BIN" serve --port 0 2>"$LOG" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null; rm -f "$LOG" "$LUA"' EXIT
for _ in $(seq 100); do grep -q listening "$LOG" && break; sleep 0.1; done
PORT=$(grep -o '127.0.0.1:[0-9]*' "$LOG" | head -1 | cut -d: -f2)
BASE=http://127.0.0.1:$PORT

# Route requests: ten city pairs across the region, plus the flagship via the Third Mekong Bridge.
LUA=$(mktemp --suffix=.lua)
cat >"$LUA" <<'LUA'
local paths = {
  "/route?from=Bangkok&to=Hanoi&via=Third%20Mekong%20Bridge",
  "/route?from=Bangkok&to=Hanoi",
  "/route?from=Phnom%20Penh&to=Ho%20Chi%20Minh%20City&year=2012",
  "/route?from=Phnom%20Penh&to=Ho%20Chi%20Minh%20City",
  "/route?from=Vientiane&to=Da%20Nang",
  "/route?from=Yangon&to=Bangkok",
  "/route?from=Kunming&to=Bangkok",
  "/route?from=Hanoi&to=Ho%20Chi%20Minh%20City&profile=car",
  "/route?from=Sihanoukville&to=Savannakhet",
  "/route?from=Mawlamyine&to=Da%20Nang",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

for p in $(seq 3); do curl -sf "$BASE/route?from=Bangkok&to=Hanoi" >/dev/null; done   # warm the caches
for path in "/route?from=Bangkok&to=Hanoi&via=Third%20Mekong%20Bridge" "/route?from=Yangon&to=Bangkok" "/route?from=Mawlamyine&to=Da%20Nang"; do
  curl -sf "$BASE$path" >/dev/null || { echo "warm-up request failed: $path"; exit 1; }
done
echo "rss_kb_before $(awk '/VmRSS/ {print $2}' /proc/$PID/status)"
( for _ in $(seq $((DURATION / 5))); do sleep 5; echo "rss_kb $(awk '/VmRSS/ {print $2}' /proc/$PID/status)"; done ) &
SAMPLER=$!
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$BASE"
wait $SAMPLER
echo "rss_kb_after $(awk '/VmRSS/ {print $2}' /proc/$PID/status)"
