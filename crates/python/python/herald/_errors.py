"""herald's exceptions (raised by the extension module and the Python layer)."""

from __future__ import annotations


class HeraldError(Exception):
    """A pipeline that cannot be built, or an input that cannot be read."""


class ExtractionError(HeraldError):
    """One document could not be extracted.

    ``id`` is the document's id and ``reason`` why it failed; ``str(error)``
    is ``"<id>: <reason>"``, as ``herald extract`` reports it.
    """

    def __init__(self, id: str, reason: str) -> None:
        super().__init__(id, reason)
        self.id = id
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.id}: {self.reason}"
