#!/usr/bin/env bash
# Browser end-to-end test of `herald serve`: ingests the example article and a
# hostile one into a temporary store, serves it on a free loopback port, and
# runs crates/serve/e2e (node's test runner + playwright-core driving Debian's
# headless Chromium). Screenshots (and a printed PDF) go to
# target/e2e-screenshots. Installs chromium (apt-get, as root) and
# playwright-core (npm ci) when missing. Outside CI, a machine without them
# and without root skips with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
shots=$root/target/e2e-screenshots

skip() { echo "test-e2e: SKIPPED: $*" >&2; if [ "${CI:-}" = true ]; then exit 1; fi; exit 0; }

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    skip "no /usr/bin/chromium (apt-get install chromium as root)"
  fi
fi
command -v node >/dev/null && command -v npm >/dev/null || {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    skip "node and npm are needed"
  fi
}
(cd crates/serve/e2e && npm ci --no-audit --no-fund --silent)

# The test profile: after `cargo test --workspace` the binary is already built.
cargo build --profile test -q -p herald --locked
bin=$target/debug/herald

tmp=$(mktemp -d)
server=
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT

cat > "$tmp/hostile.jsonl" <<'JSONL'
{"id": "hostile-1", "title": "<img src=x onerror=\"window.__xss=3\"> Hostile headline", "source": "Test Wire", "published": "2025-07-23", "text": "Egypt's foreign minister said on Wednesday that the talks in Cairo would resume. <script>window.__xss=2</script> Hamas accused Israel of stalling. <img src=x onerror=\"window.__xss=1\"> The United Nations urged calm."}
JSONL
# The example article with a date and an outlet, so the timelines have a day.
node -e 'const fs = require("fs"); const t = fs.readFileSync(process.argv[1], "utf8");
  process.stdout.write(JSON.stringify({id: "ceasefire-talks", title: "Ceasefire talks (example article)",
    source: "Example Wire", published: "2025-07-24", text: t}) + "\n")' examples/ceasefire-talks.txt > "$tmp/seed.jsonl"
"$bin" ingest "$tmp/seed.jsonl" "$tmp/hostile.jsonl" --db "$tmp/e2e.db" -j 2

. scripts/serve-start.sh
start_server "$tmp/serve.log" "$bin" serve --db "$tmp/e2e.db" --port 0
echo "test-e2e: herald serve on $url" >&2

rm -rf "$shots"; mkdir -p "$shots"
(cd crates/serve/e2e && HERALD_URL=$url SHOTS=$shots node --test --test-reporter=spec)
echo "test-e2e: screenshots in $shots" >&2
