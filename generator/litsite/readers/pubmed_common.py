"""PubMed vocabulary shared by the MEDLINE text and PubMed XML readers.

Both formats carry the same NLM data: publication types, MeSH headings, ``2019 Spring``-style
dates and abbreviated page ranges (``6913-7``). Each is read one way, here, so a record reads the
same whichever export a user brings.
"""

from __future__ import annotations

import re

from ..model import PartialDate, Record, Relation, Topic
from ..normalize import clean_doi, collapse_layout_space

__all__ = [
    "PUBLICATION_TYPES",
    "record_type",
    "parse_pubmed_date",
    "expand_pages",
    "find_issns",
    "mesh_topic",
    "strip_title_period",
    "journal_title",
    "apply_preprint",
    "RELATION_TYPES",
    "relation",
]

#: PubMed XML ``CommentsCorrections/@RefType`` and MEDLINE tag -> ``model.RELATION_KINDS`` kind
#: (comments, reprints and ``Cites`` are not corrections and stay as they were).
RELATION_TYPES = {
    "RetractionIn": "retraction-in",
    "RIN": "retraction-in",
    "RetractionOf": "retraction-of",
    "ROF": "retraction-of",
    "ErratumIn": "erratum-in",
    "EIN": "erratum-in",
    "ErratumFor": "erratum-for",
    "EFR": "erratum-for",
    "ExpressionOfConcernIn": "concern-in",
    "ECI": "concern-in",
    "ExpressionOfConcernFor": "concern-for",
    "ECF": "concern-for",
    "UpdateIn": "update-in",
    "UIN": "update-in",
    "UpdateOf": "update-of",
    "UOF": "update-of",
    "RetractedandRepublishedIn": "retracted-republished-in",
    "RRI": "retracted-republished-in",
    "RetractedandRepublishedFrom": "retracted-republished-from",
    "RRF": "retracted-republished-from",
    "CorrectedandRepublishedIn": "corrected-republished-in",
    "CRI": "corrected-republished-in",
    "CorrectedandRepublishedFrom": "corrected-republished-from",
    "CRF": "corrected-republished-from",
}
#: ``PMID: 23302542`` and ``doi: 10.1118/1.4773055`` inside a MEDLINE/RefSource citation.
_CITED_PMID = re.compile(r"\bPMID:?\s*(\d+)", re.I)
_CITED_DOI = re.compile(r"\bdoi:?\s*(10\.\S+?)\.?(?:\s|$)", re.I)

#: NLM publication types (and ERIC's) -> CSL type, most specific first; the first match wins.
#: Anything else with a journal is an ``article-journal``.
PUBLICATION_TYPES = {
    "book chapter": "chapter",
    "preprint": "article",
    "dataset": "dataset",
    "dissertations/theses": "thesis",
    "doctoral dissertations": "thesis",
    "masters theses": "thesis",
    "technical report": "report",
    "congress": "paper-conference",
    "congresses": "paper-conference",
    "newspaper article": "article-newspaper",
    "book": "book",
    "books": "book",
    "collected works - general": "book",
    "legal case": "legal_case",
    "legislation": "legislation",
    "webcast": "broadcast",
    "video-audio media": "motion_picture",
}

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
#: CSL season numbers: 1 spring, 2 summer, 3 autumn, 4 winter.
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_DATE = re.compile(r"^\s*(\d{4})(?:[\s/-]+([A-Za-z]+|\d{1,2}))?(?:[\s/-]+(\d{1,2})(?!\d))?")
_ISSN = re.compile(r"\b\d{4}-?\d{3}[\dXx]\b")


def record_type(publication_types: list[str], has_journal: bool) -> str:
    """The CSL type for a record's publication types (``Journal Article``, ``Book Chapter``…)."""
    words = [p.strip().casefold() for p in publication_types]
    for name, csl_type in PUBLICATION_TYPES.items():
        if any(w == name or w.startswith(name + " ") for w in words):
            return csl_type
    return "article-journal" if has_journal else "document"


def parse_pubmed_date(text: str) -> PartialDate | None:
    """``1996 Jul 9``, ``2019 Spring``, ``2016/12//``, ``1998 Dec-1999 Jan`` (the first date).

    Text with no four-digit year is kept as a literal date rather than dropped.
    """
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        return PartialDate(literal=text)
    year, middle, day = match.groups()
    month = season = None
    if middle and middle.isdigit():
        month = int(middle) if 1 <= int(middle) <= 12 else None
    elif middle:
        month = _MONTHS.get(middle[:3].casefold())
        season = _SEASONS.get(middle.casefold())
    day_number = int(day) if day and month and 1 <= int(day) <= 31 else None
    return PartialDate(year=int(year), month=month, day=day_number, season=season)


def expand_pages(pages: str) -> str:
    """``6913-7`` -> ``6913-6917``: MEDLINE abbreviates the last page, citations must not."""
    match = re.fullmatch(r"\s*([A-Za-z]*)(\d+)\s*[-–]\s*(\d+)\s*", pages)
    if not match:
        return pages.strip()
    prefix, first, last = match.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{prefix}{first}-{last}"


def find_issns(text: str) -> list[str]:
    """ISSNs in ``0027-8424 (Print)``, ``ISSN-1234-4567`` or ``EISSN-`` (none) style values."""
    return [f"{code[:4]}-{code[-4:]}".upper() for code in _ISSN.findall(text)]


def strip_title_period(title: str) -> str:
    """PubMed ends every title with a period; a citation style adds its own."""
    title = collapse_layout_space(title)
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


def mesh_topic(descriptor: str, qualifiers: list[tuple[str, bool]], major: bool) -> Topic:
    """A MeSH heading; it is a major topic if the descriptor or any qualifier is starred."""
    return Topic(
        term=descriptor.strip(),
        scheme="mesh",
        major=major or any(flag for _, flag in qualifiers),
        qualifiers=[name.strip() for name, _ in qualifiers if name.strip()],
    )


def journal_title(title: str) -> str:
    """``Bioinformatics (Oxford, England)`` -> ``Bioinformatics``: NLM adds the place (or an
    edition) in parentheses only to tell journals apart in its catalogue; it is not the title.
    """
    return re.sub(r"\s*\([^()]*\)\s*$", "", title.strip()) or title.strip()


def apply_preprint(record: Record) -> None:
    """A preprint's "journal" is the server that posted it: CSL calls that the publisher."""
    if record.type == "article" and record.container_title and not record.publisher:
        record.publisher, record.container_title = record.container_title, ""


def relation(ref_type: str, citation: str, pmid: str = "", note: str = "") -> Relation:
    """A correction or retraction as NLM states it: the type, the citation text, and the PMID
    (from its own element, else from ``PMID: n`` in the citation) and DOI the citation names."""
    pmid = pmid or ((m := _CITED_PMID.search(citation)) and m.group(1)) or ""
    doi = (m := _CITED_DOI.search(citation)) and clean_doi(m.group(1)) or ""
    return Relation(RELATION_TYPES[ref_type], pmid=pmid, doi=doi, citation=citation, note=note)
