"""The rules' work: how each difference between pandoc's citeproc and citeproc-js is bridged.

``citeproc_js.RULES`` names each rule, what it covers and where it applies; the functions here
adjust an item before pandoc reads it (``(item, batch) -> item``), pandoc's output AST
(``(inlines, batch, entry) -> inlines``) or, where the AST cannot say it, the rendered string
(``(text, batch) -> text``).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from ..csl import CSL_NAME_VARIABLES, CSL_TEXT_VARIABLES
from . import citeproc_output
from .citeproc_output import Inline, children
from .citeproc_textcase import CASES, text_case, title_case_applies

#: What each mask stands for in the output.
_MEANINGS = {
    "lsquo": "\u2018",
    "rsquo_movable": "\u2019",  # closes a typed ‘ at the end of a phrase: may take punctuation
    "rsquo": "\u2019",  # an apostrophe, or a closer already followed by punctuation
    "ldquo": "\u201c",
    "rdquo_movable": "\u201d",
    "rdquo": "\u201d",
    "hyphen": "-",
    "space": " ",
    "straight_quote": '"',
    "given_end": "",
    "lowercase_end": "",
    "lowercase_first_end": "",
    "institution": "",
    "literal_open": "",
    "literal_close": "",
}


class Batch:
    """What the rules know of one pandoc batch: its private-use stand-ins (a block of code
    points no item of it holds), the style's default locale and the text-cased variables it
    prints."""

    def __init__(self, items: Sequence[dict[str, Any]], style_text: str = "") -> None:
        used = set(json.dumps(list(items), ensure_ascii=False))
        base = 0xE000
        while any(chr(base + n) in used for n in range(len(_MEANINGS))):
            base += len(_MEANINGS)
        self.char = {name: chr(base + n) for n, name in enumerate(_MEANINGS)}
        self.reveal = str.maketrans({self.char[k]: v for k, v in _MEANINGS.items()})
        found = re.search(r'<style\b[^>]*\bdefault-locale="([^"]+)"', style_text)
        # citeproc-js's default locale is the style's, else en-US (not the one it renders in).
        self.default_locale = found.group(1) if found else "en-US"
        self.cased = {_cased_name(*key): key for key in _cased_texts(style_text)}


#: Variables that are not prose: left exactly as the record has them.
_VERBATIM = set("id type URL DOI ISBN ISSN PMID PMCID language citation-key".split())
_RANGE = re.compile(r"^\s*[A-Za-z]*\d+[A-Za-z]*\s*[-\u2013]\s*[A-Za-z]*\d+[A-Za-z]*\s*$")
#: A tag-like run that is not CSL-JSON rich-text markup (those pandoc and citeproc-js both read).
_UNKNOWN_TAG = re.compile(
    r"<(?!/?(?:i|b|sup|sub)>|/span>|span (?:class=\"(?:nocase|nodecor)\"|"
    r"style=\"(?:font-variant: ?small-caps|font-style: ?normal|font-weight: ?normal);?\")>)"
    r"[^<>]*>"
)
_NAME_ROLES = tuple(sorted(CSL_NAME_VARIABLES))
_LABELLED = ("page", "number-of-pages", "number-of-volumes", "volume", "issue", "number", "version")

Item = dict[str, Any]


def _prose(item: Item, change: Callable[[str], str]) -> Item:
    """``change`` applied to every string variable that is prose (not an identifier)."""
    return {
        key: change(value) if isinstance(value, str) and key not in _VERBATIM else value
        for key, value in item.items()
    }


# --- item rules: the item as pandoc should see it -------------------------------------------


def drop_non_text(item: Item, batch: Batch) -> Item:
    return {
        k: v
        for k, v in item.items()
        if k not in CSL_TEXT_VARIABLES or isinstance(v, (str, int, float))
    }


#: citeproc-js's numeric variables: cased after their numbers are formatted, left to pandoc.
_NUMERIC = frozenset(
    """call-number chapter-number collection-number division edition page issue locator
    locator-extra number number-of-pages number-of-volumes part-number printing-number section
    supplement-number version volume supplement citation-number""".split()
)
_TEXT_ELEMENT = re.compile(r"<text\b[^>]*>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')
#: What citeproc-js moves out of the front of a value into its prefix (and, when the value is
#: cased, prints again with it).
_LEADING_PUNCTUATION = re.compile(r"^[:.;!?][:.;!? ]*")


def _cased_element(tag: str) -> tuple[str, str, bool] | None:
    """``(variable, text-case, short form)`` of a ``<text>`` element that cases a variable."""
    attributes = dict(_ATTRIBUTE.findall(tag))
    variable, case = attributes.get("variable", ""), attributes.get("text-case", "")
    if case in CASES and variable and variable not in _NUMERIC:
        return variable, case, attributes.get("form") == "short"
    return None


def _cased_texts(style_text: str) -> set[tuple[str, str, bool]]:
    found = (_cased_element(tag) for tag in _TEXT_ELEMENT.findall(style_text))
    return {key for key in found if key is not None}


def _cased_name(variable: str, case: str, short: bool) -> str:
    return f"litsite-{case}-{variable}{'-short' if short else ''}"


def case_in_style(style_text: str, batch: Batch) -> str:
    """Each ``<text>`` that cases a variable prints the item's copy cased as citeproc-js
    cases it (``case_variables``) instead."""

    def swap(found: re.Match[str]) -> str:
        key = _cased_element(found.group(0))
        if key is None:
            return found.group(0)
        tag = re.sub(r'\s(?:text-case|form|variable)="[^"]*"', "", found.group(0))
        return tag.replace("<text", f'<text variable="{_cased_name(*key)}"', 1)

    return _TEXT_ELEMENT.sub(swap, style_text)


def case_variables(item: Item, batch: Batch) -> Item:
    out = dict(item)
    english = title_case_applies(item, batch.default_locale)
    for name, (variable, case, short) in batch.cased.items():
        value = item.get(f"{variable}-short") if short else None
        if value is None and short and variable == "container-title":
            value = item.get("journalAbbreviation")
        value = item.get(variable) if value is None else value
        if not isinstance(value, (str, int, float)) or value == "":
            continue
        value = str(value)
        cased = value if case == "title" and not english else text_case(value, case)
        lead = _LEADING_PUNCTUATION.match(value)
        moved = lead.group(0) if lead and lead.end() < len(value) else ""
        out[name] = moved + cased
    return out


def _mark_given_words(item: Item, mark: Callable[[str, int], str]) -> Item:
    """``mark(word, position)`` applied to each given-name word of every personal name."""
    out = dict(item)
    for role in _NAME_ROLES:
        if isinstance(out.get(role), list):
            out[role] = [
                {**name, "given": " ".join(map(mark, name["given"].split(" "), itertools.count()))}
                if isinstance(name, dict)
                and name.get("family")
                and isinstance(name.get("given"), str)
                else name
                for name in out[role]
            ]
    return out


def mark_parenthesised(item: Item, batch: Batch) -> Item:
    end = batch.char["given_end"]
    return _mark_given_words(item, lambda w, n: f"{w}{end}" if w.startswith(("(", "[")) else w)


def unmark_parenthesised(text: str, batch: Batch) -> str:
    return _drop_initial_stop(text, batch.char["given_end"], "")


def _drop_initial_stop(text: str, mark: str, before: str, word: str = r"\S*?") -> str:
    """Drop the initial's full stop pandoc wrote after a marked ``word``. A stop before the date
    or at the end is also the name list's own (pandoc writes one where citeproc-js writes both)."""
    return re.sub(
        f"({word}){mark}\\.(?=( \\((?:\\d|n\\.d\\.|s\\. f\\.)|$)?)",
        lambda m: before + m.group(1) + ("." if m.group(2) is not None else ""),
        text,
    )


