"""Resolver pages: ``doi/<doi>/``, ``pmid/<n>/``, ``pmc/<PMCn>/`` and ``isbn/<n>/`` lead to the
record page, so a link made from an identifier alone works on a static host.

Each is a static redirect page (``<meta http-equiv="refresh">``, a canonical link, and a visible
link for clients that do not follow refreshes). Identifiers are record data: a DOI may hold any
printable character (SICI DOIs hold ``<``, ``>``, ``;``, ``:`` and ``#``), so it becomes a path
by a reversible escape that leaves only characters safe in a URL and on every file system.
"""

from __future__ import annotations

import re

from ..ids import RESERVED
from .render import render

__all__ = ["RESOLVERS", "resolver_path", "redirect_page"]

#: Identifier kind -> folder of its resolver pages.
RESOLVERS = {"doi": "doi", "pmid": "pmid", "pmcid": "pmc", "isbn": "isbn"}
#: Characters a DOI path segment keeps as they are: unreserved in URLs (RFC 3986) and allowed
#: in file names on Windows, macOS and Linux, minus the escape character ``~`` itself.
_KEPT = re.compile(r"[a-z0-9._()-]")
#: A file name longer than this (in bytes) is refused by common file systems (255 less room).
MAX_SEGMENT = 200
_PMCID = re.compile(r"(?:pmc)?(\d+)", re.I)
_ISBN = re.compile(r"\d{9}[\dX]|\d{13}")


def _escape_segment(segment: str) -> str:
    """``~`` and two upper-case hex digits for each UTF-8 byte of a character not kept; a
    segment of dots only, or a name Windows reserves, has its first character escaped too."""
    out = [c if _KEPT.fullmatch(c) else "".join(f"~{b:02X}" for b in c.encode()) for c in segment]
    if segment.strip(".") == "" or segment in RESERVED:
        out[0] = f"~{ord(segment[0]):02X}"
    return "".join(out)


def _doi_path(doi: str) -> str | None:
    """A DOI as path segments: lower-cased (DOIs are case-insensitive), split at ``/``, each
    segment escaped; None when a segment would be too long for a file name."""
    segments = [_escape_segment(s) if s else "~" for s in doi.strip().lower().split("/")]
    if any(len(s) > MAX_SEGMENT for s in segments):
        return None
    return "/".join(segments)


def resolver_path(kind: str, value: str) -> str | None:
    """The folder (under the site's prefix) of ``value``'s resolver page, e.g.
    ``doi/10.1002/(sici)1097-4636~3C~3E3.0.co~3B2-e``; None when ``value`` is not a valid
    identifier of that kind."""
    value = value.strip()
    if kind == "doi":
        path = _doi_path(value) if value.startswith("10.") else None
    elif kind == "pmid":
        path = value if value.isascii() and value.isdigit() else None
    elif kind == "pmcid":
        match = _PMCID.fullmatch(value)
        path = f"PMC{match.group(1)}" if match and match.group(1).isascii() else None
    elif kind == "isbn":
        digits = value.replace("-", "").replace(" ", "").upper()
        path = digits if _ISBN.fullmatch(digits) and digits.isascii() else None
    else:
        raise KeyError(kind)
    return f"{RESOLVERS[kind]}/{path}" if path else None


def redirect_page(target: str, canonical: str, label: str, title: str, language: str) -> str:
    """A page sending the reader to ``target`` (a URL relative to the page) at once;
    ``canonical`` is the record page's absolute URL when the site has one, else ``target``."""
    return render(
        "redirect.html.j2",
        language,
        target=target,
        canonical=canonical or target,
        label=label,
        title=title,
        lang=language,
    )
