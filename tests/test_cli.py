"""``litsite convert`` and ``litsite check`` as a user runs them: output, messages, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, SEED


def litsite(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "litsite", *args], capture_output=True, text=True, cwd=cwd
    )


def test_convert_seed_to_csl_json():
    result = litsite("convert", str(SEED), "--to", "csl-json")
    assert result.returncode == 0, result.stderr
    (item,) = json.loads(result.stdout)
    assert item["type"] == "article-journal"
    assert item["DOI"] == "10.1093/rheumatology/kez157"
    assert item["PMID"] == "31070229"
    assert item["PMCID"] == "PMC6758577"
    assert item["container-title"] == "Rheumatology (Oxford)"
    assert item["issued"] == {"date-parts": [[2019, 10]]}
    assert item["author"][1] == {"family": "de Roock", "given": "Sytze"}
    assert item["language"] == "en"
    assert item["license"] == "http://creativecommons.org/licenses/by-nc/4.0/"
    labels = [s["label"] for s in item["custom"]["abstract_sections"]]
    assert labels == ["OBJECTIVES", "METHODS", "RESULTS", "CONCLUSION", "TRIAL REGISTRATION"]
    assert {x["kind"] for x in item["custom"]["links"]} == {"doi", "pubmed", "pmc"}


def test_convert_prints_one_item_per_record_in_input_order():
    public = DATA / "vufind" / "public-view-en.txt"
    result = litsite("convert", str(public), str(SEED), cwd=ROOT)
    items = json.loads(result.stdout)
    assert [len(item["custom"]["sources"]) for item in items] == [1, 1]
    assert [item["custom"]["sources"][0]["path"] for item in items] == [
        "tests/data/vufind/public-view-en.txt",
        "content/000_c1a4e26e8422d127.txt",
    ]


def test_convert_names_a_file_outside_the_folder_by_its_name_alone(tmp_path: Path):
    """The current folder is the site's: an export elsewhere is named without its path."""
    result = litsite("convert", str(SEED), cwd=tmp_path)
    (item,) = json.loads(result.stdout)
    assert item["custom"]["sources"][0]["path"] == "000_c1a4e26e8422d127.txt"
    assert str(tmp_path) not in result.stdout and str(ROOT) not in result.stdout


def test_convert_dedupe_merges_the_same_work_from_two_files():
    public = DATA / "vufind" / "public-view-en.txt"
    result = litsite("convert", "--dedupe", str(public), str(SEED))
    items = json.loads(result.stdout)
    assert [item["id"] for item in items] == ["pmid-31070229"]
    assert len(items[0]["custom"]["sources"]) == 2


def test_convert_keeps_thirty_same_titled_undated_records(tmp_path: Path):
    capture = "TY  - ELEC\nTI  - Full article: Public transport planning adaption\nER  - \n\n"
    path = tmp_path / "captures.ris"
    path.write_text(capture * 30, encoding="utf-8")
    result = litsite("convert", str(path))
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) == 30
    assert [item["custom"]["sources"][0]["index"] for item in items] == list(range(1, 31))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty file: no records"),
        ("binary.txt", "binary file (NUL bytes), not a record file"),
    ],
)
def test_bad_files_give_one_clean_error(name: str, message: str):
    result = litsite("convert", str(DATA / "vufind" / name))
    assert result.returncode == 1
    assert f"{DATA / 'vufind' / name}: {message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_format_is_a_clean_error(tmp_path: Path):
    path = tmp_path / "notes.xyz"
    path.write_text("just some words\n", encoding="utf-8")
    result = litsite("convert", str(path))
    assert result.returncode == 1
    assert "unknown format" in result.stderr and "Traceback" not in result.stderr


def test_xml_that_is_not_records_says_what_it_is(tmp_path: Path):
    path = tmp_path / "schema.xml"
    path.write_text('<?xml version="1.0"?>\n<schema name="vufind"><field/></schema>\n')
    result = litsite("convert", str(path))
    assert result.returncode == 1
    assert "XML whose root is <schema>" in result.stderr


def test_truncated_view_converts_with_a_warning():
    result = litsite("convert", str(DATA / "vufind" / "truncated-staff-view.txt"))
    assert result.returncode == 0
    assert "warning:" in result.stderr and "truncated" in result.stderr
    assert json.loads(result.stdout)[0]["title"].startswith("Bone-marrow")


def test_unknown_option_value_is_a_usage_error():
    result = litsite("convert", str(SEED), "--to", "docx")
    assert result.returncode == 2


def test_check_clean_record_exits_zero():
    result = litsite("check", str(SEED))
    assert result.returncode == 0, result.stdout
    assert "1 records checked, 0 problems" in result.stderr


def test_check_reports_file_record_field(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"response": {"docs": [{"id": "x1", "title": "T", "publishDate": "n.d."}]}})
    )
    result = litsite("check", str(bad))
    assert result.returncode == 1
    assert f"{bad}: record 1 (vufind-x1): field 'author': no authors or editors" in result.stdout
    assert f"{bad}: record 1 (vufind-x1): field 'issued': 'n.d.' is not a date" in result.stdout


def test_import_of_a_json_file_that_is_not_records_is_refused(tmp_path: Path):
    expectation = tmp_path / "expected.json"
    expectation.write_text('{"generator": {"what": "expected output"}, "cases": []}', "utf-8")
    into = tmp_path / "records"
    result = litsite("import", str(expectation), "--from", "csl-json", "--into", str(into))
    assert result.returncode == 1
    assert f"{expectation}: not a record file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(into.glob("*.yaml"))


def test_import_into_a_path_under_a_regular_file_is_one_line(tmp_path: Path):
    (tmp_path / "file").write_text("", "utf-8")
    into = tmp_path / "file" / "records"
    result = litsite("import", str(SEED), "--into", str(into))
    assert result.returncode == 1
    assert f"Error: {into}: Not a directory" in result.stderr
    assert "Traceback" not in result.stderr
