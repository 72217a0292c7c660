"""CSL-JSON conversion is lossless: record -> item -> record gives the same record."""

from __future__ import annotations

from litsite.csl import from_csl, to_csl
from litsite.readers import read_paths
from litsite.report import Report
from tests.conftest import SEED


def test_seed_round_trips_through_csl_json():
    (record,) = read_paths([SEED], Report())
    assert from_csl(to_csl(record)) == record


def test_plain_csl_item_without_custom():
    record = from_csl(
        {
            "id": "x",
            "type": "book",
            "title": "T",
            "author": [{"literal": "World Health Organization"}],
            "issued": {"raw": "2016-12"},
            "keyword": "a; b",
            "URL": "https://example.org/",
            "language": "English",
        }
    )
    assert record.authors[0].display() == "World Health Organization"
    assert record.issued.iso() == "2016-12"
    assert [t.term for t in record.topics] == ["a", "b"]
    assert record.language.name == "English"
