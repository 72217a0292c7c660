"""The page plan: which pages and downloads the records make, where they live, what links where.

Built from record summaries (``build.summary``), never from records, so the builder holds little
per record. Three sorts of output:

- record pages and their downloads, and term and letter pages: many, each a pure function of
  its own inputs (``RecordPage``, ``ListingPage``), rendered by ``build.render`` outside MkDocs;
- the home page, the index overviews and the search page: few, in the navigation, rendered by
  MkDocs like the site's own pages (``nav_pages`` and ``body``);
- the search index and sitemap entries, from every summary.

URLs are site-root relative (``records/x/``) in the plan; pages make them relative to themselves.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..citations import get_format
from ..curation import CHECKS, near_duplicates
from ..files import site_path
from ..i18n import N_, language_name, messages, type_label
from ..pages.corrections import MARKS, Correction, banners, mark_of
from ..pages.indexes import (
    Facet,
    Term,
    build_facets,
    by_topic_group,
    facet_title,
    home_page,
    overview_page,
    term_key,
)
from ..pages.kinds import GROUPS, INDEX_KINDS
from ..pages.render import render
from ..pages.topics import group_order, group_title
from ..search import SearchDoc
from .joins import join_citations, join_corrections
from .related import related_records
from .summary import Summary
from .urls import page_url

__all__ = ["SitePlan", "PageSpec", "RecordPage", "ListingPage", "RECORDS", "ENTRIES"]

#: ngettext message pairs for counts in overviews.
RECORDS = (N_("%(num)d record"), N_("%(num)d records"))
ENTRIES = (N_("%(num)d entry"), N_("%(num)d entries"))
#: The corrections page's title and navigation entry.
CORRECTIONS_TITLE = N_("Retracted and corrected")
REPORT_TITLE = N_("Curator's report")
Rel = Callable[[str], str]


@dataclass(frozen=True)
class PageSpec:
    """A page MkDocs renders for the plan: where it lives and whether the navigation lists it."""

    src_uri: str
    in_nav: bool = True


@dataclass(slots=True)
class RecordPage:
    """A record's page and downloads, as the plan sees them."""

    number: int
    uri: str
    #: ``(index kind, term) -> URL`` (with its ``#anchor``) of where that term is listed.
    links: dict[tuple[str, str], str]
    #: Download suffixes (``bib``, ``ris``, ``json``) the site offers for it.
    downloads: tuple[str, ...]
    #: Its retractions, errata and updates, both sides joined (``SitePlan.corrections``).
    corrections: list[Correction] = field(default_factory=list)
    #: The mark it gives itself (``pages.corrections.own_mark``).
    mark: str = ""
    #: Related records (``build.related``), records of the collection it cites and that cite
    #: it (``SitePlan.citations``): ``(url, title, year)`` each.
    related: list[tuple[str, str, object]] = field(default_factory=list)
    cites: list[tuple[str, str, object]] = field(default_factory=list)
    cited_by: list[tuple[str, str, object]] = field(default_factory=list)


@dataclass(slots=True)
class ListingPage:
    """A term page (``term``), a grouped facet's letter page (``group``) or a long facet's
    letter page of terms (``letters``): everything it shows, with site-root URLs."""

    uri: str
    form: str
    kind: str
    title: str
    overview: str
    #: term: ``(url, row)``; group: ``(label, anchor, [(url, title, year)], feed url)``;
    #: letters: ``(section heading, [(label, url, count)])`` (``by_topic_group``).
    entries: list = field(default_factory=list)
    #: A term page's Atom feed ("" when its kind has none).
    feed: str = ""


