"""Reading a file in a test: its records and the report of what went wrong."""

from __future__ import annotations

from pathlib import Path

from litsite.model import Record
from litsite.readers import read_file
from litsite.report import Report


def read_records(path: Path) -> tuple[list[Record], Report]:
    """All records in ``path`` (sniffed like any user file) and the problems reported."""
    report = Report()
    return read_file(path, report), report
