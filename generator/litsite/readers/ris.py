"""RIS (EndNote, Zotero, Mendeley, PubMed, Scopus, Web of Science, Embase, PsycINFO exports).

rispy parses each record's tags; this module splits the file into records first (so every
record keeps its own text and line number, and a broken one is reported alone), normalises the
tag layout exporters vary (``TY - X``, ``PMID  -``), and maps tags to the record model with the
tables below. Types follow Zotero's RIS translator, the reference most exporters are tested
against.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import rispy

from ..errors import RecordError
from ..model import AbstractSection, PartialDate, Person, Record, Source, Topic
from ..normalize import clean_doi, normalize, parse_date, parse_language, parse_name
from ..report import Report
from .fields import PAGE_RANGE, page_range, split_codes, url_links

__all__ = ["RisReader", "TYPES"]

#: RIS reference type -> CSL 1.0.2 type, by what the RIS specification (RefMan/EndNote, 2011)
#: says each type is (GEN is generic, GRANT a grant, UNPB unpublished, LEGAL a rule); ``WEB`` is
#: EndNote's later name for ELEC. An unknown type is a ``document``, its tag kept in ``extra``.
TYPES = {
    "ABST": "article-journal",
    "ADVS": "motion_picture",
    "AGGR": "document",
    "ANCIENT": "classic",
    "ART": "graphic",
    "BILL": "bill",
    "BLOG": "post-weblog",
    "BOOK": "book",
    "CASE": "legal_case",
    "CHAP": "chapter",
    "CHART": "graphic",
    "CLSWK": "classic",
    "COMP": "software",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "CTLG": "book",
    "DATA": "dataset",
    "DBASE": "dataset",
    "DICT": "entry-dictionary",
    "EBOOK": "book",
    "ECHAP": "chapter",
    "EDBOOK": "book",
    "EJOUR": "article-journal",
    "ELEC": "webpage",
    "ENCYC": "entry-encyclopedia",
    "EQUA": "document",
    "FIGURE": "figure",
    "GEN": "document",
    "GOVDOC": "report",
    "GRANT": "document",
    "HEAR": "hearing",
    "ICOMM": "personal_communication",
    "INPR": "article-journal",
    "JFULL": "periodical",
    "JOUR": "article-journal",
    "LEGAL": "regulation",
    "MANSCPT": "manuscript",
    "MAP": "map",
    "MGZN": "article-magazine",
    "MPCT": "motion_picture",
    "MULTI": "motion_picture",
    "MUSIC": "musical_score",
    "NEWS": "article-newspaper",
    "PAMP": "pamphlet",
    "PAT": "patent",
    "PCOMM": "personal_communication",
    "RPRT": "report",
    "SER": "book",
    "SLIDE": "speech",
    "SOUND": "song",
    "STAND": "standard",
    "STAT": "legislation",
    "THES": "thesis",
    "UNBILL": "bill",
    "UNPB": "manuscript",
    "VIDEO": "motion_picture",
    "WEB": "webpage",
}
#: What a RIS type says about the work beyond its CSL type ("In Press" is a status).
TYPE_VARIABLES = {"INPR": {"status": "in press"}}

#: Where the container (journal, book, proceedings) is named, best first.
CONTAINER_TAGS = ("T2", "JF", "JO", "BT", "JA", "J2")
#: EndNote's layout for some RIS types: a conference paper's proceedings are in C3 (T2 is the
#: conference's name), a case's reporter is in A2.
TYPE_CONTAINER_TAGS = {"CONF": ("C3", *CONTAINER_TAGS), "CASE": ("A2", *CONTAINER_TAGS)}
#: RIS types whose issue EndNote writes in M1 when IS is absent.
M1_ISSUE_TYPES = {"CONF", "EJOUR", "GEN", "UNPB"}
#: For these types T2/T3 name a series, not a container.
SERIES_TYPES = {"book", "report", "thesis", "software", "dataset", "motion_picture", "map"}
#: Name tags -> CSL name variable, by the RIS specification's label for each type ("Series
#: Editor", "Translator", "Performers"…); ``DEFAULT_ROLES`` elsewhere. A tag a type gives no
#: person role (a case's A2 is its reporter, a figure's A2 its file name) is not a name here.
DEFAULT_ROLES = {"AU": "author", "A2": "editor", "ED": "editor"}
_SERIES_EDITED = {"AU": "author", "A2": "collection-editor", "ED": "editor"}
_PERFORMED = {"AU": "author", "A2": "performer", "A3": "collection-editor", "ED": "editor"}
ROLES = {
    "BOOK": {**_SERIES_EDITED, "A3": "editor", "A4": "translator"},
    "EDBOOK": {"AU": "editor", "A2": "collection-editor", "A4": "translator", "ED": "editor"},
    "CLSWK": {**_SERIES_EDITED, "A4": "translator"},
    **dict.fromkeys(("COMP", "ELEC", "MAP", "MULTI", "UNPB", "WEB"), _SERIES_EDITED),
    "RPRT": {**_SERIES_EDITED, "A3": "contributor", "A4": "contributor"},
    **dict.fromkeys(("ADVS", "SLIDE", "SOUND", "VIDEO"), _PERFORMED),
    **{
        t: {**DEFAULT_ROLES, "A3": "collection-editor", "A4": "translator"}
        for t in ("ANCIENT", "CHAP", "DICT", "ENCYC", "EBOOK", "GEN", "SER")
    },
    "SER": {**DEFAULT_ROLES, "A3": "collection-editor", "A4": "editor"},
    "CONF": {**DEFAULT_ROLES, "A3": "collection-editor", "A4": "contributor"},
    "MUSIC": {**DEFAULT_ROLES, "A3": "collection-editor", "A4": "producer"},
    "MPCT": {"AU": "director", "A2": "collection-editor", "A3": "producer", "A4": "performer"},
    "BLOG": {**DEFAULT_ROLES, "A3": "illustrator"},
    "THES": {**DEFAULT_ROLES, "A3": "contributor"},
    "DATA": {"AU": "author", "A2": "producer", "A4": "contributor", "ED": "editor"},
    "GRANT": {**DEFAULT_ROLES, "A4": "translator"},
    **dict.fromkeys(("CTLG", "PAMP"), {**DEFAULT_ROLES, "A2": "contributor"}),
    "GOVDOC": {**DEFAULT_ROLES, "A2": "contributor"},
    **dict.fromkeys(("ICOMM", "PCOMM"), {**DEFAULT_ROLES, "A2": "recipient"}),
    **dict.fromkeys(("BILL", "UNBILL"), {"AU": "author", "A2": "author", "ED": "editor"}),
    "CASE": {"AU": "author", "A4": "contributor", "ED": "editor"},
    "PAT": {"AU": "author", "A3": "contributor", "ED": "editor"},
    **dict.fromkeys(("CHART", "EQUA", "FIGURE", "LEGAL"), {"AU": "author", "ED": "editor"}),
}
#: Types whose SP is the work's number of pages, not a page range (RIS specification).
NUMBER_OF_PAGES_TYPES = {"BOOK", "CLSWK", "EBOOK", "EDBOOK", "THES"}
#: Types whose SN is a report, document or patent number rather than an ISBN/ISSN.
SN_NUMBER_TYPES = {"DBASE", "GOVDOC", "RPRT", "LEGAL", "STAND", "PAT"}
#: Types whose SN is an ISBN (so one that looks odd is still an ISBN, not dropped).
SN_ISBN_TYPES = {"book", "chapter", "classic", "entry-dictionary", "entry-encyclopedia"}
#: Where a type's issuing organisation is (CSL ``authority``).
AUTHORITY_TAGS = {"LEGAL": "A2", "PAT": "A2"}
#: Link tags beside UR (the work's URL): L1 file attachments and L4 figures keep their label.
LINK_LABELS = {"L1": "File attachment", "L4": "Figure"}
#: Types whose number (bill, law or patent number) is in M1 or IS rather than an issue.
NUMBER_TAGS = {"bill": "M1", "legislation": "M1", "patent": "IS"}
#: CSL variables with a RIS tag of their own (RIS specification; M3 "Type of Work" is the genre
#: when it holds no DOI, as some exporters put the DOI there; RN "Research Notes" the annote).
VARIABLE_TAGS = {
    "title-short": "ST",
    "call-number": "CN",
    "source": "DB",
    "number-of-volumes": "NV",
    "section": "SE",
    "original-title": "OP",
    "genre": "M3",
    "annote": "RN",
}
#: Tags mapped to plain record attributes (first value wins).
SCALAR_TAGS = {
    "PB": "publisher",
    "CY": "publisher_place",
    "ET": "edition",
    "IS": "issue",
    "VL": "volume",
}
#: Tags always mapped by ``_record_from_tags``; the rest go to ``extra`` under their tag
#: unless the record's type uses them (A2/A3 names, M1 numbers, C3 proceedings).
_OTHER_TAGS = "TY AU ED TI T1 CT T3 PY Y1 DA Y2 SP EP DO UR L1 L2 L4 LK AB N2 KW SN LA N1 ID AN"
HANDLED = set(SCALAR_TAGS) | set(CONTAINER_TAGS) | set(_OTHER_TAGS.split()) | {"ER", "M3", "ST"}

#: Tags whose untagged continuation lines are further values, not more text.
LIST_TAGS = {"AU", "A1", "A2", "A3", "A4", "ED", "KW", "UR", "SN", "L1", "L4"}

_START = re.compile(r"^\s*TY\s{1,2}-")
_END = re.compile(r"^ER\s{1,2}-?")
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])[A-Z]{0,2}\s{1,2}-(?: |$)")
_INITIALS = re.compile(r"(?:[A-Z]\.?-?){1,3}")
_FULL_DATE = re.compile(r"\d{4}/\d{1,2}/\d{1,2}/?")
_COMPACT_DATE = re.compile(r"\b(\d{4})(\d{2})(\d{2})\b")
_RIS_DATE = re.compile(r"^(\d{4})(?:/(\d{0,2})(?:/(\d{0,2}))?)?/?(.*)$")
_ALL_TAGS = {tag: tag for tag in rispy.TAG_KEY_MAPPING} | {"A1": "AU", "UK": "UK"}


def parse_ris_date(text: str) -> PartialDate | None:
    """``2016/12//``, ``2019///``, ``1998/04/27/Spring``, ``Start date: 20170812`` -> a date;
    other text via parse_date."""
    text = text.strip()
    match = _RIS_DATE.match(text)
    if not match and (compact := _COMPACT_DATE.search(text)):
        return parse_date("-".join(compact.groups()))
    if not match:
        return parse_date(text)
    year, month, day, rest = match.groups()
    month_n = int(month) if month and 1 <= int(month) <= 12 else None
    day_n = int(day) if day and month_n and 1 <= int(day) <= 31 else None
    literal = rest.strip() if rest.strip() and not rest.strip().startswith("/") else ""
    return PartialDate(year=int(year), month=month_n, day=day_n, literal=literal)


def split_records(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` per record: a ``TY`` line to its ``ER`` line (or the next TY)."""
    lines = text.split("\n")
    start: int | None = None
    for number, line in enumerate(lines, 1):
        if _START.match(line):
            if start is not None:
                yield start, "\n".join(lines[start - 1 : number - 1])
            start = number
        elif start is not None and _END.match(line):
            yield start, "\n".join(lines[start - 1 : number])
            start = None
    if start is not None:
        yield start, "\n".join(lines[start - 1 :])


