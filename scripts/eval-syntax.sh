#!/usr/bin/env bash
# Accuracy of herald's text engine and syntax models on UD English-EWT test:
# sentence boundaries and tokens from raw text, then UPOS/XPOS/lemma/UAS/LAS
# with gold tokenisation. Usage: scripts/eval-syntax.sh [TREEBANK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
tb=${1:-../shared/treebank/UD_English-EWT}
if [ ! -d "$tb" ]; then echo "eval: $tb not found (../shared absent?)" >&2; exit 2; fi
cargo build --release -q -p herald
target/release/herald eval sentences --treebank "$tb" --split test
target/release/herald eval syntax --treebank "$tb" --split test
