"""Running ``litsite`` on hostile input as a user would: a subprocess with bounded memory."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

#: Address space a run may use; parser bombs must fail well inside it.
MEMORY_LIMIT = 1536 * 2**20
#: A hang guard, not a speed figure (benchmarks/hostile_input.py prints those): a wall-clock
#: limit tight enough to mean anything fails on a busy machine.
HANG_LIMIT = 120


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def litsite(*args: str, cwd: Path) -> Run:
    """``python -m litsite ARGS`` in ``cwd`` under ``MEMORY_LIMIT``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "generator"))
    result = subprocess.run(
        [sys.executable, "-m", "litsite", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        preexec_fn=_limit_memory,
        timeout=HANG_LIMIT,
    )
    return Run(result.returncode, result.stdout, result.stderr)
