"""BibTeX field text to Unicode: accents, commands and math via pylatexenc, names split.

``latex_to_rich`` gives CSL rich text: ``\\textit``/``\\emph`` become ``<i>``, ``\\textbf``
``<b>``, ``\\textsc`` a small-caps span, ``\\textsubscript``/``$_2$`` ``<sub>`` and
``\\textsuperscript``/``$^2$`` ``<sup>`` (what citeproc-js and the record pages render).
``latex_to_text`` gives plain text (scripts as Unicode digits where they exist: ``¹³C``).
Both decode and never rewrite: an unknown macro is kept as written (``\\foo{bar}``) and named
in ``unknown`` for the reader to report; ``\\path|…|`` and ``\\url{…}`` keep their text verbatim
but for TeX escapes (``\\_`` is ``_``); ``%`` is a percent sign (exporters do not escape it).
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
from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexWalker,
)
from pylatexenc.latexwalker import get_default_latex_context_db as get_default_walker_context
from pylatexenc.macrospec import std_macro

from ..model import Person

# pylatexenc logs each odd macro it meets; the text it returns is what matters here.
logging.getLogger("pylatexenc").addHandler(logging.NullHandler())
logging.getLogger("pylatexenc").propagate = False

__all__ = ["latex_to_rich", "latex_to_text", "unescape_verbatim", "split_people"]

_ITALIC = ("<i>", "</i>")
_BOLD = ("<b>", "</b>")
_SMALL_CAPS = ('<span style="font-variant:small-caps;">', "</span>")
_SUB = ("<sub>", "</sub>")
_SUP = ("<sup>", "</sup>")
#: Formatting commands with one argument -> the CSL rich-text tags around it.
RICH_MACROS = {
    "textit": _ITALIC,
    "emph": _ITALIC,
    "textsl": _ITALIC,
    "mkbibemph": _ITALIC,
    "mkbibitalic": _ITALIC,
    "textbf": _BOLD,
    "mkbibbold": _BOLD,
    "textsc": _SMALL_CAPS,
    "textsubscript": _SUB,
    "textsuperscript": _SUP,
    "mkbibsuperscript": _SUP,
}
#: Font switches (``{\\it text}``, ``{\\bfseries text}``): the rest of their group.
DECLARATIONS = {
    "it": _ITALIC,
    "itshape": _ITALIC,
    "em": _ITALIC,
    "sl": _ITALIC,
    "slshape": _ITALIC,
    "bf": _BOLD,
    "bfseries": _BOLD,
    "sc": _SMALL_CAPS,
    "scshape": _SMALL_CAPS,
}
#: Commands whose argument is printed as it is (``\\mbox{…}``, fonts CSL has no markup for), or
#: shown in quotes.
_KEEP_ARGUMENT = (
    *("mbox", "hbox", "NoCaseChange", "autocap"),
    *("textrm", "textup", "textnormal", "textsf", "texttt", "textmd"),
)
_QUOTES = ("enquote", "mkbibquote")
#: Case commands: what TeX prints is their argument in that case.
_CASES = {
    "uppercase": str.upper,
    "MakeUppercase": str.upper,
    "lowercase": str.lower,
    "MakeLowercase": str.lower,
}
#: Accents on nothing print the accent itself (``\\~{}`` in a URL is a tilde).
_BARE_ACCENTS = {"~": "~", "^": "^", "`": "`", "'": "´", '"': "¨"}
#: Commands that print nothing: TeX's no-ops and BibTeX's sorting trick ``\\noopsort{1990}``.
_SILENT = {"relax": 0, "protect": 0, "ignorespaces": 0, "nobreak": 0, "/": 0, "noopsort": 1}
#: TeX logo macros pylatexenc would drop; they read as their own names.
_LOGOS = ("TeX", "LaTeX", "BibTeX", "METAFONT", "MF", "AmSTeX", "XeTeX", "LuaTeX", "ConTeXt")
#: biblatex's punctuation commands; babel's ``\\Dash`` (a dash between words, as Russian
#: bibliographies write it); ``\\ud``: a line break (``\\u000d``) as Mendeley garbles it.
_SYMBOLS = {
    "hyphen": "-",
    "slash": "/",
    "textnumero": "№",
    "mkbibellipsis": "…",
    "Dash": "—",
    "ud": " ",
    # LaTeX's text-mode names of characters that are special in LaTeX, as Zotero's and
    # JabRef's BibTeX exports escape them (pylatexenc lacks the braces and some textcomp
    # names, and gives U+02C6 for the circumflex and U+02D9 for the centred dot).
    "textbraceleft": "{",
    "textbraceright": "}",
    "textasciicircum": "^",
    "textless": "<",
    "textgreater": ">",
    "textbar": "|",
    "textunderscore": "_",
    "textquotedbl": '"',
    "textperiodcentered": "·",
}
_VERBATIM = re.compile(r"\\(?:path|url|nolinkurl)\s*(?:\{([^{}]*)\}|([^\w\s{}])(.*?)\2)")
_ESCAPED = re.compile(r"\{?\\([_%#&$~])\}?")
_PERCENT = re.compile(r"(?<!\\)%")
_NEEDS_DECODING = re.compile(r"[\\$~{}]|--|``|''")
_SCRIPT_DIGITS = {
    _SUP: str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ"),
    _SUB: str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"),
}


def unescape_verbatim(value: str) -> str:
    """A URL or DOI as written, TeX escapes undone: ``a{\\_}b`` and ``a\\_b`` are ``a_b``."""
    return _ESCAPED.sub(r"\1", value)


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
def _contexts():
    """Parsing context (how many arguments each macro takes) and text context (its output)."""
    one = (*RICH_MACROS, *_QUOTES, *_KEEP_ARGUMENT, *_CASES, "ElsevierGlyph", "url")
    walker = get_default_walker_context()
    walker.add_context_category(
        "litsite",
        prepend=True,
        macros=[
            std_macro("href", False, 2),
            *(std_macro(name, False, 1) for name in one),
            *(std_macro(name, False, count) for name, count in _SILENT.items()),
        ],
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
            *(MacroTextSpec(name, simplify_repl="") for name in _SILENT),
            *(MacroTextSpec(name, simplify_repl=name) for name in _LOGOS),
            *(MacroTextSpec(name, simplify_repl=text) for name, text in _SYMBOLS.items()),
            *(MacroTextSpec(name, simplify_repl=_quoted) for name in _QUOTES),
            *(MacroTextSpec(name, simplify_repl=_argument(0)) for name in _KEEP_ARGUMENT),
        ],
    )
    return walker, text, LatexNodes2Text(latex_context=text, math_mode="text")


class _Decoder:
    """Walks pylatexenc's node tree: formatting to rich text, the rest through LatexNodes2Text."""

    def __init__(self, rich: bool, unknown: set[str]):
        _, self.specs, self.text = _contexts()
        self.rich = rich
        self.unknown = unknown

    def wrap(self, tags: tuple[str, str], inner: str) -> str:
        """``inner`` in rich-text tags; as plain text, scripts in Unicode digits where all exist."""
        if self.rich and inner.strip():
            return f"{tags[0]}{inner}{tags[1]}"
        digits = _SCRIPT_DIGITS.get(tags)
        if digits and all(ord(c) in digits for c in inner):
            return inner.translate(digits)
        return inner

    def nodes(self, nodelist) -> str:
        nodelist = [node for node in nodelist if node is not None]
        out: list[str] = []
        index = 0
        while index < len(nodelist):
            node = nodelist[index]
            if isinstance(node, LatexMacroNode) and node.macroname in DECLARATIONS:
                rest = self.nodes(nodelist[index + 1 :])
                out.append(self.wrap(DECLARATIONS[node.macroname], rest.lstrip()))
                break
            if isinstance(node, LatexMacroNode):
                index += self.macro(node, nodelist[index + 1 :], out)
            elif isinstance(node, LatexGroupNode):
                out.append(self.nodes(node.nodelist))
            elif isinstance(node, LatexMathNode):
                out.append(self.math(node.nodelist))
            else:
                out.append(self.text.nodelist_to_text([node]))
            index += 1
        return "".join(out)

    def macro(self, node: LatexMacroNode, following: list, out: list[str]) -> int:
        """Append one macro's text; returns how many following nodes it used."""
        name = node.macroname
        arguments = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a]
        if name in RICH_MACROS:
            out.append(self.wrap(RICH_MACROS[name], self.nodes(arguments)))
        elif name in _KEEP_ARGUMENT:
            out.append(self.nodes(arguments))
        elif name in _QUOTES:
            out.append(f"“{self.nodes(arguments)}”")
        elif name in _CASES:
            inner = self.nodes(arguments)
            out.append(inner if "<" in inner else _CASES[name](inner))
        elif name in _BARE_ACCENTS and not self.nodes(arguments).strip():
            out.append(_BARE_ACCENTS[name])
        elif self.specs.get_macro_spec(name) is not None:
            out.append(self.text.nodelist_to_text([node]))
        else:
            # Unknown: kept as written with the groups it takes, so nothing is half-eaten.
            self.unknown.add(name)
            groups = 0
            while groups < len(following) and isinstance(following[groups], LatexGroupNode):
                groups += 1
            verbatim = "".join(group.latex_verbatim() for group in following[:groups])
            out.append(f"\\{name}{verbatim}" + ("" if groups else node.macro_post_space and " "))
            return groups
        return 0

    def math(self, nodelist) -> str:
        """Math as text: ``^x``/``^{…}`` superscript, ``_x``/``_{…}`` subscript."""
        out: list[str] = []
        script = ""
        for node in nodelist:
            if isinstance(node, LatexCharsNode):
                for char in node.chars:
                    if char in "^_":
                        script = char
                    elif script and not char.isspace():
                        out.append(self.wrap(_SUP if script == "^" else _SUB, char))
                        script = ""
                    else:
                        out.append(char)
                continue
            text = self.nodes([node])
            if script == "^" and text == "∘":
                out.append("°")  # $^\\circ$: how TeX users write a degree sign
                script = ""
            elif script:
                out.append(self.wrap(_SUP if script == "^" else _SUB, text))
                script = ""
            else:
                out.append(text)
        return "".join(out)


