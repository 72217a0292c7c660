"""One build of a site at a time: ``.litsite-cache/lock``.

Two builds of one site writing its caches at once would corrupt each other's entries, so each
build holds an exclusive ``flock`` on the lock file while it runs; a second build stops at once
with a message naming the first one's process (the lock file holds its process id). The kernel
drops the lock when its process dies, however it dies, so a killed build never blocks the next.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import LitsiteError
from ..files import empty_scratch

try:
    import fcntl
except ImportError:  # Windows: builds are not serialised
    fcntl = None

__all__ = ["BuildLock"]


class BuildLock:
    """The lock on one site's caches, taken by ``acquire`` and given back by ``release``."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / "lock"
        self._handle: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise LitsiteError when another build holds it."""
        if fcntl is None or self._handle is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(handle)
            raise LitsiteError(
                f"another build of this site is running (process {holder}, which holds "
                f"{self.path}); wait for it to finish, then build again"
            ) from None
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
        self._handle = handle
        empty_scratch(self.path.parent)  # cache entries a killed build was writing

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None
