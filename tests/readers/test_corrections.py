"""Retractions, errata, concerns and updates as each reader finds them (``Record.relations``)."""

from __future__ import annotations

from litsite.csl import from_csl, to_csl
from litsite.model import Relation
from tests.conftest import DATA
from tests.readers.reading import read_records

FOLDER = DATA / "corrections"


def _relations(name: str) -> dict[str, list[Relation]]:
    records, report = read_records(FOLDER / name)
    assert not report.errors
    return {record.pmid or record.doi: record.relations for record in records}


def test_pubmed_xml_comments_corrections_become_relations():
    found = _relations("retracted.xml")
    assert found["90000001"] == [Relation("retraction-in", "90000002", "", "J Tests. 2021;2:1")]
    assert found["90000002"] == [Relation("retraction-of", "90000001", "", "J Tests. 2020;1:1")]
    assert found["90000003"] == [
        Relation(
            "erratum-in",
            "90000009",
            "10.1000/erratum.9",
            "J Tests. 2022;3:9. doi: 10.1000/erratum.9.",
            "Figure 2 corrected",
        )
    ]
    assert found["90000004"] == [
        Relation("concern-in", "", "10.1000/eoc.1", "J Tests. 2023;4:1. doi: 10.1000/eoc.1")
    ]


def test_medline_tags_become_relations_and_leave_comments_alone():
    records, _ = read_records(FOLDER / "retracted.nbib")
    (record,) = records
    assert record.relations == [
        Relation("retraction-in", "90000006", "", "J Tests. 2024;5:1. PMID: 90000006"),
        Relation(
            "erratum-in",
            "90000007",
            "10.1000/e.7",
            "J Tests. 2019;5:7. doi: 10.1000/e.7. PMID: 90000007",
        ),
        Relation(
            "update-in", "90000008", "", "Cochrane Database Syst Rev. 2024;1:CD1. PMID: 90000008"
        ),
    ]
    assert record.extra["comment in"] == ["J Tests. 2019;5:8"]


def test_crossref_update_to_names_the_corrected_work_and_stays_a_variable():
    records, _ = read_records(FOLDER / "crossref-updates.json")
    notice = records[0]
    assert notice.relations == [Relation("retraction-of", doi="10.1000/ORIG.1", note="Retraction")]
    assert notice.variables["update-to"][0]["DOI"] == "10.1000/ORIG.1"


def test_relations_survive_the_csl_json_round_trip():
    records, _ = read_records(FOLDER / "retracted.xml")
    assert from_csl(to_csl(records[2])).relations == records[2].relations
