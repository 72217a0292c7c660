"""``litsite import``: records in, one human-editable YAML file per record out.

Each file is ``<record id>.yaml`` holding ``to_csl(record)`` (so the CSL-JSON reader reads it
back exactly). Files are written atomically (temporary file, then ``replace``). A file is only
ever replaced by the same work (same DOI, PMID, or title + year + first author); a different
work whose id is taken gets ``-2``, ``-3``… and a warning. Re-importing a work updates its
file: the new import's values win, fields only the file has (hand edits) are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .csl import to_csl
from .dedupe import merge_into, work_keys
from .errors import RecordError
from .files import write_atomic
from .model import Record
from .readers import read_file
from .report import Report

#: libyaml's safe dumper when PyYAML has it (its wheels do): the same output, much faster.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

__all__ = ["ImportSummary", "import_records", "write_record"]


@dataclass
class ImportSummary:
    """What an import did, for the closing counts line."""

    imported: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)


class _Dumper(SAFE_DUMPER):
    """The safe dumper, with strings holding a Unicode line break (U+0085, U+2028, U+2029)
    double-quoted, which escapes it: pure-Python PyYAML's single-quoted style reads U+0085 back
    as a space (libyaml escapes it itself)."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def write_record(record: Record, path: Path) -> None:
    """Write one record as YAML, atomically: readers never see a half-written file."""
    text = yaml.dump(to_csl(record), Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    write_atomic(path, text)


def _existing(path: Path, report: Report) -> Record | None:
    """The record a file already holds (``None`` if it holds none litsite can read)."""
    try:
        records = read_file(path, Report(), fmt="csl-json")
    except RecordError as problem:
        report.warn(problem)
        return None
    return records[0] if records else None


def _same_work(a: Record, b: Record) -> bool:
    return bool(set(work_keys(a)) & set(work_keys(b)))


def import_records(records: list[Record], into: Path, report: Report) -> ImportSummary:
    """Write each record to ``into``; see the module docstring for the update rule."""
    into.mkdir(parents=True, exist_ok=True)
    summary = ImportSummary()
    for record in records:
        wanted, n = record.id, 1
        path = into / f"{wanted}.yaml"
        while path.exists():
            existing = _existing(path, report)
            if existing is not None and _same_work(existing, record):
                merge_into(record, existing)
                record.sources = list({(s.path, s.index): s for s in record.sources}.values())
                break
            n += 1
            path = into / f"{wanted}-{n}.yaml"
        if n > 1:
            message = f"{wanted}.yaml holds a different work; this one is {path.name}"
            report.warn(RecordError.about(record, message, field="id"))
        record.id = path.stem
        (summary.updated if path.exists() else summary.imported).append(path)
        write_record(record, path)
    return summary
