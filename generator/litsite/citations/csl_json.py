"""CSL-JSON: the record model's own pivot format, as a JSON array of items."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..csl import to_csl
from ..model import Record

__all__ = ["write_csl_json"]


def write_csl_json(records: Sequence[Record]) -> str:
    """A JSON array of CSL items in input order (UTF-8 kept, not ``\\u``-escaped)."""
    return json.dumps([to_csl(r) for r in records], ensure_ascii=False, indent=2) + "\n"
