"""The browser search client against a real index and the real search page: every match
reachable page by page, state in the URL, snippets, facets, query language, corrections."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from litsite.pages.render import render
from litsite.search import SearchDoc, build_index
from tests.browser.conftest import serve

ASSETS = Path(__file__).resolve().parents[2] / "generator" / "litsite" / "assets"
LABELS = {"type": {"article-journal": "Journal article", "book": "Book"}, "language": {}}

SHELL = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title>
</head><body><main>{body}</main><script src="../litsite-search.js"></script></body></html>"""

SEED = SearchDoc(
    url="records/seed/",
    title="Bone-marrow derived stromal cells",
    year="2019",
    authors=["Swart, Joost F", "de Roock, Sytze"],
    source="Rheumatology (Oxford)",
    type="article-journal",
    abstract="OBJECTIVES: To compare adverse events before and after stromal cell infusion.",
    ids=["10.1093/rheumatology/kez157", "31070229"],
)
EVIL = SearchDoc(
    url="records/evil/",
    title="<img src=x onerror=alert(1)>",
    year="2020",
    authors=["Núñez, José"],
    abstract="stromal",
    type="book",
)


def _site(folder: Path, docs: list[SearchDoc]) -> Path:
    build_index(docs, folder / "search")
    body = render(
        "search.html.j2",
        "en",
        mode="litsite",
        title="Search",
        root="../",
        labels=json.dumps(LABELS),
    )
    (folder / "search" / "index.html").write_text(SHELL.format(body=body), encoding="utf-8")
    shutil.copy(ASSETS / "litsite-search.js", folder / "litsite-search.js")
    return folder


@pytest.fixture
def small(tmp_path: Path):
    yield from serve(_site(tmp_path, [SEED, EVIL]))


def _many() -> list[SearchDoc]:
    """45 records with "stromal" (years 1980–2024), every third a book, two by Cats."""
    docs = [
        SearchDoc(
            url=f"records/{n}/",
            title=f"Stromal study number{n}",
            year=str(1980 + n),
            type="book" if n % 3 == 0 else "article-journal",
            topics=["Stem cells"] if n % 2 else ["Bone"],
            abstract=f"We measured marrow in {n} patients.",
        )
        for n in range(45)
    ]
    docs.append(SearchDoc(url="records/jacob/", title="Houwelick", authors=["Cats, Jacob"]))
    docs.append(
        SearchDoc(url="records/co/", title="Moral emblems", authors=["Cats, A.", "Jacobs, Ann"])
    )
    return docs


@pytest.fixture
def many(tmp_path: Path):
    yield from serve(_site(tmp_path, _many()))


def _open(browser, url: str):
    page = browser.new_page()
    page.goto(url)
    return page


def _search(page, text: str) -> list[str]:
    """Type ``text``; the titles shown once its results and facets are complete."""
    page.fill("#litsite-q", text)
    page.wait_for_function(
        "q => new URLSearchParams(location.search).get('q') === q"
        " && !document.querySelector('[data-results]').hasAttribute('aria-busy')",
        arg=text,
    )
    return _titles(page)


def _titles(page) -> list[str]:
    return page.locator("[data-results] li > a").all_inner_texts()


def _status(page) -> str:
    return page.locator("[data-status]").inner_text()


def _settled(page, status: str) -> None:
    """Wait until the results and facets are complete and the status reads ``status``."""
    page.wait_for_function(
        "s => document.querySelector('[data-status]').textContent === s"
        " && !document.querySelector('[data-results]').hasAttribute('aria-busy')",
        arg=status,
    )


def test_finds_a_record_by_author_name_as_typed(browser, small):
    page = _open(browser, small + "search/")
    assert _search(page, "de Roo") == ["Bone-marrow derived stromal cells"]
    href = page.locator("[data-results] a").first.get_attribute("href")
    assert href == small + "records/seed/"


def test_record_text_is_text_and_matches_are_marked(browser, small):
    page = _open(browser, small + "search/")
    assert _search(page, "nunez") == ["<img src=x onerror=alert(1)>"]
    assert page.locator("[data-results] img").count() == 0
    assert page.locator("[data-results] mark").all_inner_texts() == ["Núñez"]


def test_snippet_shows_the_abstract_around_the_matched_word(browser, small):
    page = _open(browser, small + "search/")
    _search(page, "infusion")
    assert "stromal cell infusion." in page.locator(".litsite-snippet").inner_text()
    assert page.locator(".litsite-snippet mark").all_inner_texts() == ["infusion"]


def test_doi_and_pmid_find_the_record(browser, small):
    page = _open(browser, small + "search/")
    assert _search(page, "doi:10.1093/rheumatology/kez157") == [SEED.title]
    assert _search(page, "pmid:31070229 ") == [SEED.title]


