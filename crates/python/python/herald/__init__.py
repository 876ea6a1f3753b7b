"""herald: quotes, actors and events from news text, pointing back at their evidence.

>>> import herald
>>> p = herald.Pipeline()
>>> doc = p.extract("“We will win,” Smith said.", id="d1")
>>> doc["quotes"][0]["speaker"]["text"]
'Smith'

Every span is ``[start, end)`` in Unicode characters of the document's
text, so ``text[start:end]`` gives it back. The dicts have the schema of
``herald extract``'s JSON lines; :meth:`Pipeline.extract_arrow` gives the
same as an Arrow record batch without building Python objects, and
:mod:`herald.frames` turns results into pandas or Polars data frames.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from ._errors import ExtractionError, HeraldError
from ._native import Pipeline as _NativePipeline
from ._native import __version__
from ._native import arrow_schema as _arrow_schema

if TYPE_CHECKING:
    import pyarrow

__all__ = ["Pipeline", "HeraldError", "ExtractionError", "arrow_schema", "__version__"]

PathLike = Union[str, "os.PathLike[str]"]
DocInput = Union[str, Mapping[str, Any], Sequence[Any]]
_DocTuple = Tuple[str, str, Optional[str], Optional[str], Optional[str], Optional[str]]


def _opt_str(v: Any) -> Optional[str]:
    return None if v is None else str(v)


def _doc_tuple(item: DocInput, index: int) -> _DocTuple:
    """One input of extract_batch as (id, text, published, title, url, source)."""
    if isinstance(item, str):
        return (str(index), item, None, None, None, None)
    if isinstance(item, Mapping):
        if "text" not in item or not isinstance(item["text"], str):
            raise HeraldError(f"document {item.get('id', index)!r}: no `text` string")
        doc_id = item.get("id")
        return (
            str(index) if doc_id is None else str(doc_id),
            item["text"],
            _opt_str(item.get("published")),
            _opt_str(item.get("title")),
            _opt_str(item.get("url")),
            _opt_str(item.get("source")),
        )
    if isinstance(item, Sequence) and 2 <= len(item) <= 3:
        published = _opt_str(item[2]) if len(item) == 3 else None
        return (str(item[0]), str(item[1]), published, None, None, None)
    raise HeraldError(f"document {index}: expected a string, a mapping with `text`, or (id, text[, published]), got {type(item).__name__}")


class Pipeline:
    """herald's extraction pipeline: built-in tagger and parser, a lexicon,
    and the quote, actor and event rules.

    Building one loads the models and the lexicon (about a second the first
    time, when the default lexicon is compiled and cached under
    ``~/.cache/herald``); build it once and reuse it. A pipeline is
    immutable and safe to share between threads; every method releases the
    GIL while it works.

    :param lexicon: ``None`` for the default lexicon, or dictionary files /
        manifests (a path or a list of paths) as ``herald extract --lexicon``
        takes them.
    :param parse: ``False`` skips the tagger and parser (token rules only:
        faster, less accurate, no events), like ``--no-parse``.
    :raises HeraldError: the models or the lexicon cannot be loaded.
    """

    def __init__(self, lexicon: Union[None, PathLike, Sequence[PathLike]] = None, *, parse: bool = True) -> None:
        if lexicon is None:
            paths: Optional[List[str]] = None
        elif isinstance(lexicon, (str, os.PathLike)):
            paths = [os.fspath(lexicon)]
        else:
            paths = [os.fspath(p) for p in lexicon]
        self._args = (paths, parse)
        self._native = _NativePipeline(paths, parse)

    def __reduce__(self) -> Tuple[Any, ...]:
        # Pickling sends the arguments; the receiver loads its own models.
        paths, parse = self._args
        return (_rebuild, (paths, parse))

    def __repr__(self) -> str:
        paths, parse = self._args
        return f"herald.Pipeline(lexicon={paths!r}, parse={parse!r})"

    @property
    def parses(self) -> bool:
        """True when the tagger and parser run (events need them)."""
        return self._native.parses

    def extract(
        self,
        text: str,
        id: Optional[str] = None,
        published: Optional[str] = None,
        *,
        title: Optional[str] = None,
        url: Optional[str] = None,
        source: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Actors, quotes and events of one document, as a dict with the
        schema of ``herald extract``'s JSON lines.

        :param text: the article text; every span points into it.
        :param id: the document id (default ``"0"``).
        :param published: publication date or datetime (ISO 8601); actor
            codes in force on that date are chosen, relative dates resolved.
        :raises ExtractionError: a rule failed on this document (``.id``,
            ``.reason``).
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        doc = ("0" if id is None else str(id), text, _opt_str(published), title, url, source)
        return json.loads(self._native.extract_json(doc))

    def extract_batch(self, docs: Iterable[DocInput], *, skip_errors: bool = False) -> List[Dict[str, Any]]:
        """Many documents in parallel on all cores (the GIL is released), in
        input order.

        Each item is a text (its id is its position), a mapping with
        ``text`` and optional ``id``, ``published``, ``title``, ``url``,
        ``source`` (a JSONL record of ``herald extract``), or a tuple
        ``(id, text[, published])``.

        :param skip_errors: leave out documents that fail instead of raising.
        :raises ExtractionError: a document failed (the first in input order).
        """
        tuples = [_doc_tuple(d, i) for i, d in enumerate(docs)]
        return [json.loads(line) for line in self._native.extract_batch_json(tuples, skip_errors)]

    def extract_arrow(self, batch: "pyarrow.RecordBatch", *, skip_errors: bool = False, spark: bool = False) -> "pyarrow.RecordBatch":
        """A record batch of documents in, a record batch of results out,
        without Python objects in between (Arrow C data interface).

        In: ``text`` (required), ``id`` (default: the row number),
        ``published``, ``title``, ``url``, ``source``: strings, or anything
        Arrow casts to strings (dates, timestamps). Out: one row a document
        with the schema :func:`arrow_schema`: ``id, title, url, published,
        text`` and ``actors``, ``quotes``, ``events`` as lists of structs,
        field for field the JSON of ``herald extract``.

        :param skip_errors: leave out documents that fail instead of raising.
        :param spark: return the Spark-readable variant of the schema
            (``arrow_schema(spark=True)``), for ``mapInArrow``.
        :raises ExtractionError: a document failed.
        :raises HeraldError: the batch has no ``text`` column or a null text.
        """
        return self._native.extract_arrow(batch, skip_errors, spark)


def _rebuild(paths: Optional[List[str]], parse: bool) -> Pipeline:
    return Pipeline(paths, parse=parse)


def arrow_schema(spark: bool = False) -> "pyarrow.Schema":
    """The schema of :meth:`Pipeline.extract_arrow`'s output.

    Spans are ``fixed_size_list<uint32, 2>``; with ``spark=True`` they are
    ``list<int64>`` and the other unsigned integers signed, the types
    Spark's ``mapInArrow`` reads (``pyspark.sql.pandas.types.from_arrow_schema``
    turns it into a Spark ``StructType``).
    """
    return _arrow_schema(spark)
