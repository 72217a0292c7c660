"""Shared fixtures: the seed record, test data, and the third-party corpus in ../shared."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

#: Hypothesis' per-example deadline is a wall-clock assert: off, so a busy machine fails nothing.
settings.register_profile("litsite", deadline=None)
settings.load_profile("litsite")

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "content" / "000_c1a4e26e8422d127.txt"
SHARED_DEV = ROOT.parent / "shared" / "data" / "dev"


@pytest.fixture
def shared_dev() -> Path:
    """``../shared/data/dev``: third-party records that may be read but never copied here."""
    if not SHARED_DEV.is_dir():
        pytest.skip("../shared/data/dev is absent (third-party corpus, not part of the repository)")
    return SHARED_DEV


def build_default_site(folder: Path) -> Path:
    """Copy the repository's own site (mkdocs.yml, content, docs) into ``folder``, build it with
    ``litsite build`` and return its ``site/``."""
    from litsite.cli import main

    for name in ("mkdocs.yml", "content", "site_docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    result = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    return folder / "site"


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> Path:
    """The repository's own site, built once per test session with ``litsite build`` (tests
    only read it)."""
    return build_default_site(tmp_path_factory.mktemp("default"))


def third_party(relative: str) -> Path:
    """A file of ``../shared/data/dev``, read where it is (third-party files are never copied into
    the repository); the calling test skips when the corpus is absent."""
    path = SHARED_DEV / relative
    if not path.is_file():
        pytest.skip("../shared/data/dev is absent (third-party corpus, not part of the repository)")
    return path
