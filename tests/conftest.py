"""Shared fixtures: the seed record, test data, and the third-party corpus in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

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
