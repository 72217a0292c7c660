"""Where a generated file lands and what its URL is, by MkDocs' rules, without MkDocs objects.

Pages litsite renders itself never become MkDocs ``File`` objects (at 100,000 records those cost
more than the pages), so their paths follow MkDocs' documented rules here; a test holds the two
to the same answers.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote, urljoin

__all__ = ["dest_path", "page_url", "relative_url", "canonical_url"]


def dest_path(src_uri: str, directory_urls: bool) -> str:
    """``records/x.md`` -> ``records/x/index.html`` (or ``records/x.html``); other files as is."""
    if not src_uri.endswith(".md"):
        return src_uri
    parent, filename = posixpath.split(src_uri)
    name = filename[:-3]
    name = "index" if name == "README" else name
    if not directory_urls or name == "index":
        return posixpath.join(parent, f"{name}.html")
    return posixpath.join(parent, name, "index.html")


@lru_cache(maxsize=1 << 16)
def page_url(src_uri: str, directory_urls: bool) -> str:
    """The URL MkDocs gives the file, relative to the site root (``records/x/``)."""
    url = dest_path(src_uri, directory_urls)
    dirname, filename = posixpath.split(url)
    if directory_urls and filename == "index.html":
        url = (dirname or ".") + "/"
    return quote(url)


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (MkDocs' ``get_relative_url``)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def canonical_url(site_url: str | None, url: str) -> str:
    """The page's absolute URL under ``site_url`` ("" without one), as MkDocs makes it."""
    if not site_url:
        return ""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, "" if url in (".", "./") else url)
