"""PubMed XML (efetch ``PubmedArticleSet``): journal articles and NCBI Bookshelf documents.

Parsed by lxml through ``xmlsafe`` (no entities, no DTD, no network); inline markup in titles
and abstracts (``<i>``, ``<sup>``) is flattened to its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..errors import RecordError
from ..model import AbstractSection, Link, PartialDate, Person, Record, Reference, Source, Topic
from ..normalize import clean_doi, collapse_layout_space, normalize, parse_language
from ..report import Report
from .pubmed_common import (
    RELATION_TYPES,
    apply_preprint,
    expand_pages,
    find_issns,
    journal_title,
    mesh_topic,
    parse_pubmed_date,
    record_type,
    relation,
    strip_title_period,
)
from .xmlsafe import parse_xml

__all__ = ["PubmedXmlReader"]

#: ``ArticleId``/``ELocationID`` types kept under ``source_ids`` (DOI, PMID and PMCID have fields).
SOURCE_ID_TYPES = ("pii", "mid", "bookaccession", "pmcpid", "pmpid", "sici")
_ARTICLE_TAGS = ("PubmedArticle", "PubmedBookArticle")


class PubmedXmlReader:
    """``PubmedArticleSet``/``PubmedBookArticleSet``: one record per article or book document."""

    name = "pubmed-xml"
    suffixes = (".xml",)

    def sniff(self, head: str) -> bool:
        return bool(re.search(r"<(PubmedArticleSet|PubmedBookArticleSet|PubmedArticle)[\s>]", head))

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]:
        root = parse_xml(path, data, report)
        articles = [root] if root.tag in _ARTICLE_TAGS else root.iterchildren(*_ARTICLE_TAGS)
        for index, article in enumerate(articles, 1):
            source = Source(str(path), index, self.name, line=article.sourceline)
            source.original = etree.tostring(article, encoding="unicode")
            citation = article.find("MedlineCitation")
            if citation is None:
                citation = article.find("BookDocument")
            if citation is None or not (
                _text(citation, "PMID") or _text(citation, ".//ArticleTitle")
            ):
                report.error(
                    RecordError(
                        path,
                        f"<{article.tag}> has no PMID and no title; skipped",
                        record=index,
                        line=article.sourceline,
                    )
                )
                continue
            build = _book_record if citation.tag == "BookDocument" else _article_record
            try:
                yield build(citation, article, source)
            except ValueError as exc:
                report.error(RecordError(path, str(exc), record=index, line=article.sourceline))


#: PubMed's inline markup in titles and abstracts -> CSL rich-text tags (``<u>`` has none).
RICH_TAGS = {"i": "i", "b": "b", "sup": "sup", "sub": "sub", "u": ""}


def _flat(element: etree._Element | None) -> str:
    """An element's text, inline markup flattened, layout white space collapsed."""
    if element is None:
        return ""
    text = "".join(element.itertext()) if len(element) else element.text or ""
    return collapse_layout_space(text)


