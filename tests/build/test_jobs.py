"""The same site from one process and from worker processes: byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from litsite.cli import main
from tests.conftest import ROOT


def _site_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _build(folder: Path, jobs: int) -> dict[str, bytes]:
    shutil.rmtree(folder / ".litsite-cache", ignore_errors=True)
    shutil.rmtree(folder / "site", ignore_errors=True)
    result = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml"), "-j", str(jobs)])
    assert result.exit_code == 0, result.output
    return _site_files(folder / "site")


def test_one_and_two_workers_write_the_same_site(tmp_path):
    for name in ("mkdocs.yml", "content", "site_docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    one = _build(tmp_path, 1)
    two = _build(tmp_path, 2)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_records_read_by_workers_make_the_same_site(tmp_path):
    """Enough record files that workers read them (and cite and render them)."""
    (tmp_path / "content").mkdir()
    (tmp_path / "docs").mkdir()
    for n in range(240):
        item = {
            "id": f"r{n}",
            "type": "article-journal",
            "title": f"Record {n} on {('bone', 'marrow', 'cells')[n % 3]}",
            "author": [{"family": f"Author{n % 17}", "given": "Ann"}],
            "container-title": f"Journal {n % 5}",
            "issued": {"date-parts": [[1990 + n % 30]]},
        }
        (tmp_path / "content" / f"r{n}.json").write_text(json.dumps([item]), "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Jobs\ntheme: litsite\nplugins:\n  - litsite\n", "utf-8"
    )
    one = _build(tmp_path, 1)
    two = _build(tmp_path, 2)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
