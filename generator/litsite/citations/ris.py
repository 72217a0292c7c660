"""RIS records through rispy's writer, the inverse of litsite's RIS reader.

Types, name roles and the tags of other CSL variables come from the reader's tables
(``readers.ris``), so what is written here is read back as the same field: the type's
preferred RIS tag, each name role in the tag the type gives it (an editor is ``ED``, a book's
series editor ``A2``, a film's director ``AU``), every ISSN and ISBN on its own ``SN`` line,
every link on its own ``UR`` line (``L1``/``L4`` for file attachments and figures).

Every value is put on one line first: a line break inside a title or abstract would otherwise
start a new tag line, letting record text inject ``ER  -`` or any other tag. A note's lines are
``N1`` lines of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import rispy

from ..model import Person, Record
from ..normalize import safe_url
from ..readers.ris import (
    DEFAULT_ROLES,
    LINK_LABELS,
    NUMBER_OF_PAGES_TYPES,
    NUMBER_TAGS,
    ROLES,
    SERIES_TYPES,
    SN_NUMBER_TYPES,
    TYPE_CONTAINER_TAGS,
    TYPE_VARIABLES,
    TYPES,
    VARIABLE_TAGS,
)
from .names import full_family

__all__ = ["RIS_TYPES", "write_ris", "ris_entry", "ris_fields", "TAG_KEYS"]

#: CSL type -> RIS TY: the reader's table read backwards, with the usual tag where several
#: RIS types read as one CSL type. A CSL type RIS lacks (``review``, ``broadcast``…) is GEN.
RIS_TYPES = {csl: ris for ris, csl in reversed(TYPES.items())} | {
    "article-journal": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "classic": "CLSWK",
    "dataset": "DATA",
    "document": "GEN",
    "graphic": "ART",
    "legal_case": "CASE",
    "manuscript": "MANSCPT",
    "motion_picture": "MPCT",
    "paper-conference": "CPAPER",
    "personal_communication": "PCOMM",
    "bill": "BILL",
    "report": "RPRT",
    "webpage": "ELEC",
}
#: rispy's names for RIS tags, with ED (editor), which rispy's table lacks.
TAG_KEYS = {**rispy.TAG_KEY_MAPPING, "ED": "editors"}
#: Tags written once per value.
LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "ED", "SN", "L1", "L4"]
#: Name tags in the order a role looks for its tag (an editor is ED before A2 or A3).
_NAME_TAGS = ("AU", "ED", "A2", "A3", "A4")
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
#: Runs of layout space (a no-break space is text, and stays).
_SPACES = re.compile(r"[ \t]+")
#: A plain page range, as the reader joins SP and EP again.
PAGE_RANGE = re.compile(r"([^\s,;–—-]+)\s*(?:-+|–|—)\s*([^\s,;–—-]+)")


class _Writer(rispy.RisWriter):
    """rispy's writer without the ``1.`` counter line, which is not part of RIS."""

    def set_header(self, count: int) -> str:
        return ""


def write_ris(records: Sequence[Record]) -> str:
    """All records as one RIS file, in input order."""
    return rispy.dumps(
        [ris_fields(r) for r in records],
        implementation=_Writer,
        mapping=TAG_KEYS,
        list_tags=LIST_TAGS,
    )


def ris_entry(record: Record) -> str:
    """One record as an RIS file of its own."""
    return write_ris([record])


def _kind(record: Record) -> str:
    for ris_type, variables in TYPE_VARIABLES.items():
        held = all(record.variables.get(k) == v for k, v in variables.items())
        if held and TYPES[ris_type] == record.type:
            return ris_type
    return RIS_TYPES.get(record.type, "GEN")


