"""A build that would change nothing is skipped (``litsite.build.noop``): judged by what a user
sees — the site untouched, the same warnings — and by every change that must rebuild."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from litsite.build.noop import input_state
from litsite.cli import main


def _site(folder: Path) -> Path:
    (folder / "content").mkdir(parents=True)
    (folder / "docs").mkdir()
    items = [
        {"id": "r1", "type": "book", "title": "Dated", "issued": {"date-parts": [[2020]]}},
        {"id": "r2", "type": "book", "title": "Undated"},
    ]
    (folder / "content" / "records.json").write_text(json.dumps(items), "utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: No-op\ntheme: litsite\nplugins:\n  - litsite\n", "utf-8")
    return config


def _build(config: Path, *options: str):
    result = CliRunner().invoke(main, ["build", "-f", str(config), *options])
    return result


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def logged():
    """What MkDocs' logger (which litsite's messages go through) shows, as a list."""
    handler = _Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    yield handler.messages
    logging.getLogger("mkdocs").removeHandler(handler)


def _state(site: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(site)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file()
    }


def _warnings(messages: list[str]) -> list[str]:
    return [m for m in messages if "field 'issued'" in m]


def test_an_unchanged_site_is_left_as_it_is_with_the_same_warnings(tmp_path, logged):
    config = _site(tmp_path)
    assert _build(config).exit_code == 0
    warned = _warnings(logged)
    before = _state(tmp_path / "site")
    logged.clear()
    result = _build(config)
    assert result.exit_code == 0, result.output
    assert any("nothing changed since the last build" in m for m in logged)
    assert warned and _warnings(logged) == warned
    assert "1 warning" in result.output
    assert _state(tmp_path / "site") == before
    assert _build(config, "--strict").exit_code == 1  # fails as a cold strict build does


def test_a_changed_record_docs_page_option_or_site_file_is_built_again(tmp_path, logged):
    config = _site(tmp_path)
    assert _build(config).exit_code == 0
    records = tmp_path / "content" / "records.json"
    records.write_text(records.read_text("utf-8").replace("Dated", "Retitled"), "utf-8")
    assert _build(config).exit_code == 0
    page = tmp_path / "site" / "records" / "r1" / "index.html"
    assert "Retitled" in page.read_text("utf-8")
    (tmp_path / "docs" / "about.md").write_text("# About\n\nNew page.\n", "utf-8")
    assert _build(config).exit_code == 0
    assert (tmp_path / "site" / "about" / "index.html").exists()
    config.write_text(config.read_text("utf-8").replace("No-op", "Renamed"), "utf-8")
    assert _build(config).exit_code == 0
    assert "Renamed" in page.read_text("utf-8")
    page.write_text("edited in place", "utf-8")
    logged.clear()
    assert _build(config).exit_code == 0
    assert not any("nothing changed" in m for m in logged)
    assert "Retitled" in page.read_text("utf-8")


def test_a_site_with_another_plugin_is_always_built():
    config = SimpleNamespace(plugins={"litsite": None, "git-revision-date": None})
    assert input_state(config, Path("content"), "code") is None
