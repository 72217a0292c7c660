"""``litsite import``: one YAML file per record, updates in place, never overwrites another work."""

from __future__ import annotations

from pathlib import Path

import yaml

from litsite.readers import read_paths
from litsite.report import Report
from tests.conftest import DATA
from tests.test_cli import litsite

BIB = DATA / "bibtex" / "written.bib"


def _import(into: Path, *paths: Path):
    return litsite("import", *map(str, paths), "--into", str(into))


def _edit(path: Path, **changes: str) -> None:
    """Change a record file as a site owner would, by hand."""
    item = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**item, **changes}, allow_unicode=True), encoding="utf-8")


def test_one_file_per_record_named_by_id(tmp_path: Path):
    _import(tmp_path, BIB)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "doi-10-1000-abc.yaml" in names and len(names) == 3


def test_counts_line_names_skipped_records(tmp_path: Path):
    result = _import(tmp_path, BIB)
    assert "3 read, 3 imported, 0 updated, 0 merged, 1 skipped" in result.stderr
    assert "error: " in result.stderr and "written.bib:15: record 2" in result.stderr
    assert result.returncode == 1


def test_reimport_updates_the_same_files(tmp_path: Path):
    _import(tmp_path, BIB)
    result = _import(tmp_path, BIB)
    assert "0 imported, 3 updated" in result.stderr
    assert len(list(tmp_path.iterdir())) == 3


def test_no_temporary_files_are_left(tmp_path: Path):
    _import(tmp_path, BIB)
    assert not [p for p in tmp_path.iterdir() if p.suffix != ".yaml"]


def test_hand_edit_survives_reimport(tmp_path: Path):
    _import(tmp_path, BIB)
    path = tmp_path / "doi-10-1000-abc.yaml"
    _edit(path, note="curated by hand")
    _import(tmp_path, BIB)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["note"] == "curated by hand"


def test_different_work_with_the_same_id_gets_a_new_file(tmp_path: Path):
    other = tmp_path / "other.bib"
    other.write_text("@article{x, title = {Another work}, doi = {10.1000/ABC}}", encoding="utf-8")
    into = tmp_path / "records"
    _import(into, BIB)
    path = into / "doi-10-1000-abc.yaml"
    _edit(path, DOI="10.9999/changed-by-hand", title="Changed by hand")
    result = _import(into, other)
    assert "doi-10-1000-abc.yaml holds a different work; this one is doi-10-1000-abc-2.yaml" in (
        result.stderr
    )
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["title"] == "Changed by hand"


def test_imported_files_read_back_as_the_same_records(tmp_path: Path):
    original = read_paths([BIB], Report())
    _import(tmp_path, BIB)
    again = read_paths([tmp_path], Report())
    assert sorted(again, key=lambda r: r.id) == sorted(original, key=lambda r: r.id)


def _read_with_edited_copy(tmp_path: Path, **changes: str) -> list:
    """The written fixture read together with its imported record file, edited by hand."""
    into = tmp_path / "records"
    _import(into, BIB)
    _edit(into / "doi-10-1000-abc.yaml", **changes)
    return read_paths([BIB, into], Report())


def test_curated_file_wins_over_the_raw_export_it_came_from(tmp_path: Path):
    records = _read_with_edited_copy(tmp_path, title="Corrected by hand")
    assert [r.title for r in records if r.doi == "10.1000/ABC"] == ["Corrected by hand"]


def test_importing_a_folder_with_its_own_record_files_is_stable(tmp_path: Path):
    site = tmp_path / "content"
    site.mkdir()
    (site / "no-keys.ris").write_text("TY  - GEN\nTI  - No author, no year\nER  - \n")
    into = site / "records"
    _import(into, site)
    result = _import(into, site)
    assert "0 imported, 1 updated" in result.stderr
    assert len(list(into.iterdir())) == 1


def test_hand_corrected_doi_still_matches_its_export(tmp_path: Path):
    records = _read_with_edited_copy(tmp_path, DOI="10.1000/corrected")
    assert [r.doi for r in records if "Études" in r.title] == ["10.1000/corrected"]
