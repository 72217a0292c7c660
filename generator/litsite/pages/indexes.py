"""Index pages: one page per topic, author, year, journal and type, plus their overviews and home.

Sizes stay O(records): an overview lists its terms with counts (split by initial letter when
long), a term page lists its records (title, authors, source; never abstracts), and the home page
lists counts and the newest records only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..i18n import N_, messages, sort_key, type_label
from ..ids import slugify
from ..model import Record
from .meta import coins
from .render import render
from .topics import group_order, group_title, topic_group

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
    "by_topic_group",
    "group_page",
    "home_page",
]

#: An overview with more terms than this lists initial letters, each letter a page of terms.
LETTER_THRESHOLD = 400
#: A grouped facet's letter with more terms than this is split by its first two letters.
GROUP_MAX = 2000
#: Facets whose terms are sections of letter pages rather than pages of their own.
GROUPED_KINDS = frozenset({"authors"})
#: Index kind -> page heading (a msgid).
FACET_TITLES = {
    "topics": N_("Topics"),
    "authors": N_("Authors"),
    "years": N_("Years"),
    "journals": N_("Journals and sources"),
    "types": N_("Types"),
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


#: A hyphen or dash joining two words (not ``C--`` or ``-1``).
_JOINING_HYPHEN = re.compile(r"(?<=\w)[-‐‑‒–—―](?=\w)")


def term_key(term: str) -> str:
    """Terms that differ only in case, hyphenation or spacing (``Meta-Analysis``, ``meta
    analysis``, ``Meta–analysis``) are one index entry."""
    return " ".join(_JOINING_HYPHEN.sub(" ", term).split()).casefold()


def _entries(record: Record, kind: str) -> list[tuple[str, str]]:
    """``(term, topic group)`` pairs of ``record`` in the ``kind`` index (group "" but for
    topics, which the index groups by scheme as record pages do)."""
    if kind == "topics":
        pairs = [(t.term, topic_group(t)) for t in record.topics if t.term.strip()]
        return list(dict.fromkeys(pairs))
    return [(label, "") for label in dict.fromkeys(facet_terms(record, kind))]


@dataclass
class Term:
    """One entry of an index: its label as first seen, its page slug and its records."""

    label: str
    slug: str
    records: list[int] = field(default_factory=list)
    #: Topic groups (``topics.TOPIC_GROUPS``) the term was seen in; empty for other indexes.
    groups: list[str] = field(default_factory=list)


@dataclass
class Facet:
    """All the terms of one index kind, sorted for display, with lookup by term.

    A *grouped* facet (authors: several per record, mostly one record each) has no page per term:
    its terms are sections of a page per initial letter (two letters when a letter is long), so
    the page count stays near the record count instead of five times it.
    """

    kind: str
    terms: list[Term]
    by_key: dict[str, Term]
    grouped: bool = False
    #: Folder of the facet's pages: the kind, under the plugin's ``path`` when one is set.
    base: str = ""
    _groups: dict[str, list[Term]] | None = field(default=None, repr=False)
    _group_of: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def overview_uri(self) -> str:
        return f"{self.base or self.kind}/index.md"

    def term_uri(self, term: Term) -> str:
        return f"{self.base or self.kind}/{term.slug}.md"

    def group_uri(self, group: str) -> str:
        return f"{self.base or self.kind}/_{slugify(group) or '0'}.md"

    def link(self, term: Term) -> tuple[str, str]:
        """``(src_uri, anchor)`` of where ``term`` is shown; the anchor is "" for a term page."""
        if not self.grouped:
            return self.term_uri(term), ""
        self.groups()
        return self.group_uri(self._group_of[term.slug]), f"{self.kind}-{term.slug}"

    def groups(self) -> dict[str, list[Term]]:
        """Terms by initial letter(s), diacritics folded; {} when the overview holds them all."""
        if self._groups is None:
            self._groups = self._make_groups()
            self._group_of = {t.slug: g for g, terms in self._groups.items() for t in terms}
        return self._groups

    def _make_groups(self) -> dict[str, list[Term]]:
        if not self.grouped and len(self.terms) <= LETTER_THRESHOLD:
            return {}
        groups: dict[str, list[Term]] = {}
        for group, terms in _by_prefix(self.terms, 1).items():
            if self.grouped and len(terms) > GROUP_MAX and group != "#":
                groups.update(_by_prefix(terms, 2))
            else:
                groups[group] = terms
        return groups


def _by_prefix(terms: list[Term], length: int) -> dict[str, list[Term]]:
    groups: dict[str, list[Term]] = {}
    for term in terms:
        letters = [c for c in sort_key(term.label)[0] if c.isalpha() and c.isascii()]
        prefix = "".join(letters[:length]).capitalize() if letters else "#"
        groups.setdefault(prefix, []).append(term)
    return groups


def _sorted_terms(kind: str, terms: Iterable[Term], language: str) -> list[Term]:
    if kind == "years":
        return sorted(terms, key=lambda t: int(t.label), reverse=True)
    if kind == "types":
        return sorted(terms, key=lambda t: sort_key(type_label(t.label, language), language))
    return sorted(terms, key=lambda t: sort_key(t.label, language))


def build_facets(
    records: list[Record], kinds: list[str], language: str, prefix: str = ""
) -> dict[str, Facet]:
    """Every index with unique, file-system-safe slugs (clashes get ``-2``, ``-3``…); pages go
    under ``prefix`` (``""`` or a folder ending in ``/``)."""
    facets = {}
    for kind in kinds:
        by_key: dict[str, Term] = {}
        taken: set[str] = {"index"}
        for number, record in enumerate(records):
            for label, group in _entries(record, kind):
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
                if group and group not in entry.groups:
                    entry.groups.append(group)
                if not entry.records or entry.records[-1] != number:
                    entry.records.append(number)
        terms = _sorted_terms(kind, by_key.values(), language)
        grouped = kind in GROUPED_KINDS
        facets[kind] = Facet(kind, terms, by_key, grouped=grouped, base=prefix + kind)
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


def listing(
    records: list[Record],
    numbers: Iterable[int],
    url: Callable[[int], str],
    brief: bool = False,
    made: dict[int, dict] | None = None,
) -> list[dict]:
    """What a list of records shows per record: link, title, authors, source, COinS;
    ``brief``: link, title and year only (author pages, where one record shows many times).
    ``made`` keeps each record's row between calls: a record is listed on ten pages or so,
    and its COinS string is the costly part."""
    made = {} if made is None else made
    rows = []
    for n in numbers:
        record = records[n]
        if brief:
            rows.append({"url": url(n), "title": record.title, "year": record.year or ""})
            continue
        if n not in made:
            names = [p.display() for p in record.authors]
            made[n] = {
                "title": record.title,
                "authors": "; ".join(names[:3]) + ("; …" if len(names) > 3 else ""),
                "source": record.container_title,
                "year": record.year or "",
                "coins": coins(record),
            }
        rows.append({"url": url(n), **made[n]})
    return rows


def term_page(facet: Facet, term: Term, rows: list[dict], language: str, **context) -> str:
    """A term's page: its records, newest first (``title``, ``overview_url``, ``facet_title``)."""
    return render("term.html.j2", language, facet=facet, term=term, rows=rows, **context)


def by_topic_group(terms: list[Term], language: str) -> list[tuple[str, list[Term]]]:
    """Topic terms in sections by scheme (``MeSH terms``, ``Keywords``…), each in the order
    given; a term seen in two schemes is listed in both."""
    groups: dict[str, list[Term]] = {}
    for term in terms:
        for group in term.groups or ["keyword"]:
            groups.setdefault(group, []).append(term)
    return [(group_title(g, language), groups[g]) for g in sorted(groups, key=group_order)]


def overview_page(
    sections: list[tuple[str, list[tuple[str, str, str]]]],
    language: str,
    heading: str,
    overview_url: str = "",
    **context,
) -> str:
    """An index overview or letter page: ``sections`` are ``(heading, entries)`` (one section
    with heading "" when the index has no groups), entries ``(label, url, count text)``; a
    letter page links back to its overview (``overview_url``, ``facet_title``)."""
    return render(
        "overview.html.j2",
        language,
        sections=sections,
        heading=heading,
        overview_url=overview_url,
        facet_title=context.get("facet_title", ""),
    )


def group_page(language: str, **context) -> str:
    """A grouped facet's letter page: a section per term (``entries``: label, anchor, rows)."""
    return render("group.html.j2", language, **context)


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
