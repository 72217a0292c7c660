"""The curator's report: planted faults found, per record and across the collection."""

from __future__ import annotations

import html5lib
from click.testing import CliRunner

from litsite.cli import main
from litsite.curation import near_duplicates, record_findings
from tests.conftest import DATA
from tests.readers.reading import read_records

from .site_helpers import build_site, make_site

PLANTED = DATA / "curation" / "planted.ris"


def test_a_planted_mojibake_title_latex_and_future_year_are_found():
    records, _ = read_records(PLANTED)
    assert record_findings(records[0]) == [
        ("markup", "title: leftover LaTeX '\\\\emph{'"),
        (
            "mojibake",
            "title: 'CafÃ© society and the \\\\emph{modern} city' looks like mojibake of "
            "'Café society and the \\\\emph{modern} city'",
        ),
        ("mojibake", "author: 'MÃ¼ller' looks like mojibake of 'Müller'"),
        ("dates", "issued: year 2999 is before printing or in the future"),
    ]
    assert record_findings(records[1]) == []


def test_near_duplicates_are_titles_that_agree_once_folded():
    assert near_duplicates(
        [
            ("a", "A clean title about cities and their cafés"),
            ("b", "a CLEAN title about cities and their cafes!"),
            ("c", "Other"),
        ]
    ) == [["a", "b"]]


def test_check_report_prints_counts_then_records():
    result = CliRunner().invoke(main, ["check", "--report", str(PLANTED)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:9] == [
        "Curator's report",
        "  Missing DOI or PMID: 0",
        "  Leftover LaTeX or markup: 1",
        "  Mojibake: 2",
        "  Suspicious dates: 1",
        "  Retractions and corrections: 0",
        "  Fields not understood: 0",
        "  Merged duplicates: 0",
        "  Near-duplicates not merged: 1",
    ]
    assert f"{PLANTED}: record 1 (DOI 10.1000/cafe)" in lines


def test_the_report_page_lists_the_mojibake_record(tmp_path):
    site = build_site(make_site(tmp_path, records=[PLANTED], plugin={"report": True}))
    page = html5lib.parse(
        (site / "report" / "index.html").read_text("utf-8"), namespaceHTMLElements=False
    )
    counts = {
        row.find("th/a").text: row.find("td").text
        for row in page.iterfind(".//table[@class='litsite-report-counts']//tr")
    }
    assert counts["Mojibake"] == "2" and counts["Near-duplicates not merged"] == "1"
    (item,) = page.findall(".//section[@id='mojibake']/ul/li")
    assert item.find("a").get("href") == "../records/doi-10-1000-cafe/"
    assert item.find("code").text == "content/planted.ris: record 1"
    assert [li.text for li in item.iterfind("ul/li")][1] == (
        "author: 'MÃ¼ller' looks like mojibake of 'Müller'"
    )


def test_no_report_page_unless_asked(tmp_path):
    site = build_site(make_site(tmp_path, records=[PLANTED]))
    assert not (site / "report").exists()
