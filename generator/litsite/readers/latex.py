"""BibTeX field text to Unicode: accents, commands and math via pylatexenc, names split.

Math stays readable: ``$^{13}$C`` becomes ``¹³C`` and ``$\\alpha$`` becomes ``α`` (pylatexenc's
text mode plus Unicode super/subscript digits); ``--`` becomes an en dash as TeX prints it.
"""

from __future__ import annotations

import re
from functools import cache

from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from ..model import Person

__all__ = ["latex_to_text", "split_people"]

_SUPER = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SCRIPT = re.compile(
    r"(?:\\textsuperscript|\\textsubscript|\^|_)\s*(?:\{([0-9+\-=()n]+)\}|([0-9n]))"
)
#: TeX logo macros pylatexenc would drop; they read as their own names.
_LOGOS = ("TeX", "LaTeX", "BibTeX", "METAFONT", "MF", "AmSTeX", "XeTeX", "LuaTeX", "ConTeXt")
_NEEDS_DECODING = re.compile(r"[\\$~{}]|--|``|''")


@cache
def _decoder() -> LatexNodes2Text:
    context = get_default_latex_context_db()
    logos = [MacroTextSpec(name, simplify_repl=name) for name in _LOGOS]
    context.add_context_category(
        "litsite", prepend=True, macros=[MacroTextSpec("url", simplify_repl="%s"), *logos]
    )
    return LatexNodes2Text(latex_context=context, math_mode="text")


def _scripts(match: re.Match) -> str:
    digits = match.group(1) or match.group(2)
    table = _SUB if match.group(0).startswith(("_", "\\textsub")) else _SUPER
    return digits.translate(table)


def latex_to_text(value: str) -> str:
    """Unicode text from a BibTeX value; plain values skip the LaTeX parser (it is slow)."""
    if _NEEDS_DECODING.search(value):
        value = _SCRIPT.sub(_scripts, value)
        try:
            value = _decoder().latex_to_text(value)
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
