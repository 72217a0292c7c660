# Derived from citeproc-js 1.4.61 (npm citeproc@2.4.63):
# CSL.Util.FlipFlopper.processTags (quotation-mark pairing),
# translated to Python. citeproc-js is licensed CPAL-1.0 OR AGPL-3.0, not MIT: see
# README.md, "Third-party code". To be replaced by litsite's own implementation.
"""Which quotation marks in a value citeproc-js reads as a quotation, and which as text.

citeproc-js reads straight and typed quotation marks in a variable's value with its
"flip-flopper" (``CSL.Util.FlipFlopper.processTags`` of citeproc-js 1.4.61, npm
``citeproc@2.4.63``): a pair of marks encloses a quotation, printed with the locale's quotation
marks, double or single by nesting; a mark it cannot pair, an apostrophe (a straight single
quote followed by a letter, a bracket…), a closing mark that does not close the innermost
opening one, are text. pandoc pairs marks by other rules. ``read_quotes`` follows citeproc-js step
by step and says, for each part of the value, what it is; the quote rule of the compatibility
layer then writes the value so pandoc reads the same quotations.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

__all__ = ["Part", "read_quotes", "locale_quotes"]

#: (open-quote, close-quote, open-inner-quote, close-inner-quote) of the CSL locales litsite
#: renders in (pandoc's copies); another language falls back to English.
_LOCALE_QUOTES = {
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "es": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
}
_ROMANESQUE = (
    "[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e]"
)
_TYPED_APOSTROPHE = re.compile(f"({_ROMANESQUE})\u2019({_ROMANESQUE})")
_STRAIGHT_OPENERS = (' "', " '", '("', "('")


def locale_quotes(locale: str) -> tuple[str, str, str, str]:
    """The locale's outer and inner quotation marks."""
    return _LOCALE_QUOTES.get(locale[:2].lower(), _LOCALE_QUOTES["en"])


@dataclass(frozen=True)
class Part:
    """A piece of a value: ``text`` (quotation marks in it are text), a quotation's ``open``
    or ``close`` mark, or a rich-text ``tag``. ``inner``: a quotation citeproc-js prints with
    the inner marks where nothing encloses it (a typed single quotation, or the second kind of
    straight quote met); ``final``: a closing mark that ends the value."""

    kind: str
    text: str = ""
    inner: bool = False
    final: bool = False


def _nesting(locale: str) -> dict[str, dict[str, str]]:
    """citeproc-js's ``_nestingData``: opening tag -> its type, closing tag and outer form."""
    data: dict[str, dict[str, str]] = {
        '<span class="nocase">': {"type": "nocase", "closer": "</span>", "outer": ""},
        '<span class="nodecor">': {"type": "nodecor", "closer": "</span>", "outer": ""},
        '<span style="font-variant:small-caps;">': {"type": "tag", "closer": "</span>"},
        "<sc>": {"type": "tag", "closer": "</sc>"},
        "<i>": {"type": "tag", "closer": "</i>"},
        "<b>": {"type": "tag", "closer": "</b>"},
        "<sup>": {"type": "tag", "closer": "</sup>"},
        "<sub>": {"type": "tag", "closer": "</sub>"},
        ' "': {"type": "quote", "closer": '"', "outer": "true"},
        " '": {"type": "quote", "closer": "'", "outer": "inner"},
    }
    data['("'] = data[' "']  # the same entries, as in citeproc-js
    data["('"] = data[" '"]
    opening, closing, inner_opening, inner_closing = locale_quotes(locale)
    if opening not in (' "', " '", '"', "'"):
        data[opening] = {**copy.deepcopy(data[' "']), "closer": closing}
    if inner_opening not in (' "', " '", '"', "'"):
        data[inner_opening] = {**copy.deepcopy(data[" '"]), "closer": inner_closing}
    return data


def _patterns(data: dict[str, dict[str, str]]) -> tuple[re.Pattern[str], set[str]]:
    openers = list(data)
    closers = list(dict.fromkeys(entry["closer"] for entry in data.values()))
    every = re.compile("|".join(re.escape(tag) for tag in openers + closers))
    return every, set(openers)


def _apostrophe(tag: str, text: str) -> str | None:
    if tag == "'" and text and re.match(r"^[^,.?:; ]", text):
        return "\u2019"
    if tag == " '" and text.startswith(" "):
        return " \u2019"
    return None


