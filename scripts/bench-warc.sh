#!/usr/bin/env bash
# Streams a ~1 GB WARC.gz (the shared HTML pages, repeated with distinct
# record ids) through `herald extract --no-parse`, and a slice of it through
# the full `herald extract`; prints peak RSS and throughput of each.
#
#   scripts/bench-warc.sh                 # 1024 MB file, 20 MB slice
#   SIZE_MB=200 SLICE_MB=10 scripts/bench-warc.sh
#   THREADS=2 (default: all cores)   KEEP=1 keeps the files in $WORK
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=../shared/corpora/html
if [ ! -d "$PAGES" ]; then
  echo "skipped: $PAGES is absent (the shared HTML pages build the WARC)" >&2
  exit 0
fi
SIZE_MB=${SIZE_MB:-1024}
SLICE_MB=${SLICE_MB:-20}
THREADS=${THREADS:-$(nproc)}
WORK=${WORK:-/tmp/herald-bench-warc}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$WORK"
cargo build --release -p herald >&2
HERALD=$TARGET/release/herald
[ -s "$WORK/big.warc.gz" ] || python3 scripts/make_warc.py "$PAGES" "$WORK/big.warc.gz" "$SIZE_MB"
[ -s "$WORK/slice.warc.gz" ] || python3 scripts/make_warc.py "$PAGES" "$WORK/slice.warc.gz" "$SLICE_MB"

run() { # name file args...
  local name=$1 file=$2; shift 2
  local mb; mb=$(du -m "$file" | cut -f1)
  /usr/bin/time -v "$HERALD" extract -q -j "$THREADS" "$@" -o "$WORK/$name.jsonl" --rejects "$WORK/$name.rejects" "$file" \
    2> "$WORK/$name.err" || true
  local rss wall user sys docs
  rss=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$WORK/$name.err")
  wall=$(awk '/Elapsed \(wall/ {print $NF}' "$WORK/$name.err")
  user=$(awk -F: '/User time/ {print $2}' "$WORK/$name.err")
  sys=$(awk -F: '/System time/ {print $2}' "$WORK/$name.err")
  docs=$(wc -l < "$WORK/$name.jsonl")
  grep '^herald extract:' "$WORK/$name.err" || true
  awk -v n="$name" -v mb="$mb" -v rss="$rss" -v wall="$wall" -v u="$user" -v s="$sys" -v d="$docs" 'BEGIN {
    k = split(wall, p, ":"); w = (k == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2];
    printf "%s: %d MB gz, %d documents, peak RSS %.0f MB, %.1f s wall, %.1f s CPU, %.2f MB/s wall, %.2f MB per CPU second\n",
      n, mb, d, rss/1024, w, u+s, mb/w, mb/(u+s) }'
}
run no-parse "$WORK/big.warc.gz" --no-parse
run full-slice "$WORK/slice.warc.gz"
[ -n "${KEEP:-}" ] || rm -f "$WORK"/*.jsonl
