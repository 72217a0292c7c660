"""``litsite import``: one YAML file per record, updates in place, never overwrites another work."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import yaml

from litsite.readers import read_paths
from litsite.report import Report
from tests.conftest import DATA
from tests.test_cli import litsite

BIB = DATA / "bibtex" / "written.bib"


def _import(into: Path, *paths: Path):
    return litsite("import", *map(str, paths), "--into", str(into))


def _edit(path: Path, **changes: object) -> None:
    """Change a record file as a site owner would, by hand."""
    item = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**item, **changes}, allow_unicode=True), encoding="utf-8")


def _records(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.yaml"))


def test_one_file_per_record_named_by_id(tmp_path: Path):
    _import(tmp_path, BIB)
    names = _records(tmp_path)
    assert "doi-10-1000-abc.yaml" in names and len(names) == 3


def test_what_was_imported_is_kept_in_a_hidden_folder(tmp_path: Path):
    _import(tmp_path, BIB)
    assert _records(tmp_path / ".litsite-imported") == _records(tmp_path)


def test_counts_line_names_skipped_records(tmp_path: Path):
    result = _import(tmp_path, BIB)
    line = "3 read, 3 imported, 0 updated, 0 unchanged, 0 conflicts, 0 merged, 1 skipped"
    assert line in result.stderr
    assert "error: " in result.stderr and "written.bib:15: record 2" in result.stderr
    assert result.returncode == 1


def test_reimport_of_the_same_file_changes_nothing(tmp_path: Path):
    _import(tmp_path, BIB)
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")}
    result = _import(tmp_path, BIB)
    assert "0 imported, 0 updated, 3 unchanged, 0 conflicts" in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")} == before


def test_no_temporary_files_are_left(tmp_path: Path):
    _import(tmp_path, BIB)
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".yaml"]
    assert leftovers == []


def test_hand_edit_survives_reimport(tmp_path: Path):
    _import(tmp_path, BIB)
    path = tmp_path / "doi-10-1000-abc.yaml"
    _edit(path, note="curated by hand")
    _import(tmp_path, BIB)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["note"] == "curated by hand"


EXPORT = """TY  - JOUR
TI  - Bone-marrow derived mesenchymal stromal cells infusion in therapy refractory patients
AU  - Swart, Joost F.
PY  - 2019
JO  - Rheumatology (Oxford)
VL  - 58
SP  - 1812
EP  - 1817
DO  - 10.1093/rheumatology/kez157
ER  -
"""


def _three_way(tmp_path: Path) -> tuple[subprocess.CompletedProcess, dict]:
    """An export imported, its record file edited by hand (a corrected title, and a volume),
    then the export changed at the source (a new page range, and a volume) and imported again."""
    export = tmp_path / "export.ris"
    export.write_text(EXPORT, encoding="utf-8")
    into = tmp_path / "records"
    _import(into, export)
    path = into / "doi-10-1093-rheumatology-kez157.yaml"
    corrected = "Bone-marrow derived mesenchymal stromal cells infusion in therapy-refractory JIA"
    _edit(path, title=corrected, volume="58 (suppl.)")
    changed = EXPORT.replace("SP  - 1812\nEP  - 1817", "SP  - 1800\nEP  - 1805")
    export.write_text(changed.replace("VL  - 58", "VL  - 59"), encoding="utf-8")
    result = _import(into, export)
    return result, yaml.safe_load(path.read_text(encoding="utf-8"))


def test_reimport_keeps_a_field_changed_by_hand(tmp_path: Path):
    _, item = _three_way(tmp_path)
    assert item["title"] == (
        "Bone-marrow derived mesenchymal stromal cells infusion in therapy-refractory JIA"
    )


def test_reimport_takes_a_field_the_source_changed(tmp_path: Path):
    _, item = _three_way(tmp_path)
    assert item["page"] == "1800-1805"


def test_reimport_reports_a_field_both_changed_and_keeps_the_hand_edit(tmp_path: Path):
    result, item = _three_way(tmp_path)
    assert item["volume"] == "58 (suppl.)"
    assert (
        "records/doi-10-1093-rheumatology-kez157.yaml: record doi-10-1093-rheumatology-kez157: "
        "field 'volume': changed by hand and in the source since the last import; kept the hand "
        "edit (the source now has '59')"
    ) in result.stderr
    assert "1 read, 0 imported, 1 updated, 0 unchanged, 1 conflicts, 0 merged" in result.stderr


def test_a_conflict_is_reported_once(tmp_path: Path):
    _three_way(tmp_path)
    result = _import(tmp_path / "records", tmp_path / "export.ris")
    assert "0 updated, 1 unchanged, 0 conflicts" in result.stderr


def test_record_file_without_snapshot_keeps_its_values(tmp_path: Path):
    """A record file litsite did not write (no snapshot): the source fills what it lacks and
    a value it holds is never replaced, only reported."""
    export = tmp_path / "export.ris"
    export.write_text(EXPORT, encoding="utf-8")
    into = tmp_path / "records"
    into.mkdir()
    item = {"id": "doi-10-1093-rheumatology-kez157", "type": "article-journal", "volume": "57"}
    (into / f"{item['id']}.yaml").write_text(
        yaml.safe_dump({**item, "DOI": "10.1093/rheumatology/kez157"}), encoding="utf-8"
    )
    result = _import(into, export)
    merged = yaml.safe_load((into / f"{item['id']}.yaml").read_text(encoding="utf-8"))
    assert (merged["volume"], merged["page"]) == ("57", "1812-1817")
    assert "field 'volume': changed by hand" in result.stderr


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
    original = read_paths([BIB], Report(), root=Path.cwd())
    _import(tmp_path, BIB)
    again = read_paths([tmp_path], Report(), root=Path.cwd())
    without_record_file = [replace(r, sources=r.sources[1:]) for r in again]
    assert sorted(without_record_file, key=lambda r: r.id) == sorted(original, key=lambda r: r.id)


def _site_with_export(site: Path) -> Path:
    """A site folder (``mkdocs.yml``, ``content/written.bib``); returns the export."""
    (site / "content").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    export = site / "content" / "written.bib"
    export.write_bytes(BIB.read_bytes())
    return export


def _read_with_edited_copy(tmp_path: Path, **changes: str) -> list:
    """A site's export read together with its imported record file, edited by hand, as a
    build reads them (the import ran from another folder)."""
    export = _site_with_export(tmp_path)
    into = tmp_path / "content" / "records"
    _import(into, export)
    _edit(into / "doi-10-1000-abc.yaml", **changes)
    return read_paths([tmp_path / "content"], Report(), root=tmp_path)


def test_sources_are_stored_relative_to_the_site_folder(tmp_path: Path):
    export = _site_with_export(tmp_path)
    into = tmp_path / "content" / "records"
    _import(into, export)
    item = yaml.safe_load((into / "doi-10-1000-abc.yaml").read_text(encoding="utf-8"))
    assert [s["path"] for s in item["custom"]["sources"]] == ["content/written.bib"]


def test_sources_outside_the_site_folder_are_stored_by_file_name(tmp_path: Path):
    _site_with_export(tmp_path / "site")
    into = tmp_path / "site" / "content" / "records"
    _import(into, BIB)
    item = yaml.safe_load((into / "doi-10-1000-abc.yaml").read_text(encoding="utf-8"))
    assert [s["path"] for s in item["custom"]["sources"]] == ["written.bib"]


def test_check_names_the_record_file_not_the_export(tmp_path: Path):
    export = _site_with_export(tmp_path)
    into = tmp_path / "content" / "records"
    _import(into, export)
    _edit(into / "doi-10-1000-abc.yaml", issued={"raw": "n.d."})
    result = litsite("check", "content/records/doi-10-1000-abc.yaml", cwd=tmp_path)
    assert (
        "content/records/doi-10-1000-abc.yaml: record 1 (doi-10-1000-abc): field 'issued': "
        "'n.d.' is not a date"
    ) in result.stdout


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
    assert "1 read, 0 imported, 0 updated, 1 unchanged" in result.stderr
    assert _records(into) == ["no-author-no-year-777fe79be4.yaml"]


def test_hand_corrected_doi_still_matches_its_export(tmp_path: Path):
    records = _read_with_edited_copy(tmp_path, DOI="10.1000/corrected")
    assert [r.doi for r in records if "Études" in r.title] == ["10.1000/corrected"]
