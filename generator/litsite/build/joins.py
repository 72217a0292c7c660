"""Links between records of the collection, joined from summaries: citations (a reference list
entry that is another record) and corrections (a retraction or erratum and the work it is
about, from whichever side states it).

Each join indexes the collection once by identifier (and, for citations, by first author and
year) and looks each reference or relation up there: O(N + references), never all pairs.
"""

from __future__ import annotations

from ..dedupe import _fold
from ..model import RELATION_KINDS
from ..pages.corrections import Correction
from .summary import Summary

__all__ = ["join_citations", "join_corrections", "by_identifier", "MIN_TITLE"]

#: A folded title shorter than this ("Editorial", "Reply") names no work by itself.
MIN_TITLE = 20


def by_identifier(summaries: list[Summary]) -> tuple[dict[str, int], dict[str, int]]:
    """PMID -> record number, and case-folded DOI -> record number (the first of each)."""
    by_pmid: dict[str, int] = {}
    by_doi: dict[str, int] = {}
    for number, summary in enumerate(summaries):
        for pmid in summary.identifiers.get("pmid", []):
            by_pmid.setdefault(pmid, number)
        for doi in summary.identifiers.get("doi", []):
            by_doi.setdefault(doi.casefold(), number)
    return by_pmid, by_doi


def join_citations(summaries: list[Summary]) -> list[tuple[list[int], list[int]]]:
    """Each record's ``(cites, cited by)``: cited records in reference-list order, citing ones
    newest first. A reference is the record it names by PMID, else DOI, else the record whose
    first author's family name and year are words of the reference and whose folded title
    (``MIN_TITLE`` characters or more) is in its text."""
    by_pmid, by_doi = by_identifier(summaries)
    by_name_year: dict[tuple[str, str], list[int]] = {}
    titles = [_fold(s.search.title) for s in summaries]
    for number, summary in enumerate(summaries):
        if summary.search.authors and summary.search.year and len(titles[number]) >= MIN_TITLE:
            family = _fold(summary.search.authors[0].partition(",")[0])
            by_name_year.setdefault((family, summary.search.year), []).append(number)
    cites: list[list[int]] = [[] for _ in summaries]
    cited_by: list[list[int]] = [[] for _ in summaries]
    for number, summary in enumerate(summaries):
        for pmid, doi, text in summary.references:
            other = by_pmid.get(pmid) if pmid else None
            if other is None and doi:
                other = by_doi.get(doi)
            if other is None and text:
                other = _match_text(text, by_name_year, titles)
            if other is not None and other != number and other not in cites[number]:
                cites[number].append(other)
                cited_by[other].append(number)
    for citing in cited_by:
        citing.sort(key=lambda n: summaries[n].issued, reverse=True)
    return list(zip(cites, cited_by, strict=True))


def _match_text(
    text: str, by_name_year: dict[tuple[str, str], list[int]], titles: list[str]
) -> int | None:
    """The record a reference's folded text names by first author, year and title."""
    words = text.split()
    years = {w for w in words if len(w) == 4 and w.isdigit()}
    for word in dict.fromkeys(words):
        for year in years:
            for number in by_name_year.get((word, year), ()):
                if titles[number] in text:
                    return number
    return None


def join_corrections(summaries: list[Summary], urls: list[str]) -> list[list[Correction]]:
    """Each record's corrections: its own relations, each linked to the other work's page
    (``urls``: site-root URL per record) when that is in the collection, plus the reverse of
    every relation another record has to it (a notice naming it marks it)."""
    by_pmid, by_doi = by_identifier(summaries)
    joined: list[list[Correction]] = [[] for _ in summaries]
    seen: set[tuple] = set()

    def add(number: int, key: object, correction: Correction) -> None:
        if (number, correction.kind, key) not in seen:
            seen.add((number, correction.kind, key))
            joined[number].append(correction)

    for number, summary in enumerate(summaries):
        for relation in summary.relations:
            other = by_pmid.get(relation.pmid) if relation.pmid else None
            if other is None and relation.doi:
                other = by_doi.get(relation.doi.casefold())
            if other is None or other == number:
                key = (relation.pmid, relation.doi.casefold(), relation.citation)
                outside = Correction(
                    relation.kind, relation.citation, "", relation.pmid, relation.doi
                )
                add(number, key, outside)
                continue
            add(
                number, other, Correction(relation.kind, summaries[other].search.title, urls[other])
            )
            back = Correction(RELATION_KINDS[relation.kind], summary.search.title, urls[number])
            add(other, number, back)
    return joined
