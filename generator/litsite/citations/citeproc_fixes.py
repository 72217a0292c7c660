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

from lxml import etree

from ..csl import CSL_NAME_VARIABLES, CSL_TEXT_VARIABLES
from . import citeproc_output
from .citeproc_output import Inline, children
from .citeproc_quotes import locale_quotes, read_quotes
from .citeproc_textcase import CASES, text_case, title_case_applies

#: What each mask stands for in the output.
_MEANINGS = {
    # Quotation marks citeproc-js reads as text (an apostrophe, a mark it cannot pair).
    "lsquo": "\u2018",
    "rsquo": "\u2019",
    "ldquo": "\u201c",
    "rdquo": "\u201d",
    "laquo": "\u00ab",
    "raquo": "\u00bb",
    "straight_quote": '"',
    "apostrophe": "'",
    # Around a quotation citeproc-js prints with inner marks where nothing encloses it.
    "inner_open": "",
    "inner_close": "",
    # After a closing mark inside the value: punctuation after it stays out.
    "closed_inside": "",
    "hyphen": "-",
    "space": " ",
    "given_start": "",
    "given_end": "",
    "lowercase_end": "",
    "lowercase_first_end": "",
    "lowercase_start": "",
    "lowercase_first_start": " ",  # citeproc-js writes a space before a first such word
    "institution": "",
    "literal_open": "",
    "literal_close": "",
}


class Batch:
    """What the rules know of one pandoc batch: its private-use stand-ins (a block of code
    points no item of it holds), the style's default locale and the variables the style hooks
    substituted."""

    def __init__(
        self, items: Sequence[dict[str, Any]], style_text: str = "", locale: str = "en-US"
    ) -> None:
        self.locale = locale
        used = set(json.dumps(list(items), ensure_ascii=False))
        base = 0xE000
        while any(chr(base + n) in used for n in range(len(_MEANINGS))):
            base += len(_MEANINGS)
        self.char = {name: chr(base + n) for n, name in enumerate(_MEANINGS)}
        self.reveal = str.maketrans({self.char[k]: v for k, v in _MEANINGS.items()})
        found = re.search(r'<style\b[^>]*\bdefault-locale="([^"]+)"', style_text)
        # citeproc-js's default locale: the style's own, else the one it renders in.
        self.default_locale = found.group(1) if found else locale
        #: Variables the style hooks made the style print instead of a variable it transforms:
        #: name -> (the variable, short form, the attribute, its value).
        self.substituted: dict[str, tuple[str, bool, str, str]] = {}


#: Variables that are not prose: left exactly as the record has them.
_VERBATIM = set("id type URL DOI ISBN ISSN PMID PMCID language citation-key".split())
_RANGE = re.compile(r"^\s*[A-Za-z]*\d+[A-Za-z]*\s*[-\u2013]\s*[A-Za-z]*\d+[A-Za-z]*\s*$")
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


def _substitute(style_text: str, batch: Batch, attribute: str, values: Sequence[str]) -> str:
    """Each ``<text>`` that prints a (non-numeric) variable with ``attribute`` set to one of
    ``values`` prints a variable of its own instead, without the attribute; the item hook of
    the same rule fills it (``_substituted``)."""

    def swap(found: re.Match[str]) -> str:
        tag = found.group(0)
        attributes = dict(_ATTRIBUTE.findall(tag))
        variable, value = attributes.get("variable", ""), attributes.get(attribute, "")
        if value not in values or not variable or variable in _NUMERIC:
            return tag
        short = attributes.get("form") == "short"
        name = f"litsite-{attribute}-{value}-{variable}{'-short' if short else ''}"
        batch.substituted[name] = (variable, short, attribute, value)
        tag = re.sub(f'\\s(?:{attribute}|form|variable)="[^"]*"', "", tag)
        return tag.replace("<text", f'<text variable="{name}"', 1)

    return _TEXT_ELEMENT.sub(swap, style_text)


def _substituted(
    item: Item, batch: Batch, attribute: str, change: Callable[[str, str], str]
) -> Item:
    """The item with each of ``attribute``'s substitutes: ``change(value, attribute value)``."""
    out = dict(item)
    for name, (variable, short, kind, setting) in batch.substituted.items():
        if kind != attribute:
            continue
        value = out.get(f"{variable}-short") if short else None
        if value is None and short and variable == "container-title":
            value = out.get("journalAbbreviation")
        value = out.get(variable) if value is None else value
        if isinstance(value, (str, int, float)) and value != "":
            out[name] = change(str(value), setting)
    return out


def case_in_style(style_text: str, batch: Batch) -> str:
    return _substitute(style_text, batch, "text-case", tuple(CASES))


def case_variables(item: Item, batch: Batch) -> Item:
    english = title_case_applies(item, batch.default_locale)

    def change(value: str, case: str) -> str:
        cased = value if case == "title" and not english else text_case(value, case)
        lead = _LEADING_PUNCTUATION.match(value)
        return (lead.group(0) if lead and lead.end() < len(value) else "") + cased

    return _substituted(item, batch, "text-case", change)


