"""Control and bidirectional formatting characters: removed from every record where it is read,
each removal a warning naming the field, so no output (page, ``<title>``, attribute, JSON-LD,
search index, download) carries them (``readers.hygiene``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from litsite.readers import read_file
from litsite.readers.hygiene import UNWANTED
from litsite.report import Report
from tests.conftest import DATA
from tests.site_helpers import build_site, make_site

HOSTILE = DATA / "hostile"
FILES = (HOSTILE / "ris-control-and-bidi.ris", HOSTILE / "csl-json-nul-escape.json")


def test_a_right_to_left_override_is_removed_and_reported():
    report = Report()
    (record,) = read_file(HOSTILE / "ris-control-and-bidi.ris", report)
    assert record.title == "Invoice gpj.exe of the isolated kind"
    assert record.authors[0].family == "Smith"
    assert record.authors[1].family == "\u05db\u05d4\u05df"
    warned = {p.field: p.message for p in report.warnings}
    assert "U+202E" in warned["title"] and "U+0007" in warned["title"]
    assert "U+001B" in warned["authors[1].given"]


def test_line_breaks_and_tabs_stay():
    report = Report()
    (record,) = read_file(HOSTILE / "ris-control-and-bidi.ris", report)
    assert record.abstract[0].text == "First line\u0085second line"


def test_an_escaped_nul_is_removed_and_reported():
    report = Report()
    (record,) = read_file(HOSTILE / "csl-json-nul-escape.json", report)
    assert record.title == "NUL in JSON [31m"
    (problem,) = report.warnings
    assert str(problem).endswith(
        "record 1: field 'title': removed U+0000, U+001B "
        "(control or bidirectional formatting characters)"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hygiene")
    config = make_site(folder, records=list(FILES), plugin={"search": "litsite"})
    return build_site(config)


def test_no_output_of_a_site_carries_them(site: Path):
    """Pages (their ``<title>``, attributes, JSON-LD), downloads and the search index."""
    checked = 0
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".bib", ".ris", ".json", ".txt", ".xml"):
            text = path.read_text("utf-8")
            assert not UNWANTED.search(text), path
            checked += 1
    assert checked > 10
    page = next((site / "records").glob("invoice-*/index.html")).read_text("utf-8")
    assert re.search(r"<title>Invoice gpj\.exe of the isolated kind", page)
    assert "author = {Smith, Jane[31m and" in next(
        (site / "records").glob("invoice-*.bib")
    ).read_text("utf-8")
