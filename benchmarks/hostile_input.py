"""How long, and how much memory, ``litsite convert`` takes on each hostile file.

Runs every file of ``tests/data/hostile/`` (and 50 MB fields generated here) in its own
subprocess under the test suite's 1.5 GB address-space limit and prints its exit status,
seconds and peak resident memory::

    PYTHONPATH=generator python benchmarks/hostile_input.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.security.hostile import _limit_memory  # noqa: E402
from tests.security.test_hostile_files import GENERATED, HOSTILE  # noqa: E402


def _measure(path: Path) -> tuple[int, float, float]:
    """Exit status, seconds and peak RSS (MB) of ``litsite convert PATH``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "generator"))
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "litsite", "convert", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        preexec_fn=_limit_memory,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    return os.waitstatus_to_exitcode(status), time.monotonic() - start, usage.ru_maxrss / 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = sorted(HOSTILE.iterdir())
        for name, make in GENERATED.items():
            (Path(folder) / name).write_text(make())
            files.append(Path(folder) / name)
        print(f"{'file':34} {'exit':>4} {'seconds':>8} {'peak MB':>8}")
        for path in files:
            code, seconds, peak = _measure(path)
            print(f"{path.name:34} {code:>4} {seconds:>8.2f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
