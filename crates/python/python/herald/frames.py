"""Results as pandas or Polars data frames: one row an event, quote, actor or mention.

>>> import herald, herald.frames
>>> docs = herald.Pipeline().extract_batch(["“We will win,” Smith said."])
>>> herald.frames.quotes(docs)[["doc_id", "quote_id", "text"]].values.tolist()
[['0', 'Q1', 'We will win,']]

The tables are herald's flat tables (the ones ``herald_columnar`` writes
to Parquet and SQL stores), built in Rust and handed over as Arrow: every
table has ``doc_id``; spans are ``*_start`` / ``*_end`` columns in
characters of the document's text; codes stay lists of strings.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Union

from ._errors import HeraldError
from ._native import flat_tables

if TYPE_CHECKING:
    import pyarrow

__all__ = ["tables", "events", "quotes", "actors", "mentions", "documents", "TABLES"]

#: The flat tables, by name.
TABLES = ("events", "quotes", "actors", "mentions", "documents_flat")

Results = Union[Iterable[Mapping[str, Any]], "pyarrow.RecordBatch", "pyarrow.Table"]


def _lines(results: Results) -> List[str]:
    to_pylist = getattr(results, "to_pylist", None)
    rows = to_pylist() if callable(to_pylist) else results
    return [json.dumps(r) for r in rows]


def _convert(batch: "pyarrow.RecordBatch", library: str) -> Any:
    if library == "pandas":
        return batch.to_pandas()
    if library == "polars":
        import polars

        return polars.from_arrow(batch)
    if library == "arrow":
        return batch
    raise HeraldError(f"library must be 'pandas', 'polars' or 'arrow', not {library!r}")


def tables(results: Results, library: str = "pandas", names: Iterable[str] = TABLES) -> Dict[str, Any]:
    """The flat tables ``names`` of ``results`` (dicts from
    :meth:`herald.Pipeline.extract` / ``extract_batch``, or the record batch
    or table of ``extract_arrow``), as ``library`` frames: ``"pandas"``,
    ``"polars"`` or ``"arrow"`` (pyarrow record batches)."""
    names = list(names)
    batches = flat_tables(_lines(results), names)
    return {n: _convert(b, library) for n, b in zip(names, batches)}


def events(results: Results, library: str = "pandas") -> Any:
    """One row an event: source and target (actor, name, code, span, text),
    CAMEO code and root, quad class, Goldstein, PLOVER type and mode,
    negation, modality, date, place, sentence and trigger spans, rule."""
    return tables(results, library, ["events"])["events"]


def quotes(results: Results, library: str = "pandas") -> Any:
    """One row a quote: kind, span and text, cue, speaker (span, text,
    resolved actor, name, codes), rule."""
    return tables(results, library, ["quotes"])["quotes"]


def actors(results: Results, library: str = "pandas") -> Any:
    """One row an actor: id, name, type, codes, role, number of mentions."""
    return tables(results, library, ["actors"])["actors"]


def mentions(results: Results, library: str = "pandas") -> Any:
    """One row an actor mention: actor id, span, text."""
    return tables(results, library, ["mentions"])["mentions"]


def documents(results: Results, library: str = "pandas") -> Any:
    """One row a document: metadata, counts, duplicate, text."""
    return tables(results, library, ["documents_flat"])["documents_flat"]
