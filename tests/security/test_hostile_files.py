"""Crafted hostile files (``tests/data/hostile``), each with the outcome it must have.

Every file is run through ``litsite convert``, ``import`` and (when refused) ``check`` as a
subprocess under a 1.5 GB address-space limit. Outcome: read cleanly, or refused with exit
status 1 and a message naming the file, the record and the field; never a traceback; within a
hang guard of 10 s. The 50 MB fields are generated here rather than committed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.security.hostile import litsite
from tests.site_helpers import make_site

HOSTILE = DATA / "hostile"
FIFTY_MB = "x" * (50 * 2**20)


@dataclass(frozen=True)
class Attack:
    """A hostile file and what litsite must make of it."""

    file: str
    #: Records read (the rest are refused).
    read: int
    #: What the refusal says ("" when nothing is refused); with its record and field.
    refusal: str = ""
    record: str | None = None
    field: str | None = None
    #: What the records read must satisfy (CSL items as ``convert`` prints them).
    expect: Callable[[list[dict]], bool] | None = None


def _titles(*titles: str) -> Callable[[list[dict]], bool]:
    return lambda items: [item.get("title") for item in items] == list(titles)


GENERATED: dict[str, Callable[[], str]] = {
    "huge-title.bib": lambda: f"@article{{huge,\n  title = {{{FIFTY_MB}}},\n  year = 2020\n}}\n",
    "huge-abstract.ris": lambda: f"TY  - JOUR\nTI  - Small\nAB  - {FIFTY_MB}\nER  - \n",
    "huge-title.json": lambda: f'[{{"id": "h", "type": "book", "title": "{FIFTY_MB}"}}]',
}

ATTACKS = [
    # YAML: alias expansion and Python-object tags (CSL-YAML and litsite's record files).
    Attack("yaml-alias-bomb.yaml", 0, "YAML expands to more than 1,000,000 values"),
    Attack("yaml-python-object.yaml", 0, "could not determine a constructor for the tag"),
    Attack("record-python-tag.yaml", 0, "could not determine a constructor for the tag"),
    # XML: external entities stay unresolved text; entity expansion is refused.
    Attack("pubmed-xxe.xml", 1, expect=_titles("Leak &xxe; here")),
    Attack("pubmed-parameter-entity.xml", 1, expect=_titles("Parameter entities")),
    Attack("pubmed-billion-laughs.xml", 0, "Maximum entity amplification factor exceeded"),
    Attack("marcxml-xxe.xml", 1, expect=_titles("Leak &xxe; here")),
    Attack("marcxml-billion-laughs.xml", 0, "Maximum entity amplification factor exceeded"),
    # BibTeX: nesting, macros, size.
    Attack("bibtex-nested-braces.bib", 2, expect=_titles("deep", "The neighbour survives")),
    Attack(
        "bibtex-unclosed-braces.bib",
        1,
        "malformed entry skipped",
        record="1",
        expect=_titles("The neighbour"),
    ),
    Attack("bibtex-self-string.bib", 1, expect=_titles("loop againpong")),
    Attack(
        "bibtex-string-doubling.bib",
        0,
        "expands to more than 262,144 characters",
        record="1 (bomb)",
        field="title",
    ),
    Attack("bibtex-5000-authors.bib", 1, expect=lambda items: len(items[0]["author"]) == 5000),
    Attack("huge-title.bib", 0, "52,428,802 characters; the limit is", "1 (huge)", "title"),
    Attack("huge-abstract.ris", 0, "52,428,800 characters; the limit is", "1", "abstract"),
    Attack("huge-title.json", 0, "52,428,800 characters; the limit is", "1", "title"),
    # Encodings, BOMs, NUL bytes, line ends.
    Attack("ris-utf8-bom.ris", 1, expect=_titles("Café with a BOM")),
    Attack("bibtex-utf16-bom.bib", 1, expect=_titles("UTF-16 Café")),
    Attack("ris-latin1.ris", 1, expect=_titles("Café in Latin-1, not UTF-8")),
    Attack("ris-invalid-utf8.ris", 1),
    Attack("bibtex-broken-utf16.bib", 0, "binary file (NUL bytes)"),
    Attack("ris-nul-bytes.ris", 0, "binary file (NUL bytes)"),
    Attack("csl-json-nul-escape.json", 1),
    Attack(
        "ris-mixed-line-ends.ris",
        1,
        expect=lambda items: (
            items[0]["container-title"] == "Old Mac and Unix lines"
            and items[0]["author"] == [{"family": "Doe", "given": "Jane"}]
        ),
    ),
    # MARC: a record cut short, a leader that lies about its length.
    Attack("marc-truncated.mrc", 1, "Record length in leader is greater", record="2"),
    Attack("marc-bad-length.mrc", 0, "Record length in leader is greater", record="1"),
]


REFUSALS = [attack for attack in ATTACKS if attack.refusal]
_each = pytest.mark.parametrize("case", ATTACKS, ids=lambda attack: attack.file)


def _hostile_file(name: str, folder: Path) -> Path:
    """The file, copied (or generated) into an empty working folder."""
    path = folder / name
    if name in GENERATED:
        path.write_text(GENERATED[name]())
    else:
        path.write_bytes((HOSTILE / name).read_bytes())
    return path


def _assert_refusal(case: Attack, path: Path, output: str) -> None:
    assert "Traceback" not in output
    if not case.refusal:
        return
    where = f"{path.name}"
    lines = [line for line in output.splitlines() if where in line and case.refusal in line]
    assert lines, output[-2000:]
    if case.record:
        assert any(f"record {case.record}" in line for line in lines), lines
    if case.field:
        assert any(f"field '{case.field}'" in line for line in lines), lines


@_each
def test_convert_reads_or_refuses(case, tmp_path):
    path = _hostile_file(case.file, tmp_path)
    run = litsite("convert", path.name, cwd=path.parent)
    _assert_refusal(case, path, run.stderr)
    assert run.returncode == (1 if case.refusal else 0), run.stderr[-2000:]
    items = json.loads(run.stdout)
    assert len(items) == case.read
    assert case.expect is None or case.expect(items)


@_each
def test_import_writes_only_what_it_read(case, tmp_path):
    path = _hostile_file(case.file, tmp_path)
    run = litsite("import", path.name, "--into", "records", cwd=path.parent)
    _assert_refusal(case, path, run.stderr)
    assert run.returncode == (1 if case.refusal else 0), run.stderr[-2000:]
    written = list((path.parent / "records").glob("*.yaml"))
    assert len(written) == case.read


@pytest.mark.parametrize("case", REFUSALS, ids=lambda attack: attack.file)
def test_check_names_the_problem(case, tmp_path):
    path = _hostile_file(case.file, tmp_path)
    run = litsite("check", path.name, cwd=path.parent)
    _assert_refusal(case, path, run.stdout + run.stderr)
    assert run.returncode == 1


@pytest.mark.parametrize(
    "name",
    ["yaml-python-object.yaml", "record-python-tag.yaml", "pubmed-xxe.xml", "marcxml-xxe.xml"],
)
def test_nothing_runs_or_leaks(name, tmp_path):
    """No Python-object tag runs a command, no external entity reads a local file."""
    _hostile_file(name, tmp_path)
    run = litsite("import", name, "--into", "records", cwd=tmp_path)
    assert not (tmp_path / "litsite-pwned").exists()
    written = "".join(p.read_text() for p in (tmp_path / "records").glob("*.yaml"))
    assert "root:" not in run.stdout + written


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """A site built once with the seed record; each test copies it."""
    folder = tmp_path_factory.mktemp("built") / "site"
    config = make_site(folder)
    run = litsite("build", "-f", config.name, cwd=folder)
    assert run.returncode == 0, run.stderr
    return folder


@pytest.mark.parametrize(
    "name", ["yaml-alias-bomb.yaml", "pubmed-billion-laughs.xml", "bibtex-string-doubling.bib"]
)
def test_a_refused_record_leaves_the_previous_site(name, built_site, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(built_site, folder)
    before = {p: p.read_bytes() for p in (folder / "site").rglob("*") if p.is_file()}
    _hostile_file(name, folder / "content")
    run = litsite("build", "-f", "mkdocs.yml", cwd=folder)
    assert run.returncode == 1
    assert name in run.stderr and "Traceback" not in run.stderr
    after = {p: p.read_bytes() for p in (folder / "site").rglob("*") if p.is_file()}
    assert after == before


def test_a_file_over_256_mb_is_refused_unread(tmp_path):
    """A sparse file: refused from its size, before a byte is read (the 1.5 GB limit holds)."""
    path = tmp_path / "huge.ris"
    with path.open("wb") as out:
        out.truncate(257 * 2**20)
    run = litsite("convert", path.name, cwd=tmp_path)
    assert run.returncode == 1
    assert "huge.ris: file is 269,484,032 bytes; the limit is 268,435,456" in run.stderr
