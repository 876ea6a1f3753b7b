#!/usr/bin/env bash
# Builds every cargo-fuzz target (fuzz/ and crates/*/fuzz/) with the stable
# toolchain and runs each over seed inputs plus FUZZ_RUNS (default 2000)
# libFuzzer mutations: no target may panic. Stable has no sanitizer coverage,
# so this is random testing that keeps the targets compiling and honest;
# coverage-guided fuzzing is `cargo +nightly fuzz run TARGET` in the same
# directory. Part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${FUZZ_RUNS:-2000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}/fuzz
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
seeds=$tmp/seeds; mkdir "$seeds"
# Seeds: the example article, as text, as a JSONL record, as a page, and the
# head of each shipped model file (so the loaders see a valid header).
cp examples/ceasefire-talks.txt "$seeds/article.txt"
python3 -c 'import json,sys; print(json.dumps({"id": "a", "text": open(sys.argv[1]).read()}))' examples/ceasefire-talks.txt > "$seeds/article.jsonl"
{ echo "<html><head><title>Talks</title></head><body><article><p>"; head -c 3000 examples/ceasefire-talks.txt; echo "</p></article></body></html>"; } > "$seeds/page.html"
for m in models/*.bin; do head -c 4096 "$m" > "$seeds/$(basename "$m").head"; done
for dir in fuzz crates/*/fuzz; do
  echo "fuzz-smoke: building $dir" >&2
  (cd "$dir" && cargo build --release -q)   # not --locked: a new dependency of a herald crate adds to these lock files
  for src in "$dir"/fuzz_targets/*.rs; do
    t=$(basename "$src" .rs)
    work=$(mktemp -d "$tmp/$t.XXXX"); cp "$seeds"/* "$work/"   # libFuzzer adds to its corpus dir
    if ! out=$("$CARGO_TARGET_DIR/release/$t" -runs="$runs" -max_len=65536 -seed=1 "$work" 2>&1); then
      echo "$out" | tail -40 >&2
      echo "fuzz-smoke: $dir/$t FAILED" >&2
      exit 1
    fi
    echo "fuzz-smoke: $dir/$t: $(echo "$out" | grep -E '^Done' | tail -1)" >&2
  done
done
