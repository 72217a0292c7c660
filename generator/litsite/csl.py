"""Lossless conversion between ``Record`` and CSL-JSON items.

Standard CSL variables carry what CSL has a name for. Everything else a record holds (abstract
sections, topics with scheme and flags, classified links, licence, language name, formats,
source ids, extra fields, provenance) goes in the item's ``custom`` object under the keys in
``CUSTOM_KEYS`` — the one documented place for litsite's extensions. ``from_csl(to_csl(r)) == r``.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from .model import (
    AbstractSection,
    Language,
    Link,
    PartialDate,
    Person,
    Record,
    Reference,
    Relation,
    Source,
    Topic,
)

__all__ = [
    "CSL_DATE_VARIABLES",
    "CSL_NAME_VARIABLES",
    "CSL_TEXT_VARIABLES",
    "OWN_VARIABLES",
    "to_csl",
    "from_csl",
    "date_to_csl",
    "date_from_csl",
    "person_to_csl",
    "note_variables",
    "CUSTOM_KEYS",
]

#: Plain string fields: record attribute -> CSL variable.
SCALAR_VARIABLES = {
    "title": "title",
    "container_title": "container-title",
    "container_title_short": "container-title-short",
    "collection_title": "collection-title",
    "volume": "volume",
    "issue": "issue",
    "page": "page",
    "edition": "edition",
    "number": "number",
    "publisher": "publisher",
    "publisher_place": "publisher-place",
    "doi": "DOI",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "note": "note",
}

#: CSL 1.0.2's variables, from the specification's Appendix IV and the CSL-JSON data schema
#: (the schema lags the specification: it has ``event``/``part``, the specification adds
#: ``event-title``/``part-number`` and more; both are read and written as they came).
CSL_NAME_VARIABLES = frozenset(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editor-translator editorial-director executive-producer guest host
    illustrator interviewer narrator organizer original-author performer producer recipient
    reviewed-author script-writer series-creator translator""".split()
)
CSL_DATE_VARIABLES = frozenset(
    "accessed available-date container event-date issued original-date submitted".split()
)
#: Standard and number variables (strings, or numbers where CSL allows them).
CSL_TEXT_VARIABLES = frozenset(
    """abstract annote archive archive_collection archive_location archive-place authority
    call-number categories chapter-number citation-key citation-label citation-number
    collection-number collection-title container-title container-title-short dimensions
    division DOI edition event event-place event-title first-reference-note-number genre ISAN
    ISBN ISCI ISMN ISRC ISSN ISWC issue jurisdiction keyword language license locator medium
    note number number-of-pages number-of-volumes original-publisher original-publisher-place
    original-title page page-first part part-number part-title PMCID PMID printing
    printing-number publisher publisher-place references reviewed-genre reviewed-title scale
    section source status supplement supplement-number title title-short translated-title
    translated-title-short URL version volume volume-title year-suffix""".split()
)

_SCALAR_KEYS = frozenset(SCALAR_VARIABLES.values())
#: What ``custom`` may hold, and what each key means.
CUSTOM_KEYS = {
    "abstract_sections": "structured abstract: [{label, text}]",
    "topics": "subjects with scheme: [{term, scheme, major, qualifiers}]",
    "links": "classified links: [{url, kind, label}]",
    "relations": "retractions, errata, updates: [{kind, pmid, doi, citation, note}]",
    "references": "the reference list: [{pmid, doi, title, year, author, citation}]",
    "isbn": "every ISBN (CSL's ISBN holds the first)",
    "issn": "every ISSN (CSL's ISSN holds the first)",
    "language_name": "the language as the source names it ('English')",
    "formats": "the source's format/genre words",
    "rights": "copyright or rights statement",
    "license": "licence URL or name (read from older record files; written as CSL's license)",
    "people": "ORCID and affiliations by role and position: {author: [{orcid, affiliations}]}",
    "dates": "other dates by name: {name: date-variable}",
    "source_ids": "identifiers in source systems: {system: id}",
    "extra": "other labelled values: {label: [values]}",
    "variables": "variables CSL 1.0.2 does not define, as the source gave them: {name: value}",
    "sources": "provenance: [{path, index, reader, line, source_id, original}]",
    "commentary": "the site owner's Markdown about the work (also read from a top-level key)",
}

