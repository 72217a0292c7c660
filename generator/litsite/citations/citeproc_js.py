"""Make pandoc's citeproc read CSL-JSON and print entries the way citeproc-js does.

citeproc-js is the reference CSL processor (Zotero, Mendeley, citation.js); litsite's APA is
judged against it. pandoc's citeproc applies the same ``apa.csl`` but reads some CSL-JSON
conventions differently. ``prepare`` adjusts an item before pandoc sees it, and ``text``/``html``
turn pandoc's JSON AST into citeproc-js's plain text and HTML. Each rule names the difference it
covers; characters pandoc must not reinterpret are masked with private-use code points that only
``text``/``html`` turn back.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..csl import note_variables

__all__ = ["Layer", "UnknownAst", "AST_VERSION", "check_ast_version", "code_digest", "MASKS"]

#: The pandoc JSON AST version this layer reads and writes; any other fails loudly.
AST_VERSION = (1, 23, 1)


class UnknownAst(ValueError):
    """pandoc speaks an AST version this layer was not written for."""


def check_ast_version(document: dict[str, Any]) -> None:
    """Raise ``UnknownAst`` unless pandoc's output is in ``AST_VERSION``."""
    found = tuple(document.get("pandoc-api-version", ()))
    if found[:3] != AST_VERSION:
        raise UnknownAst(
            f"pandoc's JSON AST is version {'.'.join(map(str, found))}; litsite's citeproc-js "
            f"layer knows {'.'.join(map(str, AST_VERSION))}: install the pypandoc-binary "
            "version pinned in pyproject.toml"
        )


