"""When and where the search index is built: once per build, from every record's summary, into
the search page's folder; taken over from the previous build when no record's searchable text
changed (the index itself is ``litsite.search``)."""

from __future__ import annotations

import posixpath
from pathlib import Path

from ..search import build_index
from .incremental import Entry, Manifest, digest
from .plan import SitePlan
from .writer import SiteWriter, signature

__all__ = ["write_search_index"]

JOB = "search-index"


def write_search_index(
    plan: SitePlan, site_dir: Path, manifest: Manifest, previous: Path | None
) -> bool:
    """Write (or take over) the search index; return whether it was taken over."""
    docs = plan.search_docs()
    folder = posixpath.dirname(plan.search_uri)
    key = digest(manifest.code, *map(repr, docs))
    if manifest.take_over(JOB, key, previous, SiteWriter(site_dir)) is not None:
        return True
    written = build_index(docs, site_dir / folder)
    files = {f"{folder}/{name}": signature(site_dir / folder / name) for name in written}
    manifest.record(JOB, Entry(key, files))
    return False
