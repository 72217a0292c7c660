"""A build that would change nothing is not run: ``litsite build`` compares, before MkDocs
starts, every input of the site and the site folder itself with what the last successful build
saw and left (``.litsite-cache/last-build.pickle``), and when both are the same it replays that
build's warnings (so ``--strict`` fails exactly as the build did) and stops.

Inputs are the files under the records folder, ``docs_dir``, the theme's folders and ``watch``
paths (by size, modification time, inode and change time), ``mkdocs.yml`` as loaded (every
option, the theme's and each plugin's), litsite's code and its dependencies' versions
(``incremental.code_digest``). The site folder is compared file by file (the same signatures),
so an edit made in ``site/`` is undone by the next build. A site using any plugin besides
litsite and search is always built: such a plugin may read what this module cannot see (a git
history, a data folder, the date).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LitsiteError
from .incremental import digest, read_entry, write_entry
from .output import unwritable_folder

__all__ = ["Stamp", "input_state", "site_state", "unchanged", "save", "STAMP"]

STAMP = "last-build.pickle"
#: Plugins whose only inputs are the ones ``input_state`` covers.
KNOWN_PLUGINS = frozenset({"litsite", "search", "material/search"})


@dataclass(slots=True)
class Stamp:
    """What the last successful build saw and left."""

    inputs: str
    site: str
    records: int = 0
    pages: int = 0
    #: ``(logger name, level, message)`` of each warning or error it logged, in order.
    warnings: list[tuple[str, int, str]] = field(default_factory=list)


def _signatures(folders: Iterable[str | Path]) -> list[str]:
    """``path size mtime inode ctime`` of every file under ``folders`` (or of a file named)."""
    rows: list[str] = []
    todo = [str(f) for f in folders]
    while todo:
        path = todo.pop()
        try:
            if os.path.isdir(path):
                with os.scandir(path) as entries:
                    todo += [entry.path for entry in entries]
                continue
            stat = os.stat(path)
        except OSError:
            rows.append(f"{path}\tmissing")
            continue
        rows.append(
            f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}\t{stat.st_ino}\t{stat.st_ctime_ns}"
        )
    rows.sort()
    return rows


def _options(config: Any) -> str:
    """Every option as loaded, the theme's and each plugin's; an option whose text names a
    memory address makes the state differ every time (no build is then skipped)."""
    options = {key: value for key, value in config.items() if key not in ("plugins", "theme")}
    options["theme"] = [config.theme.name, list(config.theme.dirs), dict(config.theme)]
    options["plugins"] = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    return json.dumps(options, default=repr, sort_keys=True)


def input_state(config: Any, records: Path, code: str) -> str | None:
    """A digest of every input of the site, or None when it cannot be known (unknown plugins)."""
    if not set(config.plugins.keys()) <= KNOWN_PLUGINS:
        return None
    folders = [records, config.docs_dir, *config.theme.dirs, *config.watch]
    if config.config_file_path:
        folders.append(config.config_file_path)
    return digest(code, _options(config), *_signatures(folders))


def site_state(site: Path) -> str:
    """A digest of every file under ``site`` as it is now."""
    return digest(*_signatures([site]))


def unchanged(path: Path, inputs: str | None, site: Path) -> Stamp | None:
    """The last build's stamp if ``inputs`` and ``site`` are as it saw and left them, and a
    build would have succeeded (it could write its caches and replace ``site``: else the build
    runs, and fails as it should)."""
    if inputs is None:
        return None
    stamp = read_entry(path)
    if not isinstance(stamp, Stamp) or stamp.inputs != inputs:
        return None
    effective = os.access in os.supports_effective_ids
    if not os.access(path.parent, os.W_OK | os.X_OK, effective_ids=effective) or not site.is_dir():
        return None
    try:
        if unwritable_folder(site) is not None:
            return None
    except LitsiteError:
        return None
    return stamp if stamp.site == site_state(site) else None


def replay(stamp: Stamp) -> None:
    for name, level, message in stamp.warnings:
        logging.getLogger(name).log(level, message)


def save(path: Path, stamp: Stamp) -> None:
    write_entry(path, stamp)


def forget(path: Path) -> None:
    """Drop the stamp (a build that failed, or could not be stamped)."""
    path.unlink(missing_ok=True)
