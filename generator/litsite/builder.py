"""``litsite build`` and ``litsite serve``: MkDocs run through its public API, output swapped in
atomically.

The build goes to a sibling temporary folder and replaces ``site/`` only when it succeeded and
no record was rejected, so a failed or interrupted build leaves the previous site as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .errors import LitsiteError

__all__ = ["BuildSummary", "build_site", "serve_site"]


@dataclass
class BuildSummary:
    """What ``litsite build`` prints at the end."""

    records: int
    pages: int
    warnings: int
    seconds: float
    site_dir: Path

    def __str__(self) -> str:
        return (
            f"{self.records} records read, {self.pages} pages written, "
            f"{self.warnings} warning{'' if self.warnings == 1 else 's'}, "
            f"in {self.seconds:.1f} s -> {self.site_dir}"
        )


class _Counter(logging.Handler):
    """Counts MkDocs' (and so the plugin's) warnings and errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _mkdocs_logging(verbose: bool) -> None:
    """MkDocs' CLI sets up its own logging; run as a library it has none, so add a handler."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, logging.StreamHandler) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def build_site(
    config_file: Path, *, strict: bool = False, verbose: bool = False, jobs: int = 0
) -> BuildSummary:
    """Build the site ``config_file`` describes with ``jobs`` worker processes (0: every usable
    CPU); raise LitsiteError on bad input or failure."""
    _mkdocs_logging(verbose)
    started = time.perf_counter()
    counter = _Counter()
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        config = load_config(config_file=str(config_file), strict=strict)
        final = Path(config.site_dir)
        staging = final.with_name(f".{final.name}.building-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        config.site_dir = str(staging)
        plugin = config.plugins.get("litsite")
        if plugin is not None:
            # Unchanged pages are taken over from the site this build replaces.
            plugin.previous_site, plugin.jobs = final, jobs
        try:
            mkdocs_build(config)
            report = getattr(plugin, "report", None)
            errors = len(report.errors) if report else 0
            if errors:
                raise LitsiteError(
                    f"{errors} error(s) in the records (listed above); {final} is left as it was"
                )
            _swap(staging, final)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except MkDocsException as exc:
        raise LitsiteError(str(exc).strip() or "the MkDocs build failed") from exc
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    stats = getattr(plugin, "stats", {})
    return BuildSummary(
        records=int(stats.get("records", 0)),
        pages=int(stats.get("pages", 0)),
        warnings=counter.count,
        seconds=time.perf_counter() - started,
        site_dir=final,
    )


def _swap(staging: Path, final: Path) -> None:
    """Put ``staging`` where ``final`` is with two renames (the old site goes last)."""
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, dev_addr: str | None, open_browser: bool) -> None:
    """``mkdocs serve``: the plugin watches the records folder, so editing a record rebuilds."""
    _mkdocs_logging(verbose=False)
    options = {"dev_addr": dev_addr} if dev_addr else {}
    try:
        mkdocs_serve(config_file=str(config_file), open_in_browser=open_browser, **options)
    except MkDocsException as exc:
        raise LitsiteError(str(exc).strip()) from exc