def _canonical_lines(chunk: str) -> str:
    """Every line as ``XX  - value``, as rispy expects (two spaces, no untagged lines).

    A line without a tag continues the one before: another value of a list tag (keywords,
    authors), else more text of the same value (wrapped titles and abstracts).
    """
    out: list[str] = []
    for line in chunk.split("\n"):
        line = line.strip()
        if match := _TAG_LINE.match(line):
            tag = match.group(0).split()[0]
            tag = "AN" if tag == "PMID" else tag[:2]
            out.append(f"{tag}  - {line[match.end() :].strip()}")
        elif line and out and out[-1][:2] in LIST_TAGS:
            out.append(f"{out[-1][:2]}  - {line}")
        elif line and out:
            out[-1] = f"{out[-1]} {line}"
    return "\n".join(out)


def _parse_tags(chunk: str) -> dict[str, list[str]]:
    """Tag -> values in file order; continuation lines join the value they continue."""
    lines = _canonical_lines(chunk)
    if not _END.match(lines.rsplit("\n", 1)[-1]):
        lines += "\nER  - "
    parsed = rispy.loads(
        lines,
        mapping=_ALL_TAGS,
        list_tags=[],
        delimiter_tags_mapping={},
        enforce_list_tags=False,
    )
    if not parsed:
        raise ValueError("no 'TY  -' tag line")
    tags: dict[str, list[str]] = {}
    for tag, value in parsed[0].items():
        if tag == "UK":
            for unknown, values in value.items():
                tags.setdefault(unknown, []).extend(values)
            continue
        values = value if isinstance(value, list) else [value]
        tags.setdefault(tag, []).extend(str(v).strip() for v in values)
    return {tag: [v for v in values if v] for tag, values in tags.items()}


