"""Resolver pages in a built site: each identifier's page leads to its record page."""

from __future__ import annotations

import json
import re

import html5lib

from ..site_helpers import build_site, make_site

HOSTILE_DOI = '10.1000/../"x"#?<a>'
RECORDS = [
    {
        "id": "a",
        "type": "article-journal",
        "title": "A <script>alert(1)</script> title",
        "DOI": HOSTILE_DOI,
        "PMID": "31070229",
        "PMCID": "PMC6547470",
        "issued": {"date-parts": [[2019]]},
    },
    {
        "id": "b",
        "type": "book",
        "title": "A book",
        "ISBN": "978-0-596-00167-0",
        "issued": {"date-parts": [[2001]]},
    },
]


def _site(tmp_path, **settings):
    records = tmp_path / "in" / "records.json"
    records.parent.mkdir()
    records.write_text(json.dumps(RECORDS), "utf-8")
    return build_site(make_site(tmp_path / "site", records=[records], **settings))


def _redirect(page: str) -> tuple[str, str, str]:
    """(refresh target, canonical href, visible link href) of a resolver page."""
    document = html5lib.parse(page, namespaceHTMLElements=False)
    refresh = document.find(".//meta[@http-equiv='refresh']").get("content")
    canonical = document.find(".//link[@rel='canonical']").get("href")
    visible = document.find(".//body//a").get("href")
    return refresh, canonical, visible


def test_a_hostile_doi_resolver_page_leads_to_its_record(tmp_path):
    site = _site(tmp_path, use_directory_urls=True, site_url="https://example.org/lit/")
    page = site / "doi/10.1000/~2E./~22x~22~23~3F~3Ca~3E/index.html"
    text = page.read_text("utf-8")
    assert _redirect(text) == (
        "0; url=../../../../records/a/",
        "https://example.org/lit/records/a/",
        "../../../../records/a/",
    )
    assert "<script>" not in text
    assert "DOI 10.1000/../&#34;x&#34;#?&lt;a&gt; is this record" in text
    assert not list(site.glob("**/x*"))


def test_pmid_pmc_and_isbn_resolvers_without_directory_urls(tmp_path):
    site = _site(tmp_path, use_directory_urls=False)
    for path, record in [
        ("pmid/31070229", "a"),
        ("pmc/PMC6547470", "a"),
        ("isbn/9780596001670", "b"),
    ]:
        page = (site / path / "index.html").read_text("utf-8")
        target = f"../../records/{record}.html"
        assert _redirect(page) == (f"0; url={target}", target, target)
    assert re.search(r"<title>ISBN 978-0-596-00167-0</title>", page)
