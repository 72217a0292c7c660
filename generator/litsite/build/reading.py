"""Records and citations kept between builds, so a rebuild reads and cites only what changed.

``.litsite-cache/records.pickle`` (next to mkdocs.yml) holds, per record file, its size and
modification time with its records pickled, and each citation by ``citations.record_key``. A
file that gave any warning or error is read again every time, so its messages show each build.
A change to litsite's own files (readers, citation writers) empties the cache.
The file is litsite's own output: pickle is safe here because nothing else writes it.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from ..citations import Citation
from ..model import Record
from ..readers import read_file
from ..report import Report
from .incremental import LITSITE, files_digest

__all__ = ["ReadCache"]


class ReadCache:
    """One build's view of the cache: what it found, and what this build used or made."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.code = files_digest([LITSITE])
        try:
            with path.open("rb") as cached:
                saved = pickle.load(cached)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError):
            saved = {}
        if saved.get("code") != self.code:
            saved = {}
        self._old_files: dict[str, tuple] = saved.get("files", {})
        self._files: dict[str, tuple] = {}
        self.citations: dict[str, Citation] = saved.get("citations", {})

    def read(self, path: Path, report: Report, fmt: str | None = None) -> list[Record]:
        """``readers.read_file``, answered from the cache when the file did not change."""
        stat = path.stat()
        signature = (stat.st_size, stat.st_mtime_ns, fmt)
        hit = self._old_files.get(str(path))
        if hit is not None and hit[0] == signature:
            self._files[str(path)] = hit
            return pickle.loads(hit[1])
        before = len(report.problems)
        records = read_file(path, report, fmt)
        if len(report.problems) == before:
            self._files[str(path)] = (signature, pickle.dumps(records, pickle.HIGHEST_PROTOCOL))
        return records

    def save(self, used: list[Citation]) -> None:
        """Write what this build used (so deleted records' entries go)."""
        wanted = {id(c) for c in used}
        citations = {k: c for k, c in self.citations.items() if id(c) in wanted}
        saved = {"code": self.code, "files": self._files, "citations": citations}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with temporary.open("wb") as out:  # streamed: no second copy of it all in memory
            pickle.dump(saved, out, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
        self._old_files = {}
