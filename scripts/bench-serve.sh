#!/usr/bin/env bash
# Load test of `herald serve`'s JSON API on loopback: a generated store of
# ~100,000 events (herald-store's bench_query example: synthetic documents of
# 10 events through the normal write path), then wrk for 30 s cycling over
# listing, filtered, paged, single-event, dyad and stats requests.
# Usage: scripts/bench-serve.sh [EVENTS] [SECONDS] [CONNECTIONS]   (default 101000 30 16)
# The server is herald-serve's `serve` example: the router and runtime of
# `herald serve` without the extractor's build (the same code answers).
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-101000}
secs=${2:-30}
conns=${3:-16}
target=${CARGO_TARGET_DIR:-target}
command -v wrk >/dev/null || {
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else echo "bench-serve: wrk is needed (apt-get install wrk)" >&2; exit 2; fi
}
cargo build --release -q -p herald-serve --example serve
cargo build --profile test -q -p herald-store --example bench_query   # the generator: speed does not matter
tmp=$(mktemp -d)
server=
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT

"$target/debug/examples/bench_query" "$tmp/bench.db" "$events" >/dev/null
. scripts/serve-start.sh
start_server "$tmp/serve.log" "$target/release/examples/serve" "$tmp/bench.db" 127.0.0.1:0
curl -sf "$url/api/stats" && echo

cat > "$tmp/mix.lua" <<'LUA'
local paths = {
  "/api/events?limit=100",
  "/api/events?limit=100&offset=50000",
  "/api/events?actor=ABX&limit=50",
  "/api/events?actor=ABX&target=CDX&since=2020-01-01",
  "/api/events?type=ASSAULT&since=2021-01-01&until=2021-03-31&limit=50",
  "/api/events/4242",
  "/api/events/77777",
  "/api/actors?limit=50",
  "/api/documents?limit=50&offset=5000",
  "/api/dyad?a=ABX&b=BAX&bucket=month",
  "/api/stats",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
echo "wrk: ${secs}s, 2 threads, $conns connections, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$tmp/mix.lua" "$url"
ps -o rss= -p "$server" | awk '{printf "server RSS after the run: %.0f MB\n", $1/1024}'
