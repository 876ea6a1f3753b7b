#!/usr/bin/env bash
# The whole test suite (the README's second command). Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 2
fi
cargo test --workspace --locked
