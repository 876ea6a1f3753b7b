#!/usr/bin/env bash
# The Python package and the Spark example: builds the extension with maturin
# into a venv, then runs the pytest suite of crates/python/tests (which
# compares Python, Arrow and Spark results with the `herald` CLI).
#
# Usage: scripts/test-python.sh [PYTEST ARGS...]
# Environment: HERALD_PY_VENV (default target/python-venv), CARGO_TARGET_DIR
# (default target), HERALD_BIN (default target/debug/herald, built if absent),
# HERALD_PY_PROFILE (cargo profile of the extension, default release).
# Installs what it needs: python3-venv and Java 17 (apt-get, as root) when
# missing, and pinned Python packages from PyPI into the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv=${HERALD_PY_VENV:-$root/target/python-venv}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
profile=${HERALD_PY_PROFILE:-release}
abs() { case $1 in /*) echo "$1" ;; *) echo "$root/$1" ;; esac; }
venv=$(abs "$venv")
CARGO_TARGET_DIR=$(abs "$CARGO_TARGET_DIR")
say() { echo "test-python: $*" >&2; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then say "need $* (run as root or install it)"; exit 2; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

py=${PYTHON:-python3}
command -v "$py" >/dev/null || { say "python3 not found"; exit 2; }
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv" 2>/dev/null || { apt_install python3-venv && "$py" -m venv "$venv"; }
fi
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  say "installing Java 17 for Spark"
  apt_install openjdk-17-jre-headless
fi
say "Python packages"
"$venv/bin/python" -m pip install -q --disable-pip-version-check \
  maturin==1.16.0 pytest==9.2.0 pyarrow==26.0.1 pandas==3.1.1 polars==2.1.0 pyspark==4.3.0 duckdb==2.0.1

# The CLI the tests compare with, in the profile `cargo test --workspace`
# has just built (target/debug, optimised), so this is mostly a no-op.
if [ -z "${HERALD_BIN:-}" ]; then
  export HERALD_BIN=$CARGO_TARGET_DIR/debug/herald
  say "building the herald CLI"
  cargo build --locked -q --profile test -p herald
fi

say "building the extension ($profile)"
rm -rf "$CARGO_TARGET_DIR/wheels"
(cd crates/python && "$venv/bin/maturin" build --profile "$profile" -q -o "$CARGO_TARGET_DIR/wheels" -i "$venv/bin/python")
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$CARGO_TARGET_DIR"/wheels/herald-*.whl

say "pytest"
cd crates/python/tests
set +e
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then say "no tests collected"; exit 1; fi
exit "$rc"
