"""The browser search client against a real index: finds records, filters, never injects HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from litsite.search import SearchDoc, build_index
from tests.browser.conftest import serve

ASSETS = Path(__file__).resolve().parents[2] / "generator" / "litsite" / "assets"

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head>
<body><main><div data-litsite-search data-index="../index/" data-root="../"
 data-one="1 record" data-many="{n} records" data-error="Search failed:">
<form role="search"><label for="q">Search</label><input id="q" type="search">
<label for="y">Year</label><select id="y" data-facet="year"><option value="">Any</option>
<option>2019</option><option>2020</option></select></form>
<p data-status aria-live="polite"></p><ol data-results></ol></div></main>
<script src="../litsite-search.js"></script></body></html>"""

DOCS = [
    SearchDoc(
        url="records/seed/",
        title="Bone-marrow derived stromal cells",
        year="2019",
        authors=["Swart, Joost F", "de Roock, Sytze"],
        source="Rheumatology (Oxford)",
    ),
    SearchDoc(
        url="records/evil/",
        title="<img src=x onerror=alert(1)>",
        year="2020",
        authors=["Núñez, José"],
        abstract="stromal",
    ),
]


@pytest.fixture
def site(tmp_path: Path):
    build_index(DOCS, tmp_path / "index")
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "index.html").write_text(PAGE, encoding="utf-8")
    shutil.copy(ASSETS / "litsite-search.js", tmp_path / "litsite-search.js")
    yield from serve(tmp_path)


def _search(page, text: str) -> list[str]:
    page.fill("#q", text)
    page.wait_for_function("document.querySelector('[data-status]').textContent !== ''")
    return page.locator("[data-results] a").all_inner_texts()


def test_finds_a_record_by_author_name_as_typed(browser, site):
    page = browser.new_page()
    page.goto(site + "search/")
    assert _search(page, "de Roo") == ["Bone-marrow derived stromal cells"]
    assert page.locator("[data-results] a").first.get_attribute("href") == site + "records/seed/"


def test_accents_do_not_matter(browser, site):
    page = browser.new_page()
    page.goto(site + "search/")
    assert _search(page, "nunez") == ["<img src=x onerror=alert(1)>"]
    assert page.locator("[data-results] img").count() == 0


def test_year_filter_narrows_results(browser, site):
    page = browser.new_page()
    page.goto(site + "search/")
    assert len(_search(page, "stromal")) == 2
    page.select_option("#y", "2020")
    page.wait_for_function("document.querySelectorAll('[data-results] li').length === 1")
    assert page.locator("[data-status]").inner_text() == "1 record"


def test_a_query_of_only_common_words_still_finds_records(browser, tmp_path, monkeypatch):
    monkeypatch.setattr("litsite.search.COMMON_KEEP", 1)
    docs = [SearchDoc(url=f"records/{n}/", title=f"stromal cells {n}") for n in range(3)]
    docs.append(SearchDoc(url="records/x/", title="stromal other"))
    build_index(docs, tmp_path / "index")
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "index.html").write_text(PAGE, encoding="utf-8")
    shutil.copy(ASSETS / "litsite-search.js", tmp_path / "litsite-search.js")
    base = serve(tmp_path)
    page = browser.new_page()
    page.goto(next(base) + "search/")
    assert _search(page, "stromal cells") == ["stromal cells 0"]
    base.close()
