"""``litsite serve``: an edit reaches the page, the listings, the downloads and the search index;
open pages reload under the theme's Content-Security-Policy; the preview outlives its records
folder going away; SIGTERM leaves no temporary folder behind."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

LITSITE = str(Path(sys.executable).parent / "litsite")


def _item(number: int, title: str) -> dict:
    return {
        "id": f"r{number}",
        "type": "article-journal",
        "title": title,
        "author": [{"family": f"Author{number}", "given": "Ann"}],
        "container-title": "Journal of Previews",
        "issued": {"date-parts": [[2021]]},
        "subject": "Preview studies",
    }


def _write(folder: Path, number: int, title: str) -> None:
    (folder / f"r{number}.json").write_text(json.dumps([_item(number, title)]), "utf-8")


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _until(check, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def preview(tmp_path):
    """A two-record site served by ``litsite serve``: yields (base URL, site folder, process)."""
    (tmp_path / "content").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "tmp").mkdir()
    _write(tmp_path / "content", 1, "First original title")
    _write(tmp_path / "content", 2, "Second original title")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Preview\ntheme: litsite\nplugins:\n  - litsite\n", "utf-8"
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, TMPDIR=str(tmp_path / "tmp"), CI="true")
    process = subprocess.Popen(
        [LITSITE, "serve", "-f", str(tmp_path / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert _until(lambda: "First original title" in _get(base + "records/r1/")), "no preview"
        yield base, tmp_path, process
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_an_edit_reaches_page_listings_downloads_and_search(preview):
    base, folder, _ = preview
    _write(folder / "content", 1, "First edited title")
    assert _until(lambda: "First edited title" in _get(base + "records/r1/"))
    assert "First edited title" in _get(base + "journals/journal-of-previews/")
    assert "First edited title" in _get(base + "records/r1.bib")
    manifest = json.loads(_get(base + "search/manifest.json"))
    shards = "".join(_get(f"{base}search/t/{n}.json") for n in range(len(manifest["bounds"])))
    assert '"edited"' in shards


def test_a_companion_commentary_file_edited_under_serve_renders_the_page_again(preview):
    base, folder, _ = preview
    (folder / "content" / "r2.md").write_text("Read *this* first.\n", "utf-8")
    assert _until(lambda: "Read <em>this</em> first." in _get(base + "records/r2/"))
    (folder / "content" / "r2.md").write_text("Read *that* first.\n", "utf-8")
    assert _until(lambda: "Read <em>that</em> first." in _get(base + "records/r2/"))


def test_pages_reload_through_a_script_file_when_the_site_changes(preview):
    base, folder, _ = preview
    page = _get(base + "records/r1/")
    (tag,) = re.findall(r"<script[^>]*\.litsite-livereload[^>]*>", page)
    assert 'src="/.litsite-livereload.js"' in tag
    assert "<script>" not in page  # the theme's CSP forbids inline script
    assert "location.reload" in _get(base + ".litsite-livereload.js")
    epoch = re.search(r'data-epoch="(\d+)"', tag)[1]
    _write(folder / "content", 2, "Second edited title")
    assert int(_get(f"{base}.litsite-livereload/{epoch}")) > int(epoch)


def test_the_preview_outlives_its_records_folder_moving_away_and_back(preview):
    base, folder, process = preview
    (folder / "content").rename(folder / "away")
    time.sleep(2)
    assert process.poll() is None
    (folder / "away").rename(folder / "content")
    _write(folder / "content", 1, "Back again title")
    assert _until(lambda: "Back again title" in _get(base + "records/r1/"))


def test_sigterm_leaves_no_temporary_folder(preview):
    _, folder, process = preview
    # The preview's own folder (pandoc's style copies, litsite-<uid>, are kept by design).
    assert list((folder / "tmp").glob("litsite-serve-*"))
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    assert list((folder / "tmp").glob("litsite-serve-*")) == []
    assert b"Traceback" not in process.stderr.read()
