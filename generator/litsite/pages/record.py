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
from ..files import site_path
from ..i18n import N_, messages, type_label
from ..model import Link, Person, Record
from ..normalize import safe_url
from .fields import FIELDS, Field, detail_rows
from .meta import orcid_url
from .render import render
from .richtext import rich_inline
from .topics import topic_groups

__all__ = ["RecordLinks", "record_body", "downloads"]

#: Inline tags a CSL-styled reference may carry (citeproc's HTML output uses these).
STYLED_TAGS = {"i", "b", "em", "strong", "span", "sup", "sub"}
#: Styles whose in-text citation names the work (a numeric one's "[1]" says nothing alone).
_NAMING_CITATIONS = ("author-date", "author", "label")
_IDENTIFIERS = (("doi", "DOI"), ("pubmed", "PubMed"), ("pmc", "PMC"))
#: Authors the head lists before "show all N"; the rest are one click (no script) away.
SHOWN_AUTHORS = 10


#: Sections of records a record page may end with: kind -> heading (a msgid).
SECTIONS = {
    "related": N_("Related records"),
    "cites": N_("Cites in this collection"),
    "cited-by": N_("Cited by in this collection"),
}


def record_sections(
    lists: list[tuple[str, list[tuple[str, str, object]]]], language: str
) -> list[dict]:
    """``{"kind", "title", "html"}`` per non-empty list of ``(url, title, year)`` records."""
    gettext = messages(language).gettext
    return [
        {
            "kind": kind,
            "title": f"{gettext(SECTIONS[kind])} ({len(rows)})",
            "html": Markup(render("records_brief.html.j2", language, rows=rows)),
        }
        for kind, rows in lists
        if rows
    ]


@dataclass(frozen=True)
class RecordLinks:
    """Where a record page links to, as URLs relative to the page itself."""

    #: ``(index kind, term) -> URL`` of that term's index page, or None when not indexed.
    term: Callable[[str, str], str | None]
    #: Format id -> URL of the record's download in that format.
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
    fields: tuple[Field, ...] = FIELDS,
    notices: list[dict] = (),
    sections: list[dict] = (),
    commentary: Markup | None = None,
) -> str:
    """The page's HTML body; ``root`` is the folder source paths are shown relative to,
    ``fields`` the Details table (the site owner's ``fields`` option applied), ``notices``
    the banners above its head (``pages.corrections.banners``), ``sections`` those before
    the Cite block (``record_sections``), ``commentary`` the site owner's rendered Markdown
    (``pages.commentary``), shown in a section of its own before them."""
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
        notices=list(notices),
        sections=[*_commentary_section(commentary, language), *sections],
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
        cite=_cite_blocks(record, citation, formats, links, language),
        sources=[
            (site_path(s.path, root) if os.path.isabs(s.path) else s.path, s)
            for s in record.sources
        ],
    )


def _commentary_section(commentary: Markup | None, language: str) -> list[dict]:
    if not commentary:
        return []
    return [
        {
            "kind": "commentary",
            "title": messages(language).gettext("Commentary"),
            "html": commentary,
        }
    ]


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


def _safe_html(markup: str) -> Markup:
    """The CSL processor's HTML, cut down by Ammonia (nh3) to the inline tags a reference uses:
    the one place a page takes HTML it did not escape itself gets checked all the same."""
    return Markup(nh3.clean(markup, tags=STYLED_TAGS, attributes={"span": {"style"}}))
