"""Commentary: the site owner's Markdown on a record page (``commentary:`` in the record file or
a companion ``<id>.md``), rendered with the site's ``markdown_extensions``; record data stays
escaped text."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from litsite.cli import main
from litsite.csl import from_csl, to_csl

RECORD = """\
id: r1
type: article-journal
title: A *starred* title, not Markdown
author:
- family: Okafor
  given: Ada
issued:
  date-parts:
  - - 2020
commentary: |
  !!! note "Why it matters"
      First trial of its kind.

  | arm | n |
  |-----|---|
  | A   | 12 |

  <script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">link</a>
"""


def _site(folder: Path) -> Path:
    (folder / "content").mkdir(parents=True)
    (folder / "docs").mkdir()
    (folder / "content" / "r1.yaml").write_text(RECORD, "utf-8")
    item = {"id": "r2", "type": "book", "title": "Second", "issued": {"date-parts": [[2019]]}}
    (folder / "content" / "r2.json").write_text(json.dumps([item]), "utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Commentary\ntheme: litsite\nplugins:\n  - litsite\n"
        "markdown_extensions:\n  - admonition\n  - tables\n",
        "utf-8",
    )
    return config


def _build(config: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-f", str(config)])
    assert result.exit_code == 0, result.output


def _section(folder: Path, record: str) -> str:
    page = (folder / "site" / "records" / record / "index.html").read_text("utf-8")
    found = re.search(r'<section class="litsite-commentary".*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_commentary_in_the_record_file_uses_the_sites_markdown_extensions(tmp_path):
    config = _site(tmp_path)
    _build(config)
    section = _section(tmp_path, "r1")
    assert '<div class="admonition note">' in section
    assert '<p class="admonition-title">Why it matters</p>' in section
    assert "<td>12</td>" in section
    assert "<script" not in section and "javascript:" not in section and "onclick" not in section
    page = (tmp_path / "site" / "records" / "r1" / "index.html").read_text("utf-8")
    assert "<h1>A *starred* title, not Markdown</h1>" in page


def test_a_companion_file_gives_commentary_and_its_edit_renders_the_page_again(tmp_path):
    config = _site(tmp_path)
    _build(config)
    assert _section(tmp_path, "r2") == ""
    companion = tmp_path / "content" / "r2.md"
    companion.write_text("Read **chapter 3** first.\n", "utf-8")
    _build(config)
    assert "<strong>chapter 3</strong>" in _section(tmp_path, "r2")
    companion.write_text("Read **chapter 4** first.\n", "utf-8")
    _build(config)
    assert "<strong>chapter 4</strong>" in _section(tmp_path, "r2")
    assert "Why it matters" in _section(tmp_path, "r1")


def test_commentary_travels_in_the_csl_item_and_anything_else_is_carried_as_data():
    item = {"id": "a", "type": "book", "title": "T", "commentary": "*Worth* reading."}
    record = from_csl(item)
    assert record.commentary == "*Worth* reading." and "commentary" not in record.variables
    assert from_csl(to_csl(record)).commentary == "*Worth* reading."
    odd = from_csl({"id": "b", "type": "book", "commentary": ["not", "text"]})
    assert odd.commentary == "" and odd.variables["commentary"] == ["not", "text"]