_PERSON_KEYS = {
    "family": "family",
    "given": "given",
    "literal": "literal",
    "suffix": "suffix",
    "non_dropping_particle": "non-dropping-particle",
    "dropping_particle": "dropping-particle",
}
#: ``key: value`` lines in ``note`` that citeproc-js reads as variables (Zotero's "cheater syntax").
_NOTE_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z-]*)\s*:\s*(\S.*?)\s*$", re.M)
_NOTE_VARIABLES = CSL_TEXT_VARIABLES - {"note", "abstract", "keyword", "language"}
#: CSL variables ``Record`` holds in attributes of its own (the rest go to ``Record.variables``).
OWN_VARIABLES = frozenset(
    {*SCALAR_VARIABLES.values(), "id", "type", "custom", "author", "editor", "issued"}
    | {"abstract", "keyword", "ISBN", "ISSN", "language", "URL", "license"}
)


def person_to_csl(person: Person) -> dict[str, Any]:
    item: dict[str, Any] = {
        key: getattr(person, attr) for attr, key in _PERSON_KEYS.items() if getattr(person, attr)
    }
    if person.comma_suffix:
        item["comma-suffix"] = True
    if person.static_ordering:
        item["static-ordering"] = True
    if person.parse_names is not None:
        item["parse-names"] = person.parse_names
    return item


def person_from_csl(item: dict[str, Any]) -> Person:
    """A name; ``ORCID`` and ``affiliation`` inside it (citation-js, Zotero) are read too."""
    person = Person(**{attr: str(item.get(key) or "") for attr, key in _PERSON_KEYS.items()})
    person.comma_suffix = _flag(item.get("comma-suffix"))
    person.static_ordering = _flag(item.get("static-ordering"))
    if item.get("parse-names") not in (None, ""):
        person.parse_names = _flag(item["parse-names"])
    person.orcid = str(item.get("ORCID") or "")
    person.affiliations = [
        a["name"] if isinstance(a, dict) else str(a) for a in item.get("affiliation") or []
    ]
    return person


def _flag(value: Any) -> bool:
    """CSL's booleans may be written as booleans, numbers or strings ("true", "1")."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


def _date_parts(date: PartialDate) -> list[int]:
    return [p for p in (date.year, date.month, date.day) if p is not None]


def date_to_csl(date: PartialDate) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if date.year is not None:
        out["date-parts"] = [_date_parts(date)]
        if date.end is not None and date.end.year is not None:
            out["date-parts"].append(_date_parts(date.end))
    if date.season:
        out["season"] = date.season
    if date.literal:
        out["literal"] = date.literal
    if date.circa:
        out["circa"] = True
    return out


def date_from_csl(value: dict[str, Any] | str) -> PartialDate:
    """Read a CSL date variable; ``raw`` and bare strings become ISO dates or literals."""
    if isinstance(value, str):
        value = {"raw": value}
    ranges = value.get("date-parts") or [[]]
    parts = ranges[0] or []
    if not parts and value.get("raw"):
        try:
            return PartialDate.from_iso(str(value["raw"]))
        except ValueError:
            return PartialDate(literal=str(value["raw"]))
    year, month, day = _numbers(parts)
    end = None
    if len(ranges) > 1 and (end_parts := _numbers(ranges[1]))[0] is not None:
        end = PartialDate(*end_parts)
    season = value.get("season")
    return PartialDate(
        year=year,
        month=month,
        day=day,
        season=int(season) if str(season or "").strip().isdigit() else (season or None),
        literal=str(value.get("literal") or ""),
        circa=_flag(value.get("circa")),
        end=end,
    )


def _numbers(parts: list) -> tuple[int | None, int | None, int | None]:
    numbers = [int(p) for p in parts[:3] if str(p).strip().lstrip("-").isdigit()]
    year, month, day = (numbers + [None, None, None])[:3]
    return year, month, day


def to_csl(record: Record) -> dict[str, Any]:
    """The record as one CSL-JSON item (standard variables first, extensions in ``custom``)."""
    item: dict[str, Any] = {"id": record.id, "type": record.type}
    for attr, key in SCALAR_VARIABLES.items():
        if value := getattr(record, attr):
            item[key] = value
    if record.authors:
        item["author"] = [person_to_csl(p) for p in record.authors]
    if record.editors:
        item["editor"] = [person_to_csl(p) for p in record.editors]
    for role, persons in record.names.items():
        item[role] = [person_to_csl(p) for p in persons]
    if record.issued:
        item["issued"] = date_to_csl(record.issued)
    for name, date in record.dates.items():
        if name in CSL_DATE_VARIABLES:
            item[name] = date_to_csl(date)
    for name, value in record.variables.items():
        if name in CSL_TEXT_VARIABLES:
            item[name] = value
    if record.abstract:
        item["abstract"] = record.abstract_text
    if record.topics:
        item["keyword"] = ", ".join(t.term for t in record.topics)
    if record.isbn:
        item["ISBN"] = record.isbn[0]
    if record.issn:
        item["ISSN"] = record.issn[0]
    if record.language:
        item["language"] = record.language.code or record.language.name
    if url := _best_url(record):
        item["URL"] = url
    if record.license:
        item["license"] = record.license
    if custom := _custom(record):
        item["custom"] = custom
    return item


def _best_url(record: Record) -> str:
    """CSL's single URL: the full text or publisher page before the DOI resolver."""
    order = {"fulltext": 0, "pmc": 1, "publisher": 2, "pdf": 3, "doi": 4, "pubmed": 5}
    links = sorted(record.links, key=lambda link: order.get(link.kind, 9))
    return links[0].url if links else ""


