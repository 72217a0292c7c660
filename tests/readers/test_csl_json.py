"""The CSL-JSON/YAML reader: foreign CSL files, litsite's own record files, and the corpus."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from litsite.csl import to_csl
from litsite.errors import RecordError
from litsite.model import PartialDate, Person
from litsite.readers import find_reader, read_file, read_paths
from litsite.report import Report
from tests.conftest import DATA, ROOT, SEED

CSL = DATA / "csl-json"


@pytest.fixture(scope="module")
def written():
    report = Report()
    return read_file(CSL / "written.json", report), report


def test_items_are_read_and_a_non_object_is_reported(written):
    records, report = written
    assert [r.title for r in records] == ["Über Ähnlichkeit", "A book"]
    assert [(p.record, p.message) for p in report.errors] == [
        (2, "not a CSL item (an object with at least one CSL variable)")
    ]


def test_literal_author_is_an_organisation(written):
    assert written[0][0].authors == [
        Person(family="Łukasiewicz", given="Jan"),
        Person(literal="World Health Organization"),
    ]


def test_date_parts_given_as_strings(written):
    assert written[0][0].issued == PartialDate(2013, 1, 1)


def test_two_issns_in_one_variable_are_split(written):
    assert written[0][0].issn == ["1234-5678", "2345-6789"]


def test_doi_url_is_a_doi_link(written):
    assert [link.kind for link in written[0][0].links] == ["doi"]


def test_region_language_tag_is_kept(written):
    assert written[0][1].language.code == "en-US"


def test_pandoc_yaml_references_with_year_lists_and_dates():
    records = read_file(CSL / "written.yaml", Report())
    assert [r.issued for r in records] == [PartialDate(2012, 3), PartialDate(2015, 6, 1)]
    assert records[0].authors == [Person(family="Doe", given="Jane")]


def test_alias_bomb_is_refused():
    with pytest.raises(RecordError, match="YAML expands to more than"):
        read_file(CSL / "aliases.yaml", Report())


def test_yaml_with_python_tags_is_refused(tmp_path: Path):
    path = tmp_path / "evil.yaml"
    path.write_text("id: x\ntype: book\ntitle: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(RecordError, match="not valid YAML"):
        read_file(path, Report())


def test_vufind_solr_json_is_not_taken_for_csl():
    head = b'{"response": {"docs": [{"id": "x", "title": "t", "type": "x"}]}}'
    assert find_reader(Path("x.json"), head).name == "vufind-solr"


def test_marc_in_json_is_not_taken_for_csl():
    reader = find_reader(Path("x.json"), b'[{"type": "book", "title": "t"}]')
    assert reader.name == "csl-json"
    assert not reader.sniff('{"leader": "00000nam", "fields": [{"type": "x"}]}')


def test_litsite_record_file_round_trips(tmp_path: Path):
    (record,) = read_paths([SEED], Report(), root=ROOT)
    path = tmp_path / f"{record.id}.yaml"
    path.write_text(yaml.safe_dump(to_csl(record), allow_unicode=True), encoding="utf-8")
    (again,) = read_paths([path], Report(), root=tmp_path)
    record_file, *exports = again.sources
    assert (record_file.path, record_file.original) == (path.name, "")
    assert replace(again, sources=exports) == record


def test_record_file_is_named_first_in_messages(tmp_path: Path):
    item = {"id": "x", "type": "book", "title": "T", "issued": {"raw": "n.d."}}
    item["custom"] = {"sources": [{"path": "content/export.ris", "index": 7, "reader": "ris"}]}
    path = tmp_path / "records" / "x.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(item), encoding="utf-8")
    (record,) = read_paths([path], Report(), root=tmp_path)
    assert [(s.path, s.index) for s in record.sources] == [
        ("records/x.yaml", 1),
        ("content/export.ris", 7),
    ]


def test_shared_csl_counts_match_provenance(shared_dev):
    entries = json.loads((shared_dev / "PROVENANCE.json").read_text(encoding="utf-8"))
    counts = {e["file"].removeprefix("dev/"): e["records"] for e in entries}
    for path in sorted((shared_dev / "csl-json").iterdir()):
        records = read_file(path, Report())
        assert len(records) == counts[f"csl-json/{path.name}"], path.name


def test_shared_name_suffix_and_apostrophe(shared_dev):
    (jr,) = read_file(shared_dev / "csl-json" / "ncbi-ctxp-aiid-2.json", Report())
    (darcus,) = read_file(shared_dev / "csl-json" / "ncbi-ctxp-aiid-1.json", Report())
    assert any(p.suffix == "Jr." for p in jr.authors)
    assert any(p.family == "D'Arcus" for p in darcus.authors)


def test_item_without_type_is_a_document(tmp_path: Path):
    path = tmp_path / "no-type.json"
    path.write_text('[{"id": "Q1", "title": "Untyped", "issued": {"date-parts": [[1957]]}}]')
    (record,) = read_file(path, Report())
    assert (record.type, record.title, record.year) == ("document", "Untyped", 1957)


def test_zotero_item_json_is_not_taken_for_csl():
    reader = find_reader(Path("x.json"), b'[{"type": "book", "title": "t"}]')
    assert not reader.sniff('[{"itemType": "book", "title": "t", "creators": []}]')


def test_zotero_note_lines_give_pmid_and_doi(tmp_path: Path):
    item = {
        "id": "z",
        "type": "article-journal",
        "title": "T",
        "note": "PMID: 123\nDOI: 10.1000/xyz",
    }
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps([item]), encoding="utf-8")
    (record,) = read_file(path, Report())
    assert (record.pmid, record.doi) == ("123", "10.1000/xyz")


def test_crossref_work_types_become_csl_types(tmp_path):
    path = tmp_path / "crossref.json"
    path.write_text(
        '{"type": "journal-article", "DOI": "10.1/x", "title": "T",'
        ' "container-title": "Science", "author": [{"family": "Frank", "given": "Henry S."}]}'
    )
    (record,) = read_file(path, Report())
    assert record.type == "article-journal"


def test_crossref_jats_abstract_becomes_labelled_sections(tmp_path):
    path = tmp_path / "crossref.json"
    abstract = (
        "<jats:title>Abstract</jats:title><jats:sec><jats:title>Background</jats:title>"
        "<jats:p>Water is <jats:italic>odd</jats:italic>.</jats:p></jats:sec>"
        "<jats:sec><jats:title>Results</jats:title><jats:p>Ice &amp; steam.</jats:p></jats:sec>"
    )
    path.write_text(json.dumps({"type": "journal-article", "title": "T", "abstract": abstract}))
    (record,) = read_file(path, Report())
    assert [(s.label, s.text) for s in record.abstract] == [
        ("Background", "Water is odd."),
        ("Results", "Ice & steam."),
    ]


def test_json_that_holds_no_csl_item_is_not_a_record_file(tmp_path: Path):
    """A test's expected output (an object of run details and cases) reads as no records, not
    as one empty, untitled record."""
    expectation = tmp_path / "case.expected.json"
    expectation.write_text(
        json.dumps({"input_file": "a.bib", "expected_items": [{"itemType": "book"}]}), "utf-8"
    )
    with pytest.raises(RecordError, match="not a record file") as caught:
        read_file(expectation, Report(), fmt="csl-json")
    assert "expected_items, input_file" in str(caught.value)
    assert str(expectation) in str(caught.value)
