"""Companion files: ``<record id>.md`` next to a record file holds the site owner's Markdown
commentary on that record (``Record.commentary``), kept apart from the record's data so an
import that rewrites the record file never touches it.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import RecordError
from ..model import Record
from ..report import Report

__all__ = ["SUFFIX", "attach_commentaries"]

SUFFIX = ".md"


def _companions(root: Path) -> dict[tuple[Path, str], Path]:
    """``(folder, stem) -> path`` of every visible ``.md`` file under ``root``."""
    if not root.is_dir():
        return {}
    found = {}
    for path in root.rglob(f"*{SUFFIX}"):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(root).parts):
            found[(path.parent, path.stem)] = path
    return found


def attach_commentaries(
    records: list[Record], folders: dict[int, tuple[Record, Path]], root: Path, report: Report
) -> None:
    """Give each record that has a companion ``<id>.md`` next to its file (``folders``:
    ``id(record) -> (record, its file's folder)``) that file's text, after any ``commentary`` of
    the record file's own."""
    from . import decode

    companions = _companions(root)
    if not companions:
        return
    for record in records:
        folder = folders.get(id(record), (None, None))[1]
        path = companions.get((folder, record.id))
        if path is None:
            continue
        try:
            text = decode(path.read_bytes(), path)
        except OSError as exc:
            report.error(RecordError(path, f"cannot read the commentary: {exc.strerror}"))
            continue
        except RecordError as problem:
            report.error(problem)
            continue
        record.commentary = "\n\n".join(t for t in (record.commentary, text) if t.strip())
