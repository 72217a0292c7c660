"""CSL-JSON: the record model's own pivot format, as a JSON array of items."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..csl import to_csl
from ..model import Record

__all__ = ["write_csl_json", "csl_json_entry"]


def write_csl_json(records: Sequence[Record]) -> str:
    """A JSON array of CSL items in input order (UTF-8 kept, not ``\\u``-escaped)."""
    return json.dumps([to_csl(r) for r in records], ensure_ascii=False, indent=2) + "\n"


def csl_json_entry(record: Record) -> str:
    """One record's CSL item for its page and download, without its source records' original
    text: the record page shows that once, under "Where this record comes from", and it would
    double the download."""
    item = to_csl(record)
    for source in item.get("custom", {}).get("sources", []):
        source.pop("original", None)
    return json.dumps(item, ensure_ascii=False, indent=2)
