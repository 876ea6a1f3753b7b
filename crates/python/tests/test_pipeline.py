"""herald.Pipeline: extract, extract_batch, extract_arrow against the CLI."""

from __future__ import annotations

import datetime
import pickle
import threading
import time

import pyarrow as pa
import pytest

import herald
from conftest import EXAMPLE, REPO, cli_extract, normalise


def spans_point_into_text(doc: dict) -> None:
    text = doc["text"]
    for a in doc["actors"]:
        for m in a["mentions"]:
            assert text[m["span"][0] : m["span"][1]] == m["text"]
    for q in doc["quotes"]:
        assert text[q["span"][0] : q["span"][1]] == q["text"]
        if q.get("speaker"):
            s = q["speaker"]
            assert text[s["span"][0] : s["span"][1]] == s["text"]


def test_extract_has_the_cli_schema_and_spans(pipeline, example_text):
    doc = pipeline.extract(example_text, id="seed", published="2025-07-26")
    assert doc["id"] == "seed" and doc["published"] == "2025-07-26" and doc["text"] == example_text
    assert {"actors", "quotes", "events", "title", "url"} <= doc.keys()
    assert len(doc["quotes"]) >= 10 and doc["actors"] and doc["events"]
    spans_point_into_text(doc)


def test_extract_equals_the_cli(pipeline, example_text):
    rel = str(EXAMPLE.relative_to(REPO))
    [cli] = cli_extract(rel)
    mine = pipeline.extract(example_text, id=rel)
    assert normalise(mine) == normalise(cli)


def test_extract_batch_keeps_order_and_accepts_every_input_form(pipeline, example_text):
    paras = [p for p in example_text.split("\n") if p.strip()]
    one_by_one = [pipeline.extract(p, id=str(i)) for i, p in enumerate(paras)]
    assert pipeline.extract_batch(paras) == one_by_one
    as_dicts = pipeline.extract_batch([{"id": str(i), "text": p} for i, p in enumerate(paras)])
    as_tuples = pipeline.extract_batch((str(i), p) for i, p in enumerate(paras))
    assert as_dicts == one_by_one and as_tuples == one_by_one
    rev = pipeline.extract_batch([{"id": f"r{i}", "text": p} for i, p in reversed(list(enumerate(paras)))])
    assert [d["id"] for d in rev] == [f"r{i}" for i in reversed(range(len(paras)))]


def test_extract_batch_equals_the_cli_on_jsonl(pipeline, example_text, tmp_path):
    paras = [p for p in example_text.split("\n") if p.strip()]
    recs = [{"id": f"p{i}", "text": p, "published": "2025-07-2%d" % (i % 9)} for i, p in enumerate(paras)]
    src = tmp_path / "docs.jsonl"
    import json

    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    cli = cli_extract(str(src))
    assert [normalise(d) for d in pipeline.extract_batch(recs)] == [normalise(d) for d in cli]


def test_extract_batch_releases_the_gil(pipeline, example_text):
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    try:
        t0 = time.perf_counter()
        pipeline.extract_batch([example_text] * 40)
        secs = time.perf_counter() - t0
    finally:
        done.set()
        t.join()
    # Holding the GIL for the whole batch would leave the counter at a few ticks.
    assert ticks > min(20, secs * 100), (ticks, secs)


