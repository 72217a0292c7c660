"""RIS records through rispy's writer: TY per type, one AU per author, ER to close.

Every value is put on one line first: a line break inside a title or abstract would otherwise
start a new tag line, letting record text inject ``ER  -`` or any other tag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import rispy

from ..model import Person, Record
from ..normalize import safe_url
from .names import full_family

__all__ = ["RIS_TYPES", "write_ris", "ris_entry", "ris_fields"]

#: CSL type -> RIS TY (anything else is GEN).
RIS_TYPES = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "article": "UNPB",
    "review": "JOUR",
    "review-book": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "entry-encyclopedia": "ENCYC",
    "entry-dictionary": "DICT",
    "paper-conference": "CPAPER",
    "thesis": "THES",
    "report": "RPRT",
    "manuscript": "UNPB",
    "webpage": "ELEC",
    "post": "ELEC",
    "post-weblog": "BLOG",
    "dataset": "DATA",
    "software": "COMP",
    "patent": "PAT",
    "map": "MAP",
    "motion_picture": "MPCT",
    "legislation": "STAT",
    "legal_case": "CASE",
}
_JOURNALS = {"JOUR", "MGZN", "NEWS"}
_BOOKS = {"BOOK", "CHAP", "ENCYC", "DICT"}
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


class _Writer(rispy.RisWriter):
    """rispy's writer without the ``1.`` counter line, which is not part of RIS."""

    def set_header(self, count: int) -> str:
        return ""


def write_ris(records: Sequence[Record]) -> str:
    """All records as one RIS file, in input order."""
    return rispy.dumps([ris_fields(r) for r in records], implementation=_Writer)


def ris_entry(record: Record) -> str:
    """One record as an RIS file of its own."""
    return write_ris([record])


def ris_fields(record: Record) -> dict[str, Any]:
    """The record as a rispy reference dict (keys are rispy's names for RIS tags)."""
    kind = RIS_TYPES.get(record.type, "GEN")
    start, _, end = re.sub(r"\s*[-–—]+\s*", "-", record.page).partition("-")
    fields: dict[str, Any] = {
        "type_of_reference": kind,
        "title": record.title,
        "authors": [_name(p) for p in record.authors],
        "secondary_authors": [_name(p) for p in record.editors],
        "year": str(record.year or ""),
        "date": _date(record),
        "secondary_title": record.container_title,
        "journal_name": (record.container_title_short or record.container_title)
        if kind in _JOURNALS
        else "",
        "tertiary_title": record.collection_title,
        "volume": record.volume,
        "number": record.issue or record.number,
        "start_page": start,
        "end_page": end,
        "edition": record.edition,
        "publisher": record.publisher,
        "place_published": record.publisher_place,
        "doi": record.doi,
        "urls": _urls(record),
        "abstract": record.abstract_text,
        "keywords": [t.term for t in record.topics],
        "issn": "; ".join(record.isbn if kind in _BOOKS and record.isbn else record.issn),
        "language": (record.language.name or record.language.code) if record.language else "",
        "accession_number": f"PMID:{record.pmid}" if record.pmid else "",
        "notes": [record.note] if record.note else [],
    }
    return {key: _one_line(value) for key, value in fields.items() if value}


def _one_line(value: str | list[str]) -> str | list[str]:
    if isinstance(value, list):
        return [v for v in (_one_line(x) for x in value) if v]
    return " ".join(_LINE_BREAKS.sub(" ", value).split())


def _name(person: Person) -> str:
    """``Family, Given, Suffix`` (particles kept in the family part), or the organisation."""
    if person.is_organisation:
        return person.literal
    family = full_family(person) or person.literal
    return ", ".join(p for p in (family, person.given, person.suffix) if p)


def _date(record: Record) -> str:
    """RIS ``DA``: ``YYYY/MM/DD/other`` with empty parts kept."""
    date = record.issued
    if not date or date.year is None:
        return ""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/{date.literal}"


def _urls(record: Record) -> list[str]:
    urls = [safe_url(link.url) for link in record.links]
    return list(dict.fromkeys(u for u in urls if u))
