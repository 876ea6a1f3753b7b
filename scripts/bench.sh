#!/usr/bin/env bash
# Throughput and memory of herald on the BBC corpus (2,225 articles), one thread.
# Usage: scripts/bench.sh [CORPUS_DIR]   (default ../shared/corpora/bbc)
# Prints tokens/s for `herald parse` (tokenise + tag + parse) and, once it
# exists, `herald extract` (the whole pipeline), with peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/bbc}
if [ ! -d "$corpus" ]; then echo "bench: $corpus not found (../shared absent?)" >&2; exit 2; fi
cargo build --release -q -p herald
bin=${CARGO_TARGET_DIR:-target}/release/herald
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

run() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || true
  read -r secs kb user sys < <(tail -n 1 "$tmp/time")
  # CPU seconds (user + system): stable on a busy machine, unlike wall time.
  cpu=$(python3 -c "print($user + $sys)")
  echo "$name $cpu $kb $secs"
}

# Warm the page cache.
cat "$corpus"/*/*.txt >/dev/null
read -r _ secs kb wall < <(run parse "$bin" parse --threads 1 "$corpus")
tokens=$(grep -cE '^[0-9]+	' "$tmp/out" || true)
docs=$(grep -c '^# newdoc' "$tmp/out" || true)
python3 - "$tokens" "$docs" "$secs" "$kb" "$wall" <<'PY'
import sys
tokens, docs, secs, kb, wall = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
print(f"parse (tokenise+tag+lemmatise+parse, 1 thread): {docs} docs, {tokens} tokens, {secs:.2f} CPU s "
      f"({wall:.2f} s wall), {tokens/secs:,.0f} tokens per CPU second, peak RSS {kb/1024:.0f} MB")
PY
if "$bin" extract --help >/dev/null 2>&1 && ! "$bin" extract examples/ceasefire-talks.txt 2>&1 | grep -q "not built yet"; then
  read -r _ secs kb wall < <(run extract "$bin" extract --threads 1 "$corpus")
  python3 - "$tokens" "$secs" "$kb" "$wall" <<'PY'
import sys
tokens, secs, kb, wall = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
print(f"extract (whole pipeline, 1 thread): {secs:.2f} CPU s ({wall:.2f} s wall), "
      f"{tokens/secs:,.0f} tokens per CPU second, peak RSS {kb/1024:.0f} MB")
PY
fi
