"""Index pages: one page per topic, author, year, journal and type, plus their overviews and home.

Sizes stay O(records): an overview lists its terms with counts (split by initial letter when
long), a term page lists its records (title, authors, source; never abstracts), and the home page
lists counts and the newest records only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..i18n import messages, sort_key, type_label
from ..ids import slugify
from ..model import Record
from .meta import coins
from .render import render

__all__ = [
    "Term",
    "Facet",
    "build_facets",
    "facet_terms",
    "facet_title",
    "term_key",
    "listing",
    "newest_first",
    "term_page",
    "overview_page",
    "home_page",
]

#: An overview with more terms than this lists initial letters, each letter a page of terms.
LETTER_THRESHOLD = 400
#: Index kind -> page heading (a msgid).
FACET_TITLES = {
    "topics": "Topics",
    "authors": "Authors",
    "years": "Years",
    "journals": "Journals and sources",
    "types": "Types",
}


def facet_terms(record: Record, kind: str) -> list[str]:
    """The terms ``record`` is listed under in the ``kind`` index."""
    if kind == "topics":
        return [t.term for t in record.topics if t.term.strip()]
    if kind == "authors":
        return [p.display() for p in record.authors if p.display().strip()]
    if kind == "years":
        return [str(record.year)] if record.year else []
    if kind == "journals":
        return [record.container_title] if record.container_title.strip() else []
    if kind == "types":
        return [record.type]
    raise ValueError(f"unknown index kind {kind!r}")


def term_key(term: str) -> str:
    """Terms that differ only in case or spacing are one index entry."""
    return " ".join(term.split()).casefold()


@dataclass
class Term:
    """One entry of an index: its label as first seen, its page slug and its records."""

    label: str
    slug: str
    records: list[int] = field(default_factory=list)


@dataclass
class Facet:
    """All the terms of one index kind, sorted for display, with lookup by term."""

    kind: str
    terms: list[Term]
    by_key: dict[str, Term]

    def term_uri(self, term: Term) -> str:
        return f"{self.kind}/{term.slug}.md"

    def letter_uri(self, letter: str) -> str:
        return f"{self.kind}/_{slugify(letter) or '0'}.md"

    @property
    def overview_uri(self) -> str:
        return f"{self.kind}/index.md"

    def letters(self) -> dict[str, list[Term]]:
        """Terms by initial letter (diacritics folded), or {} when one page holds them all."""
        if len(self.terms) <= LETTER_THRESHOLD:
            return {}
        groups: dict[str, list[Term]] = {}
        for term in self.terms:
            initial = sort_key(term.label)[0][:1].upper()
            groups.setdefault(initial if initial.isalpha() else "#", []).append(term)
        return groups


def _sorted_terms(kind: str, terms: Iterable[Term], language: str) -> list[Term]:
    if kind == "years":
        return sorted(terms, key=lambda t: int(t.label), reverse=True)
    if kind == "types":
        return sorted(terms, key=lambda t: sort_key(type_label(t.label, language), language))
    return sorted(terms, key=lambda t: sort_key(t.label, language))


def build_facets(records: list[Record], kinds: list[str], language: str) -> dict[str, Facet]:
    """Every index with unique, file-system-safe slugs (clashes get ``-2``, ``-3``…)."""
    facets = {}
    for kind in kinds:
        by_key: dict[str, Term] = {}
        taken: set[str] = {"index"}
        for number, record in enumerate(records):
            for label in dict.fromkeys(facet_terms(record, kind)):
                key = term_key(label)
                if key not in by_key:
                    slug = wanted = slugify(label) or "term"
                    n = 1
                    while slug in taken:
                        n += 1
                        slug = f"{wanted}-{n}"
                    taken.add(slug)
                    by_key[key] = Term(label=" ".join(label.split()), slug=slug)
                entry = by_key[key]
                if not entry.records or entry.records[-1] != number:
                    entry.records.append(number)
        facets[kind] = Facet(kind, _sorted_terms(kind, by_key.values(), language), by_key)
    return facets


def newest_first(records: list[Record], numbers: Iterable[int]) -> list[int]:
    def key(n: int) -> tuple:
        issued = records[n].issued
        return (
            issued.year or 0 if issued else 0,
            issued.month or 0 if issued else 0,
            issued.day or 0 if issued else 0,
        )

    return sorted(numbers, key=key, reverse=True)


def listing(records: list[Record], numbers: Iterable[int], url: Callable[[int], str]) -> list[dict]:
    """What a list of records shows per record: link, title, authors, source, COinS."""
    rows = []
    for n in numbers:
        record = records[n]
        names = [p.display() for p in record.authors]
        rows.append(
            {
                "url": url(n),
                "title": record.title,
                "authors": "; ".join(names[:3]) + ("; …" if len(names) > 3 else ""),
                "source": record.container_title,
                "year": record.year or "",
                "coins": coins(record),
            }
        )
    return rows


def term_page(facet: Facet, term: Term, rows: list[dict], language: str, **context) -> str:
    """A term's page: its records, newest first (``title``, ``overview_url``, ``facet_title``)."""
    return render("term.html.j2", language, facet=facet, term=term, rows=rows, **context)


def overview_page(
    facet: Facet, entries: list[tuple[str, str, int]], language: str, heading: str
) -> str:
    """An index overview: ``entries`` are ``(label, url, count)``."""
    return render("overview.html.j2", language, facet=facet, entries=entries, heading=heading)


def home_page(
    site_name: str,
    counts: list[tuple[str, str, int]],
    rows: list[dict],
    total: int,
    language: str,
    search_url: str,
) -> str:
    """Counts per index, a search box and the newest records."""
    return render(
        "home.html.j2",
        language,
        site_name=site_name,
        counts=counts,
        rows=rows,
        total=total,
        search_url=search_url,
    )


def facet_title(kind: str, language: str) -> str:
    return messages(language).gettext(FACET_TITLES[kind])
