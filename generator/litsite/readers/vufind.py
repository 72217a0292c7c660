"""VuFind: Solr JSON documents and the record page as a catalogue shows it (public + staff view).

Both end up as one Solr document (field -> list of values), mapped to a ``Record`` by
``record_from_solr``. PubMed/PMC records keep fields that VuFind has no Solr field for (journal,
finer dates, rights, licence) only inside ``spelling``, VuFind's spell-check concatenation, so
``_read_spelling`` takes that string apart using the fields whose values are known.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import RecordError
from ..model import AbstractSection, PartialDate, Person, Record, Source, Topic
from ..normalize import classify_url, normalize, parse_date, parse_language, parse_name
from ..report import Report
from .marc_map import strip_isbd

__all__ = ["VufindSolrReader", "VufindViewReader", "record_from_solr"]

#: VuFind ``format`` words (English and Spanish) -> CSL type; the first match wins.
FORMAT_TYPES = {
    "article": "article-journal",
    "artículo": "article-journal",
    "book chapter": "chapter",
    "capítulo": "chapter",
    "book": "book",
    "ebook": "book",
    "libro": "book",
    "thesis": "thesis",
    "dissertation": "thesis",
    "tesis": "thesis",
    "conference proceeding": "paper-conference",
    "journal": "periodical",
    "serial": "periodical",
    "revista": "periodical",
    "map": "map",
    "video": "motion_picture",
    "sound recording": "song",
    "manuscript": "manuscript",
    "report": "report",
}

#: Solr fields shown on the record page as labelled extras (the rest are mapped or are
#: VuFind's derived search fields: *_sort, *_facet, spelling, fullrecord…).
EXTRA_FIELDS = (
    "collection",
    "institution",
    "building",
    "physical",
    "callnumber-raw",
    "callnumber",
    "dewey-full",
    "lccn",
    "ctrlnum",
    "oclc_num",
    "contents",
    "dateSpan",
    "illustrated",
    "record_format",
    "series2",
)

#: Labels of VuFind's public "Detalles Bibliográficos" table, Spanish and English -> Solr field.
VIEW_LABELS = {
    "autores principales": "author",
    "autor principal": "author",
    "main authors": "author",
    "main author": "author",
    "otros autores": "author2",
    "other authors": "author2",
    "autor corporativo": "author_corporate",
    "corporate author": "author_corporate",
    "formato": "format",
    "format": "format",
    "lenguaje": "language",
    "idioma": "language",
    "language": "language",
    "publicado": "published",
    "published": "published",
    "edición": "edition",
    "edition": "edition",
    "serie": "series",
    "series": "series",
    "materias": "topic",
    "temas": "topic",
    "subjects": "topic",
    "acceso en línea": "url",
    "online access": "url",
    "isbn": "isbn",
    "issn": "issn",
    "descripción física": "physical",
    "physical description": "physical",
    "notas": "contents",
    "notes": "contents",
}

#: Field names of VuFind's Solr ``biblio`` schema; a staff-view line starts with one.
SOLR_FIELDS = frozenset(
    """_version_ id fullrecord marc_error allfields allfields_unstemmed fulltext
    fulltext_unstemmed spelling spellingShingle institution collection building language
    format author author_variant author_role author_facet author_sort title title_sort
    title_sub title_short title_full title_full_unstemmed title_fullStr title_auth physical
    publisher publisherStr publishDate publishDateSort edition description contents url
    thumbnail lccn ctrlnum isbn issn oclc_num callnumber-first callnumber-subject
    callnumber-label callnumber-sort callnumber-raw callnumber-search dewey-hundreds dewey-
    tens dewey-ones dewey-full dewey-sort dewey-raw dewey-search author2 author2_variant
    author2_role author_corporate author_corporate_role author_fuller author2_fuller
    author_additional title_alt title_old title_new dateSpan series series2 topic
    topic_unstemmed topic_facet topic_browse author_browse genre genre_facet geographic
    geographic_facet era era_facet illustrated long_lat long_lat_display long_lat_label
    container_title container_volume container_issue container_start_page
    container_reference hierarchytype hierarchy_top_id hierarchy_top_title
    hierarchy_parent_id hierarchy_parent_title hierarchy_sequence is_hierarchy_id
    is_hierarchy_title title_in_hierarchy hierarchy_browse record_format first_indexed
    last_indexed""".split()
)
_DYNAMIC_FIELD = re.compile(
    r"^[A-Za-z0-9_-]+_(date|date_mv|isn|isn_mv|str|str_mv|txt|txt_mv|txtF|txtF_mv|txtP|txtP_mv|"
    r"random|boolean|geo|geo_mv)$"
)
_SECTION_LABEL = re.compile(r"(?:^|(?<=[.!?)\]] ))([A-Z][A-Z0-9&/,()\- ]*[A-Z)]): ")
_LICENSE_URL = re.compile(
    r"https?://creativecommons\.org/\S+?/(?=\s|$)|https?://creativecommons\.org/\S+"
)
_DATE_TOKEN = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_EDITOR_ROLES = {"edt", "ed", "ed.", "editor", "hrsg", "hrsg."}


def _values(doc: dict, name: str) -> list[str]:
    value = doc.get(name)
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in items if str(v).strip()]


def _first(doc: dict, name: str) -> str:
    values = _values(doc, name)
    return values[0] if values else ""


def split_abstract(text: str) -> list[AbstractSection]:
    """``OBJECTIVES: … METHODS: …`` -> labelled sections; plain text -> one unlabelled section."""
    text = text.strip()
    matches = [
        m for m in _SECTION_LABEL.finditer(text) if sum(c.isalpha() for c in m.group(1)) >= 3
    ]
    if not matches or matches[0].start() != 0:
        return [AbstractSection(text=text)] if text else []
    sections = []
    for match, following in zip(matches, matches[1:] + [None], strict=True):
        end = following.start() if following else len(text)
        sections.append(AbstractSection(label=match.group(1), text=text[match.end() : end].strip()))
    return sections


def _record_type(formats: list[str]) -> str:
    words = [f.casefold() for f in formats]
    for word, csl_type in FORMAT_TYPES.items():
        if word in words:
            return csl_type
    return "document"


def _title(doc: dict) -> str:
    """VuFind indexes MARC 245 as catalogued, ISBD marks included (``Title : subtitle /``); read
    from its parts (``title_short`` = $a, ``title_sub`` = $b) it is joined as the MARC reader
    joins 245 $a and $b."""
    short, sub = strip_isbd(_first(doc, "title_short")), strip_isbd(_first(doc, "title_sub"))
    if short and sub:
        return f"{short}: {sub}"
    return strip_isbd(_first(doc, "title")) or short


def record_from_solr(doc: dict, source: Source, report: Report) -> Record:
    """Map one VuFind Solr document to a record (the document itself is kept as provenance)."""
    formats = _values(doc, "format")
    record = Record(
        type=_record_type(formats),
        title=_title(doc),
        formats=formats,
        edition=strip_isbd(_first(doc, "edition")),
        collection_title=strip_isbd(_first(doc, "series")),
        container_title=_first(doc, "container_title"),
        volume=_first(doc, "container_volume"),
        issue=_first(doc, "container_issue"),
        page=_first(doc, "container_start_page"),
        publisher=strip_isbd(_first(doc, "publisher")),
        isbn=_values(doc, "isbn"),
        issn=_values(doc, "issn"),
        sources=[source],
    )
    _add_people(record, doc)
    if year := _first(doc, "publishDate"):
        record.issued = parse_date(year)
    if description := " ".join(_values(doc, "description")):
        record.abstract = split_abstract(description)
    for scheme in ("topic", "genre", "geographic", "era"):
        record.topics += [
            Topic(term=t, scheme="vufind" if scheme == "topic" else scheme)
            for t in _values(doc, scheme)
        ]
    record.links = [classify_url(url) for url in _values(doc, "url")]
    if languages := _values(doc, "language"):
        record.language = parse_language(languages[0])
        if len(languages) > 1:
            record.extra["language"] = languages
    if doc_id := _first(doc, "id"):
        record.source_ids["vufind"] = doc_id
        source.source_id = doc_id
    if oclc := _first(doc, "oclc_num"):
        record.source_ids["oclc"] = oclc
    for name in EXTRA_FIELDS:
        if values := _values(doc, name):
            record.extra[name] = values
    if spelling := _first(doc, "spelling"):
        _read_spelling(record, doc, spelling)
    return normalize(record)


def _add_people(record: Record, doc: dict) -> None:
    """Main authors, then secondary ones: editors when their role or the statement says so."""
    record.authors = [parse_name(n) for n in _values(doc, "author")]
    secondary = _values(doc, "author2")
    roles = [r.casefold() for r in _values(doc, "author2_role")]
    statement = _first(doc, "title_full").casefold()
    edited = any(r in _EDITOR_ROLES for r in roles) or (
        not record.authors and re.search(r"\b(ed\.|eds\.|edited|hrsg)", statement)
    )
    for i, name in enumerate(secondary):
        role = roles[i] if i < len(roles) else ""
        is_editor = role in _EDITOR_ROLES if roles else bool(edited)
        (record.editors if is_editor else record.authors).append(parse_name(name))
    for name in _values(doc, "author_corporate"):
        record.authors.append(Person(literal=name.rstrip(".,")))


def _read_spelling(record: Record, doc: dict, spelling: str) -> None:
    """Recover journal, dates, rights and licence from a PubMed record's ``spelling`` string.

    Its layout is ``{id}{record date} {title} {authors} {journal} {topics} {abstract}
    {publisher} {dates} {url paths} {format} {language code} {rights} {licence URL} {terms}``.
    Only the parts between values we already know are taken; anything that does not line up
    is left alone.
    """
    doc_id = _first(doc, "id")
    rest = spelling
    if doc_id and rest.startswith(doc_id):
        rest = rest[len(doc_id) :]
        if match := re.match(r"(\d{4}-\d{2}-\d{2})\s", rest):
            record.dates["record"] = PartialDate.from_iso(match.group(1))
            rest = rest[match.end() :]
    title = _first(doc, "title")
    if not title or not rest.startswith(title):
        return
    position = len(title)
    for author in _values(doc, "author"):
        found = rest.find(author, position)
        if found < 0:
            return
        position = found + len(author)
    description = " ".join(_values(doc, "description"))
    markers = [rest.find(t, position) for t in _values(doc, "topic")]
    if description:
        markers.append(rest.find(description[:60], position))
    markers = [m for m in markers if m >= 0]
    if (
        markers
        and (journal := rest[position : min(markers)].strip())
        and not record.container_title
    ):
        record.container_title = journal
    if not description or (end := rest.find(description)) < 0:
        return
    tail = rest[end + len(description) :].strip()
    publisher = _first(doc, "publisher")
    if publisher and tail.startswith(publisher):
        tail = tail[len(publisher) :].strip()
    _read_spelling_tail(record, tail)


def _read_spelling_tail(record: Record, tail: str) -> None:
    """Dates, URL paths, format and language code, then rights and licence."""
    tokens = tail.split(" ")
    dates = []
    while tokens and _DATE_TOKEN.match(tokens[0]):
        dates.append(PartialDate.from_iso(tokens.pop(0)))
    while tokens and (tokens[0].startswith("/") or tokens[0].startswith("http")):
        tokens.pop(0)
    if len(tokens) >= 2 and re.fullmatch(r"[a-z]{2}", tokens[1]):
        if record.language is None or not record.language.code:
            record.language = parse_language(tokens[1])
        tokens = tokens[2:]
    # PubMed gives the issue's date first (to the month), then the electronic one (to the day).
    if dates:
        year = record.year
        record.issued = dates[0] if year is None or dates[0].year == year else record.issued
        if len(dates) > 1:
            record.dates["available-date"] = dates[1]
    text = " ".join(tokens).strip()
    if match := _LICENSE_URL.search(text):
        record.license = match.group(0)
        record.rights = text[: match.start()].strip()
        if terms := text[match.end() :].strip():
            record.extra["license terms"] = [terms]
    elif text:
        record.rights = text


class VufindSolrReader:
    """A Solr select response (or a bare document or list of them) from VuFind's biblio core."""

    name = "vufind-solr"
    suffixes = (".json",)

    def sniff(self, head: str) -> bool:
        return head.lstrip().startswith("{") and ('"response"' in head or '"record_format"' in head)

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]:
        from . import decode

        text = decode(data, path)
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from exc
        docs = payload.get("response", {}).get("docs") if isinstance(payload, dict) else payload
        if isinstance(payload, dict) and docs is None:
            docs = [payload]
        if not isinstance(docs, list):
            raise RecordError(path, "no Solr documents (expected response.docs)")
        for index, doc in enumerate(docs, 1):
            if not isinstance(doc, dict):
                report.error(RecordError(path, "not a Solr document", record=index))
                continue
            original = json.dumps(doc, ensure_ascii=False, indent=1)
            yield record_from_solr(
                doc, Source(str(path), index, self.name, original=original), report
            )


