"""Arbitrary text in every field of a record, rendered by the page builder (``litsite.build``, no
MkDocs build): every page body and record ``<head>``, and the search index, keep it as data."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litsite.build.plan import SitePlan
from litsite.build.render import Settings, render_listing, render_record
from litsite.build.summary import summarize
from litsite.citations import Citation
from litsite.citations.bibtex import bibtex_entry
from litsite.citations.ris import ris_entry
from litsite.csl import to_csl
from litsite.ids import assign_ids
from litsite.pages.richtext import plain_text
from litsite.report import Report
from litsite.search import build_index
from tests.security import html_checks
from tests.security.strategies import PAYLOADS, hostile_text, records

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KINDS = ["topics", "authors", "years", "journals", "types"]


def _citations(batch, apa_html: str = "") -> list[Citation]:
    return [
        Citation(
            apa_text="",
            apa_html=apa_html,
            apa_in_text="",
            bibtex=bibtex_entry(r, "key"),
            ris=ris_entry(r),
            csl_json=json.dumps(to_csl(r)),
        )
        for r in batch
    ]


def _plan(batch) -> SitePlan:
    assign_ids(batch, Report())
    return SitePlan(
        [summarize(r) for r in batch],
        site_name="Site",
        kinds=_KINDS,
        formats=["apa", "bibtex", "ris", "csl-json"],
        language="en",
        directory_urls=True,
        search="litsite",
    )


_SETTINGS = Settings(
    language="en",
    formats=("apa", "bibtex", "ris", "csl-json"),
    root="/",
    directory_urls=True,
    site_url="https://example.org/x/",
)


def _pages(batch, apa_html: str = "", head: bool = True) -> dict[str, str]:
    """Every page's HTML body (what MkDocs puts in ``{{ page.content }}``), after the
    ``<head>`` additions of record pages when ``head``."""
    plan = _plan(batch)
    citations = _citations(batch, apa_html)
    pages = {
        spec.src_uri: plan.body(spec.src_uri, "../{}".format)[1] for spec in plan.nav_pages(True)
    }
    rendered = [render_listing(page, _SETTINGS) for page in plan.listing_pages()]
    rendered += [
        render_record(batch[page.number], citations[page.number], page, _SETTINGS)
        for page in plan.record_pages()
    ]
    for out in rendered:
        uri, _, body, extra = out.page
        pages[uri] = (extra if head else "") + body
    return pages


def _as_attribute(text: str) -> str:
    """What an HTML parser gives back for text put in an attribute: controls gone, CR as LF."""
    return _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


batches = st.lists(records, min_size=1, max_size=3)


@SETTINGS
@given(batch=batches, apa_html=hostile_text)
def test_no_page_gets_a_script_handler_or_bad_link(batch, apa_html):
    for uri, page in _pages(batch, apa_html).items():
        assert html_checks.problems(html_checks.parse(page)) == [], uri


@SETTINGS
@given(batch=batches)
def test_no_template_syntax_reaches_a_page_body_unescaped(batch):
    """Bodies pass MkDocs' page-content hooks (a macros plugin); ``<head>`` additions come later."""
    for body in _pages(batch, head=False).values():
        assert "{{" not in body and "{%" not in body


@SETTINGS
@given(batch=batches)
def test_json_ld_and_citation_title_hold_the_title(batch):
    """Both hold the title's words: CSL rich-text tags (``<i>``…) are dropped (SECURITY.md)."""
    pages = _pages(batch)
    for record in batch:
        tree = html_checks.parse(pages[f"records/{record.id}.md"])
        (block,) = html_checks.json_ld(tree)
        assert block["name"] == plain_text(record.title)
        assert html_checks.meta(tree, "citation_title") == [_as_attribute(plain_text(record.title))]


@SETTINGS
@given(batch=batches, payload=st.sampled_from(PAYLOADS))
def test_a_payload_in_the_title_is_shown_as_text(batch, payload):
    batch[0].title = f"Title {payload} end"
    pages = _pages(batch)
    tree = html_checks.parse(pages[f"records/{batch[0].id}.md"])
    shown = " ".join(html_checks.text(tree).split())
    assert " ".join(_CONTROL.sub("", batch[0].title).split()) in shown


@SETTINGS
@given(batch=batches)
def test_search_index_holds_titles_as_data(batch, tmp_path_factory):
    plan = _plan(batch)
    folder = tmp_path_factory.mktemp("search")
    build_index(plan.search_docs(), folder)
    for path in folder.rglob("*.json"):
        json.loads(path.read_text("utf-8"))
    documents = [d for p in (folder / "d").glob("*.json") for d in json.loads(p.read_text("utf-8"))]
    assert sorted(doc[1] for doc in documents) == sorted(r.title for r in batch)
