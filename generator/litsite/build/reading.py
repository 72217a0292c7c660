"""Records kept between builds, so a rebuild reads only the files that changed.

``.litsite-cache/records.pickle`` (next to mkdocs.yml) holds, per record file (by path), its
signature (size, modification time, inode and change time: an edit whose modification time was
put back still changes the change time) and a digest of its content, with its records and the
problems reading them reported. A file whose signature is unchanged is not opened; one whose
signature changed but whose content did not (a fresh clone or checkout with the cache restored,
a copy put back, a ``touch``) is read but not parsed. A hit replays those problems, so a warm
build warns and fails exactly as a cold one. The file is a verified cache entry
(``incremental.write_entry``): one cut short is discarded, never used. A change to litsite's own
files empties it. Pickle is safe here: nothing else writes the file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from ..errors import RecordError
from ..model import Record
from ..readers import iter_files, read_file
from ..report import Report
from .incremental import read_entry, write_entry
from .workers import make_pool

__all__ = ["ReadCache"]


def _signature(path: Path) -> tuple[int, int, int, int]:
    stat = os.stat(path)
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)


def _content(path: Path | str) -> str:
    """A digest of the file's bytes ("" when it cannot be read: never a hit)."""
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=20).hexdigest()
    except OSError:
        return ""


def _same(entry: tuple, signature: tuple, path: Path | str) -> bool:
    """Whether the cached ``entry`` still holds the file at ``path``: ``(file signature,
    format asked for)`` now is ``signature``."""
    if entry[0] == signature:
        return True
    return entry[0][1] == signature[1] and entry[1] != "" and entry[1] == _content(path)


class ReadCache:
    """One build's view of the cache: what it found, and what this build read."""

    def __init__(self, path: Path, code: str) -> None:
        self.path = path
        self.code = code
        saved = read_entry(path)
        valid = isinstance(saved, dict) and saved.get("code") == code
        self._old: dict[str, tuple] = saved["files"] if valid else {}
        self._new: dict[str, tuple] = {}

    def prefetch(
        self, paths: list[Path], jobs: int, fmt: str | None = None, scheduler: str | None = None
    ) -> int:
        """Read, on ``jobs`` worker processes (or the Dask cluster at ``scheduler``), the files
        under ``paths`` the cache lacks, so ``read`` finds them; return how many. A file that
        cannot be read is left to ``read``, which reports it (so is a file a cluster's workers
        cannot see: the builder reads it)."""
        missing = []
        for path in iter_files(paths, on_error=lambda problem: None):  # read_paths reports it
            try:
                signature = (_signature(path), fmt)
            except OSError:
                continue
            hit = self._old.get(str(path))
            if hit is None or not _same(hit, signature, path):
                missing.append(str(path))
        if len(missing) < 2 * _FILES_PER_TASK or (jobs < 2 and not scheduler):
            return 0
        batches = [
            missing[start : start + _FILES_PER_TASK]
            for start in range(0, len(missing), _FILES_PER_TASK)
        ]
        for _, captured in make_pool(jobs, _read_task, fmt, scheduler).map(batches):
            for path, entry in captured.value:
                self._old[path] = entry
        return len(missing)

    def read(self, path: Path, report: Report, fmt: str | None = None) -> list[Record]:
        """``readers.read_file``, answered from the cache when the file did not change."""
        try:
            signature = (_signature(path), fmt)
        except OSError:
            return read_file(path, report, fmt)
        hit = self._old.get(str(path))
        if hit is not None and _same(hit, signature, path):
            self._new[str(path)] = (signature, *hit[1:])
            _replay(report, hit[3])
            return pickle.loads(hit[2])
        content = _content(path)
        warnings, errors = len(report.warnings), len(report.errors)
        records = read_file(path, report, fmt)
        problems = [("warn", p) for p in report.warnings[warnings:]]
        problems += [("error", p) for p in report.errors[errors:]]
        blob = pickle.dumps(records, pickle.HIGHEST_PROTOCOL)
        self._new[str(path)] = (signature, content, blob, problems)
        return records

    def save(self) -> None:
        """Write what this build read (so deleted files' entries go)."""
        write_entry(self.path, {"code": self.code, "files": self._new})
        self._old = {}


#: Record files per task sent to a worker.
_FILES_PER_TASK = 50


def _read_task(fmt: str | None, paths: list[str]) -> list[tuple[str, tuple]]:
    """Read files in a worker: ``(path, cache entry)`` for each file read without a file-level
    error (those are read again, and reported, by the builder)."""
    done = []
    for path in paths:
        report = Report()
        try:
            signature = (_signature(Path(path)), fmt)
            content = _content(path)
            records = read_file(Path(path), report, fmt)
        except (OSError, RecordError):
            continue
        problems = [("warn", p) for p in report.warnings] + [("error", p) for p in report.errors]
        blob = pickle.dumps(records, pickle.HIGHEST_PROTOCOL)
        done.append((path, (signature, content, blob, problems)))
    return done


def _replay(report: Report, problems: list[tuple[str, RecordError]]) -> None:
    for kind, problem in problems:
        (report.warn if kind == "warn" else report.error)(problem)
