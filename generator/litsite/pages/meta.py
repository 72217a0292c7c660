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
from ..model import PartialDate, Person, Record
from ..normalize import safe_url
from .render import html
from .richtext import plain_text

__all__ = [
    "feed_link",
    "head_html",
    "json_ld",
    "description",
    "coins",
    "page_range",
    "highwire_date",
    "orcid_url",
    "ZOTERO_TYPES",
]

#: CSL type -> schema.org type.
_SCHEMA_TYPES = {
    "article-journal": "ScholarlyArticle",
    "article": "ScholarlyArticle",
    "article-magazine": "Article",
    "article-newspaper": "NewsArticle",
    "paper-conference": "ScholarlyArticle",
    "review": "Review",
    "book": "Book",
    "chapter": "Chapter",
    "thesis": "Thesis",
    "report": "Report",
    "dataset": "Dataset",
    "webpage": "WebPage",
}
#: CSL type -> Zotero item type, declared as ``DC.type`` (Zotero's RDF reader takes a Zotero
#: type name as it is) so that a record without the Highwire tag that implies its type (a book
#: without ISBN, a thesis without institution) still arrives as what it is.
ZOTERO_TYPES = {
    "article-journal": "journalArticle",
    "article": "journalArticle",
    "review": "journalArticle",
    "article-magazine": "magazineArticle",
    "article-newspaper": "newspaperArticle",
    "book": "book",
    "chapter": "bookSection",
    "entry-encyclopedia": "encyclopediaArticle",
    "entry-dictionary": "dictionaryEntry",
    "paper-conference": "conferencePaper",
    "thesis": "thesis",
    "report": "report",
    "webpage": "webpage",
    "dataset": "dataset",
    "manuscript": "manuscript",
    "map": "map",
    "patent": "patent",
    "motion_picture": "film",
    "song": "audioRecording",
    "graphic": "artwork",
    "interview": "interview",
    "personal_communication": "letter",
    "legislation": "statute",
    "legal_case": "case",
    "software": "computerProgram",
    "speech": "presentation",
    "post-weblog": "blogPost",
    "post": "forumPost",
}
#: Types whose ``container-title`` is a journal (``citation_journal_title``).
_PERIODICAL_TYPES = {"article-journal", "article", "review", "article-magazine", "periodical"}
#: Types whose ``container-title`` is a book (``citation_inbook_title``).
_IN_BOOK_TYPES = {"chapter", "entry-encyclopedia", "entry-dictionary", "entry", "paper-conference"}
_ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dXx]")
#: A description longer than this is cut at a word (search engines show about 160 characters).
DESCRIPTION_LENGTH = 300
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def orcid_url(value: str) -> str:
    """``https://orcid.org/0000-0002-1825-0097`` from an ORCID iD in any usual form; "" when
    ``value`` holds none."""
    found = _ORCID.search(value or "")
    return f"https://orcid.org/{found.group(0).upper()}" if found else ""


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


def _people(tag: str, people: list[Person]) -> Iterator[tuple[str, str]]:
    """Each person, then their institutions and ORCID: Google Scholar and Zotero pair
    ``citation_author_institution`` with the ``citation_author`` before it."""
    for person in people:
        yield tag, person.display()
        if tag == "citation_author":
            for affiliation in person.affiliations:
                yield "citation_author_institution", affiliation
            yield "citation_author_orcid", orcid_url(person.orcid)


def _container(record: Record) -> Iterator[tuple[str, str]]:
    """The tag that names the container is the one that tells Zotero the item type, so it
    follows the record's type (Zotero takes the last type-giving tag: conference last)."""
    kind = record.type
    if kind in _PERIODICAL_TYPES:
        yield "citation_journal_title", plain_text(record.container_title)
        yield "citation_journal_abbrev", record.container_title_short
    elif kind in _IN_BOOK_TYPES:
        yield "citation_inbook_title", plain_text(record.container_title)
    if kind == "paper-conference":
        event = str(record.variables.get("event-title") or record.variables.get("event") or "")
        yield "citation_conference_title", event or plain_text(record.container_title)
    elif kind == "thesis":
        yield "citation_dissertation_institution", record.publisher
    elif kind == "report":
        yield "citation_technical_report_institution", record.publisher
        yield "citation_technical_report_number", record.number
    yield "citation_series_title", plain_text(record.collection_title)


def _highwire(record: Record, page_url: str) -> Iterator[tuple[str, str]]:
    yield "citation_title", plain_text(record.title)
    yield from _people("citation_author", record.authors)
    yield from _people("citation_editor", record.editors)
    yield "citation_publication_date", highwire_date(record.issued)
    yield from _container(record)
    yield "citation_volume", record.volume
    yield "citation_issue", record.issue
    first, last = page_range(record.page)
    yield "citation_firstpage", first
    yield "citation_lastpage", last
    if record.type not in {"thesis", "report"}:
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
    yield "citation_abstract", plain_text(record.abstract_text)
    yield "citation_abstract_html_url", page_url
    yield "citation_public_url", page_url
    for link in record.links:
        if link.kind == "pdf" and safe_url(link.url):
            yield "citation_pdf_url", safe_url(link.url)
            break


