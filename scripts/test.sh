#!/usr/bin/env bash
# The whole test suite (the README's second command). Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 2
fi
# Doctests link in $TMPDIR; keep that on the build's disk, not a small tmpfs.
export TMPDIR=${HERALD_TEST_TMPDIR:-$PWD/target/tmp}
mkdir -p "$TMPDIR"
cargo test --workspace --locked
bash scripts/test-python.sh   # the Python package and the Spark example (crates/python)
bash scripts/test-e2e.sh      # herald serve in headless Chromium (crates/serve/e2e); screenshots in target/e2e-screenshots
bash scripts/fuzz-smoke.sh    # every cargo-fuzz target built on stable and run over seeds + random mutations