@cache
def code_digest() -> str:
    """The layer's own code: part of every cached entry's key, so a rule change re-renders."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


class Layer:
    """The adjustments for one pandoc batch in one style and locale."""

    def __init__(self, style_id: str, locale: str, items: Sequence[dict[str, Any]]) -> None:
        self.style_id, self.locale = style_id, locale

    def prepare(self, item: dict[str, Any]) -> dict[str, Any]:
        return prepare(item)

    def text(self, inlines: Sequence[dict[str, Any]], entry: bool = False) -> str:
        return text(_entry_inlines(inlines) if entry else inlines, entry)

    def html(self, inlines: Sequence[dict[str, Any]], entry: bool = False) -> str:
        return html(_entry_inlines(inlines) if entry else inlines, entry)


def _entry_inlines(blocks: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [inline for block in blocks for inline in block["c"]]


#: Masked character -> what it stands for. Curly quotes: citeproc-js keeps the quotes a record
#: typed (pandoc turns outer single quotes into double ones and moves a title's own final
#: punctuation inside); closing quotes marked "movable" take a following comma or full stop from
#: the style inside them, as citeproc-js does for en-US. Hyphens and spaces in numbers that are not
#: numeric ranges: citeproc-js keeps the hyphen ("1-n/a") and calls them singular ("p.").
MASKS = {
    "\ue000": "\u2018",  # ‘
    "\ue001": "\u2019",  # ’ closing a ‘ and movable
    "\ue002": "\u2019",  # ’ apostrophe, or already followed by punctuation
    "\ue003": "\u201c",  # “
    "\ue004": "\u201d",  # ” closing a “ and movable
    "\ue005": "\u201d",  # ” already followed by punctuation
    "\ue006": "-",
    "\ue007": " ",
    "\ue008": '"',  # a straight quote inside an unknown tag: text to citeproc-js, not a quote
    "\ue009": "",  # ends a given-name word pandoc cannot initialise, "(William"
    "\ue00a": "",  # opens a literal date
    "\ue00b": "",  # closes a literal date
}
_REVEAL = str.maketrans(MASKS)
_UNMASKED = str.maketrans(dict.fromkeys(MASKS))  # record text never carries a mask
_MOVABLE = re.compile("([\ue001\ue004])([.,])")
#: A closing double quote pandoc made from straight quotes, punctuation after it (and after the
#: italics around it): citeproc-js moves that punctuation inside.
_OUTSIDE = re.compile("(\u201d)((?:</i>|</b>)*)([.,])")
#: pandoc prints a literal date twice in apa.csl's "(year, month day)" ("13th Century, 13th
#: Century"); citeproc-js prints it once.
_LITERAL_TWICE = re.compile("(\ue00a([^\ue00b]*)\ue00b), \ue00a\\2\ue00b")
#: A tag-like run that is not CSL-JSON rich-text markup (those pandoc and citeproc-js both read).
_UNKNOWN_TAG = re.compile(
    r"<(?!/?(?:i|b|sup|sub)>|/span>|span (?:class=\"(?:nocase|nodecor)\"|"
    r"style=\"(?:font-variant: ?small-caps|font-style: ?normal|font-weight: ?normal);?\")>)"
    r"[^<>]*>"
)
_QUOTES = {
    "\u2018": ("\ue000", "\u2019", "\ue001", "\ue002"),
    "\u201c": ("\ue003", "\u201d", "\ue004", "\ue005"),
}

#: Variables that are not prose: left exactly as the record has them.
_VERBATIM = set("id type URL DOI ISBN ISSN PMID PMCID language citation-key".split())
#: Number variables a style may label ("p." / "pp."): pandoc decides plural on words alone.
_LABELLED = ("page", "number-of-pages", "number-of-volumes", "volume", "issue", "number", "version")
_RANGE = re.compile(r"^\s*[A-Za-z]*\d+[A-Za-z]*\s*[-\u2013]\s*[A-Za-z]*\d+[A-Za-z]*\s*$")
_LEADING_TERM = re.compile(r"^\((n\.d\.|in press|forthcoming)")
_SUPERSCRIPTS = str.maketrans(
    {c: f"<sup>{d}</sup>" for c, d in zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True)}
)
_ESCAPES = str.maketrans({"&": "&#38;", "<": "&#60;", ">": "&#62;"})
_TAGS = {
    "Strong": ("<b>", "</b>"),
    "Superscript": ("<sup>", "</sup>"),
    "Subscript": ("<sub>", "</sub>"),
    "SmallCaps": ('<span style="font-variant:small-caps;">', "</span>"),
}


def prepare(item: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``item`` that pandoc renders as citeproc-js renders ``item``."""
    out = dict(item)
    for key, value in note_variables(str(item.get("note") or "")).items():
        out.setdefault(key, value)
    for role in ("author", "editor", "translator", "container-author", "collection-editor"):
        if isinstance(out.get(role), list):
            out[role] = [_mark_given(name) for name in out[role]]
    for key, value in list(out.items()):
        if isinstance(value, str) and not value.strip():
            del out[key]  # an empty title or publisher would still get its punctuation
        elif isinstance(value, str) and key not in _VERBATIM:
            value = value.translate(_UNMASKED)
            value = _UNKNOWN_TAG.sub(lambda m: m.group(0).replace('"', "\ue008"), value)
            # citeproc-js puts a narrow no-break space before a colon that follows a space.
            out[key] = _mask_quotes(re.sub(r"(?<=\S) :", "\u202f:", value))
    issued = out.get("issued")
    if isinstance(issued, dict) and issued.get("literal") and not issued.get("date-parts"):
        out["issued"] = {**issued, "literal": f"\ue00a{issued['literal']}\ue00b"}
    if _RANGE.match(str(out.get("issue", ""))):
        out["issue"] = re.sub(r"\s*-\s*", "\u2013", str(out["issue"]))  # citeproc-js: "3–4"
    if "page" in out and not _RANGE.match(str(out["page"])):
        out["page"] = str(out["page"]).replace("-", "\ue006")
    for key in _LABELLED:
        if key in out and not re.search(r"\d", str(out[key])):
            out[key] = str(out[key]).replace(" ", "\ue007")
    if str(out.get("language", "")).lower().startswith("en"):
        out["language"] = "en-US"  # citeproc-js counts "eng", "English"… as English (title case)
    return out