class VufindViewReader:
    """A VuFind record page saved as text: public details table, then (optionally) staff view."""

    name = "vufind-view"
    suffixes = (".txt",)

    def sniff(self, head: str) -> bool:
        lines = head.splitlines()
        has_label = any(_view_label(line) for line in lines)
        has_staff = any(_staff_field(line, "") for line in lines)
        return has_label or (has_staff and any(line.startswith("title ") for line in lines))

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]:
        from . import decode

        text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
        public, staff, title = _parse_view(text)
        source = Source(str(path), 1, self.name, line=1, original=text)
        if staff:
            doc = staff
            missing = [f for f in ("id", "title", "author") if f not in staff]
            if missing:
                report.warn(
                    RecordError(
                        path,
                        f"staff view looks truncated (no {', '.join(missing)}); "
                        "reading what is there",
                        record=1,
                    )
                )
            public.pop("snippet", None)
            for name, values in _doc_from_public(public, title).items():
                doc.setdefault(name, values)
        else:
            doc = _doc_from_public(public, title)
            if snippet := doc.pop("snippet", None):
                doc["description"] = snippet
                report.warn(
                    RecordError(
                        path,
                        "the public view shows only the start of the abstract",
                        record=1,
                        field="abstract",
                    )
                )
        if not doc.get("title"):
            raise RecordError(path, "no title found in this VuFind page", record=1, field="title")
        yield record_from_solr(doc, source, report)


