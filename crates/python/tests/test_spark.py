"""The Spark example on local[2] gives what `herald extract` gives on the same documents."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, REPO, SHARED, cli_extract, normalise

pytest.importorskip("pyspark", reason="pyspark not installed (scripts/test-python.sh installs it)")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java: install openjdk-17-jre-headless (scripts/test-python.sh does)", allow_module_level=True)

N_DOCS = 300


def documents() -> list[dict]:
    """300 BBC articles when ../shared is there, else variants of the example
    article (its paragraphs rotated and cut, so each document differs)."""
    bbc = SHARED / "corpora" / "bbc"
    docs: list[dict] = []
    if bbc.is_dir():
        for p in sorted(bbc.glob("*/*.txt")):
            try:
                text = p.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            docs.append({"id": f"bbc/{p.parent.name}/{p.name}", "text": text, "published": "2005-0%d-1%d" % (1 + len(docs) % 9, len(docs) % 10)})
            if len(docs) == N_DOCS:
                return docs
    paras = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    for i in range(N_DOCS - len(docs)):
        k = i % len(paras)
        keep = paras[k:] + paras[:k]
        keep = keep[: 2 + i % (len(paras) - 1)]
        docs.append({"id": f"variant-{i:03}", "text": "\n".join(keep), "published": "2025-07-%02d" % (1 + i % 28)})
    return docs


def test_spark_example_equals_the_cli(tmp_path: Path):
    docs = documents()
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    cli = {d["id"]: normalise(d) for d in cli_extract(str(src))}
    assert len(cli) == len(docs)

    out = tmp_path / "coded"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    run = subprocess.run(
        [sys.executable, str(REPO / "examples" / "spark" / "spark_extract.py"), str(src), str(out), "--master", "local[2]", "--fail-on-error"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    assert f"{len(docs)} documents" in run.stderr

    import pyarrow.parquet as pq

    rows = pq.read_table(out).to_pylist()
    spark = {r["id"]: normalise(r) for r in rows}
    assert len(rows) == len(spark) == len(docs)
    assert spark.keys() == cli.keys()
    differ = [i for i in cli if spark[i] != cli[i]]
    assert not differ, f"{len(differ)} documents differ, first {differ[0]}"
    assert sum(len(d["quotes"]) for d in spark.values()) > 0 and sum(len(d["events"]) for d in spark.values()) > 0
