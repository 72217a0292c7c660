"""Arbitrary text in every field of a record, rendered by the page builder (``SitePlan``, no MkDocs
build): every page body and record ``<head>``, and the search index, keep it as data."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litsite.citations import Citation, Entry
from litsite.citations.bibtex import bibtex_entry
from litsite.citations.ris import ris_entry
from litsite.csl import to_csl
from litsite.ids import assign_ids
from litsite.pages.site import SitePlan
from litsite.report import Report
from litsite.search import build_index
from tests.security import html_checks
from tests.security.strategies import PAYLOADS, hostile_text, records

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KINDS = ["topics", "authors", "years", "journals", "types"]


def _plan(batch, apa_html: str = "") -> SitePlan:
    assign_ids(batch, Report())
    citations = [
        Citation(
            {
                "apa": Entry("", apa_html),
                "bibtex": Entry(bibtex_entry(r, "key")),
                "ris": Entry(ris_entry(r)),
                "csl-json": Entry(json.dumps(to_csl(r))),
            }
        )
        for r in batch
    ]
    return SitePlan(
        batch,
        citations,
        site_name="Site",
        kinds=_KINDS,
        formats=["apa", "bibtex", "ris", "csl-json"],
        language="en",
        root="/",
        search="litsite",
    )


def _bodies(plan: SitePlan) -> dict[str, str]:
    """Every page's body (what MkDocs puts in ``{{ page.content }}``)."""
    return {spec.src_uri: plan.render(spec.src_uri, "../{}".format)[1] for spec in plan.pages(True)}


def _pages(plan: SitePlan) -> dict[str, str]:
    """Every page's HTML: its body, and for record pages the ``<head>`` additions too."""
    rel = "../{}".format
    return {
        uri: plan.head(uri, "https://example.org/x/", rel) + body
        for uri, body in _bodies(plan).items()
    }


def _as_attribute(text: str) -> str:
    """What an HTML parser gives back for text put in an attribute: controls gone, CR as LF."""
    return _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


batches = st.lists(records, min_size=1, max_size=3)


@SETTINGS
@given(batch=batches, apa_html=hostile_text)
def test_no_page_gets_a_script_handler_or_bad_link(batch, apa_html):
    for uri, page in _pages(_plan(batch, apa_html)).items():
        assert html_checks.problems(html_checks.parse(page)) == [], uri


@SETTINGS
@given(batch=batches)
def test_no_template_syntax_reaches_a_page_body_unescaped(batch):
    """Bodies pass MkDocs' page-content hooks (a macros plugin); ``<head>`` additions come later."""
    for body in _bodies(_plan(batch)).values():
        assert "{{" not in body and "{%" not in body


@SETTINGS
@given(batch=batches)
def test_json_ld_and_citation_title_hold_the_title(batch):
    plan = _plan(batch)
    pages = _pages(plan)
    for record in batch:
        tree = html_checks.parse(pages[plan.record_uri(record)])
        (block,) = html_checks.json_ld(tree)
        assert block["name"] == record.title
        assert html_checks.meta(tree, "citation_title") == [_as_attribute(record.title)]


@SETTINGS
@given(batch=batches, payload=st.sampled_from(PAYLOADS))
def test_a_payload_in_the_title_is_shown_as_text(batch, payload):
    batch[0].title = f"Title {payload} end"
    plan = _plan(batch)
    tree = html_checks.parse(_pages(plan)[plan.record_uri(batch[0])])
    shown = " ".join(html_checks.text(tree).split())
    assert " ".join(_CONTROL.sub("", batch[0].title).split()) in shown


@SETTINGS
@given(batch=batches)
def test_search_index_holds_titles_as_data(batch, tmp_path_factory):
    plan = _plan(batch)
    folder = tmp_path_factory.mktemp("search")
    build_index(plan.search_docs(lambda uri: "/" + uri), folder)
    for path in folder.rglob("*.json"):
        json.loads(path.read_text("utf-8"))
    documents = [d for p in (folder / "d").glob("*.json") for d in json.loads(p.read_text("utf-8"))]
    assert sorted(doc[1] for doc in documents) == sorted(r.title for r in batch)
