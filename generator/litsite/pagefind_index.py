"""Pagefind: a static search index built over the finished site, fetched in small pieces.

Record pages carry ``data-pagefind-body`` (so index pages stay out of the results) and
``data-pagefind-filter`` on their topic, year, type and language. Pagefind writes its index and
its default UI into ``site/pagefind/``; URLs in it are resolved in the browser against the site's
base, so the site works from any sub-path.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import LitsiteError

__all__ = ["run_pagefind"]


def run_pagefind(site_dir: Path, timeout: float = 3600) -> str:
    """Index ``site_dir``; return Pagefind's summary line. Raise LitsiteError when it fails."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LitsiteError(f"search index: could not run Pagefind ({exc})") from exc
    if done.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise LitsiteError(
            "search index: Pagefind failed"
            + (": " + " / ".join(detail) if detail else "")
            + " (is the 'pagefind[bin]' package installed?)"
        )
    return done.stdout.strip()