def _mark_given(name: Any) -> Any:
    """Mark given-name words in parentheses: pandoc adds the initials' full stop after them."""
    if (
        not isinstance(name, dict)
        or not name.get("family")
        or not isinstance(name.get("given"), str)
    ):
        return name
    words = name["given"].split(" ")
    marked = [f"{w}\ue009" if w.startswith(("(", "[")) else w for w in words]
    return {**name, "given": " ".join(marked)}


def _mask_quotes(value: str) -> str:
    """Mask curly quotes; a closing one is movable if it closes an opener and ends a phrase."""
    chars = list(value)
    for opener, (open_mask, closer, movable, fixed) in _QUOTES.items():
        depth = 0
        for i, char in enumerate(chars):
            if char == opener:
                chars[i], depth = open_mask, depth + 1
            elif char == closer:
                closes = depth > 0 and (i + 1 == len(chars) or chars[i + 1] not in ".,")
                chars[i], depth = (movable if closes else fixed), max(depth - 1, 0)
    return "".join(chars)


def text(inlines: Sequence[dict[str, Any]], entry: bool = False) -> str:
    """citeproc-js's plain text for pandoc inlines (``entry``: a reference-list entry)."""
    return _finish(_text(inlines), entry)


def html(inlines: Sequence[dict[str, Any]], entry: bool = False) -> str:
    """citeproc-js's HTML: record text escaped, only the tags citeproc-js itself writes."""
    return _finish(_html(inlines, italic=False), entry)


def _finish(rendered: str, entry: bool) -> str:
    rendered = _MOVABLE.sub(r"\2\1", rendered.strip()).replace("\ue009.", "")
    rendered = _OUTSIDE.sub(r"\3\1\2", _LITERAL_TWICE.sub(r"\1", rendered))
    if entry:
        # citeproc-js capitalises a term that opens an entry: "(N.d.)." for an untitled work.
        rendered = _LEADING_TERM.sub(
            lambda m: "(" + m.group(1)[0].upper() + m.group(1)[1:], rendered
        )
    return rendered.translate(_REVEAL)


def _children(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The inline content of a pandoc node (Span, Link, Quoted… carry attributes first)."""
    content = node.get("c")
    if node["t"] in ("Span", "Link", "Quoted", "Cite", "Image"):
        return content[1]
    return content if isinstance(content, list) else []


def _quotes(node: dict[str, Any]) -> tuple[str, str]:
    return ("“", "”") if node["c"][0]["t"] == "DoubleQuote" else ("‘", "’")


def _text(inlines: Sequence[dict[str, Any]]) -> str:
    out = []
    for node in inlines:
        kind = node["t"]
        if kind == "Str":
            out.append(node["c"])
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Quoted":
            start, end = _quotes(node)
            out.append(start + _text(_children(node)) + end)
        elif kind not in ("Code", "Math", "RawInline", "Note"):
            out.append(_text(_children(node)))
    return "".join(out)


def _html(inlines: Sequence[dict[str, Any]], italic: bool) -> str:
    out = []
    for node in inlines:
        kind = node["t"]
        if kind == "Str":
            out.append(node["c"].translate(_ESCAPES).translate(_SUPERSCRIPTS))
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Emph":
            # Italics inside italics print upright, as citeproc-js's flip-flop does.
            inner = _html(_children(node), not italic)
            out.append(
                f'<span style="font-style:normal;">{inner}</span>' if italic else f"<i>{inner}</i>"
            )
        elif kind in _TAGS:
            start, end = _TAGS[kind]
            out.append(start + _html(_children(node), italic) + end)
        elif kind == "Quoted":
            start, end = _quotes(node)
            out.append(start + _html(_children(node), italic) + end)
        elif kind not in ("Code", "Math", "RawInline", "Note"):
            out.append(_html(_children(node), italic))
    return "".join(out)
