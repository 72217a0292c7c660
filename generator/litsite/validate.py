"""Checks a record for what a citation or a page would get wrong, field by field."""

from __future__ import annotations

import datetime
import re

from .errors import RecordError
from .model import Record

__all__ = ["validate"]

_PMID = re.compile(r"\d{1,9}")
_PMCID = re.compile(r"PMC\d+")
_DOI = re.compile(r"10\.\d{4,9}/\S+")


def _where(record: Record) -> tuple[str | None, str]:
    source = record.sources[0] if record.sources else None
    ident = f" ({record.id})" if record.id else ""
    return (source.path if source else None), f"{source.index if source else '?'}{ident}"


def validate(record: Record) -> list[RecordError]:
    """Every problem found, each naming the file, the record and the field."""
    path, where = _where(record)
    problems: list[tuple[str, str]] = []
    if not record.title.strip():
        problems.append(("title", "missing: the citation will lead with something else"))
    if not record.authors and not record.editors:
        problems.append(("author", "no authors or editors"))
    for i, person in enumerate(record.authors + record.editors, 1):
        if not (person.family or person.literal):
            problems.append(("author", f"name {i} has no family name"))
    if record.issued is None or (record.issued.year is None and not record.issued.literal):
        problems.append(("issued", "no date: citations will say 'n.d.'"))
    elif (
        record.issued.year is not None
        and not 1000 <= record.issued.year <= datetime.date.today().year + 2
    ):
        problems.append(("issued", f"'{record.issued.year}' is not a plausible year"))
    elif record.issued.year is None:
        problems.append(("issued", f"'{record.issued.literal}' is not a date"))
    if record.doi and not _DOI.fullmatch(record.doi):
        problems.append(("DOI", f"'{record.doi}' is not a DOI"))
    if record.pmid and not _PMID.fullmatch(record.pmid):
        problems.append(("PMID", f"'{record.pmid}' is not a PubMed id"))
    if record.pmcid and not _PMCID.fullmatch(record.pmcid):
        problems.append(("PMCID", f"'{record.pmcid}' is not a PMC id"))
    return [RecordError(path, message, record=where, field=field) for field, message in problems]
