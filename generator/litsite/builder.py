"""``litsite build`` and ``litsite serve``: MkDocs run through its public API, output swapped in
atomically.

The build goes to a staging folder (``build.output``) and replaces ``site/`` only when it
succeeded and no record was rejected, so a failed or interrupted build leaves the previous site
as it was. A file system error (full disk, permissions, read-only) is one line naming the path.
"""

from __future__ import annotations

import logging
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .build.cluster import require_dask
from .build.output import refuse_overlap, staged_output
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
    config_file: Path,
    *,
    strict: bool = False,
    verbose: bool = False,
    jobs: int = 0,
    scheduler: str | None = None,
) -> BuildSummary:
    """Build the site ``config_file`` describes with ``jobs`` worker processes (0: every usable
    CPU), or on the Dask cluster at ``scheduler``; raise LitsiteError on bad input or failure."""
    if scheduler:
        require_dask(scheduler)  # before MkDocs starts: one line saying how to install it
    _mkdocs_logging(verbose)
    started = time.perf_counter()
    counter = _Counter()
    logging.getLogger("mkdocs").addHandler(counter)
    plugin = None
    try:
        with _terminate_cleanly():
            config = load_config(config_file=str(config_file), strict=strict)
            final = Path(config.site_dir)
            _refuse_overlaps(config, final)
            with staged_output(final) as staging:
                config.site_dir = str(staging)
                plugin = config.plugins.get("litsite")
                if plugin is not None and plugin.config.enabled:
                    plugin.lock(config, until_unlock=True)  # one build of a site at a time
                    # Unchanged pages are taken over from the site this build replaces.
                    plugin.previous_site, plugin.jobs = final, jobs
                    plugin.scheduler = scheduler
                mkdocs_build(config)
                report = getattr(plugin, "report", None)
                if errors := len(report.errors) if report else 0:
                    raise LitsiteError(
                        f"{errors} error(s) in the records (listed above); "
                        f"{final} is left as it was"
                    )
    except MkDocsException as exc:
        raise LitsiteError(str(exc).strip() or "the MkDocs build failed") from exc
    except OSError as exc:
        cause = exc.strerror or str(exc)
        raise LitsiteError(f"{_path_of(exc)}: {cause} (the previous site is kept)") from exc
    finally:
        if plugin is not None and hasattr(plugin, "unlock"):
            plugin.unlock()  # after the swap: the next build takes over from the new site
        logging.getLogger("mkdocs").removeHandler(counter)
    stats = getattr(plugin, "stats", {})
    return BuildSummary(
        records=int(stats.get("records", 0)),
        pages=int(stats.get("pages", 0)),
        warnings=counter.count,
        seconds=time.perf_counter() - started,
        site_dir=final,
    )


def _refuse_overlaps(config, final: Path) -> None:
    """A site_dir that is, holds or is inside docs_dir or the records folder is refused."""
    plugin = config.plugins.get("litsite")
    inputs = {"docs_dir": Path(config.docs_dir)}
    if plugin is not None and plugin.config.enabled:
        root = Path(config.config_file_path or ".").resolve().parent
        inputs["the records folder"] = root / plugin.config.records
    refuse_overlap(final, inputs)


def _path_of(exc: OSError) -> str:
    return str(exc.filename2 or exc.filename or "a file")


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so every ``finally`` (removing the staging folder) runs."""


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    def stop(signum: int, _frame: object) -> None:
        raise _Terminated(f"stopped by signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve_site(config_file: Path, dev_addr: str | None, open_browser: bool, jobs: int = 0) -> None:
    """``litsite serve`` (``litsite.serve``): a preview that re-renders what a change touches."""
    from .serve import serve_site as serve

    _mkdocs_logging(verbose=False)
    serve(config_file, dev_addr, open_browser, jobs)
