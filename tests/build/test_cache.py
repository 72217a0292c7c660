"""Caches a build can trust: one build at a time, entries that are whole or ignored, warnings
replayed, changes seen whatever a file's modification time says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from litsite.build.incremental import read_entry, write_entry
from litsite.build.lock import BuildLock
from litsite.cli import main


def _item(number: int, title: str, year: int | None = 2020) -> dict:
    item = {
        "id": f"r{number}",
        "type": "article-journal",
        "title": title,
        "author": [{"family": f"Author{number}", "given": "Ann"}],
        "container-title": "Journal of Tests",
        "subject": "Cache studies",
        "DOI": f"10.1234/test.{number}",
    }
    if year:
        item["issued"] = {"date-parts": [[year]]}
    return item


def _site(folder: Path, items: list[dict]) -> Path:
    (folder / "content").mkdir(parents=True)
    (folder / "docs").mkdir()
    for item in items:
        (folder / "content" / f"{item['id']}.json").write_text(json.dumps([item]), "utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: Cache test\ntheme: litsite\nplugins:\n  - litsite\n", "utf-8")
    return config


def _build(config: Path, *options: str):
    return CliRunner().invoke(main, ["build", "-f", str(config), *options])


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_second_build_of_a_site_is_refused_while_one_runs(tmp_path, caplog):
    config = _site(tmp_path, [_item(1, "First")])
    assert _build(config).exit_code == 0
    before = _files(tmp_path / "site")
    running = BuildLock(tmp_path / ".litsite-cache")
    running.acquire()
    try:
        result = _build(config)
    finally:
        running.release()
    assert result.exit_code == 1
    assert "another build of this site is running" in result.output
    assert "Traceback" not in result.output + caplog.text
    assert _files(tmp_path / "site") == before


def test_a_warm_strict_build_fails_like_a_cold_one(tmp_path, caplog):
    config = _site(tmp_path, [_item(1, "Dated"), _item(2, "Undated", year=None)])
    cold = _build(config, "--strict")
    assert cold.exit_code == 1 and "r2.json: record 1 (r2): field 'issued'" in caplog.text
    assert _build(config).exit_code == 0
    caplog.clear()
    warm = _build(config, "--strict")
    assert warm.exit_code == 1 and "r2.json: record 1 (r2): field 'issued'" in caplog.text


def test_an_edit_with_its_modification_time_put_back_is_seen(tmp_path):
    config = _site(tmp_path, [_item(1, "Original title AAAA")])
    assert _build(config).exit_code == 0
    path = tmp_path / "content" / "r1.json"
    stat = path.stat()
    path.write_text(path.read_text("utf-8").replace("AAAA", "BBBB"), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert _build(config).exit_code == 0
    page = (tmp_path / "site" / "records" / "r1" / "index.html").read_text("utf-8")
    assert "Original title BBBB" in page


def test_a_cache_entry_cut_short_or_altered_is_discarded(tmp_path):
    entry = tmp_path / "entry.pickle"
    write_entry(entry, {"records": list(range(1000))})
    assert read_entry(entry) == {"records": list(range(1000))}
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2])
    assert read_entry(entry) is None
    entry.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert read_entry(entry) is None


def test_a_killed_build_then_a_normal_build_is_a_build_from_scratch(tmp_path):
    config = _site(tmp_path, [_item(n, f"Record number {n}") for n in range(300)])
    build = [str(Path(sys.executable).parent / "litsite"), "build", "-f", str(config), "-j", "2"]
    env = dict(os.environ, CI="true")
    process = subprocess.Popen(build, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        staging = list(tmp_path.glob(".site.building-*/records/*"))
        if len(staging) > 100:
            break
        time.sleep(0.05)
    if process.poll() is not None:
        pytest.skip("the build ended before it could be killed mid-way")
    process.kill()
    process.wait()
    assert _build(config).exit_code == 0
    after_kill = _files(tmp_path / "site")
    (tmp_path / "site").rename(tmp_path / "site-after-kill")
    for path in sorted((tmp_path / ".litsite-cache").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert _build(config).exit_code == 0
    assert after_kill == _files(tmp_path / "site")


def _csl_entries(folder: Path) -> set[str]:
    return {p.name for p in (folder / ".litsite-cache" / "csl").rglob("*.json")}


def test_the_citation_cache_lives_with_the_site_and_is_pruned(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    folder = tmp_path / "lab"
    config = _site(folder, [_item(1, "Kept record"), _item(2, "Record deleted later")])
    assert _build(config).exit_code == 0
    both = _csl_entries(folder)
    assert both and list(elsewhere.iterdir()) == []
    (folder / "content" / "r2.json").unlink()
    assert _build(config).exit_code == 0
    kept = _csl_entries(folder)
    assert kept < both and len(kept) == len(both) // 2
    assert _build(config).exit_code == 0  # every page taken over: their entries stay
    assert _csl_entries(folder) == kept


def test_site_files_share_no_storage_with_the_cache(tmp_path):
    config = _site(tmp_path, [_item(1, "First"), _item(2, "Second")])
    assert _build(config).exit_code == 0
    assert _build(config).exit_code == 0  # pages taken over from the previous site
    cache = {p.stat().st_ino for p in (tmp_path / ".litsite-cache").rglob("*") if p.is_file()}
    site = {p.stat().st_ino for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert site and cache and not site & cache


def test_a_record_file_checked_out_again_is_read_from_the_cache_not_parsed(tmp_path, monkeypatch):
    from litsite.build import reading

    config = _site(tmp_path, [_item(1, "First"), _item(2, "Second")])
    assert _build(config).exit_code == 0
    for path in (tmp_path / "content").iterdir():  # as a fresh checkout: new inode and times
        copy = path.with_suffix(".copy")
        copy.write_bytes(path.read_bytes())
        os.replace(copy, path)
    parsed: list[str] = []
    real = reading.read_file
    monkeypatch.setattr(
        reading, "read_file", lambda path, *a: parsed.append(path.name) or real(path, *a)
    )
    assert _build(config).exit_code == 0
    assert parsed == []
    edited = tmp_path / "content" / "r2.json"
    edited.write_text(edited.read_text("utf-8").replace("Second", "Second edited"), "utf-8")
    assert _build(config).exit_code == 0
    assert parsed == ["r2.json"]
    assert "Second edited" in (tmp_path / "site" / "records" / "r2" / "index.html").read_text()