def mark_lowercase(item: Item, batch: Batch) -> Item:
    first, later = batch.char["lowercase_first_end"], batch.char["lowercase_end"]
    return _mark_given_words(
        item, lambda w, n: f"{w}{later if n else first}" if w[:1].islower() else w
    )


def unmark_lowercase(text: str, batch: Batch) -> str:
    """pandoc kept the word and added an initial's stop: drop it; citeproc-js writes a space
    before a first given name it keeps whole."""
    word = r"\w[\w'’-]*"
    text = _drop_initial_stop(text, batch.char["lowercase_first_end"], " ", word)
    return _drop_initial_stop(text, batch.char["lowercase_end"], "", word)


def mark_institution(item: Item, batch: Batch) -> Item:
    out = dict(item)
    for role in _NAME_ROLES:
        names = out.get(role)
        last = names[-1] if isinstance(names, list) and len(names) == 2 else None
        if isinstance(last, dict) and isinstance(last.get("literal"), str):
            out[role] = [names[0], {**last, "literal": batch.char["institution"] + last["literal"]}]
    return out


def no_delimiter_before_institution(text: str, batch: Batch) -> str:
    return re.sub(f", (\\S+ ){batch.char['institution']}", r" \1", text)


def tag_like_text(item: Item, batch: Batch) -> Item:
    quote = batch.char["straight_quote"]
    return _prose(item, lambda v: _UNKNOWN_TAG.sub(lambda m: m.group(0).replace('"', quote), v))


def space_colon(item: Item, batch: Batch) -> Item:
    return _prose(item, lambda v: re.sub(r"(?<=\S) :", "\u202f:", v))


def typed_quotes(item: Item, batch: Batch) -> Item:
    return _prose(item, lambda v: _mask_quotes(v, batch))


