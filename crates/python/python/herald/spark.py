"""herald on Apache Spark: code a DataFrame of articles with ``mapInArrow``.

>>> from pyspark.sql import SparkSession          # doctest: +SKIP
>>> import herald.spark
>>> spark = SparkSession.builder.master("local[2]").getOrCreate()
>>> articles = spark.read.json("articles.jsonl")  # id, text, published
>>> herald.spark.extract(articles).write.parquet("coded/")

Each Python worker builds one :class:`herald.Pipeline` (models and lexicon,
about a second) the first time it sees a batch and keeps it in a module
global for the following batches and tasks; documents go to Rust as Arrow
batches and come back as Arrow batches, so nothing is converted to Python
objects. Within a worker the pipeline uses all its cores; with ``local[N]``
or N cores an executor, set ``spark.task.cpus`` or let the rayon pool and
Spark share the cores (``RAYON_NUM_THREADS`` in ``spark.executorEnv``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, Optional, Sequence, Tuple

from . import Pipeline, arrow_schema

if TYPE_CHECKING:
    import pyarrow
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["extract", "map_batches", "spark_schema", "pipeline"]

_PIPELINES: Dict[Tuple[Optional[Tuple[str, ...]], bool], Pipeline] = {}

#: The input columns extract_arrow reads, besides ``text``.
INPUT_COLUMNS = ("id", "published", "title", "url", "source")


def pipeline(lexicon: Optional[Sequence[str]] = None, parse: bool = True) -> Pipeline:
    """This process's pipeline for these arguments (built on first use)."""
    key = (None if lexicon is None else tuple(lexicon), parse)
    p = _PIPELINES.get(key)
    if p is None:
        p = _PIPELINES[key] = Pipeline(None if lexicon is None else list(lexicon), parse=parse)
    return p


def map_batches(
    lexicon: Optional[Sequence[str]] = None, parse: bool = True, skip_errors: bool = True
) -> Callable[[Iterator["pyarrow.RecordBatch"]], Iterator["pyarrow.RecordBatch"]]:
    """The function to give ``DataFrame.mapInArrow`` with :func:`spark_schema`.

    ``skip_errors`` (default) leaves out documents that fail, as ``herald
    extract`` does; ``False`` fails the task with the document's id.
    """
    lex = None if lexicon is None else [str(p) for p in lexicon]

    def run(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        p = pipeline(lex, parse)
        for b in batches:
            if b.num_rows:
                yield p.extract_arrow(b, skip_errors=skip_errors, spark=True)

    return run


def spark_schema() -> "StructType":
    """The Spark schema of the results (:func:`herald.arrow_schema` with
    ``spark=True``): ``id, title, url, published, text, actors, quotes,
    events, duplicate_of``."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(arrow_schema(spark=True))


def extract(
    df: "DataFrame",
    text: str = "text",
    id: Optional[str] = "id",
    published: Optional[str] = "published",
    lexicon: Optional[Sequence[str]] = None,
    parse: bool = True,
    skip_errors: bool = True,
) -> "DataFrame":
    """Codes a DataFrame of articles: one output row a document, with its
    actors, quotes and events nested as in ``herald extract``'s JSON.

    ``text`` names the text column; ``id`` and ``published`` the id and
    date columns, or ``None`` when there are none (the id is then the row's
    position in its batch, so give one). Columns ``title``, ``url`` and
    ``source`` are passed on when present.
    """
    from pyspark.sql import functions as F

    cols: list[Any] = [F.col(text).alias("text")]
    if id is not None:
        cols.append(F.col(id).cast("string").alias("id"))
    if published is not None and published in df.columns:
        cols.append(F.col(published).cast("string").alias("published"))
    cols.extend(F.col(c) for c in ("title", "url", "source") if c in df.columns)
    return df.select(*cols).mapInArrow(map_batches(lexicon, parse, skip_errors), spark_schema())
