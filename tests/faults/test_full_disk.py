"""A file system that fills up mid-build (a small tmpfs the test mounts): the build exits 1
naming the file and the cause, ``site/`` stays the complete old site, nothing is left behind,
and once space is freed the next build equals a build from scratch (issue #13)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import DATA
from ..site_helpers import make_site
from .conftest import RECORDS, strays, tree

#: Room left on the disk when the build starts: less than the pages it must write.
ROOM = 96 * 1024
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", CI="true")


@pytest.fixture
def disk(tmp_path: Path):
    """A 4 MB tmpfs mounted for the test (skipped where mounting is not allowed)."""
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or 'not permitted'}")
    try:
        yield tmp_path
    finally:
        subprocess.run(["umount", "-l", str(tmp_path)], check=False)


def _build(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "litsite", "build", "-j", "1"],
        cwd=site,
        env=ENV,
        capture_output=True,
        text=True,
    )


def _fill(disk: Path, room: int) -> Path:
    """Fill ``disk`` but for about ``room`` bytes."""
    filler = disk / "filler"
    with filler.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with filler.open("r+b") as out:
        out.truncate(max(0, filler.stat().st_size - room))
    return filler


def test_a_full_disk_fails_the_build_and_keeps_the_old_site(disk: Path):
    site = disk / "site"
    make_site(site, records=list(RECORDS), use_directory_urls=False)
    assert _build(site).returncode == 0
    old = tree(site / "site")
    shutil.copy(DATA / "pubmed_xml" / "pubmed5.xml", site / "content")
    (site / "content" / "marc8.mrc").unlink()
    filler = _fill(disk, ROOM)

    full = _build(site)
    assert full.returncode == 1, full.stderr
    last = full.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ") and "No space left on device" in last, full.stderr
    assert str(disk) in last
    assert "Traceback" not in full.stderr
    assert tree(site / "site") == old
    assert strays(site) == []

    filler.unlink()
    assert _build(site).returncode == 0
    assert strays(site) == []
    after = tree(site / "site")
    shutil.rmtree(site / "site")
    shutil.rmtree(site / ".litsite-cache")
    assert _build(site).returncode == 0
    assert tree(site / "site") == after != old
