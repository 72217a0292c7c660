"""BibTeX and BibLaTeX (.bib): JabRef, Zotero/Better BibTeX, Mendeley, DBLP, Scopus exports.

bibtexparser 2 splits the file into blocks and reports each malformed one with its line, so
its neighbours survive. This module then expands ``@string`` macros with ``#`` concatenation
(bibtexparser resolves only whole-field macros), applies ``crossref`` inheritance, turns LaTeX
into Unicode (``readers.latex``) and maps fields to the record model with the tables below.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, Field, ParsingFailedBlock

from ..bibtex_map import CSL_TYPES, OTHER_NAME_SLOTS, SUBTYPES
from ..bibtex_map import DATE_FIELDS as WRITTEN_DATES
from ..bibtex_map import NAME_FIELDS as WRITTEN_NAMES
from ..bibtex_map import VARIABLE_FIELDS as WRITTEN_VARIABLES
from ..csl import CSL_DATE_VARIABLES, CSL_NAME_VARIABLES, CSL_TEXT_VARIABLES, OWN_VARIABLES
from ..errors import RecordError
from ..model import AbstractSection, Link, PartialDate, Record, Source, Topic
from ..normalize import classify_url, clean_doi, normalize, parse_date, parse_language
from ..report import Report
from .fields import page_range, split_codes, url_links
from .latex import latex_to_rich, latex_to_text, split_people, unescape_verbatim
from .limits import MAX_FIELD_CHARS, FieldTooLong

__all__ = ["BibtexReader", "TYPES"]

#: Entry type (lower case) -> CSL type; unknown types -> ``document``.
TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "bookinbook": "chapter",
    "booklet": "book",
    "book_section": "chapter",
    "collection": "book",
    "mvcollection": "book",
    "conference": "paper-conference",
    "dataset": "dataset",
    "electronic": "webpage",
    "film": "motion_picture",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "inreference": "entry-encyclopedia",
    "magazine_article": "article-magazine",
    "manual": "report",
    "mastersthesis": "thesis",
    "misc": "document",
    "online": "webpage",
    "patent": "patent",
    "periodical": "periodical",
    "phdthesis": "thesis",
    "proceedings": "book",
    "mvproceedings": "book",
    "newspaper_article": "article-newspaper",
    "reference": "book",
    "report": "report",
    "software": "software",
    "softwareversion": "software",
    "codefragment": "software",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "techreport": "report",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "web_page": "webpage",
    "www": "webpage",
}
#: Entry types whose ``number`` is a report/patent/series number rather than an issue.
NUMBERED_TYPES = {"report", "patent", "book", "thesis", "document", "software"}
#: Plain fields: BibTeX field -> record attribute (first present field wins).
SCALAR_FIELDS = {
    "journaltitle": "container_title",
    "journal": "container_title",
    "booktitle": "container_title",
    "shortjournal": "container_title_short",
    "series": "collection_title",
    "volume": "volume",
    "issue": "issue",
    "edition": "edition",
    "publisher": "publisher",
    "location": "publisher_place",
    "address": "publisher_place",
    "city": "publisher_place",
    "note": "note",
}
#: Who publishes when ``publisher`` is absent (theses, reports, manuals).
PUBLISHER_FALLBACK = ("institution", "school", "organization")
#: BibLaTeX fields that are CSL variables of their own (the biblatex data model's meaning): the
#: BibTeX writer's table (``litsite.bibtex_map``) read backwards, and fields it never writes.
VARIABLE_FIELDS = {field: variable for variable, field in WRITTEN_VARIABLES.items()} | {
    "issuetitle": "volume-title",
    "annotation": "annote",
    "annote": "annote",
}
#: BibLaTeX name lists beside author and editor -> CSL name variables.
NAME_FIELDS = {field: role for role, field in WRITTEN_NAMES.items()}
#: BibLaTeX dates beside the date of issue -> CSL date variables.
DATE_FIELDS = {field: variable for variable, field in WRITTEN_DATES.items()}
#: biblatex's localisation keys in ``type`` (``type = {phdthesis}``), as biblatex prints them.
GENRE_KEYS = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Computer software",
    "datacd": "CD-ROM",
    "audiocd": "Audio CD",
    "patent": "Patent",
}
#: Fields mapped elsewhere, or bookkeeping that is not bibliographic data.
HANDLED = set(SCALAR_FIELDS) | set(PUBLISHER_FALLBACK) | set(VARIABLE_FIELDS) | set(NAME_FIELDS)
HANDLED |= set(DATE_FIELDS) | {
    "author", "editor", "title", "subtitle", "number", "pages", "year", "month", "date",
    "day", "doi", "url", "eprint", "eprinttype", "archiveprefix", "pmid", "pmcid",
    "isbn", "issn", "keywords", "abstract", "langid", "language", "crossref", "howpublished",
    "entrysubtype", "license",
}  # fmt: skip
#: Fields read into variables or dates (a field named as a CSL variable is read as it, too).
_READ_AS_VARIABLES = set(VARIABLE_FIELDS) | set(DATE_FIELDS)
#: CSL variables the record holds in fields of its own, never in ``variables``.
_NOT_VARIABLES = OWN_VARIABLES | CSL_DATE_VARIABLES
#: Bookkeeping fields not kept in ``extra``.
DROPPED = {"file", "owner", "timestamp", "added-at", "interhash", "intrahash", "biburl"}
#: Fields a child entry never takes from its ``crossref`` parent.
NOT_INHERITED = {"ids", "crossref", "xref", "entryset", "entrysubtype", "label", "sortkey"}
#: Fields read as CSL rich text (``\\textit`` -> ``<i>``); the rest as plain text.
RICH_FIELDS = {
    "title", "subtitle", "titleaddon", "booktitle", "booksubtitle", "maintitle", "mainsubtitle",
    "journaltitle", "journal", "journalsubtitle", "series", "eventtitle", "abstract", "note",
}  # fmt: skip
#: Fields that hold a URL or an identifier: verbatim, only TeX escapes (``\\_``) undone.
VERBATIM_FIELDS = {"url", "doi", "eprint", "pmid", "pmcid", "isbn", "issn"}
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
EPRINT_URLS = {"arxiv": "https://arxiv.org/abs/{}", "pubmed": "https://pubmed.ncbi.nlm.nih.gov/{}/"}

#: A value that is only links (``\\url{a} \\url{b}`` decoded): not a publisher.
_URL_ONLY = re.compile(r"^(?:\s*(?:\\url\{)?https?://\S+)+\s*$")
_SEASON = re.compile(r"(\d{4})-(2[1-4])")
_URL_MACRO = re.compile(r"\\url\{([^{}]*)\}")
_KEYLESS = re.compile(r"(@\s*(?!string|preamble|comment)\w+\s*\{)(\s*[\w-]+\s*=)", re.I)
_NEXT_FIELD = re.compile(r"\n\s*([A-Za-z][\w:.-]*)\s*=\s*")
_WRONG_CLOSE = re.compile(r"^(\s*@\s*\w+\s*\{[\s\S]*)\)\s*$")
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False


def _top_level(value: str) -> Iterator[int]:
    """Positions in a raw value outside braces and quotes, where ``#`` and ``name =`` count."""
    depth, quoted = 0, False
    for position, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif depth == 0 and not quoted:
            yield position