def _mask_quotes(value: str, batch: Batch) -> str:
    """Mask curly quotes; a closing one is movable if it closes an opener and ends a phrase."""
    chars = list(value)
    for opener, closer, kind in (("\u2018", "\u2019", "squo"), ("\u201c", "\u201d", "dquo")):
        depth = 0
        for i, char in enumerate(chars):
            if char == opener:
                chars[i], depth = batch.char[f"l{kind}"], depth + 1
            elif char == closer:
                closes = depth > 0 and (i + 1 == len(chars) or chars[i + 1] not in ".,")
                chars[i] = batch.char[f"r{kind}_movable" if closes else f"r{kind}"]
                depth = max(depth - 1, 0)
    return "".join(chars)


def move_into_typed_quotes(inlines: list[Inline], batch: Batch, entry: bool) -> list[Inline]:
    return _move_into(inlines, batch.char["rsquo_movable"] + batch.char["rdquo_movable"])


def mark_literal_date(item: Item, batch: Batch) -> Item:
    issued = item.get("issued")
    if isinstance(issued, dict) and issued.get("literal") and not issued.get("date-parts"):
        literal = f"{batch.char['literal_open']}{issued['literal']}{batch.char['literal_close']}"
        return {**item, "issued": {**issued, "literal": literal}}
    return item


def literal_date_once(text: str, batch: Batch) -> str:
    start, end = batch.char["literal_open"], batch.char["literal_close"]
    twice = re.compile(f"({start}([^{end}]*){end}), {start}\\2{end}")
    return twice.sub(r"\1", text)


def issue_range(item: Item, batch: Batch) -> Item:
    if _RANGE.match(str(item.get("issue", ""))):
        return {**item, "issue": re.sub(r"\s*-\s*", "\u2013", str(item["issue"]))}
    return item


def page_hyphen(item: Item, batch: Batch) -> Item:
    if "page" in item:
        return {**item, "page": _keep_hyphens(str(item["page"]), batch)}
    return item


def _keep_hyphens(value: str, batch: Batch) -> str:
    """Mask the hyphens of each comma-separated part that is not a numeric range."""
    parts = re.split(r"(,\s*)", value)
    return "".join(p if _RANGE.match(p) else p.replace("-", batch.char["hyphen"]) for p in parts)


def number_hyphens(item: Item, batch: Batch) -> Item:
    number = item.get("number")
    if not isinstance(number, str):
        return item
    if _RANGE.match(number):
        return {**item, "number": re.sub(r"\s*-\s*", "\u2013", number)}
    return {**item, "number": number.replace("-", batch.char["hyphen"])}


def wordy_numbers(item: Item, batch: Batch) -> Item:
    out = dict(item)
    for key in _LABELLED:
        if key in out and not re.search(r"\d", str(out[key])):
            out[key] = str(out[key]).replace(" ", batch.char["space"])
    return out


# --- output rules: pandoc's AST (or, where it cannot say it, the string) --------------------


def move_into_quotes(inlines: list[Inline], batch: Batch, entry: bool) -> list[Inline]:
    return _move_into(inlines, "\u201d")


def _move_into(inlines: list[Inline], closers: str) -> list[Inline]:
    """A full stop or comma right after a closing quote (and the italics around it) goes in."""
    inside = re.compile(f"([{closers}])([.,])")
    out = [_copy(node) for node in inlines]
    for node in _leaves(out):
        node["c"] = inside.sub(r"\2\1", node["c"])
    for node, after in zip(out, out[1:], strict=False):
        closer = _last_leaf(node)
        if (
            closer is not None
            and closer["c"][-1:] in closers
            and after["t"] == "Str"
            and after["c"][:1] in (".", ",")
        ):
            closer["c"] = closer["c"][:-1] + after["c"][0] + closer["c"][-1]
            after["c"] = after["c"][1:]
    return [node for node in out if not (node["t"] == "Str" and node["c"] == "")]


def _leaves(inlines: list[Inline]) -> list[Inline]:
    out = []
    for node in inlines:
        if node["t"] == "Str":
            out.append(node)
        elif node["t"] not in ("Space", "SoftBreak", "LineBreak"):
            out.extend(_leaves(children(node)))
    return out


def _copy(node: Inline) -> Inline:
    return json.loads(json.dumps(node))


def _last_leaf(node: Inline) -> Inline | None:
    """The Str that ``node`` ends with, looking through italics, bold and spans."""
    while node["t"] in ("Emph", "Strong", "Span") and children(node):
        node = children(node)[-1]
    return node if node["t"] == "Str" else None


_LEADING_TERM = re.compile(r"^\((n\.d\.|in press|forthcoming)")


def capitalise_leading_term(inlines: list[Inline], batch: Batch, entry: bool) -> list[Inline]:
    """ "(N.d.)." when an entry opens with a term (an untitled, authorless work)."""
    if not entry or not inlines or inlines[0]["t"] != "Str":
        return inlines
    if not _LEADING_TERM.match(citeproc_output.to_text(inlines[:3])):
        return inlines
    first = inlines[0]["c"]
    return [{"t": "Str", "c": first[0] + first[1].upper() + first[2:]}, *inlines[1:]]
