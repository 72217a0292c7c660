"""``litsite build`` publishes a site whole or not at all (``litsite.build.output``), judged by
the files a user sees: ``site/`` holds the complete old or the complete new site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from litsite.build.output import exchange
from litsite.cli import main

from ..site_helpers import leftovers, make_site, record_page


def build(config: Path):
    return CliRunner().invoke(main, ["build", "-f", str(config)])


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site, built once; returns its mkdocs.yml."""
    config = make_site(tmp_path, use_directory_urls=False)
    result = build(config)
    assert result.exit_code == 0, result.output
    return config


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_rebuild_replaces_the_site_with_one_exchange(site: Path):
    marker = site.parent / "site" / "stale.html"
    marker.write_text("from the previous build", "utf-8")
    assert build(site).exit_code == 0
    assert not marker.exists()
    assert "Swart" in record_page(site.parent / "site")
    assert leftovers(site.parent) == []


def test_exchange_swaps_two_folders(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "from-a").touch()
    if not exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here (the two-rename fallback)")
    assert (tmp_path / "b" / "from-a").exists() and not (tmp_path / "a" / "from-a").exists()


def test_folders_of_dead_builds_are_removed_by_the_next_build(site: Path):
    folder = site.parent
    for name in (".site.building-999999", ".site.old-999998"):
        (folder / name / "records").mkdir(parents=True)
    assert build(site).exit_code == 0
    assert leftovers(folder) == []


def test_folder_of_a_running_build_is_left_alone(site: Path):
    folder = site.parent
    running = folder / ".site.building-424242"
    running.mkdir()
    holder = subprocess.Popen(
        ["flock", str(running), "sleep", "60"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for_lock(running)
        assert build(site).exit_code == 0
        assert running.is_dir()
    finally:
        holder.kill()
        holder.wait()


def _wait_for_lock(path: Path) -> None:
    import fcntl
    import time

    descriptor = os.open(path, os.O_RDONLY)
    try:
        for _ in range(200):
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(descriptor, fcntl.LOCK_UN)
                time.sleep(0.02)
            except OSError:
                return
        pytest.skip("flock(1) did not take the lock")
    finally:
        os.close(descriptor)


def test_old_site_of_a_build_killed_between_two_renames_is_put_back(site: Path):
    folder = site.parent
    (folder / "site").rename(folder / ".site.old-999999")
    result = build(site)
    assert result.exit_code == 0, result.output
    assert "Swart" in record_page(folder / "site")
    assert not (folder / ".site.old-999999").exists()


def test_symlinked_site_gets_its_target_replaced(site: Path, tmp_path: Path):
    folder = site.parent
    target = tmp_path / "published" / "www"
    target.parent.mkdir()
    (folder / "site").rename(target)
    (target / "stale.html").write_text("old", "utf-8")
    (folder / "site").symlink_to(target)
    result = build(site)
    assert result.exit_code == 0, result.output
    assert (folder / "site").is_symlink() and not (target / "stale.html").exists()
    assert "Swart" in record_page(target)
    assert leftovers(target.parent, "www") == []
    assert [p.name for p in target.parent.iterdir()] == ["www"]


def _set_site_dir(config: Path, site_dir: str) -> None:
    settings = yaml.safe_load(config.read_text("utf-8"))
    settings["site_dir"] = site_dir
    config.write_text(yaml.safe_dump(settings), "utf-8")


def test_site_dir_under_a_regular_file_is_a_clean_error(site: Path):
    (site.parent / "notes.txt").write_text("a file, not a folder", "utf-8")
    _set_site_dir(site, "notes.txt/site")
    result = build(site)
    assert result.exit_code == 1
    assert "notes.txt" in result.output and "not a folder" in result.output
    assert "Traceback" not in result.output


def test_site_dir_that_is_a_file_is_refused(site: Path):
    before = tree(site.parent / "site")
    (site.parent / "out.html").write_text("x", "utf-8")
    _set_site_dir(site, "out.html")
    result = build(site)
    assert result.exit_code == 1 and "out.html" in result.output
    assert (site.parent / "out.html").read_text("utf-8") == "x"
    assert tree(site.parent / "site") == before


@pytest.mark.parametrize("site_dir", ["content", "content/site", ".", "docs", "docs/out"])
def test_site_dir_overlapping_an_input_is_refused(site: Path, site_dir: str):
    records, docs = tree(site.parent / "content"), tree(site.parent / "docs")
    _set_site_dir(site, site_dir)
    # A subprocess, to see MkDocs' own refusal of docs_dir overlaps on stderr as a user does.
    result = subprocess.run(
        [sys.executable, "-m", "litsite", "build", "-f", str(site)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "overlaps" in result.stderr or "should not be within" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(site.parent / "content") == records and tree(site.parent / "docs") == docs


def test_immutable_site_is_a_clean_error_and_stays(site: Path):
    folder = site.parent / "site"
    before = tree(folder)
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode:
        pytest.skip("chattr +i is not possible here (needs root and a file system with flags)")
    try:
        result = build(site)
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert result.exit_code == 1
    assert str(folder) in result.output and "Traceback" not in result.output
    assert tree(folder) == before
    assert leftovers(site.parent) == []
