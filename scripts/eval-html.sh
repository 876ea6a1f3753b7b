#!/usr/bin/env bash
# Article extraction on the shared HTML pages: herald against dom_smoothie,
# readability, rs-trafilatura and trafilatura (word-level P/R/F1 of the body,
# metadata accuracy, speed). Usage: scripts/eval-html.sh [PAGES_DIR] [--pages NAME]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-../shared/corpora/html}"
shift || true
if [ ! -d "$dir" ]; then
  echo "no HTML pages at $dir (expected ../shared/corpora/html)" >&2
  exit 2
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo run --release --locked -p herald-article --features compare --example eval_html -- "$dir" "$@"
