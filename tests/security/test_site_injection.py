"""A whole site built from hostile records: every built HTML file is parsed as a browser would
(html5lib) and must hold no record-made script, handler or non-http(s) link; record text stays
data in JSON-LD, ``<meta name="citation_*">``, the search index and the page text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from tests.conftest import ROOT
from tests.security import html_checks
from tests.site_helpers import build_site, make_site

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ config }} {% include 'base.html' %}"
END_SCRIPT = "</script><script>alert(2)</script>"
MARKDOWN = "[x](javascript:alert(1)) ![y](javascript:alert(1)) <b onclick=alert(1)>raw</b>"
TITLES = [
    f"Scripted {SCRIPT} title",
    f"Broken {BREAKOUT} attribute",
    f"Templated {TEMPLATE} title",
    f"Closing {END_SCRIPT} JSON-LD",
]
BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


def _item(number: int, title: str) -> dict:
    return {
        "id": f"hostile-{number}",
        "type": "article-journal",
        "title": title,
        "author": [
            {"family": SCRIPT, "given": BREAKOUT},
            {"literal": f"{TEMPLATE} {MARKDOWN}"},
        ],
        "container-title": f"Journal {SCRIPT} {TEMPLATE}",
        "publisher": BREAKOUT,
        "abstract": f"{MARKDOWN} {SCRIPT} {END_SCRIPT} {TEMPLATE} https://example.org/ok",
        "keyword": f"{SCRIPT}, {TEMPLATE}, {BREAKOUT}",
        "DOI": f"10.1000/{number}{BREAKOUT}",
        "URL": BAD_URLS[number % len(BAD_URLS)],
        "note": MARKDOWN,
        "issued": {"date-parts": [[2020 + number]]},
        "custom": {
            "links": [{"url": url, "kind": "fulltext", "label": SCRIPT} for url in BAD_URLS]
            + [{"url": "https://example.org/fine", "kind": "publisher", "label": BREAKOUT}]
        },
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-site")
    records = folder / "hostile.json"
    records.write_text(json.dumps([_item(n, t) for n, t in enumerate(TITLES, 1)]), "utf-8")
    return build_site(make_site(folder / "site", records=[records], plugin={"search": "litsite"}))


@pytest.fixture(scope="module")
def pages(site) -> dict[str, object]:
    return {
        str(p.relative_to(site)): html_checks.parse(p.read_text("utf-8"))
        for p in site.rglob("*.html")
    }


@pytest.fixture(scope="module")
def record_pages(pages) -> dict[str, object]:
    return {name: tree for name, tree in pages.items() if name.startswith("records/")}


def test_the_site_has_every_record_page(record_pages):
    assert len(record_pages) == len(TITLES)


#: Folders of resolver pages: a refresh to the record page is their job.
RESOLVERS = ("doi/", "pmid/", "pmc/", "isbn/")


def test_no_page_has_a_script_handler_or_bad_link(pages):
    found = {
        name: [
            p
            for p in html_checks.problems(tree)
            if not (name.startswith(RESOLVERS) and p == "meta refresh")
        ]
        for name, tree in pages.items()
    }
    assert {name: p for name, p in found.items() if p} == {}


def test_resolver_pages_refresh_only_to_a_record_page_of_the_site(pages):
    refreshes = [
        element.get("content")
        for name, tree in pages.items()
        if name.startswith(RESOLVERS)
        for element in tree.iter("meta")
        if (element.get("http-equiv") or "").lower() == "refresh"
    ]
    assert len(refreshes) == len(TITLES)
    assert all(re.fullmatch(r"0; url=(\.\./)+records/[a-z0-9-]+/", r) for r in refreshes)


def test_every_page_has_a_content_security_policy(pages):
    assert [name for name, tree in pages.items() if not html_checks.has_csp(tree)] == []


def test_json_ld_holds_the_hostile_title_as_data(record_pages):
    names = sorted(
        block["name"] for tree in record_pages.values() for block in html_checks.json_ld(tree)
    )
    assert names == sorted(TITLES)


def test_citation_meta_tags_hold_the_title_intact(record_pages):
    titles = sorted(
        t for tree in record_pages.values() for t in html_checks.meta(tree, "citation_title")
    )
    assert titles == sorted(TITLES)


def test_citation_meta_authors_are_intact(record_pages):
    tree = next(iter(record_pages.values()))
    assert html_checks.meta(tree, "citation_author")[0] == f"{SCRIPT}, {BREAKOUT}"


def test_template_syntax_is_shown_literally(record_pages, site):
    shown = "".join(html_checks.text(tree) for tree in record_pages.values())
    assert TEMPLATE in shown
    assert "site_name" not in shown  # {{ config }} was never evaluated


def test_markdown_links_stay_text(record_pages):
    shown = "".join(html_checks.text(tree) for tree in record_pages.values())
    assert "[x](javascript:alert(1))" in shown


def test_search_index_holds_the_titles_as_data(site):
    documents = [
        doc
        for path in (site / "search" / "d").glob("*.json")
        for doc in json.loads(path.read_text("utf-8"))
    ]
    assert sorted(doc[1] for doc in documents) == sorted(TITLES)


def test_every_search_file_is_json(site):
    for path in (site / "search").rglob("*.json"):
        json.loads(path.read_text("utf-8"))


def test_downloads_hold_no_live_tex_command(site):
    for path in (site / "records").glob("*.bib"):
        assert "\\input" not in path.read_text("utf-8")


def test_coins_spans_carry_the_title_as_data(pages):
    spans = [
        parse_qs(span.get("title"))
        for tree in pages.values()
        for span in tree.iter("span")
        if span.get("class") == "Z3988"
    ]
    assert {span["rft.atitle"][0] for span in spans} == set(TITLES)


def test_shipped_scripts_write_text_never_html():
    """The search client and the theme's scripts put record text in with ``textContent``."""
    scripts = [*(ROOT / "generator" / "litsite" / "assets").rglob("*.js")]
    scripts += (ROOT / "themes" / "litsite").rglob("*.js")
    sinks = re.compile(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|Function\("
    )
    assert [p.name for p in scripts if sinks.search(p.read_text("utf-8"))] == []
