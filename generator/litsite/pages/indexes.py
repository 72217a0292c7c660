"""Index pages: one page per topic, author, year, journal and type, plus their overviews and home.

Sizes stay O(records): an overview lists its terms with counts (split by initial letter when
long), a term page lists its records (title, authors, source; never abstracts), and the home page
lists counts and the newest records only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat

from ..i18n import messages, sort_key
from ..ids import slugify
from ..model import Record
from .charts import year_chart
from .kinds import GROUPS, INDEX_KINDS
from .meta import coins
from .render import render
from .topics import group_order, group_title

__all__ = [
    "Term",
    "Facet",
    "build_facets",
    "facet_title",
    "term_key",
    "listing_row",
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


#: A hyphen or dash joining two words (not ``C--`` or ``-1``).
_JOINING_HYPHEN = re.compile(r"(?<=\w)[-‐‑‒–—―](?=\w)")


def term_key(term: str) -> str:
    """Terms that differ only in case, hyphenation or spacing (``Meta-Analysis``, ``meta
    analysis``, ``Meta–analysis``) are one index entry."""
    return " ".join(_JOINING_HYPHEN.sub(" ", term).split()).casefold()


@dataclass
class Term:
    """One entry of an index: its label as first seen, its page slug and its records."""

    label: str
    slug: str
    records: list[int] = field(default_factory=list)
    #: Groups (``topics.TOPIC_GROUPS``) the term was seen in; empty for kinds without groups.
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

    def feed_uri(self, term: Term) -> str | None:
        """Where ``term``'s Atom feed is, when its kind has feeds."""
        return f"{self.base or self.kind}/{term.slug}.xml" if INDEX_KINDS[self.kind].feed else None

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


def build_facets(
    terms: list[dict[str, list[str]]], kinds: list[str], language: str, prefix: str = ""
) -> dict[str, Facet]:
    """Every index with unique, file-system-safe slugs (clashes get ``-2``, ``-3``…) from each
    record's terms by kind (``kinds.record_terms``); pages go under ``prefix`` (``""`` or a
    folder ending in ``/``)."""
    facets = {}
    for name in kinds:
        kind = INDEX_KINDS[name]
        by_key: dict[str, Term] = {}
        taken: set[str] = {"index"}
        for number, record_terms in enumerate(terms):
            groups = record_terms.get(name + GROUPS) or repeat("")
            for label, group in dict.fromkeys(zip(record_terms[name], groups, strict=False)):
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
        ordered = sorted(by_key.values(), key=lambda t: kind.order(t.label, language))
        facets[name] = Facet(name, ordered, by_key, grouped=kind.grouped, base=prefix + name)
    return facets


def listing_row(record: Record) -> dict:
    """What a list of records shows of one record: title, authors, source, year, COinS (the
    page adds the link); made once per record, as each is listed on ten pages or so."""
    names = [p.display() for p in record.authors]
    return {
        "title": record.title,
        "authors": "; ".join(names[:3]) + ("; …" if len(names) > 3 else ""),
        "source": record.container_title,
        "year": record.year or "",
        "coins": coins(record),
    }


def term_page(rows: list[dict], language: str, feed_url: str = "", **context) -> str:
    """A term's page: its records per year and newest first (``title``, ``overview_url``,
    ``facet_title``), and a link to its Atom feed when it has one."""
    chart = year_chart((row["year"] for row in rows), language)
    return render("term.html.j2", language, rows=rows, feed_url=feed_url, chart=chart, **context)


def by_topic_group(terms: list[Term], language: str) -> list[tuple[str, list[Term]]]:
    """Terms in sections by group (``MeSH terms``, ``Keywords``…), each in the order given; a
    term seen in two groups is listed in both; ``[("", terms)]`` when no term has a group."""
    if not any(term.groups for term in terms):
        return [("", terms)]
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
    feed_url: str,
    years: Iterable[int] = (),
) -> str:
    """Counts per index, a search box, records per year (``years``: one per record), the newest
    records and their feed."""
    return render(
        "home.html.j2",
        language,
        site_name=site_name,
        counts=counts,
        rows=rows,
        total=total,
        search_url=search_url,
        feed_url=feed_url,
        chart=year_chart(years, language),
    )


def facet_title(kind: str, language: str) -> str:
    return messages(language).gettext(INDEX_KINDS[kind].title)