def _decode(value: str, rich: bool, unknown: set[str] | None) -> str:
    if not _NEEDS_DECODING.search(value):
        return re.sub(r"\s+", " ", value).strip()
    verbatim: list[str] = []

    def hold(match: re.Match) -> str:
        verbatim.append(unescape_verbatim(match.group(1) or match.group(3) or ""))
        return f"\x00{len(verbatim) - 1}\x00"

    value = _PERCENT.sub(r"\\%", _VERBATIM.sub(hold, value))
    walker_context, _, _ = _contexts()
    found: set[str] = set()
    try:
        nodes = LatexWalker(value, latex_context=walker_context, tolerant_parsing=True)
        text = _Decoder(rich, found).nodes(nodes.get_latex_nodes()[0])
    except Exception:  # noqa: BLE001 - pylatexenc raises many types (and deep nesting recurses)
        text = re.sub(r"(?<!\\)[{}]", "", value)  # the text visible, its groups unbraced
    if unknown is not None:
        unknown.update(found)
    text = re.sub("\x00(\\d+)\x00", lambda m: verbatim[int(m.group(1))], text)
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()


def latex_to_text(value: str, unknown: set[str] | None = None) -> str:
    """Plain Unicode text from a BibTeX value; unknown macros are added to ``unknown``."""
    return _decode(value, rich=False, unknown=unknown)


def latex_to_rich(value: str, unknown: set[str] | None = None) -> str:
    """CSL rich text (``<i>``, ``<b>``, small caps, ``<sub>``, ``<sup>``) from a BibTeX value."""
    return _decode(value, rich=True, unknown=unknown)


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
