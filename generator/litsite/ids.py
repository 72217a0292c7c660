"""Stable record ids that are safe as URL paths and file names on every system."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .errors import RecordError
from .model import Record
from .report import Report

__all__ = ["record_id", "assign_ids", "slugify"]

MAX_LENGTH = 64
_UNSAFE = re.compile(r"[^a-z0-9]+")
#: Names Windows reserves for devices, whatever the suffix (``con.html`` cannot be created).
RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}


def _slug(text: str) -> str:
    """Lowercase ASCII letters, digits and single hyphens: the same on every file system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _UNSAFE.sub("-", ascii_text.lower()).strip("-")


def _bounded(slug: str, seed: str) -> str:
    """Cut long slugs, keeping them unique with a short hash of the full value; a name Windows
    reserves (``con``, ``com1``) gets ``-id``."""
    if slug in RESERVED:
        return f"{slug}-id"
    if len(slug) <= MAX_LENGTH:
        return slug
    digest = hashlib.sha1(seed.encode("utf-8")).hexdigest()[:8]
    return f"{slug[: MAX_LENGTH - 9].rstrip('-')}-{digest}"


def slugify(text: str) -> str:
    """A safe, bounded slug for any text (index page names); ``""`` when nothing is left."""
    return _bounded(_slug(text), text)


def record_id(record: Record) -> str:
    """``pmid-31070229``, else ``doi-10-1093-…``, else a source id, else a content hash."""
    if record.pmid.isascii() and record.pmid.isdigit():
        return _bounded(f"pmid-{record.pmid}", record.pmid)
    if record.doi:
        return _bounded("doi-" + _slug(record.doi), record.doi.lower())
    for system, value in sorted(record.source_ids.items()):
        slug = _slug(f"{system}-{value}")
        if slug:
            return _bounded(slug, f"{system}:{value}")
    first = record.authors[0].display() if record.authors else ""
    seed = "|".join([record.title, first, str(record.year or "")])
    digest = hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]
    words = _slug(" ".join(record.title.split()[:6]))
    return _bounded(f"{words}-{digest}" if words else f"record-{digest}", seed)


def assign_ids(records: list[Record], report: Report) -> None:
    """Give every record an id; a clash gets ``-2``, ``-3``… and a warning, never an overwrite.

    Ids given in the input (a hand-curated record file) are kept after the same clean-up.
    """
    taken: set[str] = set()
    for record in records:
        wanted = _bounded(_slug(record.id), record.id) if record.id else record_id(record)
        wanted = wanted or record_id(record)
        candidate, n = wanted, 1
        while candidate in taken:
            n += 1
            candidate = f"{wanted}-{n}"
        if candidate != wanted:
            message = f"id '{wanted}' is already used by another record; this one is '{candidate}'"
            report.warn(RecordError.about(record, message, field="id"))
        record.id = candidate
        taken.add(candidate)
