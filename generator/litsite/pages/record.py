"""One record's page body: every field it holds, its topics and authors linked, and the Cite block.

The body is final HTML (every value escaped by the template). The plugin puts it in place after
MkDocs' Markdown step, so record text never meets a Markdown or macro processor.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import nh3
from markupsafe import Markup

from ..citations import Citation, Format, get_format
from ..citations.styles import style
from ..csl import CSL_TEXT_VARIABLES
from ..i18n import format_partial_date, language_name, messages, type_label
from ..model import Link, Record
from ..normalize import safe_url
from .render import render

__all__ = ["RecordLinks", "record_body", "downloads"]

#: Inline tags a CSL-styled reference may carry (citeproc's HTML output uses these).
STYLED_TAGS = {"i", "b", "em", "strong", "span", "sup", "sub"}
#: Styles whose in-text citation names the work (a numeric one's "[1]" says nothing alone).
_NAMING_CITATIONS = ("author-date", "author", "label")
_IDENTIFIERS = (("doi", "DOI"), ("pubmed", "PubMed"), ("pmc", "PMC"))
_DATE_LABELS = {
    "available-date": "Available online",
    "record": "Record date",
    "accessed": "Accessed",
    "original-date": "Originally published",
    "submitted": "Submitted",
    "event-date": "Event date",
}


@dataclass(frozen=True)
class RecordLinks:
    """Where a record page links to, as URLs relative to the page itself."""

    #: ``(index kind, term) -> URL`` of that term's index page, or None when not indexed.
    term: Callable[[str, str], str | None]
    #: Format id -> URL of the record's download in that format.
    downloads: dict[str, str]


def _dates(record: Record, language: str) -> list[tuple[str, str]]:
    gettext = messages(language).gettext
    rows = [(gettext("Published"), format_partial_date(record.issued, language))]
    for name, value in record.dates.items():
        label = _DATE_LABELS.get(name, name.replace("-", " ").capitalize())
        rows.append((gettext(label), format_partial_date(value, language)))
    return [(label, text) for label, text in rows if text]


def _safe_links(record: Record) -> list[Link]:
    """The record's http(s) links: readers already drop the rest, and a page never trusts that."""
    return [
        Link(url, link.kind, link.label) for link in record.links if (url := safe_url(link.url))
    ]


def _identifiers(record: Record) -> list[tuple[str, str, str]]:
    """``(label, value, url)`` for DOI, PubMed and PMC links, in that order."""
    values = {"doi": record.doi, "pubmed": record.pmid, "pmc": record.pmcid}
    by_kind = {link.kind: link.url for link in _safe_links(record)}
    return [
        (label, values[kind] or by_kind[kind], by_kind[kind])
        for kind, label in _IDENTIFIERS
        if kind in by_kind
    ]


def downloads(citation: Citation, formats: list[str]) -> list[tuple[Format, str]]:
    """``(format, file text)`` for each of ``formats`` that has a download and gave text."""
    out = []
    for fmt in map(get_format, formats):
        entry = citation.entries.get(fmt.id)
        if fmt.extension and entry is not None and entry.text:
            out.append((fmt, f"{entry.text}\n" if fmt.style else entry.text))
    return out


def _cite_blocks(
    record: Record, citation: Citation, formats: list[str], links: RecordLinks, language: str
) -> list[dict]:
    """The Cite block's entries, skipping any format that gave nothing."""
    blocks = []
    for fmt in map(get_format, formats):
        entry = citation.entries.get(fmt.id)
        if entry is None or not (entry.text or entry.html):
            continue
        block = {"id": fmt.id, "label": fmt.label(language), "text": entry.text, "html": ""}
        block |= {"in_text": "", "href": links.downloads.get(fmt.id, ""), "filename": ""}
        if fmt.style:
            block["html"] = _safe_html(entry.html) if entry.html else entry.text
            if style(fmt.style).citation_format in _NAMING_CITATIONS:
                block["in_text"] = entry.in_text
        if fmt.extension:
            block["filename"] = f"{record.id}.{fmt.extension}"
        blocks.append(block)
    return blocks


def record_body(
    record: Record,
    citation: Citation,
    *,
    language: str,
    formats: list[str],
    links: RecordLinks,
    root: str,
) -> str:
    """The page's HTML body; ``root`` is the folder source paths are shown relative to."""
    return render(
        "record.html.j2",
        language,
        record=record,
        type_label=type_label(record.type, language),
        language_label=_language_label(record, language),
        extra=_other_fields(record),
        authors=[(p.display(), links.term("authors", p.display())) for p in record.authors],
        editors=[p.display() for p in record.editors],
        journal_url=links.term("journals", record.container_title),
        year_url=links.term("years", str(record.year)) if record.year else None,
        type_url=links.term("types", record.type),
        topics=[(t, links.term("topics", t.term)) for t in record.topics],
        dates=_dates(record, language),
        identifiers=_identifiers(record),
        other_links=[k for k in _safe_links(record) if k.kind not in {"doi", "pubmed", "pmc"}],
        cite=_cite_blocks(record, citation, formats, links, language),
        sources=[(_shown_path(s.path, root), s) for s in record.sources],
    )


def _other_fields(record: Record) -> list[tuple[str, list[str]]]:
    """Names in other roles, the other CSL variables, then the source's labelled values.

    Variables CSL does not define (a source system's internals) are left to the source record
    shown under "Where this record comes from"."""
    rows = [(_label(role), [p.display() for p in people]) for role, people in record.names.items()]
    rows += [
        (_label(name), [str(value)])
        for name, value in record.variables.items()
        if name in CSL_TEXT_VARIABLES and isinstance(value, (str, int, float))
    ]
    rows += [(_label(label), values) for label, values in record.extra.items()]
    return rows


def _label(name: str) -> str:
    return name.replace("_", " ").replace("-", " ").capitalize()


def _safe_html(markup: str) -> Markup:
    """The CSL processor's HTML, cut down by Ammonia (nh3) to the inline tags a reference uses:
    the one place a page takes HTML it did not escape itself gets checked all the same."""
    return Markup(nh3.clean(markup, tags=STYLED_TAGS, attributes={"span": {"style"}}))


def _language_label(record: Record, language: str) -> str:
    if record.language is None:
        return ""
    return language_name(record.language.code, record.language.name, language)


def _shown_path(path: str, root: str) -> str:
    """``content/a.ris`` rather than the builder's absolute path."""
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path, root)
    return relative if not relative.startswith("..") else os.path.basename(path)
