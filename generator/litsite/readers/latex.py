"""BibTeX field text to Unicode: accents, commands and math via pylatexenc, names split.

Math stays readable: ``$^{13}$C`` becomes ``¹³C`` and ``$\\alpha$`` becomes ``α`` (pylatexenc's
text mode plus Unicode super/subscript digits); ``--`` becomes an en dash as TeX prints it.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexwalker import LatexWalker
from pylatexenc.latexwalker import get_default_latex_context_db as get_default_walker_context
from pylatexenc.macrospec import LatexContextDb, std_macro

from ..model import Person

# pylatexenc logs each odd macro it meets; the text it returns is what matters here.
logging.getLogger("pylatexenc").addHandler(logging.NullHandler())
logging.getLogger("pylatexenc").propagate = False

__all__ = ["latex_to_text", "split_people"]

_SUPER = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
#: ``^{2}``, ``_2``, ``\textsuperscript{13}``, ``_{\textrm{2}}``, ``^{\textrm{ème}}``.
_SCRIPT = re.compile(
    r"(\\textsuperscript|\\textsubscript|(?<!\\)\^|(?<!\\)_)\s*"
    r"(?:\{\s*(?:\\(?:textrm|mathrm|text|rm)\s*)?\{?([^{}$]*?)\}?\s*\}|([0-9n]))"
)
#: TeX logo macros pylatexenc would drop; they read as their own names.
_LOGOS = ("TeX", "LaTeX", "BibTeX", "METAFONT", "MF", "AmSTeX", "XeTeX", "LuaTeX", "ConTeXt")
#: biblatex's punctuation commands, and ``\\ud``: a line break (``\\u000d``) as Mendeley and
#: CORE's repository abstracts garble it.
_SYMBOLS = {"hyphen": "-", "slash": "/", "textnumero": "№", "mkbibellipsis": "…", "ud": " "} | {
    # LaTeX's text-mode names of characters that are special in LaTeX (pylatexenc lacks the
    # braces, and gives U+02C6 for the circumflex).
    "textbraceleft": "{",
    "textbraceright": "}",
    "textasciicircum": "^",
}
_QUOTES = ("enquote", "mkbibquote")
_KEEP_ARGUMENT = ("mbox", "mkbibemph", "mkbibitalic", "mkbibbold", "NoCaseChange", "hbox")
_NEEDS_DECODING = re.compile(r"[\\$~{}]|--|``|''")


def _argument(index: int):
    """A ``simplify_repl`` giving one argument of the macro as text ("" when it is missing)."""

    def text(node, l2tobj) -> str:
        arguments = node.nodeargd.argnlist if node.nodeargd else []
        argument = arguments[index] if index < len(arguments) else None
        return l2tobj.nodelist_to_text([argument]) if argument is not None else ""

    return text


def _quoted(node, l2tobj) -> str:
    return f"“{_argument(0)(node, l2tobj)}”"


def _glyph(node, l2tobj) -> str:
    """``\\ElsevierGlyph{2014}`` is the character U+2014 (Elsevier's own markup)."""
    code = _argument(0)(node, l2tobj).strip()
    return chr(int(code, 16)) if re.fullmatch(r"[0-9A-Fa-f]{4,5}", code) else code


def _overline(node, l2tobj) -> str:
    """``\\overline{1}`` as 1̅ (combining overline), as crystallographers write it."""
    return "".join(f"{c}\u0305" for c in _argument(0)(node, l2tobj))


@cache
def _contexts() -> tuple[LatexContextDb, LatexNodes2Text]:
    """Parsing context (how many arguments each macro takes) and text context (its output)."""
    one = (*_QUOTES, *_KEEP_ARGUMENT, "ElsevierGlyph", "url")
    walker = get_default_walker_context()
    walker.add_context_category(
        "litsite",
        prepend=True,
        macros=[std_macro("href", False, 2), *(std_macro(name, False, 1) for name in one)],
    )
    text = get_default_latex_context_db()
    text.add_context_category(
        "litsite",
        prepend=True,
        macros=[
            MacroTextSpec("url", simplify_repl=_argument(0)),
            MacroTextSpec("href", simplify_repl=_argument(0)),
            MacroTextSpec("ElsevierGlyph", simplify_repl=_glyph),
            MacroTextSpec("overline", simplify_repl=_overline),
            *(MacroTextSpec(name, simplify_repl=name) for name in _LOGOS),
            *(MacroTextSpec(name, simplify_repl=text) for name, text in _SYMBOLS.items()),
            *(MacroTextSpec(name, simplify_repl=_quoted) for name in _QUOTES),
            *(MacroTextSpec(name, simplify_repl=_argument(0)) for name in _KEEP_ARGUMENT),
        ],
    )
    # An unknown command stays visible (``\\unknown``) rather than silently vanishing.
    text.set_unknown_macro_spec(MacroTextSpec("", simplify_repl=_unknown))
    return walker, LatexNodes2Text(latex_context=text, math_mode="text")


def _unknown(node, macroname: str) -> str:
    return "\\" + macroname


def _scripts(match: re.Match) -> str:
    text = match.group(2) if match.group(2) is not None else match.group(3)
    table = _SUB if match.group(1) in ("_", "\\textsubscript") else _SUPER
    converted = text.translate(table)
    return converted if all(c not in converted for c in "0123456789+-=()") else text


def latex_to_text(value: str) -> str:
    """Unicode text from a BibTeX value; plain values skip the LaTeX parser (it is slow)."""
    if _NEEDS_DECODING.search(value):
        value = _SCRIPT.sub(_scripts, value)
        walker_context, decoder = _contexts()
        try:
            nodes = LatexWalker(value, latex_context=walker_context).get_latex_nodes()[0]
            value = decoder.nodelist_to_text(nodes)
        except Exception:  # noqa: BLE001 - pylatexenc raises many types; keep the raw text
            value = value.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", value).strip()


def _is_braced_whole(name: str) -> bool:
    """``{World Health Organization}``: one brace group around the whole name."""
    if not (name.startswith("{") and name.endswith("}")):
        return False
    depth = 0
    for position, char in enumerate(name):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and position < len(name) - 1:
            return False
    return True


def split_people(value: str) -> list[Person]:
    """People from a BibTeX name list (``and``-separated; ``von Last, Jr, First`` forms).

    A name in its own braces is an organisation (``literal``); ``and others`` is dropped.
    """
    people = []
    for name in split_multiple_persons_names(value):
        name = name.strip()
        if not name or name.lower() == "others":
            continue
        if _is_braced_whole(name):
            people.append(Person(literal=latex_to_text(name[1:-1])))
            continue
        parts = parse_single_name_into_parts(name, strict=False)
        person = Person(
            family=latex_to_text(" ".join(parts.last)),
            given=latex_to_text(" ".join(parts.first)),
            non_dropping_particle=latex_to_text(" ".join(parts.von)),
            suffix=latex_to_text(" ".join(parts.jr)),
        )
        if not person.family and person.given:
            person.family, person.given = person.given, ""
        people.append(person)
    return people