def _custom(record: Record) -> dict[str, Any]:
    custom: dict[str, Any] = {}
    if any(s.label for s in record.abstract):
        custom["abstract_sections"] = [{"label": s.label, "text": s.text} for s in record.abstract]
    if record.topics:
        custom["topics"] = [
            {"term": t.term, "scheme": t.scheme, "major": t.major, "qualifiers": t.qualifiers}
            for t in record.topics
        ]
    if record.links:
        custom["links"] = [{"url": x.url, "kind": x.kind, "label": x.label} for x in record.links]
    if record.relations:
        custom["relations"] = [asdict(r) for r in record.relations]
    if record.references:
        custom["references"] = [asdict(r) for r in record.references]
    if len(record.isbn) > 1:
        custom["isbn"] = record.isbn
    if len(record.issn) > 1:
        custom["issn"] = record.issn
    if record.language and record.language.name:
        custom["language_name"] = record.language.name
    if record.formats:
        custom["formats"] = record.formats
    if record.rights:
        custom["rights"] = record.rights
    if people := _people(record):
        custom["people"] = people
    other_dates = {
        k: date_to_csl(v) for k, v in record.dates.items() if k not in CSL_DATE_VARIABLES
    }
    if other_dates:
        custom["dates"] = other_dates
    if record.source_ids:
        custom["source_ids"] = record.source_ids
    if record.extra:
        custom["extra"] = record.extra
    unknown = {k: v for k, v in record.variables.items() if k not in CSL_TEXT_VARIABLES}
    if unknown:
        custom["variables"] = unknown
    if record.sources:
        custom["sources"] = [
            {
                "path": s.path,
                "index": s.index,
                "reader": s.reader,
                "line": s.line,
                "source_id": s.source_id,
                "original": s.original,
            }
            for s in record.sources
        ]
    if record.commentary:
        custom["commentary"] = record.commentary
    return custom


def _people(record: Record) -> dict[str, list[dict[str, Any]]]:
    """ORCIDs and affiliations, which CSL names cannot hold, aligned with the name lists."""
    people = {}
    for role, persons in _roles(record):
        if any(p.orcid or p.affiliations for p in persons):
            people[role] = [{"orcid": p.orcid, "affiliations": p.affiliations} for p in persons]
    return people


def _roles(record: Record) -> list[tuple[str, list[Person]]]:
    return [("author", record.authors), ("editor", record.editors), *record.names.items()]


def note_variables(note: str) -> dict[str, str]:
    """CSL variables written as ``key: value`` lines in ``note`` (``DOI: 10.1/x``, ``PMID: 1``).

    Zotero exports fields its item type has no slot for this way, and citeproc-js reads them
    as variables; litsite reads them the same way when importing and when citing.
    """
    return {k: v for k, v in _NOTE_FIELD.findall(note) if k in _NOTE_VARIABLES}


