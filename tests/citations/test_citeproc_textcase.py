"""citeproc-js's text-case transforms: each expected value is what citeproc-js 1.4.61 (npm
``citeproc@2.4.63``) printed for the value under that ``text-case`` (its markup kept)."""

from __future__ import annotations

import pytest

from litsite.citations.citeproc_textcase import text_case, title_case_applies

CASES = [
    (
        "Reading between the lines: e-mail over time",
        "title",
        "Reading between the Lines: E-Mail over Time",
    ),
    ("draft-ietf-bmwg-evpntest-09", "title", "Draft-Ietf-Bmwg-Evpntest-09"),
    (
        "https://t.co/fLc4FPNDZP and PublishersWeekly.com",
        "title",
        "Https://T.Co/fLc4FPNDZP and PublishersWeekly.Com",
    ),
    ("\\unknown command in a title", "title", "\\unknown Command in a Title"),
    ("Research for", "title", "Research For"),
    (
        'a tale of <span class="nocase">iPhone apps</span> in the city',
        "title",
        'A Tale of <span class="nocase">iPhone apps</span> in the City',
    ),
    (
        "The ‘quoted’ word and “unpaired opening",
        "title",
        "The ‘Quoted’ Word and “unpaired Opening",
    ),
    ("α and β decay", "title", "α and β Decay"),
    ("the vs. case of x-rays", "title", "The vs. Case of x-Rays"),
    ("working paper of the year", "capitalize-first", "Working paper of the year"),
    ("iPhone apps", "capitalize-first", "iPhone apps"),
    ("In Press", "lowercase", "in press"),
    ("A TITLE in CAPS: Part two", "sentence", "A title in caps: part two"),
    ("over the moon", "capitalize-all", "Over The Moon"),
]


@pytest.mark.parametrize(("value", "case", "expected"), CASES)
def test_text_case_as_citeproc_js(value, case, expected):
    assert text_case(value, case) == expected


@pytest.mark.parametrize(
    ("language", "default_locale", "applies"),
    [
        ("", "en-US", True),
        ("eng", "en-US", True),
        ("English", "es-ES", True),
        ("de", "en-US", False),
        ("", "es-ES", False),
        ("ger", "en-US", False),
    ],
)
def test_title_case_only_in_english(language, default_locale, applies):
    item = {"title": "x", "language": language} if language else {"title": "x"}
    assert title_case_applies(item, default_locale) is applies
