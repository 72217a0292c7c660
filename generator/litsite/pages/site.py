"""The site's page plan: which pages exist, and each page's title and body on demand.

No MkDocs here: the plugin asks ``SitePlan`` for the virtual files to add, then for each page's
content while MkDocs renders it (lazily, so 100,000 page bodies never sit in memory at once).
Links are made by ``rel(src_uri)``, which the plugin answers with a URL relative to the page
being rendered, so the site works from any sub-path and from ``file://``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from ..citations import Citation
from ..i18n import N_, language_name, messages, sort_key, type_label
from ..model import Record
from ..search import SearchDoc
from .fields import FIELDS, Field
from .indexes import (
    Facet,
    Term,
    build_facets,
    by_topic_group,
    facet_terms,
    facet_title,
    group_page,
    home_page,
    listing,
    newest_first,
    overview_page,
    term_key,
    term_page,
)
from .meta import head_html
from .record import DOWNLOADS, RecordLinks, citation_text, record_body
from .render import render
from .richtext import plain_text

__all__ = ["SitePlan", "PageSpec"]

#: ngettext message pairs for counts in overviews.
RECORDS = (N_("%(num)d record"), N_("%(num)d records"))
ENTRIES = (N_("%(num)d entry"), N_("%(num)d entries"))
Rel = Callable[[str], str]


@dataclass(frozen=True)
class PageSpec:
    """A page the plan adds: where it lives and whether the navigation lists it."""

    src_uri: str
    in_nav: bool = False


class SitePlan:
    """Records, their citations and indexes, and the pages made from them."""

    def __init__(
        self,
        records: list[Record],
        citations: list[Citation],
        *,
        site_name: str,
        kinds: list[str],
        formats: list[str],
        language: str,
        root: str,
        newest: int = 10,
        search: str = "litsite",
        prefix: str = "",
        fields: tuple[Field, ...] = FIELDS,
    ) -> None:
        self.records = records
        self.citations = citations
        self.site_name = site_name
        self.formats = formats
        self.language = language
        self.root = root
        self.newest = newest
        self.search = search
        self.prefix = prefix
        self.fields = fields
        self.home_uri = f"{prefix}index.md"
        self.search_uri = f"{prefix}search/index.md"
        self.facets: dict[str, Facet] = build_facets(records, kinds, language, prefix)
        self._renderers: dict[str, Callable[[Rel], tuple[str, str]]] = {}
        self.record_of: dict[str, int] = {}
        self._listed: dict[int, dict] = {}
        #: Term and group pages: the terms each lists (for ``fingerprint``).
        self._listing_of: dict[str, tuple[Facet, list[Term]]] = {}
        self._digests: dict[int, str] = {}

    def record_uri(self, record: Record, suffix: str = "md") -> str:
        """``records/<id>.md``, or the record's ``.bib``/``.ris``/``.json`` download."""
        return f"{self.prefix}records/{record.id}.{suffix}"

    def downloads(self) -> list[tuple[str, str]]:
        """``(src_uri, text)`` for every record's ``.bib``/``.ris``/``.json`` file."""
        files = []
        for record, citation in zip(self.records, self.citations, strict=True):
            for fmt, suffix in DOWNLOADS.items():
                text = citation_text(citation, fmt)
                if fmt in self.formats and text:
                    files.append((self.record_uri(record, suffix), text))
        return files

    def pages(self, with_home: bool) -> list[PageSpec]:
        """Every generated page; only the home, search and index overviews are in the nav."""
        specs = []
        if with_home:
            specs.append(self._add(PageSpec(self.home_uri, True), self._render_home))
        for facet in self.facets.values():
            if not facet.terms:
                continue
            specs.append(self._add(PageSpec(facet.overview_uri, True), self._overview(facet)))
            for group, terms in facet.groups().items():
                spec = PageSpec(facet.group_uri(group))
                self._listing_of[spec.src_uri] = (facet, terms)
                specs.append(self._add(spec, self._group(facet, group, terms)))
            if not facet.grouped:
                for term in facet.terms:
                    spec = PageSpec(facet.term_uri(term))
                    self._listing_of[spec.src_uri] = (facet, [term])
                    specs.append(self._add(spec, self._term(facet, term)))
        if self.search != "none":
            specs.append(self._add(PageSpec(self.search_uri, True), self._render_search))
        for number, record in enumerate(self.records):
            uri = self.record_uri(record)
            self.record_of[uri] = number
            specs.append(self._add(PageSpec(uri), self._record(number)))
        return specs

    def drop(self, src_uri: str) -> None:
        """Forget a page the docs folder already has (the user's file is kept as it is)."""
        self._renderers.pop(src_uri, None)
        self.record_of.pop(src_uri, None)
        self._listing_of.pop(src_uri, None)

    def nav_order(self) -> list[str]:
        """The navigation's order for generated pages: home, each index overview, search."""
        overviews = [f.overview_uri for f in self.facets.values() if f.terms]
        return [self.home_uri, *overviews, self.search_uri]

    def makes(self, src_uri: str) -> bool:
        """Whether ``src_uri`` is a page the plan makes."""
        return src_uri in self._renderers

    def render(self, src_uri: str, rel: Rel) -> tuple[str, str]:
        """``(title, html body)`` of a page the plan makes."""
        return self._renderers[src_uri](rel)

    def head(self, src_uri: str, page_url: str, rel: Rel) -> str:
        """Extra ``<head>`` markup for a record page ("" for any other page)."""
        number = self.record_of.get(src_uri)
        if number is None:
            return ""
        record = self.records[number]
        return head_html(
            record,
            page_url,
            self._download_links(number, rel),
            site_name=self.site_name,
            cited=self.citations[number].apa_text,
        )

    def fingerprint(self, src_uri: str) -> str | None:
        """A digest of what a record, term or group page's body depends on (its records and
        the links it makes), so an unchanged page need not be rendered again; None for the
        few pages that depend on every record (home, overviews, search): always rendered.
        What every page shares (options, theme, navigation) is the caller's part."""
        number = self.record_of.get(src_uri)
        if number is not None:
            record = self.records[number]
            link = self._term_link(str)
            links = [
                link(kind, label) for kind in self.facets for label in facet_terms(record, kind)
            ]
            parts = [self._digest(number), repr(self.citations[number]), repr(links)]
        elif src_uri in self._listing_of:
            facet, terms = self._listing_of[src_uri]
            parts = [
                f"{term.label}\0{facet.link(term)}\0"
                + "".join(self._digest(n) for n in term.records)
                for term in terms
            ]
        else:
            return None
        return hashlib.blake2b("\0".join(parts).encode(), digest_size=20).hexdigest()

    def _digest(self, number: int) -> str:
        """A record's content digest (each record is listed on several pages)."""
        if number not in self._digests:
            text = repr(self.records[number]).encode()
            self._digests[number] = hashlib.blake2b(text, digest_size=16).hexdigest()
        return self._digests[number]

    def _add(self, spec: PageSpec, renderer: Callable[[Rel], tuple[str, str]]) -> PageSpec:
        self._renderers[spec.src_uri] = renderer
        return spec

    def _download_links(self, number: int, rel: Rel) -> dict[str, str]:
        record, citation = self.records[number], self.citations[number]
        return {
            suffix: rel(self.record_uri(record, suffix))
            for fmt, suffix in DOWNLOADS.items()
            if fmt in self.formats and citation_text(citation, fmt)
        }

    def _term_link(self, rel: Rel) -> Callable[[str, str], str | None]:
        def link(kind: str, label: str) -> str | None:
            facet = self.facets.get(kind)
            term = facet.by_key.get(term_key(label)) if facet and label else None
            if term is None:
                return None
            uri, anchor = facet.link(term)
            return f"{rel(uri)}#{anchor}" if anchor else rel(uri)

        return link

    def _record(self, number: int) -> Callable[[Rel], tuple[str, str]]:
        def render(rel: Rel) -> tuple[str, str]:
            record = self.records[number]
            links = RecordLinks(
                term=self._term_link(rel),
                downloads=self._download_links(number, rel),
            )
            body = record_body(
                record,
                self.citations[number],
                language=self.language,
                formats=self.formats,
                links=links,
                root=self.root,
                fields=self.fields,
            )
            return plain_text(record.title) or record.id, body

        return render

    def _rows(self, numbers, rel: Rel, brief: bool = False) -> list[dict]:
        numbers = newest_first(self.records, numbers)
        return listing(
            self.records,
            numbers,
            lambda n: rel(self.record_uri(self.records[n])),
            brief,
            self._listed,
        )

    def _term(self, facet: Facet, term: Term) -> Callable[[Rel], tuple[str, str]]:
        def render(rel: Rel) -> tuple[str, str]:
            label = self._label(facet, term)
            rows = self._rows(term.records, rel)
            body = term_page(
                facet,
                term,
                rows,
                self.language,
                title=label,
                overview_url=rel(facet.overview_uri),
                facet_title=facet_title(facet.kind, self.language),
            )
            return label, body

        return render

    def _label(self, facet: Facet, term: Term) -> str:
        return type_label(term.label, self.language) if facet.kind == "types" else term.label

    def _count(self, template: tuple[str, str], n: int) -> str:
        return messages(self.language).ngettext(*template, n) % {"num": n}

    def _overview(self, facet: Facet) -> Callable[[Rel], tuple[str, str]]:
        def render(rel: Rel) -> tuple[str, str]:
            title = facet_title(facet.kind, self.language)
            groups = facet.groups()
            if groups:
                entries = [
                    (group, rel(facet.group_uri(group)), self._count(ENTRIES, len(terms)))
                    for group, terms in groups.items()
                ]
                return title, overview_page([("", entries)], self.language, title)
            return title, overview_page(
                self._sections(facet, facet.terms, rel), self.language, title
            )

        return render

    def _group(
        self, facet: Facet, group: str, terms: list[Term]
    ) -> Callable[[Rel], tuple[str, str]]:
        def render(rel: Rel) -> tuple[str, str]:
            name = facet_title(facet.kind, self.language)
            title = f"{name}: {group}"
            back = {"overview_url": rel(facet.overview_uri), "facet_title": name}
            if facet.grouped:
                entries = [
                    (term.label, facet.link(term)[1], self._rows(term.records, rel, brief=True))
                    for term in terms
                ]
                return title, group_page(self.language, title=title, entries=entries, **back)
            sections = self._sections(facet, terms, rel)
            return title, overview_page(sections, self.language, title, **back)

        return render

    def _sections(self, facet: Facet, terms: list[Term], rel: Rel) -> list[tuple[str, list]]:
        """An overview's entries, in sections by scheme for topics."""

        def entry(term: Term) -> tuple[str, str, str]:
            count = self._count(RECORDS, len(term.records))
            return self._label(facet, term), rel(facet.term_uri(term)), count

        if facet.kind != "topics":
            return [("", [entry(t) for t in terms])]
        return [
            (heading, [entry(t) for t in group])
            for heading, group in by_topic_group(terms, self.language)
        ]

    def _render_home(self, rel: Rel) -> tuple[str, str]:
        counts = [
            (facet_title(kind, self.language), rel(facet.overview_uri), str(len(facet.terms)))
            for kind, facet in self.facets.items()
            if facet.terms
        ]
        numbers = newest_first(self.records, range(len(self.records)))[: self.newest]
        body = home_page(
            self.site_name,
            counts,
            self._rows(numbers, rel),
            len(self.records),
            self.language,
            search_url=rel(self.search_uri) if self.search != "none" else "",
        )
        title = N_("Publications") if self.prefix else N_("Home")
        return messages(self.language).gettext(title), body

    def search_docs(self, url: Rel) -> list[SearchDoc]:
        """What litsite's own search index holds per record; ``url`` gives site-root URLs."""
        docs = []
        for record in self.records:
            docs.append(
                SearchDoc(
                    url=url(self.record_uri(record)),
                    title=record.title,
                    authors=[p.display() for p in record.authors],
                    year=str(record.year or ""),
                    source=record.container_title,
                    type=record.type,
                    language=record.language.code if record.language else "",
                    topics=[self._topic_value(t.term) for t in record.topics],
                    abstract=record.abstract_text,
                    ids=[v for v in (record.doi, record.pmid, record.pmcid) if v],
                )
            )
        return docs

    def _topic_value(self, term: str) -> str:
        """Topics differing only in case are one filter value: the index's label for them."""
        facet = self.facets.get("topics")
        found = facet.by_key.get(term_key(term)) if facet else None
        return found.label if found else term

    def _search_filters(self) -> list[dict]:
        """The filters of litsite's search page: facet name, label and ``(value, label)`` pairs."""
        gettext = messages(self.language).gettext
        values: dict[str, dict[str, str]] = {"topic": {}, "year": {}, "type": {}, "language": {}}
        for record in self.records:
            for topic in record.topics:
                value = self._topic_value(topic.term)
                values["topic"][value] = value
            if record.year:
                values["year"][str(record.year)] = str(record.year)
            values["type"][record.type] = type_label(record.type, self.language)
            if record.language and record.language.code:
                code = record.language.code
                values["language"][code] = language_name(code, code, self.language)
        labels = {
            "topic": N_("Topic"),
            "year": N_("Year"),
            "type": N_("Type"),
            "language": N_("Language"),
        }
        filters = []
        for name, options in values.items():
            if name == "year":
                ordered = sorted(options.items(), reverse=True)
            else:
                ordered = sorted(options.items(), key=lambda kv: sort_key(kv[1], self.language))
            if ordered:
                filters.append({"name": name, "label": gettext(labels[name]), "options": ordered})
        return filters

    def _render_search(self, rel: Rel) -> tuple[str, str]:
        title = messages(self.language).gettext("Search")
        depth = self.search_uri.count("/")
        body = render(
            "search.html.j2",
            self.language,
            mode=self.search,
            title=title,
            root="../" * depth,
            filters=self._search_filters() if self.search == "litsite" else [],
        )
        return title, body