def _misshapen(key: str, value: Any) -> bool:
    """A list or object where CSL wants text (``publisher: [a, b]``): carried whole in
    ``variables``, never turned into the text of a Python list."""
    return key in _SCALAR_KEYS and not isinstance(value, (str, int, float))


def from_csl(item: dict[str, Any]) -> Record:
    """Build a record from a CSL-JSON item (``custom`` restores what ``to_csl`` put there).

    Variables in ``note`` lines fill only what the item itself leaves empty.
    """
    noted = note_variables(str(item.get("note") or ""))
    item = {**item, **{k: v for k, v in noted.items() if item.get(k) in (None, "")}}
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    record = Record(type=str(item.get("type") or "document"), id=str(item.get("id") or ""))
    for attr, key in SCALAR_VARIABLES.items():
        if isinstance(item.get(key), (str, int, float)) and item[key] != "":
            setattr(record, attr, str(item[key]))
    record.authors = [person_from_csl(p) for p in item.get("author") or []]
    record.editors = [person_from_csl(p) for p in item.get("editor") or []]
    if item.get("issued"):
        record.issued = date_from_csl(item["issued"])
    for key, value in item.items():
        if value in (None, "", [], {}) or (key in OWN_VARIABLES and not _misshapen(key, value)):
            continue
        if key in CSL_NAME_VARIABLES and isinstance(value, list):
            record.names[key] = [person_from_csl(p) for p in value if isinstance(p, dict)]
        elif key in CSL_DATE_VARIABLES:
            record.dates[key] = date_from_csl(value)
        elif key in CSL_TEXT_VARIABLES and isinstance(value, (int, float)):
            record.variables[key] = str(value)
        else:
            record.variables[key] = value
    record.variables.update(custom.get("variables") or {})
    record.dates.update({k: date_from_csl(v) for k, v in (custom.get("dates") or {}).items()})
    if custom.get("abstract_sections"):
        record.abstract = [AbstractSection(**s) for s in custom["abstract_sections"]]
    elif item.get("abstract"):
        record.abstract = [AbstractSection(text=str(item["abstract"]))]
    if custom.get("topics"):
        record.topics = [Topic(**t) for t in custom["topics"]]
    elif item.get("keyword"):
        terms = str(item["keyword"]).replace(";", ",").split(",")
        record.topics = [Topic(term=t.strip()) for t in terms if t.strip()]
    record.isbn = list(custom.get("isbn") or ([str(item["ISBN"])] if item.get("ISBN") else []))
    record.issn = list(custom.get("issn") or ([str(item["ISSN"])] if item.get("ISSN") else []))
    if item.get("language") or custom.get("language_name"):
        record.language = _language(str(item.get("language") or ""), custom.get("language_name"))
    if custom.get("links"):
        record.links = [Link(**x) for x in custom["links"]]
    elif item.get("URL"):
        record.links = [Link(url=str(item["URL"]), kind="fulltext")]
    record.relations = [Relation(**r) for r in custom.get("relations") or []]
    record.references = [Reference(**r) for r in custom.get("references") or []]
    record.formats = list(custom.get("formats") or [])
    record.rights = str(custom.get("rights") or "")
    record.license = str(custom.get("license") or item.get("license") or "")
    for role, persons in _roles(record):
        for person, extra in zip(persons, (custom.get("people") or {}).get(role, []), strict=False):
            person.orcid = str(extra.get("orcid") or person.orcid)
            person.affiliations = list(extra.get("affiliations") or person.affiliations)
    record.source_ids = dict(custom.get("source_ids") or {})
    record.extra = {k: list(v) for k, v in (custom.get("extra") or {}).items()}
    record.sources = [Source(**s) for s in custom.get("sources") or []]
    # Markdown text only (anything else under that name is carried as a variable).
    if isinstance(custom.get("commentary"), str):
        record.commentary = custom["commentary"]
    elif isinstance(record.variables.get("commentary"), str):
        record.commentary = record.variables.pop("commentary")
    return record


def _language(value: str, name: str | None) -> Language:
    """CSL's ``language`` is a code ("en", "en-US") or, in the wild, a name ("English")."""
    looks_like_code = len(value) <= 3 or (len(value) <= 8 and "-" in value)
    if looks_like_code:
        return Language(code=value, name=name or "")
    return Language(name=name or value)
