"""Which files of a records folder are read (``readers.iter_files``): every record file, except
the documented exclusions (hidden names, suffixes no reader claims); nothing is skipped in
silence."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from litsite.readers import iter_files, read_paths
from litsite.report import Report
from tests.conftest import SEED


def _folder(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / ".git").mkdir()
    shutil.copy(SEED, content / "sub" / "seed.txt")
    for name in (".hidden.ris", ".git/x.ris", "README.md"):
        (content / name).write_text("TY  - JOUR\nER  - \n", "utf-8")
    return content


def test_only_hidden_names_and_unclaimed_suffixes_are_passed_over(tmp_path: Path):
    content = _folder(tmp_path)
    assert list(iter_files([content])) == [content / "sub" / "seed.txt"]


def test_symlinked_folders_are_followed_once(tmp_path: Path):
    content = _folder(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(SEED, outside / "linked.txt")
    (content / "linked").symlink_to(outside)
    (content / "sub" / "loop").symlink_to(content)
    found = [p.relative_to(content) for p in iter_files([content])]
    assert found == [Path("linked/linked.txt"), Path("sub/seed.txt")]


def test_a_broken_link_is_an_error_naming_it(tmp_path: Path):
    content = _folder(tmp_path)
    (content / "gone.ris").symlink_to(tmp_path / "missing.ris")
    report = Report()
    records = read_paths([content], report)
    assert len(records) == 1
    assert [str(p) for p in report.errors] == [
        f"{content / 'gone.ris'}: cannot read: No such file or directory"
    ]


def test_a_fifo_is_not_read(tmp_path: Path):
    content = _folder(tmp_path)
    os.mkfifo(content / "pipe.ris")
    report = Report()
    read_paths([content], report)
    assert [str(p) for p in report.errors] == [
        f"{content / 'pipe.ris'}: cannot read: not a regular file"
    ]
