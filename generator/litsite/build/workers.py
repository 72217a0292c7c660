"""Where the per-record work runs: in this process (``--jobs 1``) or in worker processes.

A task is a module-level function ``task(context, batch) -> result``: the context (the site's
settings) goes to each worker once, batches stream in, results come back as they finish and at
most a few batches per worker are in flight, so no stage holds every page in memory. Tasks run
the same code in-process and in workers, so ``--jobs 1`` and ``--jobs 2`` write the same files.
Messages a task logs are captured and returned with its result (``Captured``): the builder
replays them, so MkDocs counts them (``--strict``) however the work was spread.

On Linux workers are forked (they start in milliseconds with litsite already imported).
``make_pool`` is the one place that chooses where batches run: this pool, or a Dask cluster
(``build.cluster``) mapping the same tasks, whose arguments all pickle.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LitsiteError

__all__ = ["Pool", "make_pool", "usable_cpus", "Captured", "capture"]

#: Batches in flight per worker: enough to keep each busy, few enough to bound memory.
IN_FLIGHT = 2
_PR_SET_PDEATHSIG = 1

_task: Callable[[Any, Any], Any] | None = None
_context: Any = None


def usable_cpus() -> int:
    """CPUs this process may use: its affinity mask, capped by a cgroup CPU quota (containers
    and CI runners often have fewer than the host's count)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:
        count = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, int(quota) // int(period)))
    except (OSError, ValueError):
        pass
    return max(1, count)


@dataclass(slots=True)
class Captured:
    """A task's result with the messages it logged: ``(level, text)`` in order."""

    value: Any
    messages: list[tuple[int, str]] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.levelno, record.getMessage()))


@contextmanager
def capture() -> Iterator[list[tuple[int, str]]]:
    """Collect what the ``litsite`` logger logs meanwhile instead of showing it."""
    logger = logging.getLogger("litsite")
    collect = _Collect()
    saved = logger.handlers[:], logger.propagate, logger.level
    logger.handlers[:] = [collect]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield collect.messages
    finally:
        logger.handlers[:], logger.propagate, logger.level = saved


def _install(task: Callable[[Any, Any], Any], context: Any) -> None:
    global _task, _context
    _task, _context = task, context
    _die_with_parent()


def _die_with_parent() -> None:
    """A worker whose builder is killed stops too (Linux), instead of writing on and holding
    the build's locks."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the builder died before the request took effect
        os._exit(1)


def _run(batch: Any) -> Captured:
    with capture() as messages:
        value = _task(_context, batch)
    return Captured(value, messages)


class Pool:
    """Runs ``task(context, batch)`` over batches on ``jobs`` processes (1: this one)."""

    def __init__(self, jobs: int, task: Callable[[Any, Any], Any], context: Any) -> None:
        self.jobs = max(1, jobs)
        self.task = task
        self.context = context

    def shares(self, folder: Path) -> bool:
        """Whether the workers see ``folder`` (always: they run on this machine)."""
        return True

    def map(self, batches: Iterable[Any]) -> Iterator[tuple[int, Captured]]:
        """``(batch number, result)`` for every batch, in the order they finish."""
        if self.jobs == 1:
            for number, batch in enumerate(batches):
                with capture() as messages:
                    value = self.task(self.context, batch)
                yield number, Captured(value, messages)
            return
        yield from self._parallel(batches)

    def _parallel(self, batches: Iterable[Any]) -> Iterator[tuple[int, Captured]]:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        executor = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context(method),
            initializer=_install,
            initargs=(self.task, self.context),
        )
        pending: dict[Future, int] = {}
        try:
            for number, batch in enumerate(batches):
                pending[executor.submit(_run, batch)] = number
                if len(pending) >= self.jobs * IN_FLIGHT:
                    yield from self._finished(pending, FIRST_COMPLETED)
            while pending:
                yield from self._finished(pending, FIRST_COMPLETED)
        except BrokenProcessPool as exc:
            raise LitsiteError(
                "a worker process died (out of memory, or killed); try --jobs 1"
            ) from exc
        finally:
            for future in pending:
                future.cancel()
            executor.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def _finished(pending: dict[Future, int], when: str) -> Iterator[tuple[int, Captured]]:
        done, _ = wait(pending, return_when=when)
        for future in done:
            number = pending.pop(future)
            yield number, future.result()


def make_pool(
    jobs: int, task: Callable[[Any, Any], Any], context: Any, scheduler: str | None = None
) -> Any:
    """Where ``task`` runs over batches: the Dask cluster at ``scheduler`` when one is given,
    else ``jobs`` local processes. Both have ``map(batches)`` and ``shares(folder)``."""
    if scheduler:
        from .cluster import ClusterPool

        return ClusterPool(scheduler, task, context)
    return Pool(jobs, task, context)
