"""Progress of a build step: on a terminal a count every second or so, and in every case one
summary line at the end (under ``CI=true`` or without a TTY only the summary)."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["Step", "interactive"]

#: Seconds between progress lines on a terminal.
EVERY = 1.0


def interactive() -> bool:
    """Progress lines only for a person watching a terminal."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() != "true"


class Step:
    """Counts ``what`` (records, pages) while a step runs."""

    def __init__(self, log: logging.Logger | logging.LoggerAdapter, what: str) -> None:
        self.log = log
        self.what = what
        self.count = 0
        self.started = time.perf_counter()
        self._live = interactive()
        self._shown = time.monotonic()

    def tick(self, count: int = 1) -> None:
        self.count += count
        if self._live and time.monotonic() - self._shown >= EVERY:
            self._shown = time.monotonic()
            self.log.info(f"... {self.count} {self.what}")

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
        """Log the summary line (with the step's time); return the seconds it took."""
        seconds = self.seconds
        self.log.info(f"{summary} in {seconds:.1f} s")
        return seconds