def _rich(element: etree._Element | None) -> str:
    """A title's or abstract's text with PubMed's ``<i>``, ``<b>``, ``<sup>``, ``<sub>`` kept
    as CSL rich text."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        tag = RICH_TAGS.get(child.tag if isinstance(child.tag, str) else "")
        inner = _rich(child)
        parts.append(f"<{tag}>{inner}</{tag}>" if tag and inner.strip() else inner)
        parts.append(child.tail or "")
    return collapse_layout_space("".join(parts))


def _text(element: etree._Element, path: str) -> str:
    return _flat(element.find(path))


def _article_record(citation: etree._Element, article: etree._Element, source: Source) -> Record:
    """A ``MedlineCitation`` journal article."""
    art = citation.find("Article")
    art = art if art is not None else etree.Element("Article")
    journal = art.find("Journal")
    journal = journal if journal is not None else etree.Element("Journal")
    publication_types = [_flat(t) for t in art.iterfind("PublicationTypeList/PublicationType")]
    container = journal_title(_text(journal, "Title"))
    record = Record(
        type=record_type(publication_types, has_journal=bool(container)),
        title=strip_title_period(
            _rich(art.find("ArticleTitle")) or _rich(art.find("VernacularTitle"))
        ),
        container_title=container,
        container_title_short=_text(journal, "ISOAbbreviation")
        or _text(citation, "MedlineJournalInfo/MedlineTA"),
        volume=_text(journal, "JournalIssue/Volume"),
        issue=_text(journal, "JournalIssue/Issue"),
        page=_pages(art),
        issued=_date(journal.find("JournalIssue/PubDate")),
        issn=[c for issn in journal.iterfind("ISSN") for c in find_issns(_flat(issn))],
        formats=publication_types,
        rights=_text(art, "Abstract/CopyrightInformation"),
        sources=[source],
    )
    record.authors = _people(art.find("AuthorList"))
    record.abstract = _abstract(art.find("Abstract"))
    if (epub := _date(art.find("ArticleDate"))) and epub.year:
        record.dates["available-date"] = epub
    record.issn += find_issns(_text(citation, "MedlineJournalInfo/ISSNLinking"))
    if country := _text(citation, "MedlineJournalInfo/Country"):
        record.extra["country of publication"] = [country]
    grants = [
        " / ".join(_flat(part) for part in grant if _flat(part))
        for grant in art.iterfind("GrantList/Grant")
    ]
    if grants:
        record.extra["grant"] = grants
    _add_common(record, citation, article, art.iterfind("Language"))
    apply_preprint(record)
    return normalize(record)


def _book_record(document: etree._Element, article: etree._Element, source: Source) -> Record:
    """A Bookshelf ``BookDocument``: a chapter when it has its own title, else the book."""
    book = document.find("Book")
    book = book if book is not None else etree.Element("Book")
    chapter_title = _rich(document.find("ArticleTitle"))
    book_title = _rich(book.find("BookTitle"))
    publication_types = [_flat(t) for t in document.iterfind("PublicationType")]
    record = Record(
        type="chapter" if chapter_title else "book",
        title=strip_title_period(chapter_title or book_title),
        container_title=book_title if chapter_title else "",
        collection_title=_text(book, "CollectionTitle"),
        volume=_text(book, "Volume"),
        edition=_text(book, "Edition"),
        page=_pages(document),
        publisher=_text(book, "Publisher/PublisherName"),
        publisher_place=_text(book, "Publisher/PublisherLocation"),
        issued=_date(book.find("PubDate")),
        isbn=[_flat(i) for i in book.iterfind("Isbn")],
        formats=publication_types,
        sources=[source],
    )
    for people in document.findall("AuthorList") + book.findall("AuthorList"):
        names = _people(people)
        if people.get("Type") == "editors":
            record.editors += names
        elif not record.authors:  # the chapter's own authors, else the book's
            record.authors = names
    record.abstract = _abstract(document.find("Abstract"))
    for element in book.iterfind("ELocationID"):
        _add_id(record, element.get("EIdType", ""), _flat(element))
    _add_common(record, document, article, document.iterfind("Language"))
    return normalize(record)


def _add_common(
    record: Record, citation: etree._Element, article: etree._Element, languages
) -> None:
    """PMID, article ids, e-locations, language, MeSH, keywords, and retractions and
    corrections: the same in both kinds."""
    record.pmid = _text(citation, "PMID")
    for data in article.findall("PubmedData") + article.findall("PubmedBookData"):
        for reference in data.iter("Reference"):
            ids = {i.get("IdType"): _flat(i) for i in reference.iterfind("ArticleIdList/ArticleId")}
            record.references.append(
                Reference(
                    pmid=ids.get("pubmed", ""),
                    doi=clean_doi(ids.get("doi", "")),
                    citation=_text(reference, "Citation"),
                )
            )
    for item in citation.iterfind("CommentsCorrectionsList/CommentsCorrections"):
        if (ref_type := item.get("RefType", "")) in RELATION_TYPES:
            found = relation(
                ref_type, _text(item, "RefSource"), _text(item, "PMID"), _text(item, "Note")
            )
            record.relations.append(found)
    id_lists = article.findall("PubmedData/ArticleIdList") + article.findall(
        "PubmedBookData/ArticleIdList"
    )
    id_lists += citation.findall("ArticleIdList")
    for element in [i for ids in id_lists for i in ids.iterfind("ArticleId")] + citation.findall(
        "Article/ELocationID"
    ):
        _add_id(record, element.get("IdType") or element.get("EIdType") or "", _flat(element))
    codes = [_flat(language) for language in languages if _flat(language)]
    if codes:
        record.language = parse_language(codes[0].casefold())
        if len(codes) > 1:
            record.extra["language"] = codes
    for heading in citation.iterfind("MeshHeadingList/MeshHeading"):
        descriptor = heading.find("DescriptorName")
        if descriptor is None:
            continue
        qualifiers = [
            (_flat(q), q.get("MajorTopicYN") == "Y") for q in heading.iterfind("QualifierName")
        ]
        record.topics.append(
            mesh_topic(_flat(descriptor), qualifiers, major=descriptor.get("MajorTopicYN") == "Y")
        )
    for keyword in citation.iterfind("KeywordList/Keyword"):
        if term := _flat(keyword):
            record.topics.append(
                Topic(term=term, scheme="keyword", major=keyword.get("MajorTopicYN") == "Y")
            )


def _add_id(record: Record, kind: str, value: str) -> None:
    kind = kind.casefold()
    if not value:
        return
    if kind == "doi":
        record.doi = record.doi or clean_doi(value)
    elif kind == "pmc":
        record.pmcid = record.pmcid or value
    elif kind == "pubmed":
        record.pmid = record.pmid or value
    elif kind == "bookaccession":
        record.source_ids.setdefault(kind, value)
        record.links.append(
            Link(url=f"https://www.ncbi.nlm.nih.gov/books/{value}/", kind="fulltext")
        )
    elif kind in SOURCE_ID_TYPES:
        record.source_ids.setdefault(kind, value)


def _people(author_list: etree._Element | None) -> list[Person]:
    """Authors in order: ``LastName``/``ForeName`` (``Initials`` when no fore name), or a group."""
    people: list[Person] = []
    if author_list is None:
        return people
    for author in author_list.iterfind("Author"):
        if collective := _text(author, "CollectiveName"):
            person = Person(literal=collective.rstrip("."))
        else:
            initials = _text(author, "Initials")
            person = Person(
                family=_text(author, "LastName"),
                given=_text(author, "ForeName") or " ".join(initials),
                suffix=_text(author, "Suffix"),
            )
            if not person.family:
                continue
        for identifier in author.iterfind("Identifier"):
            if identifier.get("Source") == "ORCID" and (
                m := re.search(r"[\d-]{15,18}[\dX]", _flat(identifier))
            ):
                person.orcid = m.group(0)
        person.affiliations = [_flat(a) for a in author.iterfind("AffiliationInfo/Affiliation")]
        people.append(person)
    return people


def _abstract(abstract: etree._Element | None) -> list[AbstractSection]:
    """Sections from ``AbstractText`` elements, labelled by their ``Label`` attribute."""
    if abstract is None:
        return []
    return [
        AbstractSection(text=_rich(part), label=part.get("Label", "").strip())
        for part in abstract.iterfind("AbstractText")
        if _flat(part)
    ]


def _date(element: etree._Element | None) -> PartialDate | None:
    """``PubDate``/``ArticleDate``: Year, Month (``Feb`` or ``02``), Day, Season or MedlineDate."""
    if element is None:
        return None
    if medline := _text(element, "MedlineDate"):
        return parse_pubmed_date(medline)
    parts = [_text(element, name) for name in ("Year", "Month", "Season", "Day")]
    return parse_pubmed_date(" ".join(p for p in parts if p))


def _pages(element: etree._Element) -> str:
    """``MedlinePgn`` (abbreviated, expanded here), else Start/EndPage, else an e-location."""
    if pages := _text(element, "Pagination/MedlinePgn"):
        return expand_pages(pages)
    start, end = _text(element, "Pagination/StartPage"), _text(element, "Pagination/EndPage")
    if start:
        return f"{start}-{end}" if end else start
    for location in element.iterfind("ELocationID"):
        if location.get("EIdType") not in ("doi", "pii"):
            return _flat(location)
    return ""
