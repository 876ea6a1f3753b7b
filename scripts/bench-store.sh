#!/usr/bin/env bash
# The store's figures: `herald ingest` against `herald extract` on the BBC
# corpus (CPU seconds, user + system, so a busy machine does not skew them),
# then query times over a generated store of 1 million events.
# Usage: scripts/bench-store.sh [CORPUS_DIR] [EVENTS]   (default ../shared/corpora/bbc, 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/bbc}
events=${2:-1000000}
target=${CARGO_TARGET_DIR:-target}
cargo build --release -q -p herald
cargo build --release -q -p herald-store --example bench_query
bin=$target/release/herald
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

cpu() { # command... -> CPU seconds and wall seconds of the command
  /usr/bin/time -f "%U %S %e" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; }
  read -r user sys wall < <(tail -n 1 "$tmp/time")
  python3 -c "print(f'{$user + $sys:.2f} {$wall:.2f}')"
}

if [ -d "$corpus" ]; then
  cat "$corpus"/*/*.txt >/dev/null
  read -r ex exw < <(cpu "$bin" extract -j 2 "$corpus" -o "$tmp/out.jsonl")
  read -r in inw < <(cpu "$bin" ingest -j 2 "$corpus" --db "$tmp/bbc.db")
  read -r re rew < <(cpu "$bin" ingest -j 2 "$corpus" --db "$tmp/bbc.db")
  docs=$(grep -c . "$tmp/out.jsonl")
  python3 - "$docs" "$ex" "$exw" "$in" "$inw" "$re" <<'PY'
import sys
docs, ex, exw, ing, ingw, re = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"BBC, {docs} documents: extract {ex:.2f} CPU s ({exw:.2f} s wall), ingest {ing:.2f} CPU s ({ingw:.2f} s wall): "
      f"ingest keeps {ex / ing:.0%} of extract's throughput; re-ingest (all stored) {re:.2f} CPU s")
PY
else
  echo "bench-store: $corpus not found (../shared absent?): ingest figures skipped" >&2
fi
"$target/release/examples/bench_query" "$tmp/query.db" "$events"