def description(record: Record) -> str:
    """The start of the abstract, cut at a word: what a search result or link preview shows
    under the title. "" without an abstract (Zotero would take any ``description`` as one)."""
    text = " ".join(plain_text(record.abstract_text).split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:.")
    return f"{cut}…"


def _previews(record: Record, page_url: str, site_name: str, cited: str):
    """Open Graph and Twitter card tags for link previews (chat apps, social sites).

    ``og:description`` only from the abstract: Zotero reads Open Graph too and would store
    any other text as the abstract; ``twitter:description`` (which Zotero ignores) falls back
    to the citation so a preview of a record without abstract still says what it is."""
    title = plain_text(record.title)
    summary = description(record)
    yield "og:type", "book" if record.type == "book" else "article"
    yield "og:title", title
    yield "og:url", page_url
    yield "og:site_name", site_name
    yield "og:description", summary
    yield "twitter:card", "summary"
    yield "twitter:title", title
    yield "twitter:description", summary or " ".join(plain_text(cited).split())[:DESCRIPTION_LENGTH]
    yield "DC.type", ZOTERO_TYPES.get(record.type, "document")


def _person_ld(person: Person) -> dict:
    if person.is_organisation:
        return {"@type": "Organization", "name": person.literal}
    data: dict = {
        "@type": "Person",
        "name": person.display(),
        "familyName": " ".join(p for p in (person.non_dropping_particle, person.family) if p),
        "givenName": person.given,
        "affiliation": [{"@type": "Organization", "name": a} for a in person.affiliations],
        "sameAs": orcid_url(person.orcid),
    }
    return {k: v for k, v in data.items() if v}


def _part_of(record: Record) -> dict | None:
    """Where the work appeared: an issue of a volume of a periodical (schema.org's chain),
    or the book a chapter is in."""
    if not record.container_title:
        return None
    name = plain_text(record.container_title)
    if record.type in _IN_BOOK_TYPES:
        return {"@type": "Book", "name": name}
    part: dict = {"@type": "Periodical", "name": name}
    if record.issn:
        part["issn"] = record.issn
    if record.volume:
        part = {"@type": "PublicationVolume", "volumeNumber": record.volume, "isPartOf": part}
    if record.issue:
        part = {"@type": "PublicationIssue", "issueNumber": record.issue, "isPartOf": part}
    return part


def json_ld(record: Record, page_url: str) -> dict:
    """A schema.org description of the work (search engines read it; Zotero does not). Every
    property is one schema.org defines for the type it is on (a test checks them against
    the schema.org vocabulary)."""
    kind = _SCHEMA_TYPES.get(record.type, "CreativeWork")
    title = plain_text(record.title)
    data: dict = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": title,
        "headline": title[:110] if kind in {"ScholarlyArticle", "Article", "NewsArticle"} else "",
        "author": [_person_ld(p) for p in record.authors],
        "editor": [_person_ld(p) for p in record.editors],
        "datePublished": record.issued.iso() if record.issued else "",
        "abstract": plain_text(record.abstract_text),
        "keywords": [t.term for t in record.topics],
        "inLanguage": record.language.code if record.language else "",
        "sameAs": _identifier_urls(record),
        "url": page_url,
        "license": record.license if safe_url(record.license) else "",
        "isPartOf": _part_of(record),
        "identifier": [
            {"@type": "PropertyValue", "propertyID": name, "value": value}
            for name, value in (("DOI", record.doi), ("PMID", record.pmid), ("PMCID", record.pmcid))
            if value
        ],
    }
    if record.publisher:
        organisation = {"@type": "Organization", "name": record.publisher}
        data["sourceOrganization" if kind in {"Thesis", "Report"} else "publisher"] = organisation
    if kind == "Book":
        data.update(isbn=record.isbn, bookEdition=record.edition)
        pages = str(record.variables.get("number-of-pages") or "")
        if pages.isdigit():
            data["numberOfPages"] = int(pages)
    if kind in {"ScholarlyArticle", "Article", "NewsArticle", "Review", "Chapter"}:
        first, last = page_range(record.page)
        data.update(pageStart=first, pageEnd=last)
    return {k: v for k, v in data.items() if v not in ("", [], None)}


def _script_json(data: dict) -> str:
    """JSON that cannot close its ``<script>`` element or open a comment: ``<>&`` as ``\\u00XX``."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def feed_link(href: str, title: str) -> str:
    """The ``<link rel="alternate">`` by which feed readers find a page's Atom feed."""
    return str(
        Markup('<link rel="alternate" type="application/atom+xml" title="{}" href="{}">').format(
            title, href
        )
    )


def head_html(
    record: Record,
    page_url: str,
    downloads: dict[str, str],
    *,
    site_name: str = "",
    cited: str = "",
) -> str:
    """Everything a record page adds to ``<head>``: description, Highwire, Open Graph and
    Twitter tags, alternate links, JSON-LD; ``downloads`` maps format id -> relative URL (the
    machine-readable ones, not CSL-styled text, become alternate links) and ``cited`` is the
    record's reference as text (a preview's fallback description)."""
    tags = [("description", description(record)), *_highwire(record, page_url)]
    tags += _previews(record, page_url, site_name, cited)
    parts = [
        Markup('<meta {}="{}" content="{}">').format(
            "property" if name.startswith("og:") else "name", name, html(value)
        )
        for name, value in tags
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