def ris_tags(record: Record) -> dict[str, Any]:
    """The record as RIS tags (``{"TI": title, "AU": [names]…}``), in writing order."""
    kind = _kind(record)
    tags: dict[str, Any] = {"TY": kind, "TI": record.title}
    roles = ROLES.get(kind, DEFAULT_ROLES)
    people = [("author", record.authors), ("editor", record.editors), *record.names.items()]
    for role, persons in people:
        if tag := next((t for t in _NAME_TAGS if roles.get(t) == role), None):
            tags.setdefault(tag, []).extend(_name(p) for p in persons)
    if record.type in SERIES_TYPES:
        tags["T2"] = record.collection_title
    else:
        container = TYPE_CONTAINER_TAGS.get(kind, ("T2",))[0]
        tags[container] = (
            [record.container_title] if container in LIST_TAGS else record.container_title
        )
        tags["T3"] = record.collection_title
    tags["J2"] = record.container_title_short
    tags["VL"] = record.volume
    if number_tag := NUMBER_TAGS.get(record.type):
        tags[number_tag] = record.number
    tags["IS"] = tags.get("IS") or record.issue
    pages = record.variables.get("number-of-pages")
    if kind in NUMBER_OF_PAGES_TYPES and not record.page and isinstance(pages, str):
        tags["SP"] = pages
    elif match := PAGE_RANGE.fullmatch(record.page):
        tags["SP"], tags["EP"] = match.groups()
    else:  # one page, or what is not a plain range ("431-456, 791-823"): all of it in SP
        tags["SP"] = record.page
    tags["ET"] = record.edition
    if not record.edition and (epub := record.dates.get("available-date")):
        tags["ET"] = _ris_date(epub)  # PubMed's place for the electronic publication date
    tags["PY"] = str(record.year or "") or (record.issued.literal if record.issued else "")
    tags["DA"] = _date(record)
    if accessed := record.dates.get("accessed"):
        tags["Y2"] = _ris_date(accessed)
    tags["PB"] = record.publisher
    tags["CY"] = record.publisher_place
    tags["DO"] = record.doi
    links = [(link.label, safe_url(link.url)) for link in record.links]
    labels = {label: tag for tag, label in LINK_LABELS.items()}
    for label, url in dict.fromkeys(x for x in links if x[1]):
        tags.setdefault(labels.get(label, "UR"), []).append(url)
    tags["AB"] = record.abstract_text
    tags["KW"] = [t.term for t in record.topics]
    tags["SN"] = record.isbn + record.issn
    if kind in SN_NUMBER_TYPES and record.type not in NUMBER_TAGS:
        tags["SN"] = [record.number, *tags["SN"]]
    for variable, tag in VARIABLE_TAGS.items():
        if isinstance(value := record.variables.get(variable), str):
            tags[tag] = value
    if record.language:
        tags["LA"] = record.language.name or record.language.code
    tags["ID"] = record.variables.get("citation-key")
    tags["AN"] = f"PMID:{record.pmid}" if record.pmid else ""
    tags["N1"] = record.note.splitlines()
    lines = {tag: _one_line(value) for tag, value in tags.items() if isinstance(value, (str, list))}
    return {tag: value for tag, value in lines.items() if value}


def ris_fields(record: Record) -> dict[str, Any]:
    """The record as a rispy reference dict (keys are rispy's names for RIS tags)."""
    tags = ris_tags(record)
    fields = {TAG_KEYS[tag]: value for tag, value in tags.items() if tag != "TY"}
    return {"type_of_reference": tags["TY"], **fields}


def _one_line(value: str | list[str]) -> str | list[str]:
    if isinstance(value, list):
        return [v for v in (_one_line(x) for x in value) if v]
    return _SPACES.sub(" ", _LINE_BREAKS.sub(" ", value)).strip(" ")


def _name(person: Person) -> str:
    """``Family, Given, Suffix`` (particles kept in the family part); a name of one part, an
    organisation's or a family name alone, ends in a comma (``World Health Organization,``,
    ``Selvamani,``): without one, readers split it into given and family names."""
    family = full_family(person) or person.literal
    if not (person.given or person.suffix):
        return f"{family},"
    return ", ".join(p for p in (family, person.given, person.suffix) if p)


def _date(record: Record) -> str:
    """RIS ``DA``: ``YYYY/MM/DD/other`` with empty parts kept."""
    date = record.issued
    return _ris_date(date) if date and date.year is not None else ""


def _ris_date(date) -> str:
    if date.year is None:
        return date.literal
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/{date.literal}"
