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

from ..citations import Citation
from ..csl import CSL_TEXT_VARIABLES
from ..i18n import format_partial_date, language_name, messages, type_label
from ..model import Link, Record
from ..normalize import safe_url
from .meta import ALTERNATES
from .render import render

__all__ = ["RecordLinks", "record_body", "citation_text", "DOWNLOADS"]

#: Cite-block format -> download suffix (APA is shown, not downloaded).
DOWNLOADS = {"bibtex": "bib", "ris": "ris", "csl-json": "json"}
#: Inline tags an APA reference may carry (citeproc's HTML output uses these).
APA_TAGS = {"i", "b", "em", "strong", "span", "sup", "sub"}
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
    #: Download suffix (``bib``, ``ris``, ``json``) -> URL of the record's file.
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


def citation_text(citation: Citation, fmt: str) -> str:
    """The text of a downloadable format (``bibtex``, ``ris``, ``csl-json``)."""
    return {"bibtex": citation.bibtex, "ris": citation.ris, "csl-json": citation.csl_json}[fmt]


def _cite_blocks(record: Record, citation: Citation, formats: list[str], links: RecordLinks):
    """The Cite block's entries, skipping any format whose writer gave nothing."""
    blocks = []
    for fmt in formats:
        if fmt == "apa" and (citation.apa_html or citation.apa_text):
            rendered = _safe_apa(citation.apa_html) if citation.apa_html else citation.apa_text
            blocks.append({"id": "apa", "label": "APA", "html": rendered, "text": "", "href": ""})
        elif fmt in DOWNLOADS and citation_text(citation, fmt):
            suffix = DOWNLOADS[fmt]
            blocks.append(
                {
                    "id": fmt,
                    "label": ALTERNATES[suffix][1],
                    "html": "",
                    "text": citation_text(citation, fmt),
                    "href": links.downloads.get(suffix, ""),
                    "filename": f"{record.id}.{suffix}",
                }
            )
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
        in_text=citation.apa_in_text,
        cite=_cite_blocks(record, citation, formats, links),
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


def _safe_apa(markup: str) -> Markup:
    """The formatter's APA HTML, cut down by Ammonia (nh3) to the inline tags a reference uses:
    the one place a page takes HTML it did not escape itself gets checked all the same."""
    return Markup(nh3.clean(markup, tags=APA_TAGS, attributes={"span": {"style"}}))


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
