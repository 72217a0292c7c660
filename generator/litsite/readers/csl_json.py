"""CSL-JSON and CSL-YAML (Zotero, Better BibTeX, pandoc, citation-js), and litsite's own
record files (``litsite import`` writes one CSL item per YAML file, extensions in ``custom``).

Items go through ``litsite.csl.from_csl``, the same mapping the CSL-JSON writer inverts, so
litsite's own files read back exactly as written. YAML is loaded with ``yaml.safe_load``
semantics only, and a document whose aliases expand beyond ``MAX_NODES`` is refused (a
"billion laughs" file is small on disk and huge in memory).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from ..csl import CSL_DATE_VARIABLES, CSL_NAME_VARIABLES, CSL_TEXT_VARIABLES, from_csl
from ..errors import RecordError
from ..model import RELATION_KINDS, AbstractSection, Record, Reference, Relation, Source
from ..normalize import classify_url, normalize
from ..report import Report
from .fields import split_codes
from .xmlsafe import safe_xml_parser

__all__ = ["CslJsonReader", "MAX_NODES"]

#: libyaml's safe loader (same types as ``yaml.SafeLoader``, about 20 times faster) when PyYAML
#: was built with it, as its wheels are.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Most values a YAML document may expand to once aliases are followed.
MAX_NODES = 1_000_000
#: CSL date variables, which pandoc-style YAML writes as ``[{year, month, day}]`` or dates.
DATE_VARIABLES = (
    "issued",
    "accessed",
    "available-date",
    "event-date",
    "original-date",
    "submitted",
)
#: Keys whose presence means a JSON file is something else (VuFind Solr, MARC-in-JSON, Zotero
#: item JSON, which is not CSL).
FOREIGN_KEYS = ('"response"', '"record_format"', '"leader"', '"itemType"')

#: Crossref's work types (its CSL-JSON content negotiation keeps them) -> CSL types.
CROSSREF_TYPES = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "proceedings-article": "paper-conference",
    "posted-content": "article",
    "dissertation": "thesis",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-set": "book",
    "reference-entry": "entry",
    "peer-review": "review",
    "journal": "periodical",
    "journal-issue": "periodical",
    "component": "article",
    "other": "document",
}
_JATS_ROOT = '<abstract xmlns:jats="http://www.ncbi.nlm.nih.gov/JATS1">{}</abstract>'

#: Keys of which a CSL item has at least one; an object with none of them (a test's expected
#: output, a settings file) is not a record, however it was found.
ITEM_KEYS = CSL_NAME_VARIABLES | CSL_DATE_VARIABLES | CSL_TEXT_VARIABLES | {"type"}

_YAML_ITEM = re.compile(r"^(?:references:|-?\s*(?:id|type|title|author):)", re.M)


def _check_size(value: Any, path: Path) -> None:
    """Refuse a document that aliases expand past ``MAX_NODES`` values."""
    budget, stack = MAX_NODES, [value]
    while stack:
        node = stack.pop()
        budget -= 1
        if budget < 0:
            raise RecordError(path, f"YAML expands to more than {MAX_NODES:,} values (aliases)")
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _date_value(value: Any) -> Any:
    """A CSL date from pandoc YAML forms: ``2012-03-04``, ``[{year: 2012, month: 3}]``."""
    if isinstance(value, datetime.date):
        return {"raw": value.isoformat()[:10]}
    if isinstance(value, int):
        return {"date-parts": [[value]]}
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        parts = [[v.get(k) for k in ("year", "month", "day") if v.get(k)] for v in value]
        return {"date-parts": [p for p in parts if p]}
    return value


def _items(payload: Any) -> list[Any]:
    """The items of a CSL array, a ``references``/``items`` object, or one item."""
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict):
        for key in ("references", "items"):
            if isinstance(payload.get(key), list):
                return payload[key]
        return [payload]
    return []


def _jats_abstract(text: str) -> list[AbstractSection]:
    """Crossref abstracts are JATS XML (``<jats:sec><jats:title>Background</jats:title>
    <jats:p>…``): labelled sections when it has them, else its paragraphs as one section."""
    try:
        root = etree.fromstring(_JATS_ROOT.format(text), safe_xml_parser(recover=True))
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return [AbstractSection(text=" ".join(re.sub(r"<[^>]+>", " ", text).split()))]

    def words(element: etree._Element) -> str:
        return " ".join("".join(element.itertext()).split())

    sections = [
        AbstractSection(
            label=words(sec.find("{*}title")) if sec.find("{*}title") is not None else "",
            text=" ".join(words(p) for p in sec.iter("{*}p")),
        )
        for sec in root.iter("{*}sec")
    ]
    if sections:
        return [s for s in sections if s.text]
    paragraphs = " ".join(words(p) for p in root.iter("{*}p")) or words(root)
    return [AbstractSection(text=paragraphs)] if paragraphs else []


#: Crossref's update types -> relation kind on the notice's side (its ``update-to``); the
#: corrected work's side (``updated-by``) is the reverse. Other types are updates.
CROSSREF_UPDATES = {
    "retraction": "retraction-of",
    "removal": "retraction-of",
    "withdrawal": "retraction-of",
    "correction": "erratum-for",
    "erratum": "erratum-for",
    "corrigendum": "erratum-for",
    "expression_of_concern": "concern-for",
    "expression-of-concern": "concern-for",
}


def _crossref_updates(item: dict[str, Any]) -> list[Relation]:
    """Relations from Crossref's ``update-to`` (on a notice) and ``updated-by`` (on the work
    it corrects); the variables themselves stay in ``variables`` as given."""
    relations = []
    for variable, reverse in (("update-to", False), ("updated-by", True)):
        updates = item.get(variable)
        for update in updates if isinstance(updates, list) else []:
            if not isinstance(update, dict) or not update.get("DOI"):
                continue
            kind = CROSSREF_UPDATES.get(str(update.get("type", "")).casefold(), "update-of")
            kind = RELATION_KINDS[kind] if reverse else kind
            label = str(update.get("label") or update.get("type") or "")
            relations.append(Relation(kind, doi=str(update["DOI"]), note=label))
    return relations


def _references(item: dict[str, Any]) -> list[Reference]:
    """The reference list: Crossref's ``reference`` (``DOI``, ``article-title``, ``year``,
    ``author``, ``unstructured``) or CSL items under ``references``; the variables themselves
    stay in ``variables`` as given."""
    found = []
    for name in ("reference", "references"):
        entries = item.get(name)
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            authors = entry.get("author")
            first = authors[0] if isinstance(authors, list) and authors else authors
            family = first.get("family", "") if isinstance(first, dict) else first or ""
            issued = entry.get("issued")
            parts = issued.get("date-parts") if isinstance(issued, dict) else None
            year = entry.get("year") or (parts[0][0] if parts and parts[0] else "")
            found.append(
                Reference(
                    pmid=str(entry.get("PMID") or ""),
                    doi=str(entry.get("DOI") or ""),
                    title=str(entry.get("article-title") or entry.get("title") or ""),
                    year=str(year or ""),
                    author=str(family),
                    citation=str(entry.get("unstructured") or ""),
                )
            )
    return found


def _record(raw: dict[str, Any], source: Source) -> Record:
    item = {k: _date_value(v) if k in DATE_VARIABLES else v for k, v in raw.items()}
    if item.get("type") in CROSSREF_TYPES:
        item["type"] = CROSSREF_TYPES[item["type"]]
    record = from_csl(item)
    if "<jats:" in str(item.get("abstract") or ""):
        record.abstract = _jats_abstract(str(item["abstract"]))
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    if not custom.get("links"):
        record.links = [classify_url(link.url) for link in record.links]
    if record.sources:
        # A record file (``litsite import``) names the exports it came from; it comes first,
        # so that messages name the file a person edits. Its text is the record itself, so no
        # original is written out (that was most of a record file's reading time).
        source.original = ""
    else:
        source.original = json.dumps(raw, ensure_ascii=False, indent=1, default=str)
    record.sources = [source, *record.sources]
    if "relations" not in custom:
        record.relations = _crossref_updates(item)
    if "references" not in custom:
        record.references = _references(item)
    if not custom.get("isbn") and not custom.get("issn"):
        # CSL has one ISBN and one ISSN variable; exporters put several in it ("a, b").
        record.isbn = split_codes(record.isbn, prefer_isbn=True)[0]
        record.issn = split_codes(record.issn)[1] or record.issn
    return normalize(record)


class CslJsonReader:
    """``.json`` CSL items and ``.yaml``/``.yml`` CSL-YAML or litsite record files."""

    name = "csl-json"
    suffixes = (".json", ".yaml", ".yml")

    def sniff(self, head: str) -> bool:
        text = head.lstrip("\ufeff \t\r\n")
        if text[:1] in "[{":
            looks_csl = any(f'"{key}"' in head for key in ("type", "title", "author", "issued"))
            return looks_csl and not any(key in head for key in FOREIGN_KEYS)
        return bool(_YAML_ITEM.search(head))

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]:
        from . import decode

        text = decode(data, path)
        items = _items(self._load(text, path))
        if items and not any(isinstance(item, dict) and ITEM_KEYS & set(item) for item in items):
            keys = sorted({k for item in items if isinstance(item, dict) for k in item})
            found = ", ".join(keys[:8]) + (", …" if len(keys) > 8 else "")
            raise RecordError(
                path, f"not a record file: no object in it has a CSL variable (keys: {found})"
            )
        for index, item in enumerate(items, 1):
            if not isinstance(item, dict) or not ITEM_KEYS & set(item):
                problem = "not a CSL item (an object with at least one CSL variable)"
                report.error(RecordError(path, problem, record=index))
                continue
            source = Source(str(path), index, self.name)
            source.source_id = str(item.get("id") or "")
            try:
                yield _record(item, source)
            except (TypeError, ValueError, AttributeError) as exc:
                report.error(RecordError(path, f"unreadable CSL item: {exc}", record=index))

    def _load(self, text: str, path: Path) -> Any:
        if text.lstrip()[:1] in "[{":
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                raise RecordError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from exc
        try:
            documents = [d for d in yaml.load_all(text, Loader=SAFE_LOADER) if d is not None]
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            raise RecordError(path, f"not valid YAML: {exc}", line=line) from exc
        if "*" in text:  # only aliases make a document bigger in memory than on disk
            _check_size(documents, path)
        return documents[0] if len(documents) == 1 else documents
