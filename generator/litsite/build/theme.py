"""Record and index pages in the active theme, without one theme render per page.

Every record page of a site has the same chrome (header, navigation, search box, footer): only
its title, its body, its own URL and its ``<head>`` metadata differ, and all pages of one folder
link to the rest of the site by the same relative URLs. So the theme's template is rendered once
per folder with stand-ins (a *shell*), and each page fills the shell in, which takes microseconds
where a Jinja render of Material's templates takes milliseconds, and needs no MkDocs object, so
it can happen in a worker process.

A stand-in shows how the theme printed it: the title stand-in holds ``&"'``, so its escaped form
tells which escaping the theme applied there (autoescaped, ``|e``, raw), and the real title gets
the same. A theme that transforms a field in a way the stand-ins cannot follow (``|truncate``,
``|upper``, JSON), or whose output differs from a filled shell on sample pages, gets no shell:
its pages are rendered one by one with the theme, as MkDocs would.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import escape

__all__ = ["Shell", "make_shell", "page_title", "insert_head", "SLUG", "TITLE", "BODY"]

#: Stand-ins given to the theme: a page's last URL segment, its title and its body.
SLUG = "zq-litsite-slot-qz"
#: The title stand-in: quote and ampersand show the escaping; lowercase letters and a length
#: past Jinja's default ``truncate`` show a transformed title.
TITLE = "\ue001" + "&\"'" + "t" * 300 + "\ue002"
#: Every page litsite renders has a heading; themes that add one when the body lacks it
#: (Material) must see it in the stand-in too.
BODY = "\ue003<h1></h1>\ue004"

#: How a theme may print a title -> how to print a real title the same way.
_ESCAPES: dict[str, Callable[[str], str]] = {
    "raw": str,
    "autoescaped": lambda text: str(escape(text)),
    "html": html.escape,
    "html-text": lambda text: html.escape(text, quote=False),
}
_TITLE_FORMS = {f"\ue001{fn(TITLE[1:-1])}\ue002": name for name, fn in _ESCAPES.items()}
_SLOT = re.compile("(\ue001[^\ue001-\ue004]*\ue002|" + re.escape(BODY) + "|" + SLUG + ")")
#: A stand-in left in the text (JSON- or URL-escaped, say): the theme transformed it.
_STAND_IN = re.compile(r"[\ue001-\ue004]|\\u[eE]00[1-4]|%EE%80%8[1-4]", re.I)
_HEAD = "\0head"
_SLOT_NAMES = {SLUG: "slug", BODY: "body", _HEAD: "head"}


def page_title(title: str) -> str:
    """The title a theme is given: some themes print it unescaped, so no ``<`` or ``>`` in it."""
    return title.replace("<", "‹").replace(">", "›")


#: A theme's ``<meta name="description">`` (the site's description).
_DESCRIPTION = re.compile(r"""<meta\s+name=["']?description["']?[^>]*>\s*""", re.I)


def insert_head(page: str, head: str) -> str:
    """``page`` with ``head`` (record metadata) just before its ``</head>``, and the theme's
    description removed: a record page describes its record, never the site (Zotero would
    save the site's description as the record's abstract)."""
    if not head or "</head>" not in page:
        return page
    before, _, after = page.partition("</head>")
    return f"{_DESCRIPTION.sub('', before)}{head}</head>{after}"


@dataclass(frozen=True, slots=True)
class Shell:
    """A theme's page with slots: ``parts[0] slot[0] parts[1] … parts[-1]``."""

    parts: tuple[str, ...]
    slots: tuple[str, ...]

    def fill(self, *, slug: str, title: str, body: str, head: str = "") -> str:
        """The page for one record or term; ``title`` as the theme is given it (``page_title``)."""
        values = {"slug": slug, "body": body, "head": head}
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            if slot == "head" and head:
                out = [_DESCRIPTION.sub("", text) for text in out]
            out.append(values[slot] if slot in values else _ESCAPES[slot](title))
            out.append(part)
        return "".join(out)


def make_shell(rendered: str) -> Shell | None:
    """The shell of a theme page rendered with the stand-ins, or None if the theme printed a
    stand-in in a form the shell cannot reproduce."""
    before, marker, after = rendered.partition("</head>")
    # Text and stand-ins alternate; the head slot sits just before the first </head>.
    pieces = _SLOT.split(before)
    if marker:
        pieces += [_HEAD, *_SLOT.split(marker + after)]
    parts, slots = pieces[0::2], pieces[1::2]
    if any(_STAND_IN.search(part) for part in parts):
        return None
    names = []
    for slot in slots:
        name = _SLOT_NAMES.get(slot) or _TITLE_FORMS.get(slot)
        if name is None:
            return None
        names.append(name)
    return Shell(tuple(parts), tuple(names))
