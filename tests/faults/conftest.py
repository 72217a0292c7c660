"""Helpers of the fault tests: a small site, its files as bytes, litsite run as a user."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import DATA, SEED
from ..site_helpers import make_site

#: A handful of records in four formats: enough pages, downloads and index terms to fault.
RECORDS = (
    SEED,
    DATA / "ris" / "colrev-jstor.ris",
    DATA / "marc" / "marc8.mrc",
    DATA / "pages" / "thesis.yaml",
)
#: Capabilities that let root read and write whatever the permission bits say.
_BYPASS = "dac_override,dac_read_search,linux_immutable,fowner"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def strays(folder: Path) -> list[str]:
    """Staging and old folders, and temporary files, a build left next to its site."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site"))


def as_user() -> list[str]:
    """A command prefix under which permission bits apply: nothing for a user, and for root
    ``setpriv`` dropping the capabilities that bypass them (skips where that is impossible)."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", f"--inh-caps=-{_BYPASS.replace(',', ',-')}"]
    prefix.append(f"--bounding-set=-{_BYPASS.replace(',', ',-')}")
    if shutil.which("setpriv") is None or subprocess.run([*prefix, "true"]).returncode:
        pytest.skip("running as root, and setpriv cannot drop the capabilities that bypass modes")
    return [*prefix, "--"]


def litsite(*args: str, cwd: Path, user: bool = False) -> subprocess.CompletedProcess:
    """``litsite ARGS`` as a user runs it (``user``: with permission bits enforced)."""
    command = [*(as_user() if user else []), sys.executable, "-m", "litsite", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A small site, built once; returns its folder (mkdocs.yml, content/, docs/, site/)."""
    make_site(tmp_path, records=list(RECORDS), use_directory_urls=False)
    result = litsite("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path
