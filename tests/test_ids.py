"""Record ids are safe file names and URL paths, and never collide silently."""

from __future__ import annotations

from litsite.ids import assign_ids, record_id
from litsite.model import Record, Source
from litsite.report import Report


def test_pmid_then_doi_then_source_id():
    assert record_id(Record(pmid="31070229", doi="10.1/x")) == "pmid-31070229"
    assert record_id(Record(doi="10.1093/Rheumatology/KEZ157")) == "doi-10-1093-rheumatology-kez157"
    assert record_id(Record(source_ids={"vufind": "pubmed-6758577"})) == "vufind-pubmed-6758577"


def test_hostile_ids_become_safe_slugs():
    for hostile in ["../../etc/passwd", "/abs/path", "CON", "a" * 500, "Ünïcödé/ID"]:
        record = Record(id=hostile, sources=[Source("f.bib", 1, "bibtex")])
        assign_ids([record], Report())
        assert "/" not in record.id and ".." not in record.id
        assert len(record.id) <= 64 and record.id == record.id.lower()


def test_collisions_get_a_suffix_and_a_warning():
    records = [Record(doi="10.1/x", sources=[Source("a.ris", i, "ris")]) for i in (1, 2)]
    report = Report()
    assign_ids(records, report)
    assert [r.id for r in records] == ["doi-10-1-x", "doi-10-1-x-2"]
    assert "a.ris: record 2: field 'id'" in str(report.warnings[0])
