"""Characters no output may carry, taken out of every record once, where it is read.

A record's text reaches HTML text and attributes, ``<title>``, JSON-LD, ``citation_*`` tags, the
search index and every download (BibTeX, RIS, CSL-JSON, YAML). Each output escapes for its own
context; what escaping cannot make harmless is removed here, for all of them at once:

- control characters (Unicode category Cc) other than tab and the line breaks (LF, CR, NEL):
  a NUL or an ANSI escape in a title would reach a ``.bib`` file or a page's ``<title>`` raw;
- bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): a stray
  right-to-left override reorders the text that follows it on a page, in a list of names or in
  a reference manager ("Trojan Source", CVE-2021-42574); the marks U+200E/U+200F, which affect
  one character, stay;
- lone surrogates (from a JSON ``\\ud800`` escape), which no UTF-8 output can encode.

Each removal is reported, naming the record and the field: the text is changed, never silently.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from typing import Any

from ..model import Record

__all__ = ["scrub", "UNWANTED"]

#: What is removed (see the module docstring for why).
UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def scrub(record: Record) -> dict[str, str]:
    """Remove ``UNWANTED`` characters from every text of ``record`` (in place); return, per
    field that changed, the characters removed (``{"title": "U+0000, U+202E"}``)."""
    removed: dict[str, set[str]] = {}
    _scrub_fields(record, "", removed)
    if any(not name.startswith("sources") for name in removed):
        # The source's original text repeats what its fields hold: name the fields only.
        removed = {k: v for k, v in removed.items() if not k.startswith("sources")}
    return {name: ", ".join(sorted(found)) for name, found in removed.items()}


def _scrub_fields(item: Any, prefix: str, removed: dict[str, set[str]]) -> None:
    for spec in fields(item):
        value = getattr(item, spec.name)
        cleaned = _scrub(value, f"{prefix}{spec.name}", removed)
        if cleaned is not value:
            object.__setattr__(item, spec.name, cleaned)  # PartialDate is frozen


def _scrub(value: Any, name: str, removed: dict[str, set[str]]) -> Any:
    """``value`` with unwanted characters removed; the same object when nothing changed."""
    if isinstance(value, str):
        found = UNWANTED.findall(value)
        if not found:
            return value
        removed.setdefault(name, set()).update(f"U+{ord(c):04X}" for c in found)
        return UNWANTED.sub("", value)
    if isinstance(value, list):
        items = [_scrub(v, f"{name}[{n}]", removed) for n, v in enumerate(value, 1)]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        pairs = [
            (_scrub(k, f"{name} key", removed), _scrub(v, f"{name}.{k}", removed))
            for k, v in value.items()
        ]
        changed = any(
            a is not k or b is not v for (a, b), (k, v) in zip(pairs, value.items(), strict=True)
        )
        return dict(pairs) if changed else value
    if is_dataclass(value) and not isinstance(value, type):
        _scrub_fields(value, f"{name}.", removed)
    return value
