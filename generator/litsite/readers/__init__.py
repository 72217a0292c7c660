"""Input formats: one module per format, one table listing them, one way to load a file.

Each reader is a class with ``name``, ``suffixes``, ``sniff(head)`` and
``read(path, data, report)``. Adding a format is one module plus one line in ``READERS``.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from ..dedupe import dedupe
from ..errors import RecordError
from ..files import site_path
from ..ids import assign_ids
from ..model import Record
from ..report import Report
from .bibtex import BibtexReader
from .csl_json import CslJsonReader
from .encodings import cyrillic_encoding
from .hygiene import scrub
from .limits import oversized_field
from .marc import MarcJsonReader, MarcReader, MarcXmlReader
from .medline import MedlineReader
from .pubmed_xml import PubmedXmlReader
from .ris import RisReader
from .vufind import VufindSolrReader, VufindViewReader

__all__ = ["READERS", "Reader", "find_reader", "read_file", "read_paths", "decode", "iter_files"]

#: Suffixes of record files a site owner curates (read before raw exports).
CURATED_SUFFIXES = (".yaml", ".yml")
#: Files larger than this are refused before parsing (a record file, not a database dump).
MAX_FILE_BYTES = 256 * 1024 * 1024


class Reader(Protocol):
    name: str
    suffixes: tuple[str, ...]

    def sniff(self, head: str) -> bool: ...

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]: ...


READERS: dict[str, type[Reader]] = {
    "vufind-view": VufindViewReader,
    "vufind-solr": VufindSolrReader,
    "medline": MedlineReader,
    "pubmed-xml": PubmedXmlReader,
    "marc": MarcReader,
    "marcxml": MarcXmlReader,
    "marc-json": MarcJsonReader,
    "ris": RisReader,
    "bibtex": BibtexReader,
    "csl-json": CslJsonReader,
}


def decode(data: bytes, path: Path | str) -> str:
    """Text from bytes: BOMs honoured (UTF-8/16/32), else UTF-8, else Windows-1251 or KOI8-R
    when the bytes are Cyrillic text (``encodings.cyrillic_encoding``), else Windows-1252.

    A NUL byte in text that has no UTF-16/32 BOM means the file is binary and is refused.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise RecordError(
                    path, f"not valid {encoding.upper()} text ({exc.reason})"
                ) from exc
    if b"\x00" in data[:65536]:
        raise RecordError(path, "binary file (NUL bytes), not a record file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(cyrillic_encoding(data) or "cp1252", errors="replace")


def find_reader(path: Path, data: bytes, fmt: str | None = None) -> Reader:
    """The reader for a file: ``fmt`` if given, else by suffix and content, else by content."""
    if fmt is not None:
        if fmt not in READERS:
            known = ", ".join(sorted(READERS))
            raise RecordError(path, f"unknown format '{fmt}' (known: {known})")
        return READERS[fmt]()
    head = _head(data, path)
    readers = [cls() for cls in READERS.values()]
    by_suffix = [r for r in readers if path.suffix.lower() in r.suffixes]
    for reader in by_suffix + [r for r in readers if r not in by_suffix]:
        if reader.sniff(head):
            return reader
    if b"\x00" in data[:65536]:
        raise RecordError(path, "binary file (NUL bytes), not a record file")
    raise RecordError(path, f"unknown format: {_describe(head)} (try --from)")


def _describe(head: str) -> str:
    """A hint at what a file is when no reader takes it (say, a Solr schema, not records)."""
    if match := re.search(r"<([A-Za-z][\w:.-]*)[\s>]", re.sub(r"<[?!][^>]*>", "", head)):
        return f"XML whose root is <{match.group(1)}>, which is not a record format litsite reads"
    return "no reader recognises this file"


def _head(data: bytes, path: Path) -> str:
    """The first few KB as text, for sniffing; binary formats sniff the raw bytes as Latin-1."""
    chunk = data[:8192]
    try:
        return decode(chunk, path)
    except RecordError:
        return chunk.decode("latin-1")


def read_file(path: Path, report: Report, fmt: str | None = None) -> list[Record]:
    """All records in one file; bad records go to ``report``, file-level problems raise."""
    try:
        mode = path.stat()
        if not stat.S_ISREG(mode.st_mode):
            raise RecordError(path, "cannot read: not a regular file")
        if mode.st_size > MAX_FILE_BYTES:
            raise RecordError(
                path, f"file is {mode.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError(path, f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise RecordError(path, "empty file: no records")
    reader = find_reader(path, data, fmt)
    records = []
    for record in reader.read(path, data, report):
        for name, characters in scrub(record).items():
            message = f"removed {characters} (control or bidirectional formatting characters)"
            report.warn(RecordError.about(record, message, field=name))
        if problem := oversized_field(record):
            report.error(RecordError.about(record, str(problem), field=problem.field))
        else:
            records.append(record)
    if not records:
        report.warn(RecordError(path, f"no records found (read as {reader.name})"))
    return records


def iter_files(
    paths: Iterable[Path], on_error: Callable[[RecordError], None] | None = None
) -> Iterator[Path]:
    """Files named, and record files under folders named, in a stable order.

    In a folder, only two kinds of names are passed over (the documented exclusions): hidden
    ones (starting with ``.``, files and folders) and files with a suffix no reader claims (a
    README, a licence note). A file named explicitly is always read. Symlinked folders are
    followed (each folder once). A folder that cannot be listed is an error, given to
    ``on_error`` (raised without one): a build must never publish a smaller site because part
    of its input could not be read.
    """
    suffixes = {suffix for cls in READERS.values() for suffix in cls.suffixes}

    def unreadable(exc: OSError) -> None:
        problem = RecordError(exc.filename, f"cannot read folder: {exc.strerror or exc}")
        if on_error is None:
            raise problem
        on_error(problem)

    for path in paths:
        if not path.is_dir():
            yield path
            continue
        seen: set[tuple[int, int]] = set()
        found = []
        for folder, folders, names in os.walk(path, onerror=unreadable, followlinks=True):
            here = os.stat(folder)
            if (here.st_dev, here.st_ino) in seen:
                folders[:] = []  # a symlink loop, or a folder linked twice: read once
                continue
            seen.add((here.st_dev, here.st_ino))
            folders[:] = [name for name in folders if not name.startswith(".")]
            found += [
                Path(folder, name)
                for name in names
                if not name.startswith(".") and Path(name).suffix.lower() in suffixes
            ]
        yield from sorted(found)


def read_paths(
    paths: Iterable[Path],
    report: Report,
    fmt: str | None = None,
    read=read_file,
    *,
    merge: bool = True,
    root: Path | None = None,
) -> list[Record]:
    """Records from files and folders with unique ids; each unreadable file is one error.
    ``read`` reads one file (a cache can answer instead).

    With ``root`` (the site's folder), source paths are made relative to it before anything
    else sees them: records, pages and downloads never carry the machine's absolute paths, and
    a record file's sources match the exports they name wherever the site is built (without
    it, as for ``litsite check``, paths stay as named). With ``merge`` (a site build), each
    work is kept once (merges go to ``report.merges``) and record files are read first, so
    they win; without it (``litsite convert``), every record read is returned, in the order
    of the files named and of the records in each file.
    """
    records: list[Record] = []
    files = list(iter_files(paths, report.error))
    if merge:
        # Record files (YAML, hand-curated or written by ``litsite import``) come first, so that
        # they win when the same work also arrives in a raw export (dedupe keeps the first).
        files.sort(key=lambda p: p.suffix.lower() not in CURATED_SUFFIXES)
    for path in files:
        try:
            found = read(path, report, fmt)
        except RecordError as problem:
            report.error(problem)
            continue
        if root is not None:
            _relative_sources(found, str(path), root)
        records.extend(found)
    if merge:
        records, merges = dedupe(records)
        report.merges.extend(merges)
    assign_ids(records, report)
    return records


def _relative_sources(records: list[Record], read_from: str, root: Path) -> None:
    """Sources naming the file just read, or any absolute path (a record file imported by an
    older litsite), as ``site_path`` has them; other relative paths in a record file are
    already relative to the site's folder."""
    for record in records:
        for source in record.sources:
            if source.path == read_from or os.path.isabs(source.path):
                source.path = site_path(source.path, root)