def test_bad_inputs_raise_herald_errors(pipeline):
    with pytest.raises(TypeError):
        pipeline.extract(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(herald.HeraldError, match="document 1"):
        pipeline.extract_batch(["fine", 42])  # type: ignore[list-item]
    with pytest.raises(herald.HeraldError, match="no `text`"):
        pipeline.extract_batch([{"id": "x"}])
    with pytest.raises(herald.HeraldError, match="lexicon"):
        herald.Pipeline(lexicon="/nonexistent/dictionary.txt")


def test_extraction_error_carries_the_document_id():
    e = herald.ExtractionError("doc-7", "rule x failed: y")
    assert isinstance(e, herald.HeraldError) and e.id == "doc-7" and str(e) == "doc-7: rule x failed: y"
    assert pickle.loads(pickle.dumps(e)).id == "doc-7"


def test_pipeline_pickles_by_its_arguments(pipeline):
    p = pickle.loads(pickle.dumps(pipeline))
    assert isinstance(p, herald.Pipeline) and p.parses and repr(p) == repr(pipeline)
    fast = herald.Pipeline(parse=False)
    assert not fast.parses and fast.extract("“Yes,” Smith said.")["events"] == []


def test_extract_arrow_equals_extract_batch(pipeline, example_text):
    paras = [p for p in example_text.split("\n") if p.strip()]
    ids = [f"d{i}" for i in range(len(paras))]
    dates = [datetime.date(2025, 7, 1 + i) for i in range(len(paras))]
    batch = pa.RecordBatch.from_arrays(
        [pa.array(ids), pa.array(paras, type=pa.large_string()), pa.array(dates, type=pa.date32())],
        names=["id", "text", "published"],
    )
    out = pipeline.extract_arrow(batch)
    assert out.schema.equals(herald.arrow_schema())
    want = pipeline.extract_batch([{"id": i, "text": t, "published": d.isoformat()} for i, t, d in zip(ids, paras, dates)])
    assert [normalise(r) for r in out.to_pylist()] == [normalise(d) for d in want]
    spark = pipeline.extract_arrow(batch, spark=True)
    assert spark.schema.equals(herald.arrow_schema(spark=True))
    assert [normalise(r) for r in spark.to_pylist()] == [normalise(d) for d in want]


def test_extract_arrow_ids_default_to_row_numbers(pipeline):
    out = pipeline.extract_arrow(pa.RecordBatch.from_pydict({"text": ["One.", "“Two,” he said."]}))
    assert out.column("id").to_pylist() == ["0", "1"]


def test_extract_arrow_rejects_batches_without_text(pipeline):
    with pytest.raises(herald.HeraldError, match="no `text` column"):
        pipeline.extract_arrow(pa.RecordBatch.from_pydict({"id": ["a"]}))
    with pytest.raises(herald.HeraldError, match="b: text is null"):
        pipeline.extract_arrow(pa.RecordBatch.from_pydict({"id": ["a", "b"], "text": ["x", None]}))


def test_spark_schema_has_only_types_spark_reads():
    def walk(t: pa.DataType) -> None:
        assert not (pa.types.is_unsigned_integer(t) or pa.types.is_fixed_size_list(t) or pa.types.is_large_string(t)), t
        if pa.types.is_list(t):
            walk(t.value_type)
        if pa.types.is_struct(t):
            for f in t:
                walk(f.type)

    schema = herald.arrow_schema(spark=True)
    assert schema.names == herald.arrow_schema().names
    for f in schema:
        walk(f.type)


def test_extract_arrow_reads_any_batch_of_strings():
    """Property (seeded random batches): any texts, ids and dates, as string or
    large_string columns with nulls in the optional ones, come back row for
    row with their metadata, and every span slices its text."""
    import random

    rng = random.Random(9)
    alphabet = "ab “”\"'.,!?\n—é中🙂 Smith said President Hamas told"
    fast = herald.Pipeline(parse=False)
    for _ in range(40):
        n = rng.randint(0, 12)
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(n)]
        ids = [f"id{i}-{rng.randint(0, 999)}" for i in range(n)]
        pub = [None if rng.random() < 0.3 else f"20{rng.randint(10, 29)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}" for _ in range(n)]
        ty = rng.choice([pa.string(), pa.large_string()])
        batch = pa.RecordBatch.from_arrays([pa.array(ids, ty), pa.array(texts, ty), pa.array(pub, pa.string())], names=["id", "text", "published"])
        rows = fast.extract_arrow(batch).to_pylist()
        assert [(r["id"], r["text"], r["published"]) for r in rows] == list(zip(ids, texts, pub))
        for r in rows:
            spans_point_into_text(r)