def _top_level_parts(value: str) -> list[str]:
    """``"a" # macro # {b}`` -> its parts (``#`` inside braces or quotes is text)."""
    parts, start = [], 0
    for position in _top_level(value):
        if value[position] == "#":
            parts.append(value[start:position].strip())
            start = position + 1
    parts.append(value[start:].strip())
    return parts


def _split_run_on(key: str, value: str) -> list[tuple[str, str]]:
    """``[(key, value)]``, split where a line inside the value starts ``name =`` outside braces
    and quotes: the comma after the field was forgotten, and bibtexparser read the next field
    into this one (``title = {T}\\nfile = {…}`` -> title "T", file "…")."""
    for position in _top_level(value):
        if found := _NEXT_FIELD.match(value, position):
            rest = _split_run_on(found.group(1), value[found.end() :])
            return [(key, value[:position].strip()), *rest]
    return [(key, value)]


def _repair_commas(
    block: Entry | ParsingFailedBlock, path: Path, report: Report
) -> Entry | ParsingFailedBlock:
    """The entry with fields run together by a missing comma split apart, and a warning."""
    if not isinstance(block, Entry):
        return block
    fields = []
    for field in block.fields:
        value = str(field.value)
        # A field far past the limit is refused anyway; scanning it here would only cost time.
        too_long = len(value) > 2 * MAX_FIELD_CHARS
        parts = [(field.key, value)] if too_long else _split_run_on(field.key, value)
        if len(parts) > 1:
            message = f"missing comma after field '{field.key}' (repaired)"
            line = _line(block)
            report.warn(RecordError(path, message, record=block.key, field=field.key, line=line))
        fields += [Field(name, value, field.start_line) for name, value in parts]
    return Entry(block.entry_type, block.key, fields, block.start_line, block.raw)