class SitePlan:
    """Summaries, their indexes, and the pages and files made from them."""

    def __init__(
        self,
        summaries: list[Summary],
        *,
        site_name: str,
        kinds: Iterable[str],
        formats: Iterable[str],
        language: str,
        directory_urls: bool,
        newest: int = 10,
        search: str = "litsite",
        prefix: str = "",
        taken: Iterable[str] = (),
        report: list | None = None,
        root: str = "",
    ) -> None:
        self.summaries = summaries
        self.site_name = site_name
        self.formats = tuple(formats)
        self.language = language
        self.directory_urls = directory_urls
        self.newest = newest
        self.search = search
        self.prefix = prefix
        #: The merges reading made, when the site has the curator's report (else None).
        self.merges = report
        #: Folder record files are shown relative to in the report.
        self.root = root
        self.report_uri = f"{prefix}report/index.md"
        #: Paths the site's docs already have: their files win over generated ones.
        self.taken = frozenset(taken)
        #: Generated paths skipped because the docs have a file there.
        self.skipped: list[str] = []
        self._made: set[str] = set()
        self.home_uri = f"{prefix}index.md"
        self.search_uri = f"{prefix}search/index.md"
        self.corrections_uri = f"{prefix}corrections/index.md"
        self._corrections: list[list[Correction]] | None = None
        self._number_of: dict[str, int] | None = None
        self._related: list[list[int]] | None = None
        self._citations: list[tuple[list[int], list[int]]] | None = None
        self._marks: list[str] | None = None
        #: The site's Atom feed of its newest records.
        self.feed_uri = f"{prefix}feed.xml"
        self.facets: dict[str, Facet] = build_facets(
            [s.terms for s in summaries], list(kinds), language, prefix
        )
        self._downloads = tuple(
            fmt.extension for fmt in map(get_format, self.formats) if fmt.extension
        )

    # Where things are ------------------------------------------------------------------------

    def record_uri(self, record_id: str, suffix: str = "md") -> str:
        """``records/<id>.md``, or its download with that suffix (``bib``, ``apa.txt``…)."""
        return f"{self.prefix}records/{record_id}.{suffix}"

    def url(self, src_uri: str) -> str:
        """The site-root URL of a page (``.md``) or file the plan makes."""
        return page_url(src_uri, self.directory_urls)

    def _free(self, src_uri: str) -> bool:
        if src_uri in self.taken:
            self.skipped.append(src_uri)
            return False
        return True

    def term_link(self, kind: str, label: str) -> str | None:
        """The URL (with ``#anchor`` on a letter page) where ``label`` of ``kind`` is listed."""
        facet = self.facets.get(kind)
        term = facet.by_key.get(term_key(label)) if facet and label else None
        if term is None:
            return None
        uri, anchor = facet.link(term)
        return f"{self.url(uri)}#{anchor}" if anchor else self.url(uri)

    # Pages MkDocs renders ---------------------------------------------------------------------

    def nav_pages(self, with_home: bool) -> list[PageSpec]:
        """Home, each index overview and search: MkDocs renders them, and lists them in the nav."""
        uris = [self.home_uri] if with_home else []
        uris += [f.overview_uri for f in self.facets.values() if f.terms]
        if any(self.marks()):
            uris.append(self.corrections_uri)
        if self.merges is not None:
            uris.append(self.report_uri)
        if self.search != "none":
            uris.append(self.search_uri)
        self._made = {uri for uri in uris if self._free(uri)}
        return [PageSpec(uri) for uri in uris if uri in self._made]

    def nav_order(self) -> list[str]:
        """The navigation's order for generated pages: home, each index overview, search."""
        overviews = [f.overview_uri for f in self.facets.values() if f.terms]
        return [self.home_uri, *overviews, self.corrections_uri, self.search_uri, self.report_uri]

    def body(self, src_uri: str, rel: Rel) -> tuple[str, str]:
        """``(title, html body)`` of a page of ``nav_pages``; ``rel`` makes a site-root URL
        relative to that page."""
        if src_uri == self.home_uri:
            return self._home(rel)
        if src_uri == self.search_uri:
            return self._search_page()
        if src_uri == self.corrections_uri:
            return self._corrections_page(rel)
        if src_uri == self.report_uri:
            return self._report_page(rel)
        facet = next(f for f in self.facets.values() if f.overview_uri == src_uri)
        return self._overview(facet, rel)

    def makes(self, src_uri: str) -> bool:
        """Whether ``src_uri`` is a page of ``nav_pages``."""
        return src_uri in self._made

    # Pages litsite renders --------------------------------------------------------------------

    def record_pages(self) -> Iterable[RecordPage]:
        """Every record's page (unless the docs have one at its path), with its links."""
        for number, summary in enumerate(self.summaries):
            uri = self.record_uri(summary.id)
            if not self._free(uri):
                continue
            links = {}
            for kind in self.facets:
                for label in summary.terms[kind]:
                    target = self.term_link(kind, label)
                    if target is not None:
                        links[(kind, label)] = target
            downloads = tuple(
                s for s in self._downloads if self._free(self.record_uri(summary.id, s))
            )
            corrections = self.corrections()[number]
            related = [self._brief(n) for n in self.related()[number]]
            cites, cited_by = (
                [self._brief(n) for n in numbers] for numbers in self.citations()[number]
            )
            yield RecordPage(
                number, uri, links, downloads, corrections, summary.mark, related, cites, cited_by
            )

    def listing_pages(self) -> Iterable[ListingPage]:
        """Every term page and letter page."""
        for kind, facet in self.facets.items():
            if not facet.terms:
                continue
            overview = self.url(facet.overview_uri)
            for group, terms in facet.groups().items():
                uri = facet.group_uri(group)
                title = f"{facet_title(kind, self.language)}: {group}"
                if facet.grouped:
                    entries = [
                        (
                            term.label,
                            facet.link(term)[1],
                            self._brief_rows(term.records),
                            self._feed_url(facet, term),
                        )
                        for term in terms
                    ]
                    page = ListingPage(uri, "group", kind, title, overview, entries)
                else:
                    entries = self._terms(kind, terms)
                    page = ListingPage(uri, "letters", kind, title, overview, entries)
                if self._free(uri):
                    yield page
            if facet.grouped:
                continue
            for term in facet.terms:
                uri = facet.term_uri(term)
                rows = [(self.url(self.record_uri(s.id)), self.row(s)) for s in self._newest(term)]
                title = self._label(kind, term)
                feed = self._feed_url(facet, term)
                page = ListingPage(uri, "term", kind, title, overview, rows, feed=feed)
                if self._free(uri):
                    yield page

    def _feed_url(self, facet: Facet, term: Term) -> str:
        uri = facet.feed_uri(term)
        return self.url(uri) if uri else ""

    def _newest(self, term: Term) -> list[Summary]:
        return self.newest_first(term.records)

    def newest_first(self, numbers: Iterable[int]) -> list[Summary]:
        """The summaries of ``numbers``, newest publication first (input order among equals)."""
        return sorted((self.summaries[n] for n in numbers), key=lambda s: s.issued, reverse=True)

    def _brief_rows(self, numbers: list[int]) -> list[tuple[str, str, object, tuple]]:
        return [
            (self.url(self.record_uri(s.id)), s.row["title"], s.row["year"], self.row(s)["mark"])
            for s in self.newest_first(numbers)
        ]

    def _brief(self, number: int) -> tuple[str, str, object]:
        summary = self.summaries[number]
        return (self.url(self.record_uri(summary.id)), summary.row["title"], summary.row["year"])

    def related(self) -> list[list[int]]:
        """Each record's related records (``build.related``), computed once."""
        if self._related is None:
            self._related = related_records(self.summaries)
        return self._related

    # Citations within the collection ---------------------------------------------------------

    def citations(self) -> list[tuple[list[int], list[int]]]:
        """Each record's ``(cites, cited by)`` within the collection, computed once: cited
        records in reference-list order, citing ones newest first."""
        if self._citations is None:
            self._citations = join_citations(self.summaries)
        return self._citations

    # Corrections and retractions --------------------------------------------------------------

    def corrections(self) -> list[list[Correction]]:
        """Each record's corrections: its own relations, each linked to the other work's page
        when that is in the collection, plus the reverse of every relation another record of
        the collection has to it (a notice naming it)."""
        if self._corrections is None:
            url_of = [self.url(self.record_uri(s.id)) for s in self.summaries]
            self._corrections = join_corrections(self.summaries, url_of)
        return self._corrections

    def marks(self) -> list[str]:
        """Each record's mark (``pages.corrections.MARKS``), "" for none; computed once."""
        if self._marks is None:
            self._marks = [
                mark_of([c.kind for c in corrections], summary.mark)
                for summary, corrections in zip(self.summaries, self.corrections(), strict=True)
            ]
        return self._marks

    def row(self, summary: Summary) -> dict:
        """What a list shows of a record, with its mark as ``(mark, label)`` (or ``()``)."""
        number = self._numbers().get(summary.id)
        mark = self.marks()[number] if number is not None else ""
        gettext = messages(self.language).gettext
        cited = len(self.citations()[number][1]) if number is not None else 0
        return {**summary.row, "mark": (mark, gettext(MARKS[mark])) if mark else (), "cited": cited}

    def _numbers(self) -> dict[str, int]:
        if self._number_of is None:
            self._number_of = {s.id: n for n, s in enumerate(self.summaries)}
        return self._number_of

    def _corrections_page(self, rel: Rel) -> tuple[str, str]:
        """The site's page of retracted, corrected and updated records, by mark."""
        gettext = messages(self.language).gettext
        title = gettext(CORRECTIONS_TITLE)
        marks = self.marks()
        sections = []
        for mark, label in MARKS.items():
            numbers = sorted(
                (n for n, m in enumerate(marks) if m == mark),
                key=lambda n: self.summaries[n].issued,
                reverse=True,
            )
            entries = [
                {
                    "url": rel(self.url(self.record_uri(s.id))),
                    **self.row(s),
                    "notices": banners(self.corrections()[n], s.mark, self.language, rel),
                }
                for n, s in ((n, self.summaries[n]) for n in numbers)
            ]
            if entries:
                sections.append((gettext(label), mark, entries))
        return title, render("corrections.html.j2", self.language, title=title, sections=sections)

    def _terms(self, kind: str, terms: list[Term]) -> list[tuple[str, list]]:
        """``(section heading, [(label, url, count)])`` for an overview or letter page: one
        section, or one per group for a kind whose terms have groups (topics by scheme)."""
        facet = self.facets[kind]
        return [
            (
                heading,
                [
                    (
                        self._label(kind, t),
                        self.url(facet.term_uri(t)),
                        self._count(RECORDS, len(t.records)),
                    )
                    for t in section
                ],
            )
            for heading, section in by_topic_group(terms, self.language)
        ]

    def _label(self, kind: str, term: Term) -> str:
        return INDEX_KINDS[kind].label(term.label, self.language)

    def _count(self, template: tuple[str, str], n: int) -> str:
        return messages(self.language).ngettext(*template, n) % {"num": n}

    # Bodies of the pages MkDocs renders -------------------------------------------------------

    def _overview(self, facet: Facet, rel: Rel) -> tuple[str, str]:
        title = facet_title(facet.kind, self.language)
        groups = facet.groups()
        if groups:
            entries = [
                (group, rel(self.url(facet.group_uri(group))), self._count(ENTRIES, len(terms)))
                for group, terms in groups.items()
            ]
            return title, overview_page([("", entries)], self.language, title)
        sections = [
            (heading, [(label, rel(url), count) for label, url, count in entries])
            for heading, entries in self._terms(facet.kind, facet.terms)
        ]
        return title, overview_page(sections, self.language, title)

    def _home(self, rel: Rel) -> tuple[str, str]:
        counts = [
            (facet_title(kind, self.language), rel(self.url(f.overview_uri)), str(len(f.terms)))
            for kind, f in self.facets.items()
            if f.terms
        ]
        newest = self.newest_first(range(len(self.summaries)))[: self.newest]
        rows = [{"url": rel(self.url(self.record_uri(s.id))), **self.row(s)} for s in newest]
        body = home_page(
            self.site_name,
            counts,
            rows,
            len(self.summaries),
            self.language,
            search_url=rel(self.url(self.search_uri)) if self.search != "none" else "",
            feed_url=rel(self.url(self.feed_uri)),
            years=(s.issued[0] for s in self.summaries),
        )
        title = N_("Publications") if self.prefix else N_("Home")
        return messages(self.language).gettext(title), body

    def _search_page(self) -> tuple[str, str]:
        title = messages(self.language).gettext("Search")
        depth = self.search_uri.count("/")
        body = render(
            "search.html.j2",
            self.language,
            mode=self.search,
            title=title,
            root="../" * depth,
            labels=json.dumps(self._search_labels(), ensure_ascii=False)
            if self.search == "litsite"
            else "",
        )
        return title, body

    def _report_page(self, rel: Rel) -> tuple[str, str]:
        """The curator's report (``litsite.curation``): counts, then each record with findings."""
        gettext = messages(self.language).gettext
        counts = {check.name: 0 for check in CHECKS}
        entries = []
        for summary in self.summaries:
            for name, _ in summary.findings:
                counts[name] += 1
            if summary.findings:
                path, index = summary.source
                # Sources are stored relative to the site's folder; an older record file's
                # absolute path is shown the same way.
                shown = site_path(path, self.root) if self.root and os.path.isabs(path) else path
                entries.append(
                    {
                        "url": rel(self.url(self.record_uri(summary.id))),
                        "title": summary.search.title,
                        "file": f"{shown}: record {index}",
                        "findings": summary.findings,
                    }
                )
        duplicates = near_duplicates([(s.id, s.search.title) for s in self.summaries])
        page = self._numbers()
        title = gettext(REPORT_TITLE)
        body = render(
            "report.html.j2",
            self.language,
            title=title,
            counts=[(gettext(check.label), check.name, counts[check.name]) for check in CHECKS],
            labels={check.name: gettext(check.label) for check in CHECKS},
            entries=entries,
            merges=[str(merge) for merge in self.merges or []],
            duplicates=[
                [
                    (rel(self.url(self.record_uri(i))), self.summaries[page[i]].search.title, i)
                    for i in group
                ]
                for group in duplicates
            ],
        )
        return title, body

    # Search -----------------------------------------------------------------------------------

    def search_docs(self) -> list[SearchDoc]:
        """What litsite's own search index holds per record, newest first; a record's mark
        (retracted, corrected…) is its search flag."""
        marks = self.marks()
        numbers = self._numbers()
        return [
            dataclasses.replace(
                s.search,
                url=self.url(self.record_uri(s.id)),
                topics=[self._canonical("topics", t) for t in s.search.topics],
                flags=[mark] if (mark := marks[numbers[s.id]]) else [],
            )
            for s in self.newest_first(range(len(self.summaries)))
        ]

    def _canonical(self, kind: str, term: str) -> str:
        """Terms differing only in case are one filter value: the index's label for them."""
        facet = self.facets.get(kind)
        found = facet.by_key.get(term_key(term)) if facet else None
        return found.label if found else term

    def _search_labels(self) -> dict[str, dict[str, str]]:
        """How the search page names facet values: type and language labels, topic groups'
        headings, in the interface language (the index holds codes)."""
        types = {t for s in self.summaries for t in s.terms["types"]}
        groups = {g for s in self.summaries for g in s.terms["topics" + GROUPS]}
        codes = {s.language for s in self.summaries if s.language}
        return {
            "type": {t: type_label(t, self.language) for t in sorted(types)},
            "language": {c: language_name(c, c, self.language) for c in sorted(codes)},
            "group": {g: group_title(g, self.language) for g in sorted(groups, key=group_order)},
        }
