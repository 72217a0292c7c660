"""``litsite import``: records in, one human-editable YAML file per record out.

Each file is ``<record id>.yaml`` holding ``to_csl(record)`` (so the CSL-JSON reader reads it
back exactly). Files are written atomically (temporary file, then ``replace``). A file is only
ever replaced by the same work (same DOI, PMID, or title + year + first author, or the same
source record); a different work whose id is taken gets ``-2``, ``-3``… and a warning.

Re-importing merges three ways. Next to the record files, ``.litsite-imported/<id>.yaml`` keeps
what the last import wrote for each record (a hidden folder: builds never read it). Field by
field (a CSL variable, or one key of ``custom``), against that snapshot:

- changed in the record file only (a hand edit): the record file's value is kept;
- changed in the source only: the new value is written;
- changed in both, differently: a conflict, reported with file, record and field; the record
  file's value is kept (it is the person's), and the snapshot moves on, so the next import
  reports it no more.

A record file without a snapshot (written by hand, or by an older litsite) counts as all hand
edits: fields the source adds are written, fields the file already has are kept, and a
different value in the source is a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .csl import to_csl
from .dedupe import work_keys
from .errors import RecordError
from .files import write_atomic
from .model import Record
from .readers import read_file
from .report import Report

#: libyaml's safe dumper when PyYAML has it (its wheels do): the same output, much faster.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Folder (inside the record files' folder) of what the last import wrote for each record.
SNAPSHOTS = ".litsite-imported"

__all__ = [
    "ImportSummary",
    "import_records",
    "write_record",
    "merge_three_way",
    "site_folder",
    "SNAPSHOTS",
]


@dataclass
class ImportSummary:
    """What an import did, for the closing counts line."""

    imported: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    conflicts: list[RecordError] = field(default_factory=list)


class _Dumper(SAFE_DUMPER):
    """The safe dumper, with strings holding a Unicode line break (U+0085, U+2028, U+2029)
    double-quoted, which escapes it: pure-Python PyYAML's single-quoted style reads U+0085 back
    as a space (libyaml escapes it itself)."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _write_item(item: dict[str, Any], path: Path) -> None:
    write_atomic(path, yaml.dump(item, Dumper=_Dumper, sort_keys=False, allow_unicode=True))


def write_record(record: Record, path: Path) -> None:
    """Write one record as YAML, atomically: readers never see a half-written file."""
    _write_item(to_csl(record), path)


def _load_item(path: Path) -> dict[str, Any]:
    """A record file's item as written (``{}`` when there is none or it is not an item)."""
    try:
        item = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return item if isinstance(item, dict) else {}


def site_folder(into: Path) -> Path:
    """The site a records folder belongs to: the nearest folder holding ``mkdocs.yml`` at or
    above it, else the current folder. Sources are stored relative to it."""
    start = into.resolve()
    return next((f for f in (start, *start.parents) if (f / "mkdocs.yml").is_file()), Path.cwd())


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


def _flat(item: dict[str, Any]) -> dict[str, Any]:
    """Fields as the merge sees them: each CSL variable, and each key of ``custom`` on its own
    (``custom.topics``), so a hand-edited topic list and a new source link do not collide."""
    out = {k: v for k, v in item.items() if k != "custom"}
    custom = item.get("custom")
    if isinstance(custom, dict):
        out.update({f"custom.{k}": v for k, v in custom.items()})
    elif custom is not None:
        out["custom"] = custom
    return out


def _nested(flat: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for key, value in flat.items():
        if key.startswith("custom."):
            item.setdefault("custom", {})[key.removeprefix("custom.")] = value
        else:
            item[key] = value
    return item


def merge_three_way(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[str], list[str]]:
    """``(merged item, fields taken from theirs, conflicting fields)`` for the record file
    ``ours``, last imported as ``base``, now imported as ``theirs`` (the rule is in the module
    docstring). A field absent from an item is ``None``: a deleted field is a change too."""
    base, ours, theirs = _flat(base), _flat(ours), _flat(theirs)
    merged, updated, conflicts = {}, [], []
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        mine, new, old = ours.get(key), theirs.get(key), base.get(key)
        if mine == new or new == old:
            value = mine
        elif mine == old:
            value = new
            updated.append(key)
        else:
            value = mine
            conflicts.append(key)
        if value is not None:
            merged[key] = value
    return _nested(merged), updated, conflicts


def _conflict(path: Path, record_id: str, key: str, theirs: dict[str, Any]) -> RecordError:
    value = _flat(theirs).get(key)
    shown = "nothing (removed)" if value is None else repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return RecordError(
        path,
        f"changed by hand and in the source since the last import; kept the hand edit "
        f"(the source now has {shown})",
        record=record_id,
        field=key,
    )


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
                break
            n += 1
            path = into / f"{wanted}-{n}.yaml"
        if n > 1:
            message = f"{wanted}.yaml holds a different work; this one is {path.name}"
            report.warn(RecordError.about(record, message, field="id"))
        record.id = path.stem
        imported = to_csl(record)
        snapshot = into / SNAPSHOTS / path.name
        if not path.exists():
            _write_item(imported, path)
            summary.imported.append(path)
        else:
            ours = _load_item(path)
            merged, updated, conflicts = merge_three_way(_load_item(snapshot), ours, imported)
            for key in conflicts:
                problem = _conflict(path, record.id, key, imported)
                summary.conflicts.append(problem)
                report.warn(problem)
            if merged != ours:
                _write_item(merged, path)
            (summary.updated if updated else summary.unchanged).append(path)
        _write_item(imported, snapshot)
    return summary