def _first(tags: dict[str, list[str]], *names: str) -> str:
    for name in names:
        if tags.get(name):
            return tags[name][0]
    return ""


def _person(text: str) -> Person:
    """A name from ``Baldwin,S.A.``, ``Name1, Author``, Embase's ``Adler D.G.`` (family, then
    initials) or ``Catarina Barata``; one word alone is a body's name ("Investigators")."""
    text = text.strip()
    if "," not in text and " " not in text:
        return Person(literal=text)
    if text.endswith(",") and text.count(",") == 1:  # "Last," : a family name, nothing else
        return Person(family=text[:-1].strip())
    family, _, last = text.rpartition(" ")
    if "," not in text and _INITIALS.fullmatch(last):
        return Person(family=family, given=last)
    person = parse_name(text.replace(",", ", "))
    if text.endswith(".") and re.search(r"\b[A-Z]$", person.given):
        person.given += "."  # parse_name drops trailing punctuation; an initial keeps its dot
    return person


def _issued(tags: dict[str, list[str]]) -> PartialDate | None:
    """PY, else Y1, else DA; a later one of the same year that knows the month or day wins."""
    dates = [d for d in (parse_ris_date(_first(tags, t)) for t in ("PY", "Y1", "DA")) if d]
    if not dates and (text := _first(tags, "PY", "Y1", "DA")):
        return PartialDate(literal=text)  # no date in it, but the record's own words
    best = dates[0] if dates else None
    for date in dates[1:]:
        finer = (date.month or 0, date.day or 0) > (best.month or 0, best.day or 0)
        if best.year and date.year == best.year and finer:
            best = date
    return best


