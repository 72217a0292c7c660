"""Every interface string has its translation: the Spanish catalogue against the strings the
code, the page templates and the theme actually print (extracted as Babel extracts them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from litsite.config import LANGUAGES
from litsite.i18n import LOCALES

from .conftest import ROOT

#: Function names whose first (and, for ngettext, second) argument is a msgid.
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "t": None}
METHODS = [
    ("**.py", "python"),
    ("**/templates/**.j2", "jinja2.ext:babel_extract"),
    ("**.html", "jinja2.ext:babel_extract"),
]
OPTIONS = {"**.j2": {"extensions": "jinja2.ext.i18n"}, "**.html": {"extensions": "jinja2.ext.i18n"}}


def interface_strings() -> set[str]:
    """msgids (singular and plural) used in the package and the theme."""
    found: set[str] = set()
    for folder in (ROOT / "generator" / "litsite", ROOT / "themes" / "litsite"):
        for *_, message, _comments, _context in extract_from_dir(
            folder, METHODS, options_map=OPTIONS, keywords=KEYWORDS
        ):
            found.update([message] if isinstance(message, str) else filter(None, message))
    return found


def catalogue(language: str) -> dict[str, str]:
    with (LOCALES / language / "LC_MESSAGES" / "litsite.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    entries = {}
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        translated = "" if message.fuzzy or not all(strings) else strings[0]
        for msgid in ids:
            entries[msgid] = translated
    return entries


def test_extraction_finds_the_strings_of_code_templates_and_theme():
    found = interface_strings()
    assert {"Abstract", "Journal / source", "Skip to content", "MeSH check tags"} <= found
    assert "%(num)d entries" in found


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_interface_string_is_translated(language):
    translated = catalogue(language)
    missing = sorted(m for m in interface_strings() if not translated.get(m))
    assert missing == [], f"untranslated in {language}: {missing}"


def test_catalogue_files_exist_for_every_language():
    for code in LANGUAGES:
        if code != "en":
            assert Path(LOCALES / code / "LC_MESSAGES" / "litsite.po").is_file()


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_catalogue_holds_no_string_the_interface_no_longer_prints(language):
    unused = sorted(set(catalogue(language)) - interface_strings())
    assert unused == [], f"obsolete in {language}: {unused}"
