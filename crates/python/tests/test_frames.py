"""herald.frames: pandas and Polars tables of events, quotes and actors."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest

import herald
import herald.frames


@pytest.fixture(scope="module")
def results(pipeline, example_text):
    paras = [p for p in example_text.split("\n") if p.strip()]
    return pipeline.extract_batch([example_text, *paras])


def test_quote_frame_has_a_row_a_quote_with_spans_into_the_text(results):
    df = herald.frames.quotes(results)
    assert isinstance(df, pd.DataFrame)
    assert len(df) == sum(len(d["quotes"]) for d in results)
    texts = {d["id"]: d["text"] for d in results}
    for row in df.itertuples():
        assert texts[row.doc_id][row.quote_start : row.quote_end] == row.text


def test_event_and_actor_frames_match_the_results(results):
    ev = herald.frames.events(results)
    assert len(ev) == sum(len(d["events"]) for d in results) > 0
    want = sorted((d["id"], e["id"], e["cameo"]) for d in results for e in d["events"])
    assert sorted(zip(ev["doc_id"], ev["event_id"], ev["cameo"])) == want
    ac = herald.frames.actors(results, library="polars")
    assert isinstance(ac, pl.DataFrame)
    assert ac.height == sum(len(d["actors"]) for d in results)
    assert ac["mentions"].to_list() == [len(a["mentions"]) for d in results for a in d["actors"]]


def test_frames_from_arrow_results_equal_frames_from_dicts(pipeline, results):
    import pyarrow as pa

    batch = pipeline.extract_arrow(pa.RecordBatch.from_pylist([{"id": d["id"], "text": d["text"]} for d in results]))
    a = herald.frames.tables(batch, library="arrow")
    b = herald.frames.tables(results, library="arrow")
    assert a.keys() == b.keys() == set(herald.frames.TABLES)
    for k in a:
        assert a[k].equals(b[k]), k


def test_unknown_library_is_an_error(results):
    with pytest.raises(herald.HeraldError, match="library"):
        herald.frames.events(results, library="excel")