def _add_people(record: Record, tags: dict[str, list[str]], ris_type: str) -> set[str]:
    """Each name tag's people in the CSL role the type gives the tag; returns the tags used."""
    roles = ROLES.get(ris_type, DEFAULT_ROLES)
    for tag, role in roles.items():
        people = [_person(n) for n in tags.get(tag, [])]
        if role == "author":
            record.authors += people
        elif role == "editor":
            record.editors += people
        elif people:
            record.names.setdefault(role, []).extend(people)
    if (tag := AUTHORITY_TAGS.get(ris_type)) and tags.get(tag):
        record.variables["authority"] = "; ".join(tags[tag])
        return {*roles, tag}
    return set(roles)


def _add_pages(record: Record, tags: dict[str, list[str]], ris_type: str) -> None:
    """SP/EP as the page range; a book's or thesis' lone SP is its number of pages."""
    first, last = _first(tags, "SP"), _first(tags, "EP")
    if ris_type in NUMBER_OF_PAGES_TYPES and first and not last and not PAGE_RANGE.match(first):
        record.variables["number-of-pages"] = first
        return
    record.page = page_range(first, last)


def _add_serial_numbers(record: Record, tags: dict[str, list[str]], ris_type: str) -> None:
    """Every SN: ISBNs and ISSNs (print and electronic); a report's, standard's or patent's
    number where SN holds it; other text stays in ``extra`` (never dropped)."""
    codes: list[str] = []
    other: list[str] = []
    for value in tags.get("SN", []):
        (codes if any(split_codes([value])) else other).append(value)
    if ris_type in SN_NUMBER_TYPES and other and not record.number:
        record.number = other.pop(0)
    prefer_isbn = record.type in SN_ISBN_TYPES and ris_type not in SN_NUMBER_TYPES
    if prefer_isbn:  # a book's SN is its ISBN even when a typo hides the pattern
        codes, other = codes + other, []
    record.isbn, record.issn = split_codes(codes, prefer_isbn=prefer_isbn)
    if other:
        record.extra["SN"] = other


