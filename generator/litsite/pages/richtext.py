"""Rich text in record fields: CSL's inline markup rendered, anything else shown as text.

CSL-JSON carries rich text as a few HTML-like tags (``<i>``, ``<b>``, ``<sup>``, ``<sub>``,
``<span style="font-variant:small-caps;">``, ``<span class="nocase">``), and notes from Zotero,
ASReview or RIS exports arrive as small HTML documents. A value is read as markup only when it
holds one of those tags, so ``p < 0.05`` or ``<dna>`` in a plain title stays visible text; the
markup is then cut down by Ammonia (``nh3``) to an allow-list, so no script, style or event
attribute can reach the page.
"""

from __future__ import annotations

import html as html_lib
import re

import nh3
from markupsafe import Markup

from .render import html, linkify

__all__ = ["rich_inline", "rich_block", "plain_text", "INLINE_TAGS"]

#: CSL's rich-text tags, plus ``em``/``strong`` that HTML exports use for the same thing.
INLINE_TAGS = {"i", "b", "em", "strong", "sup", "sub", "span", "sc"}
#: Notes may also have paragraphs, lists and links (http(s) only, checked by nh3).
BLOCK_TAGS = INLINE_TAGS | {"p", "br", "ul", "ol", "li", "a", "div", "blockquote"}
_ATTRIBUTES = {"span": {"style", "class"}, "a": {"href"}}
_MARKUP = re.compile(
    r"</?(?:i|b|em|strong|sup|sub|sc|span|p|br|div|ul|ol|li|a|blockquote)(?:\s[^<>]*)?/?>", re.I
)
_TAG = re.compile(r"<[^<>]*>")
_SPACE = re.compile(r"\s+")


def _is_markup(text: str) -> bool:
    return bool(_MARKUP.search(text))


#: In CSL rich text a ``<`` that opens none of its tags is text (``p <0.01``, ``x<y and y>z``).
_STRAY_LT = re.compile(r"<(?!/?(?:i|b|em|strong|sup|sub|sc|span)[\s/>])", re.I)


def _clean(text: str, tags: set[str]) -> Markup:
    cleaned = nh3.clean(
        text,
        tags=tags,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer",
    )
    return Markup(cleaned.replace("{", "&#123;"))


def rich_inline(text: str, links: bool = True) -> Markup:
    """A title, container title or abstract paragraph: CSL markup rendered, else escaped text
    with its URLs linked (``links=False`` inside a link, such as a title in a list)."""
    if not text:
        return Markup("")
    if _is_markup(text):
        return _clean(_STRAY_LT.sub("&lt;", text), INLINE_TAGS)
    return linkify(text) if links else html(text)


def rich_block(text: str) -> Markup:
    """A note: sanitised HTML when it is HTML; plain text with its URLs linked and its line
    breaks kept otherwise."""
    if not text:
        return Markup("")
    if _is_markup(text):
        return _clean(text, BLOCK_TAGS)
    lines = [linkify(line) for line in text.splitlines() if line.strip()]
    return Markup("<br>").join(lines)


def plain_text(text: str) -> str:
    """The words of a rich-text value, without tags or entities (for ``<meta>`` and JSON-LD)."""
    if not text or not _is_markup(text):
        return text
    return _SPACE.sub(" ", html_lib.unescape(_TAG.sub("", text))).strip()
