"""Atom feeds (RFC 4287) of the newest records: of the site, and of each topic, author and
journal whose index kind has ``feed`` set (``pages.kinds``).

Serialised by lxml. A record is one ``<entry>`` in many feeds (the site's, each of its topics',
authors' and its journal's), so it is serialised once and the same bytes go into each feed; its
links are site-root relative, and each feed's ``xml:base`` says where the site root is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .richtext import plain_text

__all__ = ["FeedEntry", "atom_entry", "atom_feed", "NEWEST", "MEDIA_TYPE", "atom_date", "xml_text"]

ATOM = "http://www.w3.org/2005/Atom"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
MEDIA_TYPE = "application/atom+xml"
#: Entries per feed: a feed follows what is new, so its size stays bounded however large the
#: collection or the term.
NEWEST = 50
#: Authors per entry, and characters of the abstract in its summary.
AUTHORS = 10
SUMMARY_CHARS = 300
#: Characters XML 1.0 cannot hold (lxml refuses them): record text may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", value)


def atom_date(issued: tuple[int, int, int], fallback: str) -> str:
    """An RFC 3339 timestamp for a ``(year, month, day)`` with zeros where unknown (the first
    month or day stands in); ``fallback`` (``YYYY-MM-DD``) when the year is unknown."""
    year, month, day = issued
    date = f"{year:04d}-{month or 1:02d}-{day or 1:02d}" if year else fallback
    return f"{date}T00:00:00Z"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """A record as a feed entry: what it says, and its link relative to the site root."""

    id: str
    href: str
    title: str
    authors: list[str]
    abstract: str
    updated: str


def _summary(abstract: str) -> str:
    text = " ".join(abstract.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return cut + " …"


def _add(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text:
        element.text = xml_text(text)
    return element


def atom_entry(entry: FeedEntry, untitled: str) -> bytes:
    """One serialised ``<entry>`` (it declares the Atom namespace, so it stands in any feed)."""
    element = etree.Element(f"{{{ATOM}}}entry", nsmap={None: ATOM})
    _add(element, "id", entry.id)
    _add(element, "title", plain_text(entry.title) or untitled, type="text")
    _add(element, "updated", entry.updated)
    _add(element, "published", entry.updated)
    for name in entry.authors[:AUTHORS]:
        _add(_add(element, "author"), "name", name)
    _add(element, "link", rel="alternate", type="text/html", href=entry.href)
    if entry.abstract.strip():
        _add(element, "summary", _summary(entry.abstract), type="text")
    return etree.tostring(element, encoding="utf-8")


def atom_feed(
    *,
    feed_id: str,
    title: str,
    base: str,
    self_href: str,
    page_href: str,
    author: str,
    entries: list[tuple[str, bytes]],
    fallback_date: str,
) -> bytes:
    """A feed document of ``entries`` (``(updated, serialised entry)``, newest first); hrefs
    are relative to ``base`` (the site root, relative to the feed or absolute)."""
    feed = etree.Element(f"{{{ATOM}}}feed", {XML_BASE: base}, nsmap={None: ATOM})
    _add(feed, "id", feed_id)
    _add(feed, "title", title, type="text")
    updated = max((date for date, _ in entries), default=f"{fallback_date}T00:00:00Z")
    _add(feed, "updated", updated)
    _add(_add(feed, "author"), "name", author)
    _add(feed, "link", rel="self", type=MEDIA_TYPE, href=self_href)
    _add(feed, "link", rel="alternate", type="text/html", href=page_href)
    _add(feed, "generator", "litsite")
    head = etree.tostring(feed, encoding="utf-8", xml_declaration=True)
    # The entries, serialised once per record, go after the feed's own elements.
    body = b"".join(data for _, data in entries)
    return head[: -len(b"</feed>")] + body + b"</feed>\n"
