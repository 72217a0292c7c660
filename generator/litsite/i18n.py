"""Interface language: message catalogues, dates and sort order follow ``language:``.

Messages live in gettext ``.po`` files (``locales/<code>/LC_MESSAGES/litsite.po``) that Babel reads
directly: translators get the standard format and tools, and there is no compile step or binary
``.mo`` file to keep in sync. English is the msgid language and needs no catalogue. Each
catalogue is compiled in memory once (``write_mo`` into ``gettext.GNUTranslations``), which gives
gettext's plural rules.

Sorting uses a ``unicodedata`` key (diacritics folded, case folded, original as tie-break) with a
small per-language tailoring (Spanish sorts ``ñ`` after ``n``) rather than pyuca or PyICU: no extra
or C dependency, stable across machines, and fast enough for 100,000 index entries.
"""

from __future__ import annotations

import gettext
import io
import unicodedata
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .model import PartialDate

__all__ = [
    "N_",
    "messages",
    "sort_key",
    "format_partial_date",
    "type_label",
    "language_name",
    "TYPE_LABELS",
]

LOCALES = Path(__file__).resolve().parent / "locales"

#: Letters a language sorts as their own letter, mapped to a key that falls after the base letter.
_TAILORING: dict[str, dict[str, str]] = {"es": {"ñ": "n\U0010ffff"}}


def N_(text: str) -> str:
    """Mark ``text`` as a msgid where it is declared (a table), translated where it is shown;
    the catalogue test extracts every ``N_``/``gettext``/``_`` string."""
    return text


@cache
def messages(language: str) -> gettext.NullTranslations:
    """The catalogue for ``language``: ``.gettext``/``.ngettext`` with the language's plural rules
    (English, or a language without a catalogue, gets the msgids back)."""
    path = LOCALES / language / "LC_MESSAGES" / "litsite.po"
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def sort_key(text: str, language: str = "en") -> tuple[str, str]:
    """A key that sorts ``Álvarez`` with ``Alvarez`` and ``de Roock`` under ``d``, per language."""
    folded = text.casefold()
    for letter, key in _TAILORING.get(language, {}).items():
        folded = folded.replace(letter, key)
    decomposed = unicodedata.normalize("NFKD", folded)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return base.strip(" \"'“‘«([¿¡"), text


def format_partial_date(value: PartialDate | None, language: str = "en") -> str:
    """``27 April 2019`` / ``27 de abril de 2019``, ``October 2019``, ``2019``, a range
    ``1999–2008``, or the literal."""
    if value is None:
        return ""
    if value.year is None:
        return value.literal
    if value.end is not None and value.end.year is not None:
        start = format_partial_date(replace(value, end=None), language)
        return f"{start}–{format_partial_date(value.end, language)}"
    try:
        if value.month and value.day:
            return format_date(date(value.year, value.month, value.day), "long", locale=language)
        if value.month:
            return format_skeleton("yMMMM", date(value.year, value.month, 1), locale=language)
    except ValueError:
        pass
    return str(value.year)


#: CSL item types as the interface names them (msgids; the catalogue translates them).
TYPE_LABELS = {
    "article-journal": N_("Journal article"),
    "article": N_("Article"),
    "article-magazine": N_("Magazine article"),
    "article-newspaper": N_("Newspaper article"),
    "book": N_("Book"),
    "chapter": N_("Book chapter"),
    "dataset": N_("Dataset"),
    "paper-conference": N_("Conference paper"),
    "report": N_("Report"),
    "review": N_("Review"),
    "thesis": N_("Thesis"),
    "webpage": N_("Web page"),
    "document": N_("Document"),
}


def type_label(csl_type: str, language: str = "en") -> str:
    """``Journal article`` / ``Artículo de revista`` for ``article-journal``."""
    label = TYPE_LABELS.get(csl_type, csl_type.replace("-", " ").capitalize())
    return messages(language).gettext(label)


def language_name(code: str, fallback: str, language: str = "en") -> str:
    """``English`` / ``inglés`` for ``en`` (CLDR via Babel); ``fallback`` for unknown codes."""
    try:
        return Locale.parse(language).languages.get(code, "") or fallback or code
    except (ValueError, UnknownLocaleError):
        return fallback or code
