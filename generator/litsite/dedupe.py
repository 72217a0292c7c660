"""One record per work: the same DOI, PMID, or title + year + first author -> one record
(and a record file and the export it was imported from, which share a source). A site build
merges; ``litsite convert`` only with ``--dedupe``.

A title is never enough alone: without a shared identifier, title, year and first author must
all be present and equal (two undated, author-less web captures of one title stay two records).

Records that name different DOIs or PMIDs are never merged, nor are a title + year + first
author match from different journals.

Merge rule (documented for site owners): records are taken in input order, which is the
source priority (files in the order named, records in file order). The first record of a work
is kept; each later one fills only the fields the kept record leaves empty, adds the list
values it lacks (topics, links, ISBNs, ISSNs, formats, identifiers, extra values, other dates)
and adds its provenance, so every ``Source`` stays in ``record.sources``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, fields

from .model import Record

__all__ = ["Merge", "dedupe", "work_keys", "merge_into"]

log = logging.getLogger("litsite")

SAME_SOURCE = "read from the same place"
#: List fields that are unioned (in order, each value once); other lists keep the first
#: non-empty one (authors and editors are one list each, not to be interleaved).
UNION_FIELDS = ("topics", "links", "isbn", "issn", "formats", "sources")
#: Dict fields whose keys are added when missing.
DICT_FIELDS = ("dates", "source_ids")


@dataclass(frozen=True)
class Merge:
    """One record folded into another, and why."""

    kept: str
    merged: str
    reason: str

    def __str__(self) -> str:
        return f"{self.merged} merged into {self.kept}: {self.reason}"


def _fold(text: str) -> str:
    """Lower-case letters and digits only: ``Héllo, World!`` and ``hello world`` agree."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def work_keys(record: Record) -> list[tuple[str, str]]:
    """The keys that identify the work: DOI, PMID, title + year + first author, and where it
    was read from (a record file written by ``litsite import`` keeps its sources)."""
    keys = []
    if record.doi:
        keys.append(("same DOI", record.doi.lower()))
    if record.pmid:
        keys.append(("same PMID", record.pmid))
    first = record.authors[0] if record.authors else None
    family = _fold(first.family or first.literal) if first else ""
    # A title alone never identifies a work, however long: without an identifier, two records
    # are one work only when title, year and first author are all present and equal.
    title = _fold(record.title)
    if title and record.year and family:
        keys.append(("same title, year and first author", f"{title}|{record.year}|{family}"))
    keys += [(SAME_SOURCE, f"{s.path} record {s.index}") for s in record.sources]
    return keys


def _compatible(a: Record, b: Record, key: tuple[str, str]) -> bool:
    """Whether a shared key may join two records: never across different DOIs or PMIDs, and a
    title + year + author match not across different journals either (two editorials by one
    editor in one year). A shared DOI is enough (journals are often named differently), and so
    is a shared source (a record file whose DOI was corrected by hand, and its export)."""
    if key[0] in ("same DOI", SAME_SOURCE):
        return True
    pairs = [(a.doi.lower(), b.doi.lower()), (a.pmid, b.pmid)]
    if key[0] != "same PMID":
        pairs.append((_fold(a.container_title), _fold(b.container_title)))
    return all(x == y for x, y in pairs if x and y)


def merge_into(kept: Record, other: Record) -> None:
    """Fill ``kept`` from ``other`` by the module's rule (``kept`` wins where both have data)."""
    for spec in fields(Record):
        name = spec.name
        mine, theirs = getattr(kept, name), getattr(other, name)
        if name == "id" or not theirs:
            continue
        if name in UNION_FIELDS:
            setattr(kept, name, mine + [v for v in theirs if v not in mine])
        elif name in DICT_FIELDS:
            setattr(kept, name, {**theirs, **mine})
        elif name == "extra":
            for label, values in theirs.items():
                present = mine.setdefault(label, [])
                present.extend(v for v in values if v not in present)
        elif not mine or (name == "type" and mine == "document"):
            setattr(kept, name, theirs)


def dedupe(records: list[Record]) -> tuple[list[Record], list[Merge]]:
    """Records with each work once, and the merges made (in input order)."""
    kept: list[Record] = []
    owner: dict[tuple[str, str], Record] = {}
    merges: list[Merge] = []
    for record in records:
        keys = work_keys(record)
        match = next(
            (
                (key, owner[key])
                for key in keys
                if key in owner and _compatible(owner[key], record, key)
            ),
            None,
        )
        if match is None:
            kept.append(record)
            target = record
        else:
            (reason, value), target = match
            merges.append(
                Merge(kept=target.label, merged=record.label, reason=f"{reason} ({value})")
            )
            log.info("merged: %s", merges[-1])
            merge_into(target, record)
        for key in work_keys(target):
            owner.setdefault(key, target)
    return kept, merges
