"""Machine-readable metadata: Highwire ``citation_*`` tags, schema.org JSON-LD and COinS.

What reference managers were seen to do with such pages decides the details: Zotero builds a
complete item from ``citation_*`` tags (``citation_journal_title`` makes it a journal article),
wants authors as ``Family, Given``, exactly one date tag, first and last page apart, and absolute
URLs; it ignores JSON-LD and prefers COinS over everything else, so record pages carry no COinS
(only listing pages do, where a pick-list is what a reader wants).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urlencode

from markupsafe import Markup

from ..citations import get_format
from ..model import PartialDate, Record
from .render import html

__all__ = ["head_html", "json_ld", "coins", "page_range", "highwire_date"]

_SCHEMA_TYPES = {
    "article-journal": "ScholarlyArticle",
    "article": "ScholarlyArticle",
    "paper-conference": "ScholarlyArticle",
    "review": "ScholarlyArticle",
    "book": "Book",
    "chapter": "Chapter",
    "thesis": "Thesis",
    "report": "Report",
    "dataset": "Dataset",
}
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def page_range(page: str) -> tuple[str, str]:
    """``("123", "130")`` from ``123-130`` or ``123–130``; ``("e123", "")`` from ``e123``."""
    first, _, last = re.sub(r"\s+", "", page).replace("–", "-").replace("—", "-").partition("-")
    return first, last


def highwire_date(value: PartialDate | None) -> str:
    """``2019/10/02``, ``2019/10`` or ``2019``: the slash form Google Scholar documents for
    ``citation_publication_date``; Zotero parses it the same as ISO ``2019-10-02``."""
    return value.iso().replace("-", "/") if value and value.year else ""


def _identifier_urls(record: Record) -> list[str]:
    kinds = {"doi": 0, "pubmed": 1, "pmc": 2}
    links = sorted(
        (link for link in record.links if link.kind in kinds), key=lambda k: kinds[k.kind]
    )
    return [link.url for link in links]


def _highwire(record: Record, page_url: str) -> Iterator[tuple[str, str]]:
    yield "citation_title", record.title
    for person in record.authors:
        yield "citation_author", person.display()
    yield "citation_publication_date", highwire_date(record.issued)
    container = "citation_inbook_title" if record.type == "chapter" else "citation_journal_title"
    yield container, record.container_title
    yield "citation_journal_abbrev", record.container_title_short
    yield "citation_volume", record.volume
    yield "citation_issue", record.issue
    first, last = page_range(record.page)
    yield "citation_firstpage", first
    yield "citation_lastpage", last
    yield "citation_publisher", record.publisher
    yield "citation_doi", record.doi
    yield "citation_pmid", record.pmid
    for issn in record.issn:
        yield "citation_issn", issn
    for isbn in record.isbn:
        yield "citation_isbn", isbn
    yield "citation_language", record.language.code if record.language else ""
    for topic in record.topics:
        yield "citation_keywords", topic.term
    yield "citation_abstract_html_url", page_url
    yield "citation_public_url", page_url
    for link in record.links:
        if link.kind == "pdf":
            yield "citation_pdf_url", link.url
            break


def json_ld(record: Record, page_url: str) -> dict:
    """A schema.org description of the work (search engines read it; Zotero does not)."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": _SCHEMA_TYPES.get(record.type, "CreativeWork"),
        "name": record.title,
        "headline": record.title[:110],
        "author": [
            {"@type": "Organization", "name": p.literal}
            if p.is_organisation
            else {
                "@type": "Person",
                "name": p.display(),
                "familyName": p.family,
                "givenName": p.given,
            }
            for p in record.authors
        ],
        "datePublished": record.issued.iso() if record.issued else "",
        "abstract": record.abstract_text,
        "keywords": [t.term for t in record.topics],
        "inLanguage": record.language.code if record.language else "",
        "sameAs": _identifier_urls(record),
        "url": page_url,
        "license": record.license,
    }
    if record.publisher:
        data["publisher"] = {"@type": "Organization", "name": record.publisher}
    if record.container_title:
        periodical: dict = {"@type": "Periodical", "name": record.container_title}
        if record.issn:
            periodical["issn"] = record.issn
        data["isPartOf"] = periodical
    first, last = page_range(record.page)
    data.update(pageStart=first, pageEnd=last)
    ids = [("DOI", record.doi), ("PMID", record.pmid), ("PMCID", record.pmcid)]
    data["identifier"] = [
        {"@type": "PropertyValue", "propertyID": name, "value": value}
        for name, value in ids
        if value
    ]
    return {k: v for k, v in data.items() if v not in ("", [], None)}


def _script_json(data: dict) -> str:
    """JSON that cannot close its ``<script>`` element or open a comment: ``<>&`` as ``\\u00XX``."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def head_html(record: Record, page_url: str, downloads: dict[str, str]) -> str:
    """Everything a record page adds to ``<head>``; ``downloads`` maps format id -> relative
    URL. Machine-readable downloads (not CSL-styled text) become ``<link rel="alternate">``."""
    parts = [
        Markup('<meta name="{}" content="{}">').format(name, html(value))
        for name, value in _highwire(record, page_url)
        if value
    ]
    for fmt in map(get_format, downloads):
        if not fmt.style:
            parts.append(
                Markup('<link rel="alternate" type="{}" title="{}" href="{}">').format(
                    fmt.media_type, fmt.label("en"), html(downloads[fmt.id])
                )
            )
    parts.append(
        Markup('<script type="application/ld+json">{}</script>').format(
            Markup(_script_json(json_ld(record, page_url)))
        )
    )
    return "\n".join(parts) + "\n"


def coins(record: Record) -> str:
    """The OpenURL ContextObject a COinS ``<span class="Z3988" title="…">`` carries."""
    journal = bool(record.container_title) and record.type != "book"
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{'journal' if journal else 'book'}"),
        ("rft.genre", "article" if journal else "book"),
        ("rft.atitle" if journal else "rft.btitle", record.title),
        ("rft.jtitle", record.container_title if journal else ""),
        ("rft.date", record.issued.iso() if record.issued else ""),
        ("rft.volume", record.volume),
        ("rft.issue", record.issue),
        ("rft.pub", record.publisher),
    ]
    first, last = page_range(record.page)
    pairs += [("rft.spage", first), ("rft.epage", last)]
    pairs += [("rft.issn", issn) for issn in record.issn]
    pairs += [("rft.au", p.display()) for p in record.authors]
    if record.doi:
        pairs.append(("rft_id", f"info:doi/{record.doi}"))
    if record.pmid:
        pairs.append(("rft_id", f"info:pmid/{record.pmid}"))
    return urlencode([(k, v) for k, v in pairs if v])