def test_every_match_is_counted_and_reachable_page_by_page(browser, many):
    page = _open(browser, many + "search/")
    seen = _search(page, "stromal")
    assert _status(page) == "45 records · Page 1 of 5" and len(seen) == 10
    for number in range(2, 6):
        page.locator("[data-pages] a", has_text="Next").click()
        _settled(page, f"45 records · Page {number} of 5")
        seen += _titles(page)
    assert page.locator("[data-pages] a", has_text="Next").count() == 0
    assert len(set(seen)) == 45
    page.go_back()
    _settled(page, "45 records · Page 4 of 5")
    assert _titles(page) == seen[30:40]


def test_back_restores_the_previous_query_and_filters(browser, many):
    page = _open(browser, many + "search/?q=stromal&type=book")
    _settled(page, "15 records · Page 1 of 2")
    _search(page, "marrow")
    page.go_back()
    _settled(page, "15 records · Page 1 of 2")
    assert page.input_value("#litsite-q") == "stromal"
    assert "type=book" in page.url


def test_a_shared_url_opens_the_same_results(browser, many):
    page = _open(browser, many + "search/")
    _search(page, "stromal")
    page.select_option("#litsite-sort", "oldest")
    page.wait_for_function("() => location.search.includes('sort=oldest')")
    _settled(page, "45 records · Page 1 of 5")
    shown, url = _titles(page), page.url
    other = _open(browser, url)
    _settled(other, "45 records · Page 1 of 5")
    assert _titles(other) == shown and shown[0] == "Stromal study number0"


def test_newest_first_sorts_by_year(browser, many):
    page = _open(browser, many + "search/?q=stromal&sort=newest")
    _settled(page, "45 records · Page 1 of 5")
    assert _titles(page)[:2] == ["Stromal study number44", "Stromal study number43"]


def test_a_misspelling_offers_the_right_word(browser, many):
    page = _open(browser, many + "search/?q=stromla%20")
    _settled(page, "45 records · Page 1 of 5")
    assert page.locator("[data-suggestion]").inner_text() == "Did you mean: stromal"
    page.locator("[data-suggestion] a").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'stromal '")


def test_facet_counts_match_the_results(browser, many):
    page = _open(browser, many + "search/?q=stromal")
    _settled(page, "45 records · Page 1 of 5")
    page.wait_for_selector("[data-facets]:not([hidden])")
    book = page.locator(".litsite-facet a", has_text="Book")
    assert book.locator(".litsite-count").inner_text().strip() == "15"
    book.click()
    _settled(page, "15 records · Page 1 of 2")
    stem = page.locator(".litsite-facet a", has_text="Stem cells")
    page.wait_for_function("() => document.querySelector('.litsite-facet') !== null")
    count = stem.locator(".litsite-count").inner_text().strip()
    stem.click()
    _settled(page, f"{count} records" if count != "1" else "1 record")
    assert "topic=Stem+cells" in page.url and "type=book" in page.url
    page.locator("[data-active] a", has_text="Book").click()
    page.wait_for_function("() => !location.search.includes('type=book')")


def test_query_language_fields_exclusion_and_years(browser, many):
    page = _open(browser, many + "search/")
    _search(page, "stromal 2000-2004")
    _settled(page, "5 records")
    _search(page, "stromal -number3")
    _settled(page, "44 records · Page 1 of 5")
    assert _search(page, 'title:"moral emblems"') == ["Moral emblems"]
    assert _search(page, "author:jacobs") == ["Moral emblems"]


def test_the_exact_author_name_ranks_first(browser, many):
    page = _open(browser, many + "search/")
    assert _search(page, "cats jacob") == ["Houwelick", "Moral emblems"]


def test_words_in_thousands_of_records_all_count(browser, tmp_path):
    docs = [SearchDoc(url=f"r/{n}/", title=f"cells marrow {n}", year="2000") for n in range(500)]
    docs += [SearchDoc(url=f"s/{n}/", title="cells", year="2001") for n in range(300)]
    base = serve(_site(tmp_path, docs))
    page = _open(browser, next(base) + "search/?q=marrow%20cells%20")
    _settled(page, "500 records · Page 1 of 50")
    base.close()


def test_the_title_phrase_typed_ranks_first(browser, tmp_path):
    titles = ["Python programming patterns", "Python Web programming", "Programming Python"]
    docs = [
        SearchDoc(url=f"r/{n}/", title=title, topics=["Python"]) for n, title in enumerate(titles)
    ]
    base = serve(_site(tmp_path, docs))
    page = _open(browser, next(base) + "search/")
    assert _search(page, "programming python ")[0] == "Programming Python"
    base.close()
