"""Size limits on what one record may hold, so a hostile file is refused instead of read.

A bibliographic field longer than ``MAX_FIELD_CHARS`` is not a title or an abstract but an
attack or a broken export (a 50 MB "title", an ``@string`` that doubles itself forty times):
the record is refused with the field named, and its neighbours are read as usual. The limit
leaves room for the longest real author lists (about 5,000 names, some 150,000 characters).
"""

from __future__ import annotations

from ..model import Record

__all__ = ["MAX_FIELD_CHARS", "FieldTooLong", "oversized_field"]

#: Most characters one field may hold.
MAX_FIELD_CHARS = 256 * 1024


class FieldTooLong(ValueError):
    """A field (or a macro it uses) expands past ``MAX_FIELD_CHARS``."""

    def __init__(self, field: str, size: int | None = None) -> None:
        self.field = field
        if size is None:
            super().__init__(f"expands to more than {MAX_FIELD_CHARS:,} characters")
        else:
            super().__init__(f"{size:,} characters; the limit is {MAX_FIELD_CHARS:,}")


def _texts(record: Record):
    """``(field, text)`` for every free-text value of a record."""
    for name in (
        "title",
        "container_title",
        "collection_title",
        "publisher",
        "publisher_place",
        "note",
        "rights",
        "license",
    ):
        yield name, getattr(record, name)
    yield "abstract", record.abstract_text
    for role in ("authors", "editors"):
        yield role, " ".join(p.display() for p in getattr(record, role))
    yield "topics", " ".join(t.term for t in record.topics)
    yield "links", " ".join(link.url for link in record.links)
    for label, values in record.extra.items():
        yield label, " ".join(values)


def oversized_field(record: Record) -> FieldTooLong | None:
    """The first field of ``record`` longer than ``MAX_FIELD_CHARS``, if any."""
    for name, text in _texts(record):
        if len(text) > MAX_FIELD_CHARS:
            return FieldTooLong(name, len(text))
    return None
