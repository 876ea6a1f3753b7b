"""`herald export` writes Parquet that DuckDB, Polars and Spark read back
whole: every document, event, quote and actor the store holds, with the date
partition as a column."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE, REPO, herald_bin

N_DOCS = 40


def documents() -> list[dict]:
    """Variants of the example article (paragraphs rotated and cut) over four
    dates, plus one undated document, so partitions and the default partition
    both occur."""
    paras = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    docs = []
    for i in range(N_DOCS):
        k = i % len(paras)
        keep = (paras[k:] + paras[:k])[: 3 + i % (len(paras) - 2)]
        doc = {"id": f"variant-{i:03}", "text": "\n".join(keep), "source": f"Outlet {i % 3}"}
        if i != N_DOCS - 1:
            doc["published"] = "2025-07-%02d" % (21 + i % 4)
        docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("export")
    src = tmp / "docs.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in documents()), encoding="utf-8")
    db, out = tmp / "store.db", tmp / "parquet"
    subprocess.run([herald_bin(), "ingest", str(src), "--db", str(db)], cwd=REPO, check=True, capture_output=True)
    subprocess.run([herald_bin(), "export", "--db", str(db), "--out", str(out)], cwd=REPO, check=True, capture_output=True)
    return db, out


def store_counts(db: Path) -> dict[str, int]:
    """What the export must hold, read from the store with SQLite itself:
    documents, and the events and quotes of each document (the export's
    `events` table is one row an event of a document, before aggregation)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        docs, events, quotes = con.execute("SELECT count(*), sum(n_events), sum(n_quotes) FROM documents").fetchone()
    finally:
        con.close()
    assert docs == N_DOCS and events > 0 and quotes > 0
    return {"documents": docs, "events": events, "quotes": quotes}


def test_partitions_are_hive_style_by_date(exported):
    _, out = exported
    parts = sorted(p.name for p in (out / "documents").iterdir())
    assert parts == ["date=2025-07-21", "date=2025-07-22", "date=2025-07-23", "date=2025-07-24", "date=__HIVE_DEFAULT_PARTITION__"]
    assert all(list(p.glob("*.parquet")) for p in (out / "documents").iterdir())


def test_duckdb_reads_the_export(exported):
    duckdb = pytest.importorskip("duckdb", reason="duckdb not installed (scripts/test-python.sh installs it)")
    db, out = exported
    want = store_counts(db)
    con = duckdb.connect()
    n = {t: con.execute(f"SELECT count(*) FROM read_parquet('{out}/{t}/*/*.parquet', hive_partitioning = true)").fetchone()[0]
         for t in ("documents", "events", "quotes")}
    assert n == want
    # The partition column is usable in a query: documents per date.
    per_day = dict(con.execute(
        f"SELECT CAST(date AS VARCHAR), count(*) FROM read_parquet('{out}/documents/*/*.parquet', hive_partitioning = true) "
        "GROUP BY 1 ORDER BY 1").fetchall())
    assert sum(per_day.values()) == N_DOCS
    assert per_day.get("2025-07-21") == len([i for i in range(N_DOCS - 1) if i % 4 == 0])


def test_polars_reads_the_export(exported):
    pl = pytest.importorskip("polars", reason="polars not installed (scripts/test-python.sh installs it)")
    db, out = exported
    want = store_counts(db)
    got = {t: pl.scan_parquet(str(out / t / "**" / "*.parquet"), hive_partitioning=True).select(pl.len()).collect().item()
           for t in ("documents", "events", "quotes")}
    assert got == want
    ev = pl.scan_parquet(str(out / "events" / "**" / "*.parquet"), hive_partitioning=True).collect()
    assert "date" in ev.columns and ev.height > 0
    # Events from the example article: Hamas is a source somewhere.
    assert any("HMS" in json.dumps(r, default=str) for r in ev.head(1000).to_dicts())


def test_spark_reads_the_export(exported):
    pytest.importorskip("pyspark", reason="pyspark not installed (scripts/test-python.sh installs it)")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java: install openjdk-17-jre-headless (scripts/test-python.sh does)")
    from pyspark.sql import SparkSession

    db, out = exported
    want = store_counts(db)
    spark = SparkSession.builder.master("local[1]").appName("herald-export-test").config("spark.ui.enabled", "false").getOrCreate()
    try:
        got = {t: spark.read.parquet(str(out / t)).count() for t in ("documents", "events", "quotes")}
        dates = {r[0] for r in spark.read.parquet(str(out / "documents")).select("date").distinct().collect()}
    finally:
        spark.stop()
    assert got == want
    assert len(dates) == 5  # four dates and the undated partition (null)
