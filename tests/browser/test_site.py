"""The default site in Debian chromium, as a visitor uses it: search, open, copy, accessibility.

The screenshots in docs/screenshots/ are made here, so they always show the current site.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import serve
from tests.conftest import ROOT, build_default_site

SEED_PAGE = "records/pmid-31070229.html"
TOPIC_PAGE = "topics/clinical-science.html"
SCREENSHOTS = ROOT / "docs" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    yield from serve(build_default_site(tmp_path_factory.mktemp("browser-site")))


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == [], errors


def test_search_by_author_open_the_record_and_copy_its_bibtex(page, site_url):
    page.goto(site_url + "index.html")
    page.fill("header input[type=search]", "Wulffraat")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-results] a")
    result = page.locator("[data-results] a").first
    assert result.inner_text().startswith("Bone-marrow derived mesenchymal stromal cells")
    result.click()
    page.wait_for_url("**/" + SEED_PAGE)
    page.click("button[data-copy='cite-bibtex-text']")
    page.wait_for_function("document.querySelector('.litsite-copied') !== null")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@article{Swart2019Bone,")
    assert "doi = {10.1093/rheumatology/kez157}" in copied


def test_search_finds_the_seed_by_doi_and_by_pmid(page, site_url):
    for query in ("10.1093/rheumatology/kez157", "31070229"):
        page.goto(f"{site_url}search/index.html?q={query}")
        page.wait_for_selector("[data-results] a")
        assert page.locator("[data-results] a").first.get_attribute("href").endswith(SEED_PAGE)


def test_bibtex_download_is_served(page, site_url):
    page.goto(site_url + SEED_PAGE)
    href = page.locator("a[download][href$='.bib']").first.get_attribute("href")
    response = page.request.get(site_url + "records/" + href)
    assert response.ok and response.text().startswith("@article{Swart2019Bone,")


@pytest.mark.parametrize("path", ["index.html", SEED_PAGE, TOPIC_PAGE, "search/index.html"])
def test_no_accessibility_violations(page, site_url, path):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe not installed")
    page.goto(site_url + path)
    results = axe.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    "name, path", [("home", "index.html"), ("record", SEED_PAGE), ("topic", TOPIC_PAGE)]
)
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(page, site_url, name, path, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page.goto(site_url + path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
