"""PubMed MEDLINE text (``.nbib``): the "PubMed" format PubMed, ERIC and reference managers export.

The format is a tag, a dash and a value per line (``TI  - Title``), continuation lines indented
by six spaces, records separated by blank lines. That is all the syntax there is, so it is split
here in a few lines rather than through Biopython's ``Bio.Medline``, which would add a large
scientific package (and NumPy) for what ``_split_blocks`` does. What needs care is the meaning
of the tags, kept as data in the tables below and in ``pubmed_common``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RecordError
from ..model import Link, PartialDate, Person, Record, Source, Topic
from ..normalize import (
    classify_url,
    clean_doi,
    is_name_suffix,
    normalize,
    parse_language,
    parse_name,
)
from ..report import Report
from .pubmed_common import (
    RELATION_TYPES,
    apply_preprint,
    expand_pages,
    find_issns,
    journal_title,
    mesh_topic,
    parse_pubmed_date,
    record_type,
    relation,
    strip_title_period,
)
from .vufind import split_abstract

__all__ = ["MedlineReader"]

#: Tags whose values are shown as labelled extras; the rest are mapped to fields or are
#: PubMed's processing dates and flags (EDAT, MHDA, STAT...), which say nothing about the work.
EXTRA_TAGS = {
    "GR": "grant",
    "RN": "substance",
    "NM": "substance name",
    "SO": "source",
    "GN": "general note",
    "TT": "transliterated title",
    "VTI": "volume title",
    "OAB": "other abstract",
    "CIN": "comment in",
    "CON": "comment on",
    "SI": "secondary source id",
    "IR": "investigator",
    "FIR": "investigator",
    "PST": "publication status",
}
#: Types whose place of publication is a city (``Bethesda (MD)``); for articles ``PL`` is the
#: journal's country and goes to the extras.
_BOOK_TYPES = {"book", "chapter", "thesis", "report"}

_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)")
_TYPED_ID = re.compile(r"\s*\[([a-z-]+)\]\s*$", re.I)
_DOI_LIKE = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/|10\.\d{4,9}/)", re.I)
#: The page or article number in NLM's citation line: ``…2021;4(1):1042. Epub…``.
_SOURCE_PAGE = re.compile(r";[^;:]*:\s*([A-Za-z]*\d[\w-]*)\.(?:\s|$)")
_COPYRIGHT_TAIL = re.compile(r"\s(?:Copyright|©)\s[^\n]{0,200}$")
_SHORT_NAME = re.compile(r"(.+?)\s+([A-Z]{1,4})")


@dataclass
class _Block:
    """One record's tagged lines, where it starts, and its text as written."""

    line: int
    fields: list[list[str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def tags(self) -> set[str]:
        return {tag for tag, _ in self.fields}


class MedlineReader:
    """MEDLINE/.nbib text: one record per ``PMID`` (or ``OWN`` for ERIC) block."""

    name = "medline"
    suffixes = (".nbib", ".medline", ".txt")

    def sniff(self, head: str) -> bool:
        # Precise because ``.txt`` is shared with VuFind pages: a PMID line, or an OWN line
        # followed by the tags every record has. Old Mac exports end lines with CR alone.
        head = head.replace("\r", "\n")
        if re.search(r"(?m)^PMID- ?\d+\s*$", head):
            return True
        return bool(re.search(r"(?m)^OWN - \w+", head) and re.search(r"(?m)^(TI|PT)  - ", head))

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]:
        from . import decode

        text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
        index = 0
        for block in _split_blocks(text, path, report):
            if not block.tags() & {"PMID", "OWN"}:
                report.error(
                    RecordError(
                        path,
                        "tagged lines without a PMID or OWN line are not a MEDLINE record; skipped",
                        line=block.line,
                    )
                )
                continue
            index += 1
            source = Source(str(path), index, self.name, line=block.line)
            source.original = "\n".join(block.lines)
            try:
                yield _to_record(block.fields, source)
            except ValueError as exc:  # a value no field can hold, e.g. DEP 20161399
                report.error(RecordError(path, str(exc), record=index, line=block.line))


def _split_blocks(text: str, path: Path, report: Report) -> Iterator[_Block]:
    """Records as tag/value pairs: continuation lines joined, a second PMID starts a new one."""
    block = _Block(line=1)
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            if block.fields:
                yield block
            block = _Block(line=number + 1)
            continue
        if line[:1] in (" ", "\t") and block.fields:
            block.fields[-1][1] = f"{block.fields[-1][1]} {line.strip()}".strip()
            block.lines.append(line)
            continue
        match = _TAG_LINE.fullmatch(line.rstrip())
        if not match:
            report.warn(
                RecordError(path, f"not a MEDLINE tag line, ignored: {line[:60]!r}", line=number)
            )
            continue
        if match.group(1) == "PMID" and "PMID" in block.tags():
            yield block
            block = _Block(line=number)
        block.fields.append([match.group(1), match.group(2).strip()])
        block.lines.append(line)
    if block.fields:
        yield block


def _to_record(fields: list[list[str]], source: Source) -> Record:
    """Map one record's tags onto the canonical record."""
    values: dict[str, list[str]] = {}
    for tag, value in fields:
        if value:
            values.setdefault(tag, []).append(value)

    def first(tag: str) -> str:
        return values.get(tag, [""])[0]

    publication_types = values.get("PT", [])
    journal = journal_title(first("JT")) or first("TA")
    kind = record_type(publication_types, has_journal=bool(journal))
    if first("BTI") and kind in ("article-journal", "document", "book"):
        kind = "chapter"
    record = Record(
        type=kind,
        title=strip_title_period(" ".join(values.get("TI", []))),
        container_title=first("BTI") or (journal if kind not in _BOOK_TYPES else ""),
        container_title_short=first("TA") if kind not in _BOOK_TYPES else "",
        collection_title=first("CTI"),
        volume=first("VI"),
        issue=first("IP"),
        page=expand_pages(first("PG")),
        edition=first("EN") if kind in _BOOK_TYPES else "",
        publisher=first("PB"),
        issued=parse_pubmed_date(first("DP")),
        pmid=re.sub(r"\D", "", first("PMID")),
        pmcid=first("PMC") if first("PMC").upper().startswith("PMC") else "",
        issn=[
            code
            for value in values.get("IS", []) + values.get("ISSN", [])
            for code in find_issns(value)
        ],
        isbn=[re.sub(r"^ISBN[\s-]*", "", v, flags=re.I) for v in values.get("ISBN", [])],
        formats=publication_types,
        rights=" ".join(values.get("CI", [])),
        sources=[source],
    )
    record.authors, record.editors = _people(fields)
    if abstract := " ".join(values.get("AB", [])):
        abstract, notice = _split_copyright(abstract)
        record.rights = record.rights or notice
        record.abstract = split_abstract(abstract)
    if epub := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", first("DEP")):
        record.dates["available-date"] = PartialDate.from_iso("-".join(epub.groups()))
    _add_places(record, values, kind)
    _add_identifiers(record, values)
    if not record.page and (cited := _SOURCE_PAGE.search(first("SO"))):
        record.page = expand_pages(cited.group(1))
    apply_preprint(record)
    _add_topics(record, values)
    if languages := values.get("LA"):
        record.language = parse_language(languages[0])
        if len(languages) > 1:
            record.extra["language"] = languages
    for tag, label in EXTRA_TAGS.items():
        if tag in values:
            record.extra.setdefault(label, []).extend(values[tag])
    record.relations = [
        relation(tag, value) for tag, value in fields if value and tag in RELATION_TYPES
    ]
    return normalize(record)


def _split_copyright(abstract: str) -> tuple[str, str]:
    """Older exports end ``AB`` with the publisher's notice (``… Copyright 2015 X Press.``)."""
    match = _COPYRIGHT_TAIL.search(abstract)
    if not match:
        return abstract, ""
    return abstract[: match.start()].rstrip(), match.group(0).strip()


def _people(fields: list[list[str]]) -> tuple[list[Person], list[Person]]:
    """Authors and editors in order: ``FAU``/``FED`` when present, else ``AU``/``ED``.

    ``CN`` adds a corporate author; ``AD`` and ``AUID`` belong to the name before them.
    """
    tags = {tag for tag, value in fields if value}
    full = {"AU": "FAU" in tags, "ED": "FED" in tags}
    authors: list[Person] = []
    editors: list[Person] = []
    last: Person | None = None
    for tag, value in fields:
        if not value:
            continue
        if tag in ("FAU", "FED") or (tag in ("AU", "ED") and not full[tag]):
            last = parse_name(value) if tag.startswith("F") else _short_name(value)
            (authors if tag in ("FAU", "AU") else editors).append(last)
        elif tag == "CN":
            last = Person(literal=value.rstrip("."))
            authors.append(last)
        elif tag == "AD" and last is not None:
            last.affiliations.append(value)
        elif (
            tag == "AUID" and last is not None and (orcid := re.search(r"[\d-]{15,18}[\dX]", value))
        ):
            last.orcid = orcid.group(0)
    return authors, editors


def _short_name(value: str) -> Person:
    """``van Raaij MJ`` -> family ``van Raaij``, given ``M J``; ``Smith JA Jr`` keeps its suffix;
    ``Selvamani`` -> family only.

    ERIC writes full names here (``Smith, Tom``).
    """
    if "," in value:
        return parse_name(value)
    rest, _, last = value.strip().rpartition(" ")
    suffix = last if rest and is_name_suffix(last, alone=True) else ""
    name = rest if suffix else value.strip()
    if match := _SHORT_NAME.fullmatch(name):
        return Person(family=match.group(1), given=" ".join(match.group(2)), suffix=suffix)
    return Person(family=name, suffix=suffix)


def _add_places(record: Record, values: dict[str, list[str]], kind: str) -> None:
    """Book places and ERIC publishers; a journal's country of publication is only an extra."""
    place = values.get("PL", [""])[0]
    if kind in _BOOK_TYPES:
        record.publisher_place = place
        source = values.get("SO", [""])[0]
        if kind == "thesis" and (school := re.search(r"Dissertation,\s*(.+)$", source)):
            record.publisher = record.publisher or school.group(1).strip()
        elif not record.publisher:
            record.publisher = values.get("JT", [""])[0]
    elif place:
        record.extra["country of publication"] = [place]


def _add_identifiers(record: Record, values: dict[str, list[str]]) -> None:
    """DOIs, PIIs and links from ``LID``/``AID``; an untyped ``LID`` is an article number."""
    for tag in ("LID", "AID"):
        for value in values.get(tag, []):
            typed = _TYPED_ID.search(value)
            ident = value[: typed.start()].strip() if typed else value.strip()
            kind = typed.group(1).casefold() if typed else ""
            if kind == "doi" or (not kind and _DOI_LIKE.match(ident)):
                record.doi = record.doi or clean_doi(ident)
            elif kind == "bookaccession":
                record.source_ids["ncbi-bookshelf"] = ident
                url = f"https://www.ncbi.nlm.nih.gov/books/{ident}/"
                record.links.append(Link(url=url, kind="fulltext"))
            elif kind:
                record.source_ids.setdefault(kind, ident)
            elif ident.lower().startswith(("http://", "https://")):
                record.links.append(classify_url(ident))
            elif tag == "LID" and not record.page:
                record.page = ident
    if values.get("OWN", [""])[0] == "ERIC" and (oid := values.get("OID", [""])[0]):
        record.source_ids["eric"] = oid


def _add_topics(record: Record, values: dict[str, list[str]]) -> None:
    """MeSH headings (``Aurovertins/*chemistry``: ``*`` marks a major topic), then keywords."""
    for heading in values.get("MH", []):
        descriptor, *qualifiers = heading.split("/")
        record.topics.append(
            mesh_topic(
                descriptor.lstrip("*"),
                [(q.lstrip("*"), q.startswith("*")) for q in qualifiers],
                major=descriptor.startswith("*"),
            )
        )
    record.topics += [Topic(term=term, scheme="keyword") for term in values.get("OT", [])]
