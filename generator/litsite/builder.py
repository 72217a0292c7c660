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

from .build import noop
from .build.cluster import require_dask
from .build.incremental import code_digest
from .build.output import recover_dead_builds, refuse_overlap, staged_output
from .build.render import CACHE
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
    """Counts MkDocs' (and so the plugin's) warnings and errors, and keeps them (a build that
    is skipped as unchanged replays them: ``build.noop``)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.messages: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        self.messages.append((record.name, record.levelno, record.getMessage()))


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
            configured = len(counter.messages)  # loading the config warns again every time
            final = Path(config.site_dir)
            _refuse_overlaps(config, final)
            plugin = config.plugins.get("litsite")
            stamp = inputs = None
            if plugin is not None and plugin.config.enabled:
                plugin.lock(config, until_unlock=True)  # one build of a site at a time
                recover_dead_builds(final)
                stamp, inputs = _unchanged(config, plugin, final)
            if stamp is not None:
                return _skipped(stamp, counter, started, final)
            with staged_output(final) as staging:
                config.site_dir = str(staging)
                if plugin is not None and plugin.config.enabled:
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
            stats = getattr(plugin, "stats", {})
            if inputs is not None:
                noop.save(
                    _stamp_path(config),
                    noop.Stamp(
                        inputs,
                        noop.site_state(final),
                        int(stats.get("records", 0)),
                        int(stats.get("pages", 0)),
                        counter.messages[configured:],
                    ),
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


def _stamp_path(config) -> Path:
    return Path(config.config_file_path or ".").resolve().parent / CACHE / noop.STAMP


def _unchanged(config, plugin, final: Path) -> tuple[noop.Stamp | None, str | None]:
    """The last build's stamp when nothing changed since (``build.noop``), and the inputs'
    state (None: not known); a stamp that does not match is dropped before the build."""
    root = Path(config.config_file_path or ".").resolve().parent
    inputs = noop.input_state(config, root / plugin.config.records, code_digest())
    stamp = noop.unchanged(_stamp_path(config), inputs, final)
    if stamp is None:
        noop.forget(_stamp_path(config))
    return stamp, inputs


def _skipped(stamp: noop.Stamp, counter: _Counter, started: float, final: Path):
    """What an unchanged build reports: the last build's warnings again, its counts, and that
    nothing was written. (``strict`` is an input: a strict build never skips after one that
    was not, and a strict build that warned failed, so it left no stamp.)"""
    noop.replay(stamp)
    logging.getLogger("mkdocs.plugins.litsite").info(
        "nothing changed since the last build (records, docs, theme, mkdocs.yml, site/): "
        f"{final} is left as it is"
    )
    return BuildSummary(
        records=stamp.records,
        pages=stamp.pages,
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
