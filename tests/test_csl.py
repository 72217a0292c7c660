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


def test_note_lines_fill_missing_identifiers():
    record = from_csl({"id": "x", "type": "article-journal", "note": "DOI: 10.1000/xyz\nPMID: 123"})
    assert (record.doi, record.pmid) == ("10.1000/xyz", "123")


def test_note_lines_do_not_replace_the_items_own_values():
    record = from_csl({"id": "x", "type": "book", "DOI": "10.1/own", "note": "DOI: 10.1/noted"})
    assert record.doi == "10.1/own"


def test_note_prose_is_not_read_as_variables():
    record = from_csl({"id": "x", "type": "book", "note": "Reprinted: see also volume 2"})
    assert record.volume == "" and record.note == "Reprinted: see also volume 2"
