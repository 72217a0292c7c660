"""CSL-JSON output is valid CSL data (schema 1.0.2) for every record the readers produce."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from litsite.citations.csl_json import write_csl_json
from litsite.csl import from_csl, to_csl
from litsite.model import Person, Record
from litsite.readers import read_paths
from litsite.report import Report
from tests.citations.csl_schema import problems
from tests.conftest import DATA, ROOT


def _items(paths: list[Path]) -> list[dict]:
    logging.disable(logging.CRITICAL)
    try:
        return json.loads(write_csl_json(read_paths(paths, Report())))
    finally:
        logging.disable(logging.NOTSET)


def test_default_site_and_fixtures_give_valid_csl_data():
    items = _items([ROOT / "content", DATA])
    assert len(items) > 50
    assert {item["id"]: problems(item) for item in items if problems(item)} == {}


def test_shared_corpus_gives_valid_csl_data(shared_dev: Path):
    folders = ["bibtex", "ris", "medline", "pubmed-xml", "marc", "csl-json", "vufind"]
    items = _items([shared_dev / folder for folder in folders])
    assert {item["id"]: problems(item) for item in items if problems(item)} == {}


def test_orcid_affiliation_and_licence_travel_in_custom():
    record = Record(
        type="article-journal",
        id="x",
        authors=[
            Person(
                family="Swart",
                given="Joost F",
                orcid="0000-0002-1825-0097",
                affiliations=["UMC Utrecht"],
            )
        ],
        license="http://creativecommons.org/licenses/by-nc/4.0/",
    )
    item = to_csl(record)
    assert problems(item) == []
    assert item["author"] == [{"family": "Swart", "given": "Joost F"}]
    assert from_csl(item) == record


@pytest.mark.parametrize("bad", [{"type": "journal", "id": "x"}, {"type": "book"}])
def test_the_schema_check_itself_rejects_bad_items(bad):
    assert problems(bad)
