"""One domain exception family, rendered once at the edge (CLI or MkDocs plugin)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Record

__all__ = ["LitsiteError", "RecordError", "ConfigError"]


class LitsiteError(Exception):
    """Base class: anything litsite reports to a user instead of a traceback."""


class ConfigError(LitsiteError):
    """A setting in mkdocs.yml or on the command line is wrong."""


class RecordError(LitsiteError):
    """Bad input, located as precisely as we can: file, record, field.

    ``str()`` reads ``content/a.ris: record 3 (PMID 123): field 'year': 'n.d.' is not a year``.
    ``record`` is a 1-based index, an id, or both (``"3 (PMID 123)"``); ``None`` for file-level
    problems such as an empty or binary file.
    """

    def __init__(
        self,
        path: Path | str | None,
        message: str,
        *,
        record: str | int | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.record = record
        self.field = field
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __reduce__(self):
        """Pickled whole (problems travel from worker processes and live in the read cache)."""
        keywords = {"record": self.record, "field": self.field, "line": self.line}
        return (_rebuild, (type(self), self.path, self.message, keywords))

    @classmethod
    def about(cls, record: Record, message: str, field: str | None = None) -> RecordError:
        """A problem with a whole record, located by where it was read from."""
        source = record.sources[0] if record.sources else None
        return cls(
            source.path if source else None,
            message,
            record=source.index if source else None,
            field=field,
        )

    @property
    def location(self) -> str:
        """``file:line: record N`` — the part before the message."""
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts[0] += f":{self.line}"
        if self.record is not None:
            parts.append(f"record {self.record}")
        return ": ".join(parts)

    def __str__(self) -> str:
        field = f"field '{self.field}': " if self.field else ""
        return f"{self.location}: {field}{self.message}"


def _rebuild(cls: type[RecordError], path: str | None, message: str, keywords: dict) -> RecordError:
    return cls(path, message, **keywords)