def read_quotes(value: str, locale: str = "en-US") -> list[Part]:
    """``value`` as citeproc-js reads its quotation marks (markup tags kept as tags)."""
    data = _nesting(locale)
    every, openers = _patterns(data)
    text = " " + _TYPED_APOSTROPHE.sub(r"\1'\2", value)
    text = re.sub(
        r'(<span)\s+(style="font-variant:)\s*(small-caps);?"[^>]*(>)', r'\1 \2\3;"\4', text
    )
    text = re.sub(r'(<span)\s+(class="no(?:case|decor)")[^>]*(>)', r"\1 \2\3", text)
    tags = every.findall(text)
    if not tags:
        return [Part("text", value)]
    strings = every.split(text)
    forced: list[bool] = []
    for i in range(len(tags) - 1):
        if tags[i] in data:
            forced.append(strings[i + 1] == "" and tags[i + 1] in ('"', "'"))
            if forced[-1]:
                tags[i + 1] = " " + tags[i + 1]
    stack: list[dict[str, object]] = []

    def push(tag: str, at: int) -> dict[str, int] | None:
        if tag in openers:
            stack.append({"type": data[tag]["type"], "closer": data[tag]["closer"], "pos": at})
            return None
        top = stack[-1] if stack else None
        if top is not None and tag == top["closer"]:
            stack.pop()
            if top["type"] == "nocase":
                tags[int(top["pos"])] = tags[at] = ""  # type: ignore[call-overload]
            return None
        return {"fixtag": int(top["pos"]) if top is not None else at}  # type: ignore[call-overload]

    for i, tag in enumerate(list(tags)):
        apostrophe = _apostrophe(tag, strings[i + 1])
        if apostrophe:
            strings[i + 1] = apostrophe + strings[i + 1]
            tags[i] = ""
            continue
        info = None
        while True:
            info = push(tag, i)
            if info is None:
                break
            if tag == "'":
                strings[i + 1] = "\u2019" + strings[i + 1]
                tags[i] = ""
            else:
                at = info["fixtag"]
                failed = tags[at]
                if at >= 1 and at - 1 < len(forced) and forced[at - 1]:
                    failed = failed[1:]
                strings[at + 1] = failed + strings[at + 1]
                tags[at] = ""
            if stack and tag != "'":
                stack.pop()
                continue
            break
        if info is not None:
            strings[i + 1] = tags[i] + strings[i + 1]
            tags[i] = ""
    for entry in reversed(stack):
        at = int(entry["pos"])  # type: ignore[call-overload]
        stray = tags[at]
        strings[at + 1] = (" \u2019" if stray in (" '", "'") else stray) + strings[at + 1]
        tags[at] = ""
    for i in range(len(tags) - 1, -1, -1):
        if not tags[i]:
            strings[i : i + 2] = [strings[i] + strings[i + 1]]
            del tags[i]
    return _parts(tags, strings, forced, data, openers)


def _parts(
    tags: list[str],
    strings: list[str],
    forced: list[bool],
    data: dict[str, dict[str, str]],
    openers: set[str],
) -> list[Part]:
    """The read value, each quotation with the form citeproc-js gives it when nothing outside
    the value encloses it."""
    seen_straight = None
    for i, tag in enumerate(tags):
        if tag in _STRAIGHT_OPENERS:
            if seen_straight is None:
                # The first kind of straight quote met is the outer one.
                seen_straight = tag[1]
            # citeproc-js looks its list of added spaces up by the wrong index; so does this.
            if not (1 <= i <= len(forced) and forced[i - 1]):
                strings[i] += tag[0]
    strings[0] = strings[0][1:] if strings[0].startswith(" ") else strings[0]
    parts = [Part("text", strings[0])] if strings[0] else []
    quotes: list[bool] = []  # inner form of each open quotation, innermost last
    for i, tag in enumerate(tags):
        if tag in openers and data[tag]["type"] == "quote":
            straight = tag in _STRAIGHT_OPENERS
            outer = data[tag]["outer"] == "true"
            if straight and seen_straight is not None:
                outer = tag[1] == seen_straight
            inner = not quotes and not outer
            quotes.append(inner)
            parts.append(Part("open", tag.lstrip(" ("), inner))
        elif tag in openers:
            parts.append(Part("tag", tag))
        elif quotes and tag in {e["closer"] for e in data.values() if e["type"] == "quote"}:
            final = not "".join(strings[i + 1 :]).strip() and not set(tags[i + 1 :]) & openers
            parts.append(Part("close", tag, quotes.pop(), final))
        else:
            parts.append(Part("tag", tag))
        if strings[i + 1]:
            parts.append(Part("text", strings[i + 1]))
    return parts
