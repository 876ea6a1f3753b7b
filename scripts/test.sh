#!/usr/bin/env bash
# The whole test suite (the README's second command). Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 2
fi
cargo test --workspace --locked
bash scripts/test-python.sh   # the Python package and the Spark example (crates/python)
bash scripts/test-e2e.sh      # herald serve in headless Chromium (crates/serve/e2e); screenshots in target/e2e-screenshots
bash scripts/fuzz-smoke.sh    # every cargo-fuzz target built on stable and run over seeds + random mutations
