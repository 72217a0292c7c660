"""What Zotero's "Embedded Metadata" translator makes of a page's ``<meta>`` tags.

Zotero's translation-server is not on the package registries this project can use, so this is a
transcription of the rules of ``Embedded Metadata.js`` (zotero/translators, 2026) that decide the
fields the tests check: the item type (``init``: the last type-giving Highwire tag wins; with
Open Graph or Dublin Core tags present the RDF translator decides when no Highwire tag did,
``og:type`` before ``dc:type``), creators (``processHighwireCreators``: a lone ``citation_author``
holding two comma-separated multi-word names is split; ``cleanAuthor`` takes ``Family, Given``),
pages (``firstpage``-``lastpage``), the date, and the abstract (``citation_abstract``, else the
RDF translator's ``og:description``, else ``<meta name="description">``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Embedded Metadata's RDF prefixes: a meta tag named with one makes the RDF translator run.
RDF_PREFIXES = {
    "bib", "bibo", "dc", "dcterms", "prism", "foaf", "vcard", "link", "z", "eprint", "eprints",
    "og", "article", "book", "music", "video", "so", "codemeta", "rdf",
}  # fmt: skip
#: Highwire tag -> the item type it implies (``init``'s switch).
HIGHWIRE_TYPES = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}
#: ``og:type`` -> item type (RDF.js ``detectType``; ``article`` is only a guess).
OG_TYPES = {"book": "book", "website": "webpage", "video.movie": "videoRecording"}
#: Zotero item types a ``dc:type`` may name directly (``ZU.itemTypeExists``), those used here.
ZOTERO_TYPES = {
    "journalArticle", "book", "bookSection", "conferencePaper", "thesis", "report", "webpage",
    "magazineArticle", "newspaperArticle", "dataset", "manuscript", "map", "document",
}  # fmt: skip


class _Metas(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "meta":
            values = dict(attrs)
            name = values.get("name") or values.get("property")
            if name and values.get("content"):
                self.tags.append((name, values["content"]))


@dataclass
class Item:
    item_type: str | None
    title: str = ""
    creators: list[tuple[str, str]] = field(default_factory=list)
    publication_title: str = ""
    date: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    abstract: str = ""


def _trim(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _item_type(tags: list[tuple[str, str]]) -> str | None:
    highwire = guess = None
    rdf = False
    for name, _value in tags:
        for tag in name.split():
            parts = re.split(r"[.:_]", tag)
            if parts[0].lower() in RDF_PREFIXES:
                rdf = True
                continue
            short = tag[tag.rfind("citation_") :] if "citation_" in tag else tag
            if short in HIGHWIRE_TYPES:
                highwire = HIGHWIRE_TYPES[short]
            elif short in {"citation_title", "citation_series_title"}:
                guess = guess or "journalArticle"
            elif short == "citation_isbn":
                guess = "book"
    if highwire or not rdf:
        return highwire or guess
    first = {name.lower(): value for name, value in reversed(tags)}
    og = OG_TYPES.get(first.get("og:type", ""))
    dc = first.get("dc.type", "")
    return og or (dc if dc in ZOTERO_TYPES else None) or guess or "webpage"


def _creators(values: list[str]) -> list[tuple[str, str]]:
    names = [n for v in values for n in re.split(r"\s*;\s*", v)]
    if len(values) == 1 and len(names) == 1:
        by_comma = re.split(r"\s*,\s*", names[0])
        if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
            names = by_comma
    creators: list[tuple[str, str]] = []
    last = None
    for name in (n.strip() for n in names):
        if not name or not re.search(r"[^\s,\-.;]", name) or name == last:
            continue
        last = name
        family, comma, given = name.partition(",")
        creators.append((family.strip(), given.strip()) if comma else (name, ""))
    return creators


def _pages(first: str, last: str) -> str:
    first, last = first.replace("–", "-"), last.replace("–", "-")
    if "-" in first:
        first, _, rest = first.partition("-")
        last = last or rest
    if "-" in last:
        first = first or last.split("-")[0]
        last = last.split("-")[1]
    return f"{first.strip()}-{last.strip()}" if first.strip() and last.strip() else first.strip()


def read_page(html: str) -> Item:
    """The item Embedded Metadata would save from ``html``."""
    parser = _Metas()
    parser.feed(html)
    tags = parser.tags

    def first(name: str) -> str:
        return next((_trim(v) for n, v in tags if n == name), "")

    def every(name: str) -> list[str]:
        return [v for n, v in tags if n == name]

    abstract = first("citation_abstract") or first("og:description") or first("description")
    date = ""
    for name in ("citation_publication_date", "citation_cover_date", "citation_date"):
        date = first(name) or date
    publication = ""
    for name in ("citation_journal_title", "citation_inbook_title"):
        publication = first(name) or publication
    return Item(
        item_type=_item_type(tags),
        title=first("citation_title") or first("og:title"),
        creators=_creators(every("citation_author") or every("citation_authors")),
        publication_title=publication,
        date=date,
        volume=first("citation_volume"),
        issue=first("citation_issue"),
        pages=_pages(first("citation_firstpage"), first("citation_lastpage")),
        doi=first("citation_doi"),
        abstract=abstract,
    )
