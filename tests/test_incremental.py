"""Rebuilds with ``litsite build`` reuse unchanged pages from ``.litsite-cache`` and still show
every change: on the record page, in listings, in downloads and in the search index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from litsite.cli import main


def _item(number: int, title: str) -> dict:
    return {
        "id": f"r{number}",
        "type": "article-journal",
        "title": title,
        "author": [{"family": f"Author{number}", "given": "Ann"}],
        "container-title": "Journal of Tests",
        "issued": {"date-parts": [[2020]]},
        "subject": "Cache studies",
        "DOI": f"10.1234/test.{number}",
    }


def _write(folder: Path, number: int, title: str) -> Path:
    path = folder / "content" / f"r{number}.json"
    path.write_text(json.dumps([_item(number, title)]), "utf-8")
    return path


def _build(folder: Path) -> Path:
    result = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    return folder / "site"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Two records, built once (so the cache is full)."""
    (tmp_path / "content").mkdir()
    (tmp_path / "docs").mkdir()
    _write(tmp_path, 1, "First original title")
    _write(tmp_path, 2, "Second original title")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Cache test\nsite_url: https://example.org/\ntheme: litsite\n"
        "plugins:\n  - litsite\n",
        "utf-8",
    )
    _build(tmp_path)
    return tmp_path


def _text(site: Path, pattern: str) -> str:
    return "".join(p.read_text("utf-8") for p in sorted(site.glob(pattern)))


def _edit(folder: Path) -> Path:
    _write(folder, 1, "First edited title")
    return _build(folder)


def test_edited_record_page_shows_the_edit(site):
    assert "First edited title" in _text(_edit(site), "records/**/index.html")


def test_journal_listing_shows_the_edit(site):
    assert "First edited title" in _text(_edit(site), "journals/**/*.html")


def test_download_shows_the_edit(site):
    assert "First edited title" in _text(_edit(site), "records/*.bib")


def test_search_index_finds_the_edit(site):
    shards = _text(_edit(site), "search/t/*.json")
    assert '"edited"' in shards


def _contents(site: Path) -> dict[Path, bytes]:
    """Every file but the sitemap (whose entries come in another order when pages are reused)."""
    return {
        p.relative_to(site): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and not p.name.startswith("sitemap")
    }


def test_rebuild_is_the_same_as_a_full_build(site):
    incremental = _contents(_edit(site))
    (site / ".litsite-cache").rename(site / ".old-cache")
    assert _contents(_build(site)) == incremental


def test_deleted_record_loses_its_page(site):
    pages = len(list((site / "site" / "records").glob("*/index.html")))
    (site / "content" / "r2.json").unlink()
    rebuilt = _build(site)
    assert len(list((rebuilt / "records").glob("*/index.html"))) == pages - 1
    assert "Second original title" not in _text(rebuilt, "**/*.html")


def test_config_change_reaches_every_page(site):
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("Cache test", "Renamed site"), "utf-8")
    rebuilt = _build(site)
    pages = list((rebuilt / "records").glob("*/index.html"))
    assert pages and all("Renamed site" in p.read_text("utf-8") for p in pages)


def test_sitemap_lists_reused_pages(site):
    rebuilt = _edit(site)
    sitemap = (rebuilt / "sitemap.xml").read_text("utf-8")
    assert all(
        f"https://example.org/records/{p.parent.name}/" in sitemap
        for p in (rebuilt / "records").glob("*/index.html")
    )


def test_unchanged_rebuild_keeps_every_file(site):
    before = _contents(site / "site")
    assert _contents(_build(site)) == before


def test_theme_change_reaches_every_page(site):
    config = site / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "theme: litsite", "theme:\n  name: litsite\n  custom_dir: overrides"
    )
    config.write_text(text, "utf-8")
    (site / "overrides").mkdir()
    _build(site)
    (site / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n'
        '{% block extrahead %}<meta name="theme-test" content="changed">{% endblock %}\n'
        "{% block content %}{{ page.content | safe }}{% endblock %}\n",
        "utf-8",
    )
    rebuilt = _build(site)
    pages = list((rebuilt / "records").glob("*/index.html"))
    assert pages and all("theme-test" in p.read_text("utf-8") for p in pages)
