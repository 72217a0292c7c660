"""Progress of a build step: on a terminal a progress bar (tqdm: count, rate, time left), and in
every case one summary line at the end (under ``CI=true`` or without a TTY only the summary)."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["Step", "interactive"]


def interactive() -> bool:
    """Progress bars only for a person watching a terminal."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() != "true"


class Step:
    """Counts ``what`` (records, pages) while a step runs, out of ``total`` when known."""

    def __init__(
        self, log: logging.Logger | logging.LoggerAdapter, what: str, total: int | None = None
    ) -> None:
        self.log = log
        self.what = what
        self.count = 0
        self.started = time.perf_counter()
        self._bar = None
        if interactive():
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=f" {what}", file=sys.stderr, leave=False)

    def tick(self, count: int = 1) -> None:
        self.count += count
        if self._bar is not None:
            self._bar.update(count)

    def total(self, total: int) -> None:
        """The step's size, once known."""
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def counting(self, fn: Callable[..., list]) -> Callable[..., list]:
        """``fn`` (which returns a list) with each call's items counted."""

        def counted(*args: Any) -> list:
            items = fn(*args)
            self.tick(len(items))
            return items

        return counted

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def done(self, summary: str) -> float:
        """Close the bar, log the summary line (with the step's time); return the seconds."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        seconds = self.seconds
        self.log.info(f"{summary} in {seconds:.1f} s")
        return seconds