def _record_from_tags(tags: dict[str, list[str]], source: Source) -> Record:
    ris_type = _first(tags, "TY").upper()
    record = Record(type=TYPES.get(ris_type, "document"), sources=[source])
    record.title = _first(tags, "TI", "T1", "CT") or (
        _first(tags, "BT") if record.type == "book" else ""
    )
    if record.type in SERIES_TYPES:
        record.collection_title = _first(tags, "T2", "T3")
    else:
        record.container_title = _first(tags, *TYPE_CONTAINER_TAGS.get(ris_type, CONTAINER_TAGS))
        record.collection_title = _first(tags, "T3")
    short = _first(tags, "J2", "JA")
    if short and short != record.container_title:
        record.container_title_short = short
    for tag, attr in SCALAR_TAGS.items():
        setattr(record, attr, _first(tags, tag))
    if _FULL_DATE.fullmatch(record.edition) and (epub := parse_ris_date(record.edition)):
        record.dates["available-date"], record.edition = epub, ""  # PubMed writes ET - 2016/01/30
    if (match := re.fullmatch(r"(\S+)\s*\((\S+)\)", record.volume)) and not record.issue:
        record.volume, record.issue = match.groups()
    used = _add_people(record, tags, ris_type)
    used.update(TYPE_CONTAINER_TAGS.get(ris_type, ())[:1])
    record.variables.update(TYPE_VARIABLES.get(ris_type, {}))
    if ris_type in M1_ISSUE_TYPES and not record.issue:
        record.issue = _first(tags, "M1")
        used.add("M1")
    if number_tag := NUMBER_TAGS.get(record.type):
        record.number = _first(tags, number_tag)
        record.issue = "" if number_tag == "IS" else record.issue
        used.add(number_tag)
    record.issued = _issued(tags)
    if (accessed := _first(tags, "Y2")) and (parsed := parse_ris_date(accessed)):
        record.dates["accessed"] = parsed
    _add_pages(record, tags, ris_type)
    record.doi = next((d for d in map(clean_doi, tags.get("DO", []) + tags.get("M3", [])) if d), "")
    record.links = url_links(tags.get("UR", []) + tags.get("L2", []) + tags.get("LK", []))
    for tag, label in LINK_LABELS.items():
        record.links += [replace(link, label=label) for link in url_links(tags.get(tag, []))]
    if abstract := " ".join(tags.get("AB") or tags.get("N2") or []):
        record.abstract = [AbstractSection(text=abstract)]
    record.topics = [
        Topic(term=k.lstrip("*").strip(), major=k.startswith("*"))
        for k in tags.get("KW", [])
        if k.lstrip("*").strip()
    ]
    _add_serial_numbers(record, tags, ris_type)
    for variable, tag in VARIABLE_TAGS.items():
        value = _first(tags, tag)
        if value and not (tag == "M3" and clean_doi(value)):
            record.variables[variable] = value
            used.add(tag)
    if language := _first(tags, "LA"):
        record.language = parse_language(language)
    record.note = "\n".join(tags.get("N1", []))
    if an := _first(tags, "AN"):
        record.source_ids["accession"] = an
    if ris_id := _first(tags, "ID"):
        source.source_id = ris_id
        record.variables["citation-key"] = ris_id  # the reference's id, as a citation key
    if ris_type not in TYPES:
        record.extra["RIS type"] = [ris_type or "(empty)"]
    for tag, values in tags.items():
        if tag not in HANDLED and tag not in used and values:
            record.extra[tag] = values
    return normalize(record)


class RisReader:
    """``.ris`` files: records from ``TY  -`` to ``ER  -``."""

    name = "ris"
    suffixes = (".ris",)

    def sniff(self, head: str) -> bool:
        return any(_START.match(line) for line in head.splitlines()[:40])

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]:
        from . import decode

        text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
        for index, (line, chunk) in enumerate(split_records(text), 1):
            source = Source(str(path), index, self.name, line=line, original=chunk)
            if not _END.match(chunk.rstrip().rsplit("\n", 1)[-1]):
                report.warn(RecordError(path, "no 'ER  -' end tag", record=index, line=line))
            try:
                yield _record_from_tags(_parse_tags(chunk), source)
            except (ValueError, TypeError, AttributeError) as exc:
                report.error(
                    RecordError(path, f"unreadable RIS record: {exc}", record=index, line=line)
                )
