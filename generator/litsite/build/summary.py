"""What the whole-collection outputs need of one record, made where the record is.

The page plan, the index and home pages, the search index and the sitemap are built from
``Summary`` objects, never from ``Record`` objects: a summary is small and picklable, so the
per-record work (reading, citing, rendering) can run in worker processes (or a cluster) while
the builder only merges summaries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..model import Record
from ..pages.indexes import listing_row
from ..pages.kinds import record_terms
from ..pages.topics import topic_group
from ..search import SearchDoc

__all__ = ["Summary", "summarize", "record_digest"]


@dataclass(slots=True)
class Summary:
    """One record as the collection sees it."""

    id: str
    #: Digest of every field of the record: a page listing it changes when this does.
    digest: str
    #: Index kind -> the terms the record is listed under (``pages.kinds.record_terms``).
    terms: dict[str, list[str]]
    #: ``(year, month, day)`` of publication, zeros where unknown: newest-first order.
    issued: tuple[int, int, int]
    #: What a list of records shows of it (``pages.indexes.listing_row``), without its link.
    row: dict
    #: What the search index holds of it, without its URL (the plan knows it).
    search: SearchDoc
    #: Language code ("" when unknown), for the search page's language filter.
    language: str


def record_digest(record: Record) -> str:
    """A digest of every field of ``record``."""
    return hashlib.blake2b(
        repr(record).encode("utf-8", "surrogatepass"), digest_size=16
    ).hexdigest()


def summarize(record: Record) -> Summary:
    """``record``'s summary (a pure function of the record)."""
    issued = record.issued
    code = record.language.code if record.language else ""
    return Summary(
        id=record.id,
        digest=record_digest(record),
        terms=record_terms(record),
        issued=((issued.year or 0, issued.month or 0, issued.day or 0) if issued else (0, 0, 0)),
        row=listing_row(record),
        search=SearchDoc(
            url="",
            title=record.title,
            authors=[p.display() for p in record.authors],
            year=str(record.year or ""),
            source=record.container_title,
            type=record.type,
            language=code,
            topics=[t.term for t in record.topics if t.term.strip()],
            topic_groups=[topic_group(t) for t in record.topics if t.term.strip()],
            abstract=record.abstract_text,
            ids=[v for v in (record.doi, record.pmid, record.pmcid) if v],
        ),
        language=code,
    )
