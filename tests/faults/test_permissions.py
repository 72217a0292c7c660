"""Input or output the build cannot read or write: exit 1, one line naming the path, the old
site intact; never a smaller site (issue #13). Run with permission bits enforced (as a user, or
as root without the capabilities that bypass them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import litsite, strays, tree


def _refused(site: Path, path: Path, cause: str, *, command=("build",)) -> None:
    before = tree(site / "site")
    result = litsite(*command, cwd=site, user=True)
    assert result.returncode == 1, result.stderr
    assert f"{path}" in result.stderr and cause in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(site / "site") == before
    assert strays(site) == []


@pytest.mark.parametrize("unreadable", ["content", "content/sub", "content/colrev-jstor.ris"])
def test_unreadable_input_fails_the_build_and_keeps_the_site(small_site: Path, unreadable: str):
    (small_site / "content" / "sub").mkdir()
    (small_site / "content" / "marc8.mrc").rename(small_site / "content" / "sub" / "marc8.mrc")
    assert litsite("build", cwd=small_site).returncode == 0
    path = small_site / unreadable
    path.chmod(0)
    try:
        _refused(small_site, Path(unreadable), "Permission denied")
    finally:
        path.chmod(0o755)


def test_unreadable_record_file_is_one_line_in_convert(small_site: Path):
    path = small_site / "content" / "colrev-jstor.ris"
    path.chmod(0)
    try:
        result = litsite("convert", "content", cwd=small_site, user=True)
    finally:
        path.chmod(0o644)
    assert result.returncode == 1
    assert "content/colrev-jstor.ris: cannot read: Permission denied" in result.stderr
    assert "Traceback" not in result.stderr


def test_read_only_site_is_refused_and_kept(small_site: Path):
    records = small_site / "site" / "records"
    records.chmod(0o555)
    try:
        _refused(small_site, records, "read-only")
    finally:
        records.chmod(0o755)


def test_read_only_cache_is_one_line(small_site: Path):
    cache = small_site / ".litsite-cache"
    cache.chmod(0o555)
    try:
        _refused(small_site, cache, "Permission denied")
    finally:
        cache.chmod(0o755)
