"""Output formats: one module per file format, CSL styles through one formatter, one table.

``formats.FORMATS`` lists every format; ``write`` gives ``litsite convert --to NAME`` its text
and ``cite`` gives the page builder every record's citations in a site's formats at once, so the
CSL processor can batch (one style at a time) and cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Record
from .bibtex import bibtex_keys
from .formats import DEFAULT_FORMATS, FORMATS, Format, get_format
from .styles import Entry, entries_for_records

__all__ = [
    "FORMATS",
    "DEFAULT_FORMATS",
    "Citation",
    "Entry",
    "Format",
    "cite",
    "get_format",
    "write",
    "convert_targets",
]


@dataclass(slots=True)
class Citation:
    """One record's citation in each of a site's formats, by format id; a writer format's
    ``Entry`` holds its file text in ``text`` and nothing else."""

    entries: dict[str, Entry]

    def text(self, format_id: str) -> str:
        """The plain text in ``format_id`` ("" when the site does not offer it)."""
        entry = self.entries.get(format_id)
        return entry.text if entry else ""


def convert_targets() -> list[str]:
    """What ``litsite convert --to`` names: every format, and ``<style>-html`` for CSL styles
    (any other installed CSL style id works too)."""
    return [fmt.id for fmt in FORMATS] + [f"{fmt.id}-html" for fmt in FORMATS if fmt.style]


def write(target: str, records: Sequence[Record], language: str = "en") -> str:
    """What ``litsite convert --to target`` prints: a writer's file, or one CSL-style entry
    per line (``<style>-html``: the HTML); ``KeyError`` for an unknown target."""
    html = target.endswith("-html") and target not in {f.id for f in FORMATS}
    fmt = get_format(target.removesuffix("-html") if html else target)
    if fmt.write is not None and not html:
        return fmt.write(records)
    if not fmt.style:
        raise KeyError(target)
    entries = entries_for_records(records, fmt.style, language)
    return "".join(f"{entry.html if html else entry.text}\n" for entry in entries)


def cite(
    records: Sequence[Record],
    formats: Sequence[str] = DEFAULT_FORMATS,
    language: str = "en",
    known: dict[str, Citation] | None = None,
    keys: Sequence[str] | None = None,
    cache_dir: Path | None = None,
) -> list[Citation]:
    """Citations for ``records`` in ``formats``, in the same order (each formatted as if alone).

    Citation keys (BibTeX's) are unique across ``records`` (or are ``keys``, made by
    ``bibtex_keys`` over a whole site when ``records`` is a part of it), so entries copied from
    several pages combine. ``known`` maps ``record_key`` to citations made before (a build
    cache); it gets the new ones. CSL entries are cached in ``cache_dir`` (the site's cache).
    """
    known = {} if known is None else known
    table = [get_format(name) for name in formats]
    keys = bibtex_keys(records) if keys is None else keys
    wanted = [record_key(r, key, formats, language) for r, key in zip(records, keys, strict=True)]
    missing = [n for n, k in enumerate(wanted) if k not in known]
    made = [
        _entries(
            fmt, [records[n] for n in missing], [keys[n] for n in missing], language, cache_dir
        )
        for fmt in table
    ]
    for position, n in enumerate(missing):
        known[wanted[n]] = Citation({fmt.id: made[f][position] for f, fmt in enumerate(table)})
    return [known[k] for k in wanted]


def _entries(
    fmt: Format,
    records: Sequence[Record],
    keys: Sequence[str],
    language: str,
    cache_dir: Path | None,
) -> list[Entry]:
    if fmt.style:
        return entries_for_records(records, fmt.style, language, cache_dir)
    return [Entry(fmt.entry(r, key)) for r, key in zip(records, keys, strict=True)]


def record_key(record: Record, key: str, formats: Sequence[str], language: str) -> str:
    """What a record's citations depend on: the record's every field, its citation key, the
    site's formats and language."""
    text = f"{key}\0{','.join(formats)}\0{language}\0{record!r}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=20).hexdigest()