_CSL = "{http://purl.org/net/xbiblio/csl}"
_XML = etree.XMLParser(resolve_entities=False, no_network=True)


def name_before_label(style_text: str, batch: Batch) -> str:
    """A ``<names>`` with a ``<label>`` but no ``<name>`` prints the names first (the implied
    ``<name/>``), as citeproc-js does; pandoc would print the label first."""
    root = etree.fromstring(style_text.encode("utf-8"), _XML)
    changed = False
    for names in root.iter(f"{_CSL}names"):
        label = names.find(f"{_CSL}label")
        if label is not None and names.find(f"{_CSL}name") is None:
            label.addprevious(etree.Element(f"{_CSL}name"))
            changed = True
    return etree.tostring(root, encoding="unicode") if changed else style_text


def groups_as_macros(style_text: str, batch: Batch) -> str:
    """A group that prints counts, for the group around it, as a variable that printed, even
    if it calls no variable (a term: "[Online]."); pandoc counts it only when called as a
    macro. So each group is moved into a macro of its own, called where it stood."""
    root = etree.fromstring(style_text.encode("utf-8"), _XML)
    groups = list(root.iter(f"{_CSL}group"))
    first_layout = next(
        (e for e in root if e.tag in (f"{_CSL}citation", f"{_CSL}bibliography")), None
    )
    for n, group in enumerate(groups):
        name = f"litsite-group-{n}"
        group.addprevious(etree.Element(f"{_CSL}text", macro=name))
        macro = etree.Element(f"{_CSL}macro", name=name)
        macro.append(group)
        if first_layout is not None:
            first_layout.addprevious(macro)
        else:
            root.append(macro)
    return etree.tostring(root, encoding="unicode") if groups else style_text


def strip_periods_in_style(style_text: str, batch: Batch) -> str:
    return _substitute(style_text, batch, "strip-periods", ("true",))


def strip_periods(item: Item, batch: Batch) -> Item:
    """citeproc-js strips a full stop only where no lower-case letter follows it."""
    return _substituted(
        item, batch, "strip-periods", lambda value, _: re.sub(r"\.([^a-z]|$)", r"\1", value)
    )


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
    start, end = batch.char["given_start"], batch.char["given_end"]
    return _mark_given_words(
        item, lambda w, n: f"{start}{w}{end}" if w.startswith(("(", "[")) else w
    )


def unmark_parenthesised(text: str, batch: Batch) -> str:
    """No initial's stop after the word, and the word set apart from initials joined with
    nothing ("WEB (William EB")."""
    text = _drop_initial_stop(text, batch.char["given_end"], "")
    return _set_apart(text, batch.char["given_start"], batch.char["given_end"])


def _set_apart(text: str, start: str, ends: str) -> str:
    """A space before a marked word glued to an initial before it, and after one glued to what
    follows it."""
    text = re.sub(f"(?<=[\\w.]){start}", " ", text)
    return re.sub(f"([{ends}])(?=\\w)", r"\1 ", text)


def _drop_initial_stop(text: str, mark: str, before: str, word: str = r"\S*?") -> str:
    """Drop the initial's full stop pandoc wrote after a marked ``word``. A stop before the date
    or at the end is also the name list's own (pandoc writes one where citeproc-js writes both)."""
    return re.sub(
        f"({word}){mark}\\.(?=( \\((?:\\d|n\\.d\\.|s\\. f\\.)|$)?)",
        lambda m: before + m.group(1) + mark + ("." if m.group(2) is not None else ""),
        text,
    )


def mark_lowercase(item: Item, batch: Batch) -> Item:
    first, later = batch.char["lowercase_first_end"], batch.char["lowercase_end"]
    start, first_start = batch.char["lowercase_start"], batch.char["lowercase_first_start"]
    return _mark_given_words(
        item,
        lambda w, n: (
            f"{start if n else first_start}{w}{later if n else first}" if w[:1].islower() else w
        ),
    )


def unmark_lowercase(text: str, batch: Batch) -> str:
    """pandoc kept the word and added an initial's stop: drop it; citeproc-js sets a kept word
    apart from the initials around it even where they are joined with nothing ("F de LM")."""
    word = r"\w[\w'’-]*"
    ends = batch.char["lowercase_first_end"] + batch.char["lowercase_end"]
    text = _drop_initial_stop(text, batch.char["lowercase_first_end"], "", word)
    text = _drop_initial_stop(text, batch.char["lowercase_end"], "", word)
    return _set_apart(text, batch.char["lowercase_start"], ends)


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


def space_colon(item: Item, batch: Batch) -> Item:
    return _prose(item, lambda v: re.sub(r"(?<=\S) :", "\u202f:", v))


#: pandoc's closing quotation marks (a Str of their own, last in the quotation's Span).
_CLOSING_MARKS = ("\u201d", "\u2019")
_TEXT_QUOTES = {
    "\u2018": "lsquo",
    "\u2019": "rsquo",
    "\u201c": "ldquo",
    "\u201d": "rdquo",
    "\u00ab": "laquo",
    "\u00bb": "raquo",
    '"': "straight_quote",
    "'": "apostrophe",
}


