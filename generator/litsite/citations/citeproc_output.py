"""pandoc's citeproc output (JSON AST inlines) written as citeproc-js writes text and HTML.

citeproc-js's HTML escapes record text as ``&#38;`` ``&#60;`` ``&#62;`` and writes only a fixed
set of tags for CSL formatting: ``<i>`` (italics inside italics print upright, its flip-flop),
``<b>``, ``<sup>``, ``<sub>``, spans for small caps and upright text, and a ``<div>`` per CSL
``display`` part (``csl-left-margin`` for a numeric style's "[1]", ``csl-right-inline``,
``csl-block``, ``csl-indent``). Its plain text is the same without tags or escapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["to_text", "to_html", "children", "DISPLAY_CLASSES"]

Inline = dict[str, Any]

#: CSL ``display`` values pandoc marks as span classes, and citeproc-js writes as divs.
DISPLAY_CLASSES = ("csl-left-margin", "csl-right-inline", "csl-block", "csl-indent")
_SUPERSCRIPTS = str.maketrans(
    {c: f"<sup>{d}</sup>" for c, d in zip("⁰¹²³⁴⁵⁶⁷⁸⁹ªº", "0123456789ao", strict=True)}
)
_ESCAPES = str.maketrans({"&": "&#38;", "<": "&#60;", ">": "&#62;"})
_TAGS = {
    "Strong": ("<b>", "</b>"),
    "Superscript": ("<sup>", "</sup>"),
    "Subscript": ("<sub>", "</sub>"),
    "SmallCaps": ('<span style="font-variant:small-caps;">', "</span>"),
}
_SKIPPED = ("Code", "Math", "RawInline", "Note")


def children(node: Inline) -> list[Inline]:
    """The inline content of a pandoc node (Span, Link, Quoted… carry attributes first)."""
    content = node.get("c")
    if node["t"] in ("Span", "Link", "Quoted", "Cite", "Image"):
        return content[1]
    return content if isinstance(content, list) else []


def _quotes(node: Inline) -> tuple[str, str]:
    return ("“", "”") if node["c"][0]["t"] == "DoubleQuote" else ("‘", "’")


def _display(node: Inline) -> str:
    """The CSL display class of a Span, or ""."""
    if node["t"] != "Span":
        return ""
    return next((c for c in node["c"][0][1] if c in DISPLAY_CLASSES), "")


def to_text(inlines: Sequence[Inline]) -> str:
    """citeproc-js's plain text for pandoc inlines."""
    out = []
    for node in inlines:
        kind = node["t"]
        if kind == "Str":
            out.append(node["c"])
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Quoted":
            start, end = _quotes(node)
            out.append(start + to_text(children(node)) + end)
        elif kind not in _SKIPPED:
            out.append(to_text(children(node)))
    return "".join(out)


def to_html(inlines: Sequence[Inline], italic: bool = False) -> str:
    """citeproc-js's HTML for pandoc inlines: record text escaped, only its own tags."""
    out = []
    for node in inlines:
        kind = node["t"]
        if kind == "Str":
            out.append(node["c"].translate(_ESCAPES).translate(_SUPERSCRIPTS))
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Emph":
            inner = to_html(children(node), not italic)
            out.append(
                f'<span style="font-style:normal;">{inner}</span>' if italic else f"<i>{inner}</i>"
            )
        elif kind in _TAGS:
            start, end = _TAGS[kind]
            out.append(start + to_html(children(node), italic) + end)
        elif kind == "Quoted":
            start, end = _quotes(node)
            out.append(start + to_html(children(node), italic) + end)
        elif display := _display(node):
            inner = to_html(children(node), italic).strip(" ")
            out.append(f'<div class="{display}">{inner}</div>')
        elif kind not in _SKIPPED:
            out.append(to_html(children(node), italic))
    return "".join(out)
