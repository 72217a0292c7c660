"""The reduce stage's files: outputs made from every record's summary rather than from one record
(resolver pages and feeds), written once per build after the record pages.

Each job is a function of the plan and the site's settings returning ``site path -> bytes``;
its files are recorded in the build manifest like a page's, so ``litsite serve`` removes the
ones a later build no longer makes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..pages.resolvers import redirect_page, resolver_path
from .incremental import Entry, Manifest
from .plan import SitePlan
from .urls import canonical_url, relative_url
from .writer import SiteWriter

__all__ = ["SiteWide", "resolver_files", "write_sitewide", "JOBS"]

#: How a resolver page names the identifier (the same in every language).
_LABELS = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID", "isbn": "ISBN"}


@dataclass(frozen=True, slots=True)
class SiteWide:
    """What the site-wide files depend on besides the plan."""

    site_url: str
    #: ``YYYY-MM-DD`` of the build (MkDocs' ``get_build_date``: ``SOURCE_DATE_EPOCH`` aware);
    #: the date of a feed entry whose record has none.
    build_date: str


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


#: Job name -> the function making its files.
JOBS: dict[str, Callable[[SitePlan, SiteWide], dict[str, bytes]]] = {
    "resolvers": resolver_files,
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
