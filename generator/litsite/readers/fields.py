"""Field helpers the text formats share: ISBN/ISSN lists, URL lists and page ranges.

RIS, BibTeX and CSL exports put several identifiers or links in one field, joined by whatever
the exporting program chose; these helpers take them apart the same way for every format.
"""

from __future__ import annotations

import re

from ..model import Link
from ..normalize import classify_url, safe_url

__all__ = ["split_codes", "split_urls", "page_range", "url_links", "PAGE_RANGE"]

_ISSN = re.compile(r"\b(\d{4})-?(\d{3}[\dXx])\b")
_ISBN = re.compile(r"\b(?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dXx]\b")
_URL_START = re.compile(r"(?:^|[\s;,]+)(?=https?://)", re.I)
_NO_PAGES = re.compile(r"not? ?-?(pagination )?specified", re.I)
PAGE_RANGE = re.compile(r"^\s*(?:pp?\.?\s*)?(\S+?)\s*(?:-+|–|—|−)\s*(\S+)\s*$")


def split_codes(values: list[str], prefer_isbn: bool = False) -> tuple[list[str], list[str]]:
    """``(isbns, issns)`` from fields like ``1999-7777(Electronic),0222-6666(Print)``.

    An eight-character code is an ISSN, ten or thirteen digits an ISBN; ``prefer_isbn`` is for
    books, where an exporter's SN holds an ISBN even when hyphens make it look odd.
    """
    isbns: list[str] = []
    issns: list[str] = []
    for value in values:
        for match in _ISBN.finditer(value):
            isbns.append(match.group(0).strip())
        rest = _ISBN.sub(" ", value)
        for match in _ISSN.finditer(rest):
            issns.append(f"{match.group(1)}-{match.group(2).upper()}")
        if prefer_isbn and not isbns and not issns and value.strip():
            isbns.append(value.strip())
    return list(dict.fromkeys(isbns)), list(dict.fromkeys(issns))


def split_urls(values: list[str]) -> list[str]:
    """Every http(s) URL in the values, in order, each once.

    A new URL starts where ``http(s)://`` follows a space, ``;`` or ``,``; spaces inside one
    URL (``…/volume 9/issue 2/x.pdf``) are kept, percent-encoded.
    """
    urls = []
    for value in values:
        for piece in _URL_START.split(value.strip()):
            piece = piece.strip().rstrip(".,;)")
            if piece.lower().startswith(("http://", "https://")):
                urls.append(re.sub(r"\s+", "%20", piece))
    return list(dict.fromkeys(u for u in urls if safe_url(u)))


def url_links(values: list[str]) -> list[Link]:
    return [classify_url(url) for url in split_urls(values)]


def page_range(first: str, last: str = "") -> str:
    """``49-52`` from a start and end page, or one field holding a range (``pp 37-64``)."""
    first, last = first.strip(), last.strip()
    if _NO_PAGES.search(first):
        return ""
    if match := PAGE_RANGE.match(first):
        first, last = match.group(1), last or match.group(2)
    first = re.sub(r"^pp?\.?\s*", "", first)
    if first and last and last != first:
        return f"{first}-{last}"
    return first or last
