"""Every record page of the default site, read by Zotero's Embedded Metadata rules, gives the
item a reference manager should save: type, authors in order, title, journal, year, DOI,
volume/issue/pages and the record's own abstract (or none)."""

from __future__ import annotations

import re

import pytest

from litsite.model import Record
from litsite.readers import read_paths
from litsite.report import Report

from ..conftest import ROOT
from ..site_helpers import record_page
from .embedded_metadata import read_page

#: What Zotero calls each CSL type the default site has (Zotero's own CSL mappings).
ZOTERO_TYPE = {
    "article-journal": "journalArticle",
    "book": "book",
    "chapter": "bookSection",
    "paper-conference": "conferencePaper",
    "thesis": "thesis",
    "report": "report",
    "webpage": "webpage",
}
RECORDS = read_paths([ROOT / "content"], Report())


def _words(text: str) -> str:
    return " ".join(re.sub(r"</?(?:i|b|sup|sub|span|sc)\b[^<>]*>", "", text).split())


@pytest.fixture(scope="module")
def items(default_site):
    return {r.id: read_page(record_page(default_site, r.id)) for r in RECORDS}


@pytest.mark.parametrize("record", RECORDS, ids=[r.id for r in RECORDS])
def test_zotero_saves_the_record_as_it_is(items, record: Record):
    item = items[record.id]
    assert item.item_type == ZOTERO_TYPE[record.type]
    expected_authors = [
        (" ".join(filter(None, (p.non_dropping_particle, p.family))) or p.literal, p.given)
        for p in record.authors
    ]
    assert [(f.casefold(), g.casefold()) for f, g in item.creators] == [
        (f.casefold(), g.casefold()) for f, g in expected_authors
    ]
    assert item.title == _words(record.title)
    if record.type in {"article-journal", "paper-conference", "chapter"}:
        assert item.publication_title == _words(record.container_title)
    assert item.date[:4] == (str(record.year) if record.year else "")
    assert item.doi == record.doi
    assert (item.volume, item.issue) == (record.volume, record.issue)
    assert item.pages == re.sub(r"\s+", "", record.page.replace("–", "-"))
    assert item.abstract == _words(record.abstract_text)


def test_a_record_without_abstract_gives_zotero_none(items):
    no_abstract = [r for r in RECORDS if not r.abstract]
    assert no_abstract, "the default site should have records without an abstract"
    assert all(items[r.id].abstract == "" for r in no_abstract)


def test_default_site_has_each_kind_of_record_the_rules_distinguish():
    assert {"article-journal", "book", "paper-conference", "webpage"} <= {r.type for r in RECORDS}
