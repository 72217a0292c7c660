"""A record's commentary: Markdown the site owner wrote, rendered as the site renders its own
pages (the ``markdown_extensions`` of ``mkdocs.yml``, with their ``mdx_configs``).

Record data never goes through here: only ``Record.commentary``. The HTML is then cut down by
Ammonia (``nh3``) to what Markdown and its extensions write (headings, lists, tables, code,
admonitions' classes, links), as a record file may come from someone else: no script, style or
event handler reaches the page.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

__all__ = ["commentary_html", "MarkdownSettings"]

#: ``(extension names, ((name, config), ...))``: picklable, the same on every worker.
MarkdownSettings = tuple[tuple[str, ...], tuple[tuple[str, dict], ...]]
#: Attributes Markdown extensions write on any element (``toc``'s ids, ``admonition``'s and
#: ``attr_list``'s classes, ``abbr``'s titles).
_ANY_ELEMENT = {"class", "id", "title"}


#: One converter per settings in each process (making one loads every extension).
_CONVERTERS: dict[str, markdown.Markdown] = {}


def _converter(settings: MarkdownSettings) -> markdown.Markdown:
    key = repr(settings)
    if key not in _CONVERTERS:
        extensions, configs = settings
        _CONVERTERS[key] = markdown.Markdown(
            extensions=list(extensions), extension_configs=dict(configs)
        )
    return _CONVERTERS[key]


def commentary_html(text: str, settings: MarkdownSettings) -> Markup:
    """``text`` (Markdown) as sanitised HTML."""
    converter = _converter(settings)
    converter.reset()
    html = converter.convert(text)
    attributes = {tag: {*names, *_ANY_ELEMENT} for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    attributes["*"] = _ANY_ELEMENT
    return Markup(nh3.clean(html, attributes=attributes))
