"""Citations within the collection: references matched by PMID, DOI, then first author + year +
title; "cites" and "cited by" on record pages, counts in listings."""

from __future__ import annotations

import html5lib
import pytest

from litsite.model import Reference
from tests.conftest import DATA
from tests.readers.reading import read_records

from ..site_helpers import build_site, make_site, record_page

FILES = [DATA / "citations" / name for name in ("cites.xml", "cited.json")]


def test_readers_keep_reference_lists():
    (citing, _), _ = read_records(FILES[0])
    assert citing.references[1] == Reference(
        citation="Ng A, Roe B. Water is wet and cold in winter. J Tests. 2015;3:7-9."
    )
    assert citing.references[2] == Reference(doi="10.1000/c3", citation="Third work. 2016.")
    records, _ = read_records(FILES[1])
    assert records[2].references == [
        Reference(doi="10.1000/c3"),
        Reference(citation="Ng A. Water is wet and cold in winter. 2014."),
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("citations")
    return build_site(make_site(folder, records=FILES, use_directory_urls=False))


def _section(page: str, kind: str) -> tuple[str, list[str]] | None:
    document = html5lib.parse(page, namespaceHTMLElements=False)
    section = document.find(f".//section[@class='litsite-{kind}']")
    if section is None:
        return None
    return section.find("h2").text, [a.get("href") for a in section.iter("a")]


def test_a_record_cites_by_pmid_doi_and_author_year_title(site):
    assert _section(record_page(site, "pmid-91000001"), "cites") == (
        "Cites in this collection (3)",
        ["pmid-91000002.html", "wet.html", "third.html"],
    )


def test_a_reference_with_the_wrong_year_is_not_a_match(site):
    assert _section(record_page(site, "crossref"), "cites") == (
        "Cites in this collection (1)",
        ["third.html"],
    )


def test_cited_by_lists_the_citing_records(site):
    assert _section(record_page(site, "third"), "cited-by") == (
        "Cited by in this collection (2)",
        ["crossref.html", "pmid-91000001.html"],
    )
    assert _section(record_page(site, "pmid-91000001"), "cited-by") is None


def test_listings_count_citations_in_the_collection(site):
    page = html5lib.parse(
        (site / "journals" / "journal-of-tests.html").read_text("utf-8"),
        namespaceHTMLElements=False,
    )
    counts = {
        item.find("a").text: item.find("span[@class='litsite-list-cited']").text
        for item in page.iterfind(".//ol[@class='litsite-list']/li")
        if item.find("span[@class='litsite-list-cited']") is not None
    }
    assert counts == {
        "Third work": "Cited by 2 records here",
        "Water is wet and cold in winter": "Cited by 1 record here",
        "A record found by its PMID": "Cited by 1 record here",
    }
