"""Record text cannot inject into downloaded citation files: BibTeX, RIS, CSL-JSON, YAML.

Hypothesis puts arbitrary text, spliced with payloads (``}``, ``@comment{``, ``\\input``,
``\\write18``, ``\\nER  -``…), in every field of a record; each writer's output must read back as
exactly one entry holding the same title, and carry no live command or tag line.
"""

from __future__ import annotations

import json
import re

import bibtexparser
import pybtex.database
import rispy
import yaml
from hypothesis import HealthCheck, given, settings

from litsite.citations.bibtex import bibtex_entry
from litsite.citations.csl_json import write_csl_json
from litsite.citations.ris import ris_entry
from litsite.csl import from_csl, to_csl
from litsite.importer import write_record
from litsite.model import Record, Topic
from tests.security.strategies import records

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: TeX primitives and LaTeX commands that read or write files or run programs.
DANGEROUS = re.compile(r"\\(?:input|include|write18|write|openout|openin|immediate|read)\b")
_ESCAPED = {
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
}
_TOKEN = re.compile(r"\\text[a-z]+\{\}|\\[&%$#_]|[{}]|[^\\{}]+|\\")
_RIS_LINE = re.compile(r"^(?:[A-Z][A-Z0-9]  - .*|ER  - ?)?$")


def _one_line(text: str) -> str:
    """The text on one line: line breaks and layout space (not a no-break space) collapsed."""
    return re.sub(r"[ \t\r\n\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+", " ", text).strip()


def _bibtex_text(value: str) -> str:
    """A title as the writer escaped it, read back: specials unescaped, protecting braces gone."""
    tokens = _TOKEN.findall(value)
    # a bare ~ is a tie, a no-break space (a tilde is written \textasciitilde{})
    return "".join(
        _ESCAPED.get(t, t[1:] if t.startswith("\\") else t.replace("~", "\u00a0"))
        for t in tokens
        if t not in "{}"
    )


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@SETTINGS
@given(record=records)
def test_bibtexparser_reads_one_entry_with_the_title(record):
    library = bibtexparser.parse_string(bibtex_entry(record, "key"), parse_stack=[])
    assert len(library.blocks) == 1 and len(library.entries) == 1
    title = library.entries[0].fields_dict["title"].value
    assert _bibtex_text(title) == _one_line(record.title)


@SETTINGS
@given(record=records)
def test_pybtex_reads_one_entry_with_the_title(record):
    database = pybtex.database.parse_string(bibtex_entry(record, "key"), "bibtex")
    assert list(database.entries) == ["key"]
    # pybtex collapses every white space character; a no-break space is written as a tie (~)
    pybtex_title = re.sub(r"[^\S\u00a0]+", " ", record.title).strip(" ")
    assert _bibtex_text(database.entries["key"].fields["title"]) == pybtex_title


@SETTINGS
@given(record=records)
def test_bibtex_braces_balance(record):
    assert _balanced(bibtex_entry(record, "key"))


@SETTINGS
@given(record=records)
def test_no_tex_command_survives_unescaped(record):
    assert not DANGEROUS.search(bibtex_entry(record, "key"))


@SETTINGS
@given(record=records)
def test_rispy_reads_one_record_with_the_title(record):
    (read,) = rispy.loads(ris_entry(record))
    assert read["title"] == _one_line(record.title)


@SETTINGS
@given(record=records)
def test_every_ris_line_is_a_tag_line(record):
    lines = ris_entry(record).split("\n")
    assert all(_RIS_LINE.match(line) for line in lines), lines


@SETTINGS
@given(record=records)
def test_csl_json_round_trips(record):
    (item,) = json.loads(write_csl_json([record]))
    assert item == to_csl(record)
    assert from_csl(item).title == record.title


@SETTINGS
@given(record=records)
def test_yaml_record_file_reads_back_equal(record, tmp_path_factory):
    path = tmp_path_factory.mktemp("records") / "r.yaml"
    write_record(record, path)
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == to_csl(record)


def test_yaml_record_file_keeps_unicode_line_breaks(tmp_path):
    """Hypothesis found U+0085 read back as a space from PyYAML's single-quoted style."""
    record = Record(title="A\x85B\u2028C\u2029", topics=[Topic("0\x85")])
    write_record(record, tmp_path / "r.yaml")
    assert yaml.safe_load((tmp_path / "r.yaml").read_text("utf-8")) == to_csl(record)
