"""Output formats: one module per citation format, one table listing them.

A writer is a function from records to the text of one file in that format; ``litsite convert
--to NAME`` and the record pages both go through ``WRITERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import Record
from .csl_json import write_csl_json

__all__ = ["WRITERS"]

WRITERS: dict[str, Callable[[Sequence[Record]], str]] = {
    "csl-json": write_csl_json,
}
