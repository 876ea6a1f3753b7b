"""Shared fixtures: the repository, the herald CLI, one pipeline for all tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

import herald

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "examples" / "ceasefire-talks.txt"
SHARED = Path(os.environ.get("HERALD_SHARED", REPO.parent / "shared"))


def herald_bin() -> str:
    """The `herald` binary: $HERALD_BIN, else a release build in a target dir."""
    env = os.environ.get("HERALD_BIN")
    if env:
        return env
    for cand in [REPO / "target" / "release" / "herald", *sorted(REPO.glob("target-*/release/herald"))]:
        if cand.is_file():
            return str(cand)
    found = shutil.which("herald")
    if found:
        return found
    pytest.skip("herald CLI not built: set HERALD_BIN or run scripts/test-python.sh")


def cli_extract(*args: str) -> List[Dict[str, Any]]:
    """`herald extract ARGS` as parsed JSON lines (run from the repository)."""
    out = subprocess.run([herald_bin(), "extract", *args], cwd=REPO, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def normalise(x: Any) -> Any:
    """A result compared across the CLI, dicts and Arrow: keys whose value is
    null dropped (Arrow has every field, JSON skips some), floats rounded
    (Arrow keeps Goldstein as float32), and `duplicate_of` dropped (set by
    the CLI for repeats within a run, never by the library)."""
    if isinstance(x, dict):
        return {k: normalise(v) for k, v in x.items() if v is not None and k != "duplicate_of"}
    if isinstance(x, (list, tuple)):
        return [normalise(v) for v in x]
    if isinstance(x, float):
        return round(x, 4)
    return x


@pytest.fixture(scope="session")
def pipeline() -> herald.Pipeline:
    return herald.Pipeline()


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")
