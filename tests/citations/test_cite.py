"""``cite()`` for the page builder and ``litsite convert --to`` each citation format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import rispy
from pybtex.database import parse_string

from litsite.citations import cite
from tests.citations.conftest import RECORDS
from tests.citations.test_styles_apa import SEED_APA
from tests.conftest import ROOT, SEED


def _litsite(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run from ``cwd``, importing this checkout's package."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    return subprocess.run(
        [sys.executable, "-m", "litsite", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def test_cite_gives_every_format_in_input_order():
    records = [RECORDS["book"](), RECORDS["thesis"]()]
    book, thesis = cite(records)
    apa = book.entries["apa"]
    assert apa.text.startswith("World Health Organization. (2015).")
    assert apa.html.startswith("World Health Organization. (2015). <i>World report")
    assert apa.in_text == "(World Health Organization, 2015)"
    assert rispy.loads(book.text("ris"))[0]["type_of_reference"] == "BOOK"
    assert json.loads(book.text("csl-json"))["title"] == "World report on ageing and health"
    assert list(parse_string(thesis.text("bibtex"), "bibtex").entries) == ["Swart2020Cell"]


def test_cite_keys_are_unique_across_records():
    citations = cite([RECORDS["thesis"](), RECORDS["thesis"]()])
    keys = [next(iter(parse_string(c.text("bibtex"), "bibtex").entries)) for c in citations]
    assert keys == ["Swart2020Cell", "Swart2020Cella"]


def test_convert_to_apa_prints_the_seed_entry(tmp_path):
    result = _litsite("convert", str(SEED), "--to", "apa", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == SEED_APA + "\n"


def test_convert_to_apa_html(tmp_path):
    result = _litsite("convert", str(SEED), "--to", "apa-html", cwd=tmp_path)
    assert "<i>Rheumatology (Oxford)</i>" in result.stdout


def test_convert_to_bibtex(tmp_path):
    result = _litsite("convert", str(SEED), "--to", "bibtex", cwd=tmp_path)
    (entry,) = parse_string(result.stdout, "bibtex").entries.values()
    assert entry.fields["doi"] == "10.1093/rheumatology/kez157"


def test_convert_to_ris(tmp_path):
    result = _litsite("convert", str(SEED), "--to", "ris", cwd=tmp_path)
    (entry,) = rispy.loads(result.stdout)
    assert entry["authors"][1] == "de Roock, Sytze"
