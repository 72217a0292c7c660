"""Writing files so that a reader never sees half of one (temporary file, then ``replace``)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["write_atomic", "SCRATCH", "empty_scratch", "site_path"]

#: The folder, inside a cache folder, where its entries are written before being renamed into
#: place; a build empties it once it holds the cache's lock (``empty_scratch``).
SCRATCH = ".tmp"


def write_atomic(path: Path, text: str, scratch: Path | None = None) -> None:
    """Write ``text`` to ``path`` via a temporary file and ``os.replace``.

    The temporary file goes in ``scratch`` (a folder on the same file system that its owner
    empties, so a killed writer leaves nothing among the files), else beside ``path``. An
    ``OSError`` names ``path`` (not the temporary file), so the user sees which file failed.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if scratch is not None:
            scratch.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=scratch or path.parent, prefix=f".{path.stem}-", suffix=".tmp"
        )
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def empty_scratch(cache_dir: Path) -> None:
    """Remove what killed writers left in the ``SCRATCH`` folders of ``cache_dir`` and of its
    sub-folders (one level: the CSL cache). Call only while holding the cache's lock."""
    folders = [cache_dir, *(p for p in cache_dir.iterdir() if p.is_dir() and p.name != SCRATCH)]
    for folder in folders:
        shutil.rmtree(folder / SCRATCH, ignore_errors=True)


def site_path(path: str, root: Path | str) -> str:
    """How a record's source file is stored and published: relative to the site's folder
    (``content/a.ris``), or the bare file name for a file outside it, never the importing
    machine's absolute path. A relative ``path`` is taken from the current folder."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, os.path.abspath(root))
    if relative == ".." or relative.startswith(".." + os.sep):
        return os.path.basename(absolute)
    return Path(relative).as_posix()