def _view_label(line: str) -> tuple[str, str] | None:
    label, sep, value = line.partition(":")
    field = VIEW_LABELS.get(label.strip().casefold())
    return (field, value.strip()) if sep and field else None


def _staff_field(line: str, previous: str) -> str:
    """The Solr field a staff-view line starts, or ``""`` for a continuation line.

    VuFind lists fields in ASCII order, so a known name that sorts before the previous field
    ("format" inside a list of topics) is a value, not a new field.
    """
    name = line.split(" ", 1)[0]
    known = name in SOLR_FIELDS or bool(_DYNAMIC_FIELD.match(name))
    return name if known and name > previous else ""


def _parse_view(text: str) -> tuple[dict[str, list[str]], dict[str, list[str]], str]:
    """Split the page into the public details (by label), the staff fields, and the title."""
    public: dict[str, list[str]] = {}
    staff: dict[str, list[str]] = {}
    title = ""
    current: list[str] | None = None
    previous_field = ""
    lines = [line.rstrip() for line in text.split("\n")]
    body = [
        line for line in lines if line.strip() and line.strip() not in ("Cargando…", "Loading...")
    ]
    if body and not _view_label(body[0]) and not _staff_field(body[0], ""):
        title = body[0].strip()
        if len(body) > 1 and body[1].rstrip().endswith(("...", "…")) and not _view_label(body[1]):
            public["snippet"] = [body[1].strip()]
    for line in body:
        if field := _staff_field(line, previous_field):
            previous_field = field
            value = line[len(field) :].strip()
            current = staff.setdefault(field, [])
            if value:
                current.append(value)
        elif not staff and (labelled := _view_label(line)):
            current = public.setdefault(labelled[0], [])
            if labelled[1]:
                current.append(labelled[1])
        elif current is not None:
            current.append(line.strip())
    return public, staff, title


def _doc_from_public(public: dict[str, list[str]], title: str) -> dict[str, list[str]]:
    """The public table as Solr fields: names are ``Family, Given`` pairs joined by commas."""
    doc: dict[str, list[str]] = {name: list(values) for name, values in public.items()}
    if title:
        doc["title"] = [title]
    for name in ("author", "author2"):
        if name in doc:
            parts = [p.strip() for p in ", ".join(doc[name]).split(",") if p.strip()]
            doc[name] = [", ".join(parts[i : i + 2]) for i in range(0, len(parts), 2)]
    if "format" in doc:
        doc["format"] = " ".join(doc["format"]).split()
    if published := " ".join(doc.pop("published", [])):
        match = re.search(r"(\d{4})\s*$", published)
        doc["publishDate"] = [match.group(1)] if match else []
        doc["publisher"] = [published[: match.start()].strip(" ,") if match else published]
    return doc
