"""The one Jinja2 environment every page fragment is rendered with.

Autoescape is on for everything. ``finalize`` runs on every ``{{ value }}`` a template prints and
adds what HTML escaping alone leaves open in a page that MkDocs still treats as Markdown:
``{`` becomes ``&#123;`` so a macro plugin never evaluates ``{{``/``{%`` in record text, and
control characters go (Python-Markdown marks its raw-HTML placeholders with STX/ETX, so a record
holding them could pull in another block).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..i18n import messages
from ..normalize import safe_url

__all__ = ["render", "html", "linkify", "EXTERNAL"]

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
#: ``rel`` for every link that leaves the site.
EXTERNAL = "noopener noreferrer"

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL = re.compile(r"\bhttps?://[^\s<>\"]+", re.I)
_TRAILING = re.compile(r"[.,;:)\]]+$")


def html(value: Any) -> Markup:
    """``value`` as HTML text: escaped (unless already Markup), ``{`` and control chars neutral."""
    if value is None:
        return Markup("")
    text = str(escape(value))
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return Markup(text.replace("{", "&#123;") if "{" in text else text)


def linkify(text: str) -> Markup:
    """Escaped text with its http(s) URLs as links, mended first (``http://https://x`` -> ``x``)."""
    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        raw = match.group(0)
        tail = _TRAILING.search(raw)
        raw, punct = (raw[: tail.start()], tail.group(0)) if tail else (raw, "")
        url = safe_url(raw)
        out.append(html(text[last : match.start()]))
        if url:
            out.append(Markup('<a href="{0}" rel="{1}">{0}</a>').format(html(url), EXTERNAL))
        else:
            out.append(html(raw))
        out.append(html(punct))
        last = match.end()
    out.append(html(text[last:]))
    return Markup("").join(out)


def _rich_inline(text: str) -> Markup:
    """Record titles in listings (inside a link): CSL rich text rendered, URLs not linked."""
    from .richtext import rich_inline  # richtext builds on html() and linkify() above

    return rich_inline(text, links=False)


@cache
def _environment(language: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    catalogue = messages(language)
    env.install_gettext_callables(catalogue.gettext, catalogue.ngettext, newstyle=True)
    env.filters["linkify"] = linkify
    env.filters["rich"] = _rich_inline
    env.globals["EXTERNAL"] = EXTERNAL
    return env


def render(template: str, language: str, **context: Any) -> str:
    """Render ``templates/<template>`` in ``language``."""
    return _environment(language).get_template(template).render(**context)
