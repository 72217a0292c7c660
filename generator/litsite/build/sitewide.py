"""The reduce stage's files: outputs made from every record's summary rather than from one record
(resolver pages and feeds), written once per build after the record pages.

Each job is a function of the plan and the site's settings returning ``site path -> bytes``;
its files are recorded in the build manifest like a page's, so ``litsite serve`` removes the
ones a later build no longer makes.
"""

from __future__ import annotations

import heapq
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..i18n import messages
from ..pages.feeds import NEWEST, FeedEntry, atom_date, atom_entry, atom_feed
from ..pages.indexes import facet_title
from ..pages.oai import MAX_RECORDS, OaiRecord, static_repository
from ..pages.resolvers import redirect_page, resolver_path
from .incremental import Entry, Manifest
from .plan import SitePlan
from .urls import canonical_url, relative_url
from .writer import SiteWriter

__all__ = ["SiteWide", "resolver_files", "feed_files", "oai_files", "write_sitewide", "JOBS"]

log = logging.getLogger("litsite")

#: How a resolver page names the identifier (the same in every language).
_LABELS = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID", "isbn": "ISBN"}


@dataclass(frozen=True, slots=True)
class SiteWide:
    """What the site-wide files depend on besides the plan."""

    site_url: str
    #: ``YYYY-MM-DD`` of the build (MkDocs' ``get_build_date``: ``SOURCE_DATE_EPOCH`` aware);
    #: the date of a feed entry whose record has none, and of the OAI-PMH datestamps.
    build_date: str
    #: The OAI-PMH static repository's administrator ("": no ``oai.xml``) and gateway URL.
    oai_email: str = ""
    oai_gateway: str = ""


def resolver_files(plan: SitePlan, context: SiteWide) -> dict[str, bytes]:
    """A redirect page per identifier of each record (``pages.resolvers``); an identifier two
    records share leads to the first of them."""
    files: dict[str, bytes] = {}
    for summary in plan.summaries:
        target = plan.url(plan.record_uri(summary.id))
        for kind, values in summary.identifiers.items():
            for value in values:
                folder = resolver_path(kind, value)
                path = f"{plan.prefix}{folder}/index.html" if folder else None
                if path is None or path in files:
                    continue
                here = f"{plan.prefix}{folder}/"
                html = redirect_page(
                    relative_url(target, here),
                    canonical_url(context.site_url, target),
                    f"{_LABELS[kind]} {value.strip()}",
                    summary.search.title,
                    plan.language,
                )
                files[path] = html.encode("utf-8", errors="xmlcharrefreplace")
    return files


def _feed_id(plan: SitePlan, context: SiteWide, url: str) -> str:
    """The absolute URL under ``site_url``; without one, a UUID made from site name and path
    (Atom ids must be permanent, absolute IRIs)."""
    if context.site_url:
        return canonical_url(context.site_url, url)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"litsite:{plan.site_name}:{url}").urn


def feed_files(plan: SitePlan, context: SiteWide) -> dict[str, bytes]:
    """The site's feed and one per term of each index kind with feeds (``pages.feeds``)."""
    untitled = messages(plan.language).gettext("Untitled")
    entries: dict[int, tuple[str, bytes]] = {}

    def entry(number: int) -> tuple[str, bytes]:
        if number not in entries:
            summary = plan.summaries[number]
            url = plan.url(plan.record_uri(summary.id))
            updated = atom_date(summary.issued, context.build_date)
            made = FeedEntry(
                id=_feed_id(plan, context, url),
                href=url,
                title=summary.search.title,
                authors=summary.search.authors,
                abstract=summary.search.abstract,
                updated=updated,
            )
            entries[number] = (updated, atom_entry(made, untitled))
        return entries[number]

    def feed(path: str, title: str, page: str, numbers: Iterable[int]) -> bytes:
        newest = heapq.nlargest(NEWEST, numbers, key=lambda n: plan.summaries[n].issued)
        depth = path.count("/")
        return atom_feed(
            feed_id=_feed_id(plan, context, path),
            title=title,
            base=context.site_url or ("../" * depth or "./"),
            self_href=path,
            page_href=page,
            author=plan.site_name,
            entries=[entry(n) for n in newest],
            fallback_date=context.build_date,
        )

    files = {
        plan.feed_uri: feed(
            plan.feed_uri,
            plan.site_name,
            plan.url(plan.home_uri),
            range(len(plan.summaries)),
        )
    }
    for kind, facet in plan.facets.items():
        heading = facet_title(kind, plan.language)
        for term in facet.terms:
            path = facet.feed_uri(term)
            if path is None:
                break
            title = f"{plan.site_name}: {heading}: {term.label}"
            files[path] = feed(path, title, plan.term_link(kind, term.label), term.records)
    return files


def oai_files(plan: SitePlan, context: SiteWide) -> dict[str, bytes]:
    """``oai.xml``, the OAI-PMH static repository of every record (``pages.oai``), when the
    site names its administrator."""
    if not context.oai_email:
        return {}
    path = f"{plan.prefix}oai.xml"
    url = canonical_url(context.site_url, path) or path
    base = context.oai_gateway + url.partition("://")[2] if context.oai_gateway else url
    host = urlsplit(context.site_url).hostname or "litsite"
    if len(plan.summaries) > MAX_RECORDS:
        log.warning(
            f"oai.xml holds {len(plan.summaries)} records; the OAI-PMH static repository "
            f"specification allows {MAX_RECORDS}, so a gateway may refuse it"
        )
    records = []
    for summary in plan.summaries:
        doc = summary.search
        page = canonical_url(context.site_url, plan.url(plan.record_uri(summary.id)))
        ids = summary.identifiers
        identifiers = [page] + [f"https://doi.org/{d}" for d in ids.get("doi", [])]
        identifiers += [f"PMID:{p}" for p in ids.get("pmid", [])]
        identifiers += [f"ISBN:{i}" for i in ids.get("isbn", [])]
        dc = {
            "title": [doc.title],
            "creator": doc.authors,
            "subject": doc.topics,
            "description": [doc.abstract],
            "date": [_dc_date(summary.issued)],
            "type": [doc.type],
            "identifier": identifiers,
            "source": [doc.source],
            "language": [doc.language],
        }
        records.append(OaiRecord(f"oai:{host}:{summary.id}", context.build_date, dc))
    document = static_repository(
        name=plan.site_name,
        base_url=base,
        email=context.oai_email,
        earliest=context.build_date,
        records=records,
    )
    return {path: document}


def _dc_date(issued: tuple[int, int, int]) -> str:
    """W3CDTF, as DC asks: ``2019``, ``2019-04`` or ``2019-04-27`` ("" when unknown)."""
    year, month, day = issued
    if not year:
        return ""
    return "-".join(f"{v:02d}" for v in (year, month, day)[: 1 + bool(month) + bool(month and day)])


#: Job name -> the function making its files.
JOBS: dict[str, Callable[[SitePlan, SiteWide], dict[str, bytes]]] = {
    "resolvers": resolver_files,
    "feeds": feed_files,
    "oai": oai_files,
}


def write_sitewide(
    plan: SitePlan, context: SiteWide, site_dir: Path, manifest: Manifest
) -> dict[str, int]:
    """Make and write every job's files; return how many files each job wrote."""
    writer = SiteWriter(site_dir)
    counts = {}
    for job, make in JOBS.items():
        files = make(plan, context)
        written = {path: writer.write(path, data) for path, data in files.items()}
        manifest.record(f"sitewide:{job}", Entry("", written))
        counts[job] = len(files)
    return counts
