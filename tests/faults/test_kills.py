"""A build killed, interrupted or failed at a chosen system call (strace's fault injection):
``site/`` is the complete old or the complete new site, the next build leaves no stray folder or
temporary file, and its output is byte-identical to a build from scratch (issue #13).

One site folder is rebuilt for every case from a pristine copy made of hard links, so each
killed build finds what a real rebuild finds: the previous site (whose unchanged pages it takes
over by ``link``), the caches, and changed records (one file added, one removed). Builds run
with ``-j 1`` so that every call is made by the traced process, in the same order each time.
Points: every ``rename``/``renameat2``, and ``link``, ``write`` and ``openat`` calls on the site
and cache sampled at a few spread positions (each case costs two builds).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from litsite.files import SCRATCH

from ..conftest import DATA
from ..site_helpers import make_site
from .conftest import RECORDS, strays, tree

#: Calls whose every invocation is a kill point (publishing, cache entries).
RENAMES = ("rename", "renameat", "renameat2")
#: Calls sampled at these fractions of their invocations on the site and cache.
SAMPLED = ("link", "write", "openat")
FRACTIONS = (0.3, 0.7, 1.0)
#: Stable dates in the sitemap whatever day the suite runs.
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", CI="true")


def _strace_works() -> bool:
    if shutil.which("strace") is None:
        return False
    run = subprocess.run(["strace", "-o", os.devnull, "true"], capture_output=True)
    return run.returncode == 0


pytestmark = pytest.mark.skipif(
    not _strace_works(), reason="strace is missing or cannot trace here (ptrace not permitted)"
)


@dataclass
class Workbench:
    """The folder builds run in, its pristine state, and the two sites a build may leave."""

    work: Path
    pristine: Path
    old: dict[str, bytes]
    new: dict[str, bytes]
    #: Call name -> invocation numbers (1-based, per call) to inject at.
    points: dict[str, list[int]]

    def reset(self) -> None:
        """The work folder as a rebuild finds it: the old site and caches, the new records."""
        shutil.rmtree(self.work, ignore_errors=True)
        subprocess.run(["cp", "-al", str(self.pristine), str(self.work)], check=True)

    def build(self, *strace: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "litsite", "build", "-j", "1"]
        if strace:
            command = ["strace", "-o", os.devnull, *strace, *command]
        return subprocess.run(command, cwd=self.work, env=ENV, capture_output=True, text=True)

    def leftovers(self) -> list[str]:
        """Staging/old folders beside the site and temporary files in the cache."""
        cache = self.work / ".litsite-cache"
        temporary = [
            str(p.relative_to(cache))
            for p in cache.rglob("*")
            if p.is_file() and (p.suffix == ".tmp" or SCRATCH in p.parent.parts)
        ]
        return strays(self.work) + temporary


def _count_calls(bench: Workbench) -> dict[str, list[int]]:
    """Run the build once under strace and pick the invocations to inject at."""
    trace = bench.work.parent / "trace"
    calls = ",".join(RENAMES + SAMPLED)
    bench.reset()
    result = bench.build("-o", str(trace), "-e", f"trace={calls}")
    assert result.returncode == 0, result.stderr
    seen: dict[str, int] = {}
    touching: dict[str, list[int]] = {name: [] for name in SAMPLED}
    for line in trace.read_text("utf-8", "replace").splitlines():
        match = re.match(r"(\w+)\((.*)", line)
        if not match or match.group(1) not in RENAMES + SAMPLED:
            continue
        name = match.group(1)
        seen[name] = seen.get(name, 0) + 1
        # Sample only calls on the site and its caches (not Python importing its modules);
        # writes to a file descriptor other than the terminal's.
        on_site = str(bench.work) in match.group(2) or (
            name == "write" and not match.group(2).startswith(("1,", "2,"))
        )
        if name in SAMPLED and on_site:
            touching[name].append(seen[name])
    points = {name: list(range(1, seen.get(name, 0) + 1)) for name in RENAMES}
    for name, numbers in touching.items():
        picks = (
            {numbers[max(0, round(f * len(numbers)) - 1)] for f in FRACTIONS} if numbers else set()
        )
        points[name] = sorted(picks)
    return {name: numbers for name, numbers in points.items() if numbers}


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> Workbench:
    base = tmp_path_factory.mktemp("kills")
    work, pristine = base / "site", base / "pristine"
    make_site(work, records=list(RECORDS), use_directory_urls=False)
    first = subprocess.run(
        [sys.executable, "-m", "litsite", "build", "-j", "1"],
        cwd=work,
        env=ENV,
        capture_output=True,
    )
    assert first.returncode == 0, first.stderr
    old = tree(work / "site")
    # The rebuild's input: one record file added, one removed.
    shutil.copy(DATA / "pubmed_xml" / "pubmed5.xml", work / "content")
    (work / "content" / "marc8.mrc").unlink()
    work.rename(pristine)  # keeps inodes: the manifest's signatures stay valid in hard links
    bench = Workbench(work, pristine, old, {}, {})
    bench.points = _count_calls(bench)
    bench.reset()
    shutil.rmtree(work / "site")
    shutil.rmtree(work / ".litsite-cache")
    scratch = bench.build()
    assert scratch.returncode == 0, scratch.stderr
    bench.new = tree(work / "site")
    assert bench.new != bench.old
    return bench


def _cases() -> list[tuple[str, str]]:
    """(call, signal): SIGKILL at every point; SIGINT at every rename and at the middle
    sample of the other calls."""
    return [(name, signal) for name in RENAMES + SAMPLED for signal in ("KILL", "INT")]


@pytest.mark.parametrize(("call", "signal"), _cases())
def test_a_build_stopped_at_a_call_publishes_all_or_nothing(
    bench: Workbench, call: str, signal: str
):
    numbers = bench.points.get(call, [])
    if not numbers:
        pytest.skip(f"the build makes no {call} call here")
    if signal == "INT" and call in SAMPLED:
        numbers = numbers[len(numbers) // 2 : len(numbers) // 2 + 1]
    for number in numbers:
        where = f"SIG{signal} at {call} #{number}"
        bench.reset()
        stopped = bench.build("-e", f"inject={call}:signal={signal}:when={number}")
        assert stopped.returncode != 0, f"{where}: the build was not stopped"
        assert "Traceback" not in stopped.stderr, f"{where}: {stopped.stderr}"
        after = tree(bench.work / "site")
        assert after in (bench.old, bench.new), f"{where}: site/ is neither old nor new"
        again = bench.build()
        assert again.returncode == 0, f"{where}, then: {again.stderr}"
        assert bench.leftovers() == [], where
        assert tree(bench.work / "site") == bench.new, f"{where}: not as built from scratch"


#: System-call errors a build may meet (a full disk, a read-only or unreadable folder, a path
#: under a file, a name taken), each injected where the build writes its site or caches.
ERRORS = [
    ("write", "ENOSPC", "No space left on device"),
    ("openat", "EACCES", "Permission denied"),
    ("openat", "EROFS", "Read-only file system"),
    ("openat", "ENOTDIR", "Not a directory"),
    ("rename", "EEXIST", "File exists"),
    ("renameat2", "EACCES", "Permission denied"),
    ("link", "ENOSPC", "No space left on device"),
]


@pytest.mark.parametrize(("call", "error", "cause"), ERRORS)
def test_an_os_error_is_one_line_and_keeps_the_site(
    bench: Workbench, call: str, error: str, cause: str
):
    numbers = bench.points.get(call, [])
    if not numbers:
        pytest.skip(f"the build makes no {call} call on the site here")
    bench.reset()
    failed = bench.build("-e", f"inject={call}:error={error}:when={numbers[len(numbers) // 2]}")
    assert "Traceback" not in failed.stderr
    assert bench.leftovers() == []
    if failed.returncode == 0:
        # Only a cache entry could not be stored (the CSL cache is best effort): the site
        # is complete all the same.
        assert tree(bench.work / "site") == bench.new
        return
    assert failed.returncode == 1, failed.stderr
    (last,) = failed.stderr.strip().splitlines()[-1:]
    assert last.startswith("Error: ") and cause in last, failed.stderr
    assert str(bench.work) in last, last
    assert tree(bench.work / "site") == bench.old
