#!/usr/bin/env python3
"""Code a directory or table of articles with herald on Apache Spark and
write the results as Parquet (one row a document, actors, quotes and events
nested as in `herald extract`'s JSON).

    python examples/spark/spark_extract.py INPUT OUTPUT [--master local[2]]

INPUT is a directory of text files (read recursively; a document's id is its
path as `herald extract INPUT` names it: INPUT/sub/name.txt), a JSONL file or
directory of them with `id`, `text` and optional `published`, `title`, `url`,
`source` (`herald extract`'s input), or a Parquet table with those columns.
Needs `pip install herald pyspark` (see the README, "Python and Spark") and
Java 17.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output", help="Parquet directory (replaced)")
    ap.add_argument("--format", choices=["auto", "text", "jsonl", "parquet"], default="auto")
    ap.add_argument("--master", default=os.environ.get("SPARK_MASTER", "local[2]"))
    ap.add_argument("--partitions", type=int, default=0, help="repartition the input (default: 2 per core)")
    ap.add_argument("--threads-per-task", type=int, default=1, help="herald threads in each Python worker (RAYON_NUM_THREADS)")
    ap.add_argument("--fail-on-error", action="store_true", help="fail the job on the first document that fails (default: skip it)")
    a = ap.parse_args(argv)

    # Python workers inherit the environment of the JVM that starts them.
    os.environ["RAYON_NUM_THREADS"] = str(a.threads_per_task)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers import herald from this environment
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    import herald.spark

    spark = (
        SparkSession.builder.master(a.master)
        .appName("herald")
        .config("spark.executorEnv.RAYON_NUM_THREADS", str(a.threads_per_task))
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    fmt = a.format
    if fmt == "auto":
        if a.input.endswith((".jsonl", ".json")):
            fmt = "jsonl"
        elif a.input.endswith(".parquet") or os.path.isdir(a.input) and any(n.endswith(".parquet") for n in os.listdir(a.input)):
            fmt = "parquet"
        else:
            fmt = "text"
    if fmt == "jsonl":
        df = spark.read.json(a.input)
    elif fmt == "parquet":
        df = spark.read.parquet(a.input)
    else:
        root = os.path.abspath(a.input)
        prefix = "file://" + root + "/"
        df = (
            spark.read.text(a.input, wholetext=True, recursiveFileLookup=True)
            # Spark reads bytes as they are; bytes that are not UTF-8 become
            # U+FFFD (`herald extract` would guess the file's charset instead).
            .select(F.expr("make_valid_utf8(value)").alias("text"), F.input_file_name().alias("path"))
            .select(
                "text",
                F.concat(F.lit(a.input.rstrip("/") + "/"), F.expr(f"substring(path, {len(prefix) + 1})")).alias("id"),
            )
        )
    parts = a.partitions or 2 * spark.sparkContext.defaultParallelism
    df = df.repartition(parts)
    t0 = time.perf_counter()
    coded = herald.spark.extract(
        df, id="id" if "id" in df.columns else None, skip_errors=not a.fail_on_error
    )
    coded.write.mode("overwrite").parquet(a.output)
    secs = time.perf_counter() - t0
    n = spark.read.parquet(a.output).count()
    print(f"spark_extract: {n} documents in {secs:.2f} s ({n / secs:.1f} docs/s) with {a.master}", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
