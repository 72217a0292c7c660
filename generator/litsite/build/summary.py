"""What the whole-collection outputs need of one record, made where the record is.

The page plan, the index and home pages, the search index and the sitemap are built from
``Summary`` objects, never from ``Record`` objects: a summary is small and picklable, so the
per-record work (reading, citing, rendering) can run in worker processes (or a cluster) while
the builder only merges summaries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..curation import record_findings
from ..dedupe import _fold
from ..model import Record, Relation
from ..pages.corrections import CORRECTIONS, own_mark
from ..pages.indexes import listing_row
from ..pages.kinds import record_terms
from ..pages.topics import topic_group
from ..search import SearchDoc, tokens

__all__ = ["Summary", "summarize", "record_digest"]

#: Words of the abstract that related records look at (its start says what it is about).
ABSTRACT_WORDS = 150


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
    #: Identifier kind (``doi``, ``pmid``, ``pmcid``, ``isbn``) -> values: resolver pages.
    identifiers: dict[str, list[str]]
    #: Retractions, errata, updates of the record or by it (``pages.corrections``).
    relations: list[Relation]
    #: The mark the record gives itself ("retracted" by CSL status or PubMed type, or "").
    mark: str
    #: ``(check, what was found)`` for the curator's report (``curation``), when it is made.
    findings: list[tuple[str, str]]
    #: Where the record was read: ``(path, record number)``.
    source: tuple[str, int]
    #: MeSH major topics, and the distinct search tokens of the title and the abstract's start
    #: (``build.related``).
    major: list[str]
    words: list[str]
    #: The reference list as ``(pmid, folded doi, folded text)``: what a match by identifier,
    #: then by title + year + first author, needs (``SitePlan.citations``).
    references: list[tuple[str, str, str]]


def record_digest(record: Record) -> str:
    """A digest of every field of ``record``."""
    return hashlib.blake2b(
        repr(record).encode("utf-8", "surrogatepass"), digest_size=16
    ).hexdigest()


def summarize(record: Record, findings: bool = False) -> Summary:
    """``record``'s summary (a pure function of the record), with the curator's findings when
    ``findings`` is set."""
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
        identifiers={
            kind: values
            for kind, values in (
                ("doi", [record.doi]),
                ("pmid", [record.pmid]),
                ("pmcid", [record.pmcid]),
                ("isbn", record.isbn),
            )
            if any(values)
        },
        relations=[r for r in record.relations if r.kind in CORRECTIONS],
        mark=own_mark(record),
        findings=record_findings(record) if findings else [],
        source=(record.sources[0].path, record.sources[0].index) if record.sources else ("", 0),
        major=[t.term for t in record.topics if t.major],
        references=[
            (
                ref.pmid,
                ref.doi.casefold(),
                _fold(" ".join((ref.title, ref.year, ref.author, ref.citation))),
            )
            for ref in record.references
        ],
        words=list(
            dict.fromkeys(tokens(record.title) + tokens(record.abstract_text)[:ABSTRACT_WORDS])
        ),
    )
