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
from ..i18n import type_label
from ..model import Link, Person, Record
from ..normalize import safe_url
from .fields import FIELDS, Field, detail_rows
from .meta import ALTERNATES, orcid_url
from .render import render
from .richtext import rich_inline
from .topics import topic_groups

__all__ = ["RecordLinks", "record_body", "citation_text", "DOWNLOADS"]

#: Cite-block format -> download suffix (APA is shown, not downloaded).
DOWNLOADS = {"bibtex": "bib", "ris": "ris", "csl-json": "json"}
#: Inline tags an APA reference may carry (citeproc's HTML output uses these).
APA_TAGS = {"i", "b", "em", "strong", "span", "sup", "sub"}
_IDENTIFIERS = (("doi", "DOI"), ("pubmed", "PubMed"), ("pmc", "PMC"))
#: Authors the head lists before "show all N"; the rest are one click (no script) away.
SHOWN_AUTHORS = 10


@dataclass(frozen=True)
class RecordLinks:
    """Where a record page links to, as URLs relative to the page itself."""

    #: ``(index kind, term) -> URL`` of that term's index page, or None when not indexed.
    term: Callable[[str, str], str | None]
    #: Download suffix (``bib``, ``ris``, ``json``) -> URL of the record's file.
    downloads: dict[str, str]


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
    fields: tuple[Field, ...] = FIELDS,
) -> str:
    """The page's HTML body; ``root`` is the folder source paths are shown relative to,
    ``fields`` the Details table (the site owner's ``fields`` option applied)."""
    # A book with editors and no authors names its editors in the head, as catalogues do.
    heads_by_editors = not record.authors and bool(record.editors)
    people = record.editors if heads_by_editors else record.authors
    authors, affiliations = _authors(people, links)
    return render(
        "record.html.j2",
        language,
        record=record,
        title=rich_inline(record.title),
        type_label=type_label(record.type, language),
        type_url=links.term("types", record.type),
        notices=[],
        sections=[],
        authors=authors,
        editors_only=heads_by_editors,
        shown_authors=SHOWN_AUTHORS,
        affiliations=affiliations,
        container=rich_inline(record.container_title),
        journal_url=links.term("journals", record.container_title),
        year_url=links.term("years", str(record.year)) if record.year else None,
        abstract=[(s.label, rich_inline(s.text)) for s in record.abstract],
        topic_groups=topic_groups(record, links.term, language),
        details=detail_rows(
            record, language, links.term, fields, skip={"editor"} if heads_by_editors else set()
        ),
        identifiers=_identifiers(record),
        in_text=citation.apa_in_text,
        cite=_cite_blocks(record, citation, formats, links),
        sources=[(_shown_path(s.path, root), s) for s in record.sources],
    )


@dataclass(frozen=True)
class AuthorView:
    """An author as the head shows them: name, index link, affiliation numbers, ORCID link."""

    name: str
    url: str | None
    marks: tuple[int, ...]
    orcid: str


def _authors(people: list[Person], links: RecordLinks) -> tuple[list[AuthorView], list[str]]:
    """Authors with numbered affiliations (each affiliation once, numbered in order of first
    appearance, as PubMed shows them) and the affiliations in that order."""
    numbers: dict[str, int] = {}
    authors = []
    for person in people:
        marks = []
        for affiliation in person.affiliations:
            text = " ".join(affiliation.split())
            if text:
                marks.append(numbers.setdefault(text, len(numbers) + 1))
        name = person.display()
        authors.append(
            AuthorView(name, links.term("authors", name), tuple(marks), orcid_url(person.orcid))
        )
    return authors, list(numbers)


def _safe_apa(markup: str) -> Markup:
    """The formatter's APA HTML, cut down by Ammonia (nh3) to the inline tags a reference uses:
    the one place a page takes HTML it did not escape itself gets checked all the same."""
    return Markup(nh3.clean(markup, tags=APA_TAGS, attributes={"span": {"style"}}))


def _shown_path(path: str, root: str) -> str:
    """``content/a.ris`` rather than the builder's absolute path."""
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path, root)
    return relative if not relative.startswith("..") else os.path.basename(path)
