"""Collects the problems found while reading records, so one bad record never stops the rest."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from .errors import RecordError

__all__ = ["Report"]

log = logging.getLogger("litsite")


@dataclass
class Report:
    """Warnings (the record is kept) and errors (the record is skipped), in the order found.

    In strict mode the first error is raised instead of collected. Each distinct message is
    logged once, however often it recurs.
    """

    strict: bool = False
    warnings: list[RecordError] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    #: Records folded into another as the same work (``litsite.dedupe.Merge``).
    merges: list = field(default_factory=list)
    _seen: set[str] = field(default_factory=set, repr=False)

    def warn(self, problem: RecordError) -> None:
        self.warnings.append(problem)
        self._log(logging.WARNING, problem)

    def error(self, problem: RecordError) -> None:
        if self.strict:
            raise problem
        self.errors.append(problem)
        self._log(logging.ERROR, problem)

    @property
    def problems(self) -> list[RecordError]:
        return self.errors + self.warnings

    def _log(self, level: int, problem: RecordError) -> None:
        text = str(problem)
        if text not in self._seen:
            self._seen.add(text)
            log.log(level, text)