def _expand(value: str, strings: dict[str, str | None]) -> str:
    """Resolve macros and ``#`` concatenation; unknown macros stay as their name (``apr``).

    Raises ``FieldTooLong`` past ``MAX_FIELD_CHARS`` (or on a macro that did), before any
    LaTeX decoding: ``@string``s that double each other grow exponentially.
    """
    out, size = [], 0
    for part in _top_level_parts(value):
        if len(part) >= 2 and part[0] + part[-1] in ("{}", '""'):
            text = part[1:-1]
        else:
            text = strings.get(part.lower(), part)
        if text is None or (size := size + len(text)) > MAX_FIELD_CHARS:
            raise FieldTooLong("")
        out.append(text)
    return "".join(out)


def _month(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return MONTHS.get(text[:3])


def _issued(fields: dict[str, str]) -> PartialDate | None:
    """BibLaTeX ``date``, else ``year`` + ``month`` (+ ``day``)."""
    if date := fields.get("date", "").strip():
        return _date(date)
    year = fields.get("year", "").strip()
    if not year:
        return None
    parsed = parse_date(year)
    if parsed and parsed.year and (month := _month(fields.get("month", ""))):
        day = fields.get("day", "").strip()
        return PartialDate(
            parsed.year, month, int(day) if day.isdigit() and int(day) <= 31 else None
        )
    return parsed


def _type(entry_type: str, text: dict[str, str]) -> str:
    """The CSL type; an ``entrysubtype`` refines it (``@article`` + ``magazine``, ``@misc``
    + a CSL type); a ``@misc``/``@generic`` entry naming a journal is a journal article."""
    subtype = text.get("entrysubtype", "").strip()
    if (entry_type, subtype.lower()) in SUBTYPES:
        return SUBTYPES[entry_type, subtype.lower()]
    if entry_type == "misc" and subtype in CSL_TYPES:
        return subtype
    csl_type = TYPES.get(entry_type, "document")
    if csl_type == "document" and (text.get("journal") or text.get("journaltitle")):
        return "article-journal"
    return csl_type


def _inherit(fields: dict[str, str], parent: dict[str, str]) -> None:
    """BibLaTeX crossref rules: the parent's title names the child's container."""
    for key, value in parent.items():
        if key in NOT_INHERITED:
            continue
        target = {"title": "booktitle", "author": "bookauthor", "subtitle": "booksubtitle"}.get(
            key, key
        )
        if not fields.get(target, "").strip():
            fields[target] = value


def _links(fields: dict[str, str], text: dict[str, str]) -> list[Link]:
    """``url`` as written (URLs are verbatim in BibTeX); in ``howpublished`` each ``\\url{}``
    as written (its argument is verbatim too), else URLs in the decoded text."""
    links = url_links([re.sub(r"\\url\{(.*?)\}", r"\1", text.get("url", ""))])
    verbatim = [unescape_verbatim(u) for u in _URL_MACRO.findall(fields.get("howpublished", ""))]
    found = url_links(verbatim) if verbatim else url_links([text.get("howpublished", "")])
    links += [x for x in found if x not in links]
    kind = (fields.get("eprinttype") or fields.get("archiveprefix") or "").lower()
    if (eprint := text.get("eprint", "")) and kind in EPRINT_URLS:
        links.append(classify_url(EPRINT_URLS[kind].format(eprint)))
    return links


def _decode(fields: dict[str, str]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Each field's text (rich, plain or verbatim by field), and the unknown LaTeX commands
    kept as written in each field."""
    text: dict[str, str] = {}
    unknown: dict[str, set[str]] = {}
    for name, value in fields.items():
        found: set[str] = set()
        if name in ("author", "editor", *NAME_FIELDS) or name in DROPPED:
            continue  # names are split before they are decoded (split_people)
        if name in VERBATIM_FIELDS:
            text[name] = unescape_verbatim(value).strip()
        elif name in RICH_FIELDS:
            text[name] = latex_to_rich(value, found)
        else:
            text[name] = latex_to_text(value, found)
        if found:
            unknown[name] = found
    return text, unknown


def _record(
    entry_type: str, text: dict[str, str], fields: dict[str, str], source: Source
) -> Record:
    """Map decoded fields (``text``; ``fields`` as written, for names) to a record."""
    record = Record(type=_type(entry_type, text), sources=[source])
    record.title = text.get("title", "")
    if subtitle := text.get("subtitle"):
        record.title = f"{record.title}: {subtitle}" if record.title else subtitle
    for name, attr in SCALAR_FIELDS.items():
        if text.get(name) and not getattr(record, attr):
            setattr(record, attr, text[name])
    # ``\url{…}`` in howpublished is a link (read by ``_links``), never a publisher.
    links_only = _URL_MACRO.search(fields.get("howpublished", ""))
    howpublished = "" if links_only else text.get("howpublished", "")
    if not record.publisher:
        fallback = [text.get(f, "") for f in PUBLISHER_FALLBACK] + [howpublished]
        record.publisher = next((v for v in fallback if v and not _URL_ONLY.match(v)), "")
    if number := text.get("number"):
        if record.type in NUMBERED_TYPES:
            record.number = number
        elif not record.issue:
            record.issue = number
    record.authors = split_people(fields.get("author", ""))
    record.editors = split_people(fields.get("editor", ""))
    record.names = _other_names(fields, text)
    record.page = page_range(text.get("pages", ""))
    record.issued = _issued(text)
    mapped = {slot for slot in OTHER_NAME_SLOTS if record.names.get(text.get(f"{slot}type", ""))}
    mapped |= {f"{slot}type" for slot in mapped}
    for name, value in text.items():
        if not value.strip() or (name in HANDLED and name not in _READ_AS_VARIABLES):
            continue
        if date := DATE_FIELDS.get(name, name if name in CSL_DATE_VARIABLES - {"issued"} else ""):
            record.dates[date] = _date(value)
            mapped.add(name)
        elif (variable := VARIABLE_FIELDS.get(name, name)) in CSL_TEXT_VARIABLES - _NOT_VARIABLES:
            value = GENRE_KEYS.get(value.casefold(), value) if name == "type" else value
            record.variables.setdefault(variable, value)
            mapped.add(name)
    record.doi = clean_doi(text.get("doi", ""))
    record.pmid = re.sub(r"\D", "", text.get("pmid", ""))
    record.pmcid = text.get("pmcid", "")
    record.links = _links(fields, text)
    if abstract := text.get("abstract"):
        record.abstract = [AbstractSection(text=abstract)]
    keywords = [latex_to_text(k) for k in _top_level_split(fields.get("keywords", ""), ",;")]
    record.topics = [Topic(term=k) for k in keywords if k]
    # Mendeley writes a serial's ISSN in ``isbn``; text with no ISSN in it is kept as written.
    record.isbn, issns_in_isbn = split_codes([text.get("isbn", "")], prefer_isbn=True)
    issns = split_codes([text.get("issn", "")])[1]
    record.issn = list(dict.fromkeys(issns + issns_in_isbn))
    if text.get("issn") and not issns:
        record.extra["issn"] = [text["issn"]]
    record.license = text.get("license", "")
    if language := text.get("langid") or text.get("language"):
        record.language = parse_language(language)
    if entry_type not in TYPES:
        record.extra["BibTeX type"] = [entry_type]
    for name, value in text.items():
        if name not in HANDLED and name not in DROPPED and name not in mapped and value:
            record.extra[name] = [value]
    return normalize(record)


def _date(value: str) -> PartialDate:
    """A BibLaTeX date: ``1998-10``, a range ``2001-05-17/2001-05-20`` (an open range keeps its
    start), an EDTF season (``1990-21`` = spring 1990, which biblatex reads); other text as
    ``parse_date`` reads it, else kept as a literal."""
    value = value.strip()
    if season := _SEASON.fullmatch(value):
        return PartialDate(int(season.group(1)), season=int(season.group(2)) - 20)
    for candidate in (value, value.split("/")[0].strip()):
        try:
            return PartialDate.from_iso(candidate)
        except ValueError:
            continue
    return parse_date(value.split("/")[0]) or PartialDate(literal=value)


def _other_names(fields: dict[str, str], text: dict[str, str]) -> dict[str, list]:
    """Name roles beyond author and editor: biblatex's lists, and ``editora``… typed by
    ``editoratype`` (a CSL role; biblatex's own ``editor`` type adds to the editors)."""
    names = {}
    for field, role in NAME_FIELDS.items():
        if people := split_people(fields.get(field, "")):
            names[role] = people
    for slot in OTHER_NAME_SLOTS:
        role = text.get(f"{slot}type", "").strip()
        if (people := split_people(fields.get(slot, ""))) and role in CSL_NAME_VARIABLES:
            names[role] = people
    return names


def _top_level_split(value: str, separators: str) -> list[str]:
    """``value`` cut at separators outside braces (biblatex's rule for keyword lists)."""
    parts, depth, start = [], 0, 0
    for position, char in enumerate(value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and char in separators:
            parts.append(value[start:position])
            start = position + 1
    parts.append(value[start:])
    return [p.strip() for p in parts if p.strip()]


def _strings(library: bibtexparser.Library) -> dict[str, str | None]:
    """``@string`` macros, each expanded with those defined before it (``None``: too long)."""
    strings: dict[str, str | None] = {}
    for string in library.strings:
        try:
            strings[string.key.lower()] = _expand(str(string.value), strings)
        except FieldTooLong:
            strings[string.key.lower()] = None
    return strings


def _entry_fields(entry: Entry, strings: dict[str, str | None]) -> dict[str, str]:
    """Expanded field values; ``FieldTooLong`` names the field that is too long."""
    fields = {}
    for field in entry.fields:
        value = str(field.value)
        if len(value) > 2 * MAX_FIELD_CHARS:  # no need to expand it to know
            raise FieldTooLong(field.key.lower(), len(value))
        try:
            fields[field.key.lower()] = _expand(value, strings)
        except FieldTooLong as exc:
            size = len(value) if len(value) > MAX_FIELD_CHARS else None
            raise FieldTooLong(field.key.lower(), size) from exc
    return fields


class BibtexReader:
    """``.bib`` files, BibTeX or BibLaTeX."""

    name = "bibtex"
    suffixes = (".bib", ".bibtex", ".biblatex")

    def sniff(self, head: str) -> bool:
        return re.search(r"^\s*@\s*[A-Za-z]+\s*[{(]", head, re.M) is not None

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]:
        from . import decode

        text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
        library = bibtexparser.parse_string(_add_missing_keys(text), parse_stack=[])
        strings = _strings(library)
        blocks = [
            _repair_commas(_recover(block, path, report), path, report)
            for block in library.blocks
            if isinstance(block, Entry | ParsingFailedBlock)
        ]
        by_key = {b.key.lower(): b for b in blocks if isinstance(b, Entry) and b.key}
        for index, block in enumerate(blocks, 1):
            line = _line(block)
            if not isinstance(block, Entry):
                message = f"malformed entry skipped: {_reason(block)}"
                report.error(RecordError(path, message, record=index, line=line))
                continue
            try:
                fields = _entry_fields(block, strings)
                parent_key = fields.get("crossref", "").strip().lower()
                parent = by_key.get(parent_key) if parent_key else None
                if parent is not None:
                    _inherit(fields, _entry_fields(parent, strings))
            except FieldTooLong as exc:
                where = f"{index} ({block.key})"
                report.error(RecordError(path, str(exc), record=where, field=exc.field, line=line))
                continue
            if parent_key and parent is None:
                report.warn(
                    RecordError(
                        path,
                        f"crossref '{parent_key}' is not in this file",
                        record=f"{index} ({block.key})",
                        line=line,
                    )
                )
            source = Source(str(path), index, self.name, line, block.raw or "", block.key)
            text, unknown = _decode(fields)
            for field, names in sorted(unknown.items()):
                commands = ", ".join(f"\\{name}" for name in sorted(names))
                message = f"unknown LaTeX command {commands} kept as written"
                where = f"{index} ({block.key})"
                report.warn(RecordError(path, message, record=where, field=field, line=line))
            yield _record(block.entry_type.lower(), text, fields, source)


def _reason(block: ParsingFailedBlock) -> str:
    """What bibtexparser found wrong, in a user's words."""
    if isinstance(block, DuplicateBlockKeyBlock):
        if not block.key:
            return "entry has no key (kept)"
        return f"key '{block.key}' is also used by an earlier entry (both kept)"
    error = block.error
    reason = getattr(error, "abort_reason", "") or str(error).split(". Note:")[0]
    return reason or type(error).__name__


def _recover(
    block: Entry | ParsingFailedBlock, path: Path, report: Report
) -> Entry | ParsingFailedBlock:
    """Keep what a failed block still holds: an entry with a duplicate key or field (the
    first value wins), or an entry closed by the wrong delimiter (``@book{b, … )``)."""
    if isinstance(block, Entry):
        return block
    if isinstance(block.ignore_error_block, Entry):
        report.warn(RecordError(path, _reason(block), line=_line(block)))
        return block.ignore_error_block
    raw = block.raw or ""
    repaired = _WRONG_CLOSE.sub(r"\1}", raw)
    if repaired != raw:
        retry = bibtexparser.parse_string(repaired, parse_stack=[])
        if len(retry.entries) == 1 and not retry.failed_blocks:
            found = retry.entries[0]
            report.warn(RecordError(path, f"repaired: {_reason(block)}", line=_line(block)))
            return Entry(found.entry_type, found.key, found.fields, block.start_line, raw)
    return block


def _add_missing_keys(text: str) -> str:
    """EndNote writes ``@article{ author = …`` with no key; give each one a key."""

    def add_key(match: re.Match) -> str:
        line = text.count("\n", 0, match.start()) + 1
        return f"{match.group(1)}litsite-line-{line},{match.group(2)}"

    return _KEYLESS.sub(add_key, text)


def _line(block: object) -> int | None:
    """bibtexparser counts lines from 0; messages count from 1."""
    start = getattr(block, "start_line", None)
    return start + 1 if start is not None else None
