"""CSL-JSON conversion is lossless: record -> item -> record gives the same record."""

from __future__ import annotations

from litsite.csl import from_csl, to_csl
from litsite.model import PartialDate
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


#: A thesis translated and republished: names in roles beyond author/editor, a date range,
#: a season, number variables with labels, and variables the CSL 1.0.2 specification added.
EVERY_KIND = {
    "id": "kafka-process",
    "type": "thesis",
    "title": "Der Process",
    "author": [{"family": "Kafka", "given": "Franz"}],
    "translator": [{"family": "Muir", "given": "Willa"}, {"family": "Muir", "given": "Edwin"}],
    "container-author": [{"literal": "Schocken Books"}],
    "director": [{"family": "Welles", "given": "Orson", "suffix": "Jr.", "comma-suffix": True}],
    "composer": [{"family": "毛", "given": "泽东", "static-ordering": True}],
    "interviewer": [{"family": "van Gogh", "given": "Vincent", "parse-names": False}],
    "issued": {"date-parts": [[1999], [2008]]},
    "original-date": {"date-parts": [[1925]]},
    "event-date": {"date-parts": [[2019, 4, 2], [2019, 4, 5]]},
    "submitted": {"date-parts": [[2018]], "season": "Fall"},
    "genre": "PhD thesis",
    "number": 363,
    "status": "in press",
    "version": "2.1",
    "medium": "DVD",
    "original-title": "Der Prozess",
    "original-publisher": "Die Schmiede",
    "part-number": "2",
    "part-title": "Im Dom",
    "volume-title": "Romane",
    "chapter-number": "9",
    "number-of-pages": "288",
    "section": "B",
    "event-title": "Kafka Days",
    "event-place": "Prague",
    "archive": "Deutsches Literaturarchiv",
    "archive_location": "Box 3",
    "references": "Includes bibliographical references (p. 280-288).",
}


def test_every_kind_of_csl_variable_survives_a_round_trip():
    record = from_csl(EVERY_KIND)
    item = to_csl(record)
    assert {k: v for k, v in item.items() if k != "custom"} == {**EVERY_KIND, "number": "363"}
    assert from_csl(item) == record


def test_names_in_other_roles_keep_their_order_and_flags():
    record = from_csl(EVERY_KIND)
    assert [p.given for p in record.names["translator"]] == ["Willa", "Edwin"]
    assert record.names["director"][0].comma_suffix
    assert record.names["composer"][0].static_ordering
    assert record.names["interviewer"][0].parse_names is False


def test_a_date_range_and_a_season_word_are_kept():
    record = from_csl(EVERY_KIND)
    assert record.issued.iso() == "1999"
    assert record.issued.interval() == "1999/2008"
    assert record.dates["event-date"].end == PartialDate(2019, 4, 5)
    assert record.dates["submitted"].season == "Fall"
    assert PartialDate.from_iso("1999/2008") == record.issued


def test_variables_csl_does_not_define_travel_in_custom():
    item = to_csl(from_csl({"id": "x", "type": "book", "reference-count": 12, "prefix": "10.1"}))
    assert "reference-count" not in item
    assert item["custom"]["variables"] == {"reference-count": 12, "prefix": "10.1"}
    assert from_csl(item).variables == {"reference-count": 12, "prefix": "10.1"}


def test_affiliations_of_names_in_other_roles_travel_in_custom():
    record = from_csl({"id": "x", "type": "book", "translator": [{"family": "Muir"}]})
    record.names["translator"][0].affiliations = ["University of St Andrews"]
    item = to_csl(record)
    assert item["translator"] == [{"family": "Muir"}]
    assert from_csl(item).names["translator"][0].affiliations == ["University of St Andrews"]
