"""Publishing a build: ``site/`` is replaced by the new site in one atomic step, or not at all.

A build writes into a staging folder next to the site (``.site.building-<pid>``: the same file
system, so renames are atomic). On Linux the finished staging folder and ``site/`` are exchanged
with one ``renameat2(RENAME_EXCHANGE)``, so at every instant ``site/`` is the complete old or the
complete new site, and ``site/`` stays a plain folder (a ``site`` symlink switched by ``rename``
would do the same, but would turn the user's folder into a link that copy and upload tools treat
differently). Where the exchange is missing (another OS, a file system without it) the old site
is renamed aside and the new one renamed in; a crash between those two renames leaves the old
site as ``.site.old-<pid>``, and the next build puts it back before anything else. The old site
is then removed by a detached process (where ``fork`` exists): removing a folder per record
costs seconds that the build need not wait for.

Every staging and old folder is ``flock``ed while its build runs, so the next build can tell the
folders of dead builds (killed, out of power) from those of a build still running, whatever
became of their process ids, and removes them. A ``site_dir`` that is a symlink keeps its link:
its target is what gets replaced.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import LitsiteError

try:
    import fcntl
except ImportError:  # Windows: no flock; folders of dead builds stay until removed by hand
    fcntl = None

__all__ = ["staged_output", "exchange", "unwritable_folder", "recover_dead_builds"]

log = logging.getLogger("litsite")

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextmanager
def staged_output(site_dir: Path) -> Iterator[Path]:
    """Yield an empty, locked staging folder for a build; when the block ends without an
    exception, the staging folder becomes ``site_dir`` (else it is removed and ``site_dir`` is
    left as it was). Raises LitsiteError, naming the path, when the site cannot be replaced."""
    recover_dead_builds(site_dir)
    final = _target(site_dir)
    staging = final.with_name(f".{final.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir()
    except OSError as exc:
        raise _error(exc, "cannot create the build folder") from exc
    lock = _lock(staging)
    published = False
    try:
        yield staging
        _check_replaceable(final)
        _publish(staging, final)
        published = True  # the old site, now under the staging name, is being removed
    finally:
        if not published:
            shutil.rmtree(staging, ignore_errors=True)
        if lock is not None:
            os.close(lock)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False where that is not
    available, so the caller falls back to two renames."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _renameat2():
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name, use_errno=True), "renameat2", None)
    except OSError:
        return None


def _target(site_dir: Path) -> Path:
    """The folder to replace: ``site_dir``, or where it points when it is a symlink."""
    final = Path(os.path.realpath(site_dir))
    if final.exists() and not final.is_dir():
        where = f"{site_dir} (-> {final})" if final != Path(os.path.abspath(site_dir)) else final
        raise LitsiteError(f"{where}: site_dir exists and is not a folder")
    if not final.parent.is_dir():
        reason = "is not a folder" if final.parent.exists() else "does not exist"
        raise LitsiteError(f"{final.parent}: cannot build {final} there: {reason}")
    return final


def _publish(staging: Path, final: Path) -> None:
    try:
        if not final.exists():
            staging.rename(final)
        elif exchange(staging, final):
            _remove_detached(staging)
        else:
            old = final.with_name(f".{final.name}.old-{os.getpid()}")
            lock = _lock(final)  # held while the old site is aside: no other build restores it
            try:
                final.rename(old)
                staging.rename(final)
            finally:
                if lock is not None:
                    os.close(lock)
            _remove_detached(old)
    except OSError as exc:
        raise _error(exc, "cannot replace the site") from exc


def unwritable_folder(final: Path) -> str | None:
    """The first folder in ``final`` that this process cannot change (read-only, immutable),
    or None; raises LitsiteError when one cannot be listed."""
    if not final.exists():
        return None
    for folder, _, _ in os.walk(final, onerror=_raise):
        if not os.access(folder, os.W_OK | os.X_OK, effective_ids=_effective):
            return folder
    return None


def _check_replaceable(final: Path) -> None:
    """Refuse, before touching anything, an old site that could not be removed after the swap
    (read-only or immutable folders): it would stay behind, half deleted."""
    if (folder := unwritable_folder(final)) is not None:
        raise LitsiteError(
            f"{folder}: cannot replace the site: this folder is read-only or immutable "
            f"(the previous site is left as it was)"
        )


_effective = os.access in os.supports_effective_ids


def _raise(exc: OSError) -> None:
    raise _error(exc, "cannot replace the site")


def _remove(old: Path) -> None:
    """Remove the previous site after the swap; what cannot be removed stays for the next build
    to retry, and is named."""
    failures: list[str] = []

    def note(_function, path: str, info) -> None:
        failures.append(f"{path}: {getattr(info[1], 'strerror', None) or info[1]}")

    shutil.rmtree(old, onerror=note)
    if failures and old.exists():
        log.warning(f"the previous site could not be removed, left as {old} ({failures[0]})")


def _remove_detached(old: Path) -> None:
    """``_remove(old)`` in a detached grandchild process that holds ``old``'s ``flock`` while it
    works (so the next build leaves it alone, and removes what a killed remover left); here,
    where there is no ``fork``."""
    lock = _lock(old) if hasattr(os, "fork") else None
    if lock is None:
        _remove(old)
        return
    try:
        child = os.fork()
    except OSError:
        os.close(lock)
        _remove(old)
        return
    if child == 0:  # pragma: no cover - runs in the forked processes
        try:
            os.setsid()
            if os.fork() == 0:
                # Only the old site's lock is kept: an inherited build lock (or a staging
                # folder's) would make the next build wait for, or refuse, this removal.
                os.closerange(3, lock)
                os.closerange(lock + 1, os.sysconf("SC_OPEN_MAX"))
                _remove(old)
        finally:
            os._exit(0)
    os.close(lock)
    os.waitpid(child, 0)


def recover_dead_builds(site_dir: Path) -> None:
    """Remove the staging and old folders of dead builds; put an old site back when its build
    died between its two renames (no ``site/`` left). A build skipped as a no-op runs it too."""
    if fcntl is None:
        return
    final = _target(site_dir)
    for path in sorted(final.parent.glob(f".{final.name}.*-*")):
        kind = path.name[len(final.name) + 2 :].rsplit("-", 1)[0]
        if kind not in ("building", "old") or not path.is_dir() or path.is_symlink():
            continue
        lock = _lock(path, wait=False)
        if lock is None:
            continue  # a build that is still running
        try:
            if kind == "old" and not final.exists():
                with suppress(OSError):
                    path.rename(final)  # if that fails, the old site stays where it is
            else:
                shutil.rmtree(path, ignore_errors=True)
        finally:
            os.close(lock)


def _lock(folder: Path, *, wait: bool = True) -> int | None:
    """An open descriptor holding an exclusive ``flock`` on ``folder`` (None: held elsewhere, or
    no flock here). The kernel drops the lock when the process dies, however it dies."""
    if fcntl is None:
        return None
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def _error(exc: OSError, doing: str) -> LitsiteError:
    path = exc.filename2 or exc.filename
    return LitsiteError(f"{path}: {doing}: {exc.strerror or exc} (the previous site is kept)")


def refuse_overlap(site_dir: Path, inputs: dict[str, Path]) -> None:
    """Raise LitsiteError when ``site_dir`` is, holds or is inside an input folder (the records,
    ``docs_dir``): replacing the site would delete that input. Symlinks are followed."""
    site = Path(os.path.realpath(site_dir))
    for option, folder in inputs.items():
        source = Path(os.path.realpath(folder))
        if site == source or site.is_relative_to(source) or source.is_relative_to(site):
            raise LitsiteError(
                f"site_dir '{site_dir}' overlaps {option} '{folder}': building would replace "
                f"or read its own output; choose a site_dir outside it"
            )
