"""The default site in Debian chromium, as a visitor uses it: search, open, cite, read on a phone,
with a screen reader's eyes (axe-core), in English and Spanish, light and dark.

The screenshots in docs/screenshots/ are made here, so they always show the current site. The
site is the default one plus a thesis (``tests/data/pages/thesis.yaml``: the default site has
none).
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from litsite.cli import main
from tests.browser.conftest import serve
from tests.conftest import DATA, ROOT

SEED_PAGE = "records/pmid-31070229.html"
ARTICLE = "records/pmid-28775130.html"
BOOK = "records/lccn-2001276084.html"
THESIS = "records/thesis-okafor-2021.html"
MANY_AUTHORS = "records/living-systematic-reviews-2-combining-human-79e070a664.html"
TOPIC_PAGE = "topics/clinical-science.html"
#: One page of every kind the site has.
PAGE_TYPES = [
    "index.html",
    "search/index.html",
    SEED_PAGE,
    ARTICLE,
    BOOK,
    THESIS,
    MANY_AUTHORS,
    "records/doi-10-1109-afips-1979-98.html",
    "records/full-article-public-transport-planning-adaption-e627f80818.html",
    "topics/index.html",
    TOPIC_PAGE,
    "authors/index.html",
    "authors/_s.html",
    "years/index.html",
    "years/2019.html",
    "journals/index.html",
    "journals/journal-of-clinical-epidemiology.html",
    "types/index.html",
    "types/book.html",
    "404.html",
]
SCREENSHOTS = ROOT / "docs" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
PHONES = (320, 360, 390)


def _build(folder, language: str):
    for name in ("content", "site_docs"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(DATA / "pages" / "thesis.yaml", folder / "content" / "thesis.yaml")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = [{"litsite": {"records": "content", "language": language}}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    result = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    return folder / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Base URLs of the site built in English and in Spanish."""
    en = serve(_build(tmp_path_factory.mktemp("browser-en"), "en"))
    es = serve(_build(tmp_path_factory.mktemp("browser-es"), "es"))
    yield {"en": next(en), "es": next(es)}
    for server in (en, es):
        server.close()


@pytest.fixture
def site_url(sites):
    return sites["en"]


def _context(browser, **options):
    """A browser context and the list the script errors of its pages go to."""
    context = browser.new_context(**options)
    errors: list[str] = []
    context.on("page", lambda page: page.on("pageerror", lambda e: errors.append(str(e))))
    return context, errors


@pytest.fixture
def page(browser):
    context, errors = _context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == [], errors


def test_pages_checked_exist(sites):
    import urllib.request

    for path in PAGE_TYPES:
        if path != "404.html":
            with urllib.request.urlopen(sites["en"] + path) as response:
                assert response.status == 200, path


def test_search_by_author_open_the_record_and_copy_its_bibtex(page, site_url):
    page.goto(site_url + "index.html")
    page.fill("header input[type=search]", "Wulffraat")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-results] a")
    result = page.locator("[data-results] a").first
    assert result.inner_text().startswith("Bone-marrow derived mesenchymal stromal cells")
    result.click()
    page.wait_for_url("**/" + SEED_PAGE)
    page.get_by_role("tab", name="BibTeX").click()
    page.click("button[data-copy='cite-bibtex-text']")
    page.wait_for_selector("#cite-bibtex .litsite-copied:not(:empty)")
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


def test_cite_tabs_follow_the_keyboard(page, site_url):
    page.goto(site_url + ARTICLE)
    apa = page.get_by_role("tab", name="APA")
    assert apa.get_attribute("aria-selected") == "true"
    apa.focus()
    page.keyboard.press("ArrowRight")
    bibtex = page.get_by_role("tab", name="BibTeX")
    assert bibtex.get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.textContent") == "BibTeX"
    assert page.locator("#cite-bibtex-text").is_visible()
    assert not page.locator("#cite-apa-text").is_visible()
    page.keyboard.press("End")
    assert page.get_by_role("tab", name="CSL-JSON").get_attribute("aria-selected") == "true"


def test_every_citation_format_is_reachable_without_javascript(browser, site_url):
    context, errors = _context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    assert page.locator("#cite-apa-text").is_visible()
    assert not page.locator("#cite-ris-text").is_visible()
    for label, panel in (("RIS", "ris"), ("BibTeX", "bibtex"), ("CSL-JSON", "csl-json")):
        page.click(f".litsite-cite-tabs a:text-is('{label}')")
        assert page.locator(f"#cite-{panel}-text").is_visible()
        assert not page.locator("#cite-apa-text").is_visible()
    context.close()
    assert errors == []


def test_all_authors_are_reachable_without_javascript(browser, site_url):
    context, _ = _context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + MANY_AUTHORS)
    hidden = page.locator(".litsite-more-authors li").last
    assert not hidden.is_visible()
    page.click(".litsite-more-authors summary")
    assert hidden.is_visible()
    assert page.locator(".litsite-authors li").count() == 142
    context.close()


def test_no_page_scrolls_sideways_on_a_phone(browser, sites):
    context, _ = _context(browser, viewport={"width": PHONES[-1], "height": 800})
    page = context.new_page()
    wide = []
    for language, base in sites.items():
        for path in PAGE_TYPES:
            page.set_viewport_size({"width": PHONES[-1], "height": 800})
            page.goto(base + path)
            for width in PHONES:
                page.set_viewport_size({"width": width, "height": 800})
                scroll, inner = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                if scroll > inner:
                    wide.append(f"{language} {path} at {width} px: {scroll} > {inner}")
    context.close()
    assert wide == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_no_accessibility_violations(browser, sites, language, scheme):
    axe_api = pytest.importorskip("axe_playwright_python.sync_playwright", reason="no axe")
    axe = axe_api.Axe()
    context, _ = _context(browser, color_scheme=scheme)
    page = context.new_page()
    reports = []
    for path in PAGE_TYPES:
        page.goto(sites[language] + path)
        results = axe.run(page)
        if results.violations_count:
            reports.append(f"{path}:\n{results.generate_report()}")
    context.close()
    assert reports == [], "\n".join(reports)


SHOTS = [
    ("home", "en", "index.html"),
    ("topic", "en", TOPIC_PAGE),
    ("record-article", "en", ARTICLE),
    ("record-book-marc", "en", BOOK),
    ("record-thesis", "en", THESIS),
    ("record-many-authors", "en", MANY_AUTHORS),
    ("record-es", "es", ARTICLE),
]


@pytest.mark.parametrize("name, language, path", SHOTS, ids=[s[0] for s in SHOTS])
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(browser, sites, name, language, path, width):
    viewport = dict(zip(("width", "height"), WIDTHS[width], strict=True))
    context, _ = _context(browser, viewport=viewport)
    page = context.new_page()
    page.goto(sites[language] + path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    context.close()
    assert shot.stat().st_size > 10_000
