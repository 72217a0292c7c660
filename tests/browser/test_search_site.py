"""Search on a built site, under the litsite theme and under Material, as a visitor uses it:
the header box, page 2 and Back, a shared URL, a misspelling, facet counts, axe-core.

The site is the default one plus 30 records written here (``_survey``), so that a query has
more than one page of results.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from click.testing import CliRunner

from litsite.cli import main
from tests.browser.conftest import serve
from tests.conftest import ROOT

THEMES = {
    "litsite": "litsite",
    "material": {"name": "material"},
    "material+search": {"name": "material"},
}
#: Where each theme's header search box is: litsite's own, the one litsite-search.js gives
#: Material's header, Material's own (with its ``search`` plugin listed too).
HEADER_BOX = {
    "litsite": "header input[type=search]",
    "material": ".litsite-header-search input",
    "material+search": "[data-md-component=search-query]",
}


def _survey() -> list[dict]:
    """30 CSL items holding "survey" (years 1990–2019, every third a book)."""
    return [
        {
            "id": f"survey-{n}",
            "type": "book" if n % 3 == 0 else "article-journal",
            "title": f"Stromal survey {n}",
            "author": [{"family": "Okafor", "given": "Ada"}],
            "issued": {"date-parts": [[1990 + n]]},
            "keyword": "Survey methods" if n % 2 else "Bone marrow",
        }
        for n in range(30)
    ]


def _build(folder, theme: str):
    for name in ("content", "site_docs"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / "content" / "survey.json").write_text(json.dumps(_survey()), "utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    config["theme"] = THEMES[theme]
    if theme == "material+search":
        config["plugins"].insert(0, "search")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    result = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    return folder / "site"


@pytest.fixture(scope="module", params=list(THEMES))
def site(request, tmp_path_factory):
    """(theme, base URL) of the site built with each theme."""
    folder = tmp_path_factory.mktemp(f"search-{request.param.replace('+', '-')}")
    server = serve(_build(folder, request.param))
    yield request.param, next(server)
    server.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def _litsite_box_only(site) -> None:
    """With Material's own search plugin listed too, Material also opens its own results for a
    ``?q=`` URL over the page (README): only its header box is checked there."""
    if site[0] == "material+search":
        pytest.skip("Material's search plugin opens its own results for ?q= (see README)")


def _done(page) -> str:
    page.wait_for_function(
        "() => !document.querySelector('[data-results]').hasAttribute('aria-busy')"
        " && document.querySelector('[data-status]').textContent !== ''"
    )
    return page.locator("[data-status]").inner_text()


def _titles(page) -> list[str]:
    return page.locator("[data-results] li > a").all_inner_texts()


def test_header_box_of_a_record_page_leads_to_the_results(site, page):
    theme, base = site
    page.goto(base + "records/pmid-31070229.html")
    page.fill(HEADER_BOX[theme], "Wulffraat")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/index.html?q=Wulffraat")
    _done(page)
    assert _titles(page)[0].startswith("Bone-marrow derived mesenchymal stromal cells")


def test_page_2_then_back_then_a_shared_url(site, page, browser):
    _litsite_box_only(site)
    _, base = site
    page.goto(base + "search/index.html?q=stromal+survey")
    assert _done(page) == "30 records · Page 1 of 3"
    first = _titles(page)
    page.locator("[data-pages] a", has_text="Next").click()
    assert _done(page) == "30 records · Page 2 of 3"
    second = _titles(page)
    assert len(second) == 10 and not set(first) & set(second)
    shared = page.url
    page.go_back()
    assert _done(page) == "30 records · Page 1 of 3" and _titles(page) == first
    other = browser.new_page()
    other.goto(shared)
    assert _done(other) == "30 records · Page 2 of 3" and _titles(other) == second
    other.close()


def test_back_restores_the_query_and_its_filters(site, page):
    _litsite_box_only(site)
    _, base = site
    page.goto(base + "search/index.html?q=survey&type=book")
    assert _done(page) == "10 records"
    page.fill("#litsite-q", "machine learning")
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('q') === 'machine learning'"
    )
    _done(page)
    page.go_back()
    assert _done(page) == "10 records"
    assert page.input_value("#litsite-q") == "survey"


def test_a_misspelling_offers_the_right_words(site, page):
    _litsite_box_only(site)
    _, base = site
    page.goto(base + "search/index.html?q=machin+lerning")
    _done(page)
    assert page.locator("[data-suggestion]").inner_text() == "Did you mean: machine learning"
    assert _titles(page)


def test_facet_counts_match_the_results(site, page):
    _litsite_box_only(site)
    _, base = site
    page.goto(base + "search/index.html?q=survey")
    _done(page)
    for name in ("Survey methods", "Book"):
        link = page.locator(".litsite-facet a", has_text=name).first
        count = int(link.locator(".litsite-count").inner_text())
        link.click()
        assert _done(page).startswith(f"{count} record")
    assert _done(page) == "5 records"
    page.locator("[data-active] a", has_text="Survey methods").click()
    assert _done(page) == "10 records"


def test_no_accessibility_violations_with_results_filters_and_a_suggestion(site, page):
    _litsite_box_only(site)
    axe_api = pytest.importorskip("axe_playwright_python.sync_playwright", reason="no axe")
    theme, base = site
    page.goto(base + "search/index.html?q=machin+lerning&type=article-journal")
    _done(page)
    page.wait_for_selector("[data-facets]:not([hidden]) .litsite-facet")
    assert page.locator("[data-suggestion]").is_visible()
    # Under Material, the check covers litsite's part of the page (Material's own is its own).
    context = "[data-litsite-search]" if theme.startswith("material") else None
    results = axe_api.Axe().run(page, context=context)
    assert results.violations_count == 0, results.generate_report()


def test_keyboard_alone_reaches_the_next_page(site, page):
    _litsite_box_only(site)
    _, base = site
    page.goto(base + "search/index.html")
    page.focus("#litsite-q")
    page.keyboard.type("stromal survey")
    page.keyboard.press("Enter")
    assert _done(page) == "30 records · Page 1 of 3"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Next":
            break
    page.keyboard.press("Enter")
    assert _done(page) == "30 records · Page 2 of 3"