def quotations(item: Item, batch: Batch) -> Item:
    return _prose(item, lambda v: _quotations(v, batch))


def _quotations(value: str, batch: Batch) -> str:
    """The value with each quotation citeproc-js reads written as one pandoc reads the same
    way (typed double marks), every other quotation mark masked as text."""
    parts = read_quotes(value, batch.locale)
    if len(parts) == 1 and parts[0].kind == "text" and not set(value) & set(_TEXT_QUOTES):
        return value
    text = {mark: batch.char[name] for mark, name in _TEXT_QUOTES.items()}
    out = []
    for part in parts:
        if part.kind == "text":
            out.append("".join(text.get(char, char) for char in part.text))
        elif part.kind == "open":
            out.append("\u201c" + (batch.char["inner_open"] if part.inner else ""))
        elif part.kind == "close":
            out.append(batch.char["inner_close"] if part.inner else "")
            out.append("\u201d" + ("" if part.final else batch.char["closed_inside"]))
        else:
            out.append(part.text)
    return "".join(out)


def inner_quotations(text: str, batch: Batch) -> str:
    """Where nothing encloses it, a quotation citeproc-js prints with inner marks gets them,
    and the quotations inside it the outer ones."""
    opening, closing, inner_opening, inner_closing = locale_quotes(batch.locale)
    swap = str.maketrans(
        {
            opening: inner_opening,
            inner_opening: opening,
            closing: inner_closing,
            inner_closing: closing,
        }
    )
    marks = re.escape(opening + closing + inner_opening + inner_closing)
    found = re.compile(
        f"([{marks}]){batch.char['inner_open']}(.*?){batch.char['inner_close']}([.,]?[{marks}])",
        re.S,
    )
    return found.sub(
        lambda m: m.group(0).translate(swap) if m.group(1) == opening else m.group(0), text
    )


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


def punctuation_outside_quotes(style_text: str, batch: Batch) -> str:
    """pandoc moves punctuation into quotation marks its own way (it drops a comma after a
    question mark): turned off here, ``move_into_quotes`` does it as citeproc-js does."""
    root = etree.fromstring(style_text.encode("utf-8"), _XML)
    anchor = next((e for e in root if e.tag in (f"{_CSL}macro", f"{_CSL}citation")), None)
    if anchor is None:
        return style_text
    locale = etree.Element(f"{_CSL}locale")
    etree.SubElement(locale, f"{_CSL}style-options", {"punctuation-in-quote": "false"})
    anchor.addprevious(locale)
    return etree.tostring(root, encoding="unicode")


def move_into_quotes(inlines: list[Inline], batch: Batch, entry: bool) -> list[Inline]:
    """A comma right after a quotation (and the italics around it) goes inside all its closing
    marks; so does a full stop, unless the quotation ends with one (or with ? or !)."""
    hidden = "".join(c for name, c in batch.char.items() if _MEANINGS[name] == "")
    return _move_into([_copy(node) for node in inlines], hidden)


def _move_into(inlines: list[Inline], hidden: str) -> list[Inline]:
    for node in inlines:
        if node["t"] not in ("Str", "Space") and children(node):
            kids = _move_into(children(node), hidden)
            children(node)[:] = kids
    for node, after in zip(inlines, inlines[1:], strict=False):
        found = _innermost_closer(node)
        if found is None or after["t"] != "Str" or after["c"][:1] not in (".", ","):
            continue
        closer, before = found
        ended = citeproc_output.to_text(before).rstrip(hidden)[-1:] in (".", "?", "!")
        if not (after["c"][0] == "." and ended):
            closer["c"] = after["c"][0] + closer["c"]
        after["c"] = after["c"][1:]
    return [node for node in inlines if not (node["t"] == "Str" and node["c"] == "")]


def _innermost_closer(node: Inline) -> tuple[Inline, list[Inline]] | None:
    """The closing mark (pandoc's own Str) of the innermost quotation ``node`` ends with, and
    what that quotation holds before it."""
    while node["t"] in ("Emph", "Strong", "Span") and children(node):
        kids = children(node)
        if kids[-1]["t"] == "Str" and kids[-1]["c"] in _CLOSING_MARKS:
            inner = _innermost_closer(kids[-2]) if len(kids) > 1 else None
            return inner or (kids[-1], kids[:-1])
        node = kids[-1]
    return None


def _copy(node: Inline) -> Inline:
    return json.loads(json.dumps(node))


_LEADING_TERM = re.compile(r"^\(?(n\.d\.|s\.\s?f\.|in press|en prensa|forthcoming|ca\.|c\.|circa)")


def capitalise_leading_term(inlines: list[Inline], batch: Batch, entry: bool) -> list[Inline]:
    """ "(N.d.)." when an entry opens with a term (an untitled, authorless work)."""
    if not entry or not inlines or inlines[0]["t"] != "Str":
        return inlines
    if not _LEADING_TERM.match(citeproc_output.to_text(inlines[:3])):
        return inlines
    first = inlines[0]["c"]
    at = 1 if first.startswith("(") else 0
    return [{"t": "Str", "c": first[:at] + first[at].upper() + first[at + 1 :]}, *inlines[1:]]
