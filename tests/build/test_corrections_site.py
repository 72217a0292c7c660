"""Corrections in a built site: banners linking the notice, marks in listings, and the
"Retracted and corrected" page, from both sides of each relation."""

from __future__ import annotations

import json

import html5lib
import pytest

from litsite.search import ROW
from tests.conftest import DATA

from ..site_helpers import build_site, make_site, record_page

FILES = [DATA / "corrections" / name for name in ("retracted.xml", "crossref-updates.json")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corrections")
    config = make_site(
        folder, records=FILES, use_directory_urls=False, plugin={"search": "litsite"}
    )
    return build_site(config)


def _banners(page: str) -> list[tuple[str, str, str | None]]:
    """(class, text, link) of each notice above the record's head."""
    document = html5lib.parse(page, namespaceHTMLElements=False)
    found = []
    for div in document.iterfind(".//div[@role='note']"):
        link = div.find("a")
        text = " ".join("".join(div.itertext()).split())
        found.append((div.get("class"), text, link.get("href") if link is not None else None))
    return found


def test_a_retracted_record_links_its_notice_in_the_collection(site):
    assert _banners(record_page(site, "pmid-90000001")) == [
        (
            "litsite-notice litsite-notice-retracted",
            'Retracted: see Retraction notice to "A study later retracted"',
            "pmid-90000002.html",
        )
    ]


def test_the_notice_links_back_to_the_retracted_record(site):
    assert _banners(record_page(site, "pmid-90000002")) == [
        (
            "litsite-notice litsite-notice-notice",
            "Retraction notice for A study later retracted",
            "pmid-90000001.html",
        )
    ]


def test_notices_outside_the_collection_link_by_pmid_else_doi(site):
    assert _banners(record_page(site, "pmid-90000003")) == [
        (
            "litsite-notice litsite-notice-corrected",
            "Erratum in J Tests. 2022;3:9. doi: 10.1000/erratum.9.",
            "https://pubmed.ncbi.nlm.nih.gov/90000009/",
        )
    ]
    assert _banners(record_page(site, "pmid-90000004")) == [
        (
            "litsite-notice litsite-notice-concern",
            "Expression of concern: see J Tests. 2023;4:1. doi: 10.1000/eoc.1",
            "https://doi.org/10.1000/eoc.1",
        )
    ]


def test_a_notice_alone_marks_the_work_it_retracts(site):
    """Crossref puts ``update-to`` on the notice only; the original's own record says nothing."""
    assert _banners(record_page(site, "orig")) == [
        (
            "litsite-notice litsite-notice-retracted",
            "Retracted: see Retraction: Water is dry",
            "notice.html",
        )
    ]


def test_a_csl_status_alone_gives_the_banner_without_a_link(site):
    assert _banners(record_page(site, "status")) == [
        ("litsite-notice litsite-notice-retracted", "Retracted", None)
    ]


def test_listings_mark_retracted_records(site):
    page = (site / "journals" / "journal-of-tests.html").read_text("utf-8")
    document = html5lib.parse(page, namespaceHTMLElements=False)
    marked = {
        item.find("a").text: item.find("span[@class]").text
        for item in document.iterfind(".//ol[@class='litsite-list']/li")
        if item.find("span[@class]") is not None
        and "litsite-flag" in item.find("span[@class]").get("class")
    }
    assert marked == {
        "A study later retracted": "Retracted",
        "A corrected study": "Corrected",
        "A study of concern": "Expression of concern",
        "Water is dry": "Retracted",
        "A work whose status says so": "Retracted",
    }


def test_the_corrections_page_lists_records_by_mark(site):
    page = (site / "corrections" / "index.html").read_text("utf-8")
    document = html5lib.parse(page, namespaceHTMLElements=False)
    sections = {
        section.get("id"): [a.text for a in section.iterfind(".//a[@class='litsite-list-title']")]
        for section in document.iterfind(
            ".//section[@class='litsite-index litsite-corrections']/section"
        )
    }
    assert sections == {
        "retracted": ["A study later retracted", "Water is dry", "A work whose status says so"],
        "concern": ["A study of concern"],
        "corrected": ["A corrected study"],
    }
    assert "Retracted and corrected" in page


def test_search_results_carry_the_mark_as_a_flag(site):
    rows = [
        row
        for path in (site / "search" / "d").glob("*.json")
        for row in json.loads(path.read_text("utf-8"))
    ]
    # The flags follow the fields ``ROW`` names.
    flags = {row[ROW.index("title")]: row[len(ROW)] for row in rows}
    assert flags["A study later retracted"] == ["retracted"]
    assert flags["A corrected study"] == ["corrected"]
    assert flags['Retraction notice to "A study later retracted"'] == []
    search_page = (site / "search" / "index.html").read_text("utf-8")
    assert 'data-flag-retracted="Retracted"' in search_page
