"""Output formats: one module per citation format, one table listing them.

A writer turns records into the text of one file in its format; ``litsite convert --to NAME``
goes through ``WRITERS``. ``cite`` gives the page builder every citation of every record at once,
so slow formatters (APA through a CSL processor) can batch and cache.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..csl import to_csl
from ..model import Record
from .apa import apa_for_records, write_apa, write_apa_html
from .bibtex import bibtex_entry, bibtex_keys, write_bibtex
from .csl_json import write_csl_json
from .ris import ris_entry, write_ris

__all__ = ["WRITERS", "Citation", "cite"]

WRITERS: dict[str, Callable[[Sequence[Record]], str]] = {
    "csl-json": write_csl_json,
    "bibtex": write_bibtex,
    "ris": write_ris,
    "apa": write_apa,
    "apa-html": write_apa_html,
}


@dataclass(slots=True)
class Citation:
    """One record's citation in every format a record page offers."""

    apa_text: str
    apa_html: str
    apa_in_text: str
    bibtex: str
    ris: str
    csl_json: str


def cite(
    records: Sequence[Record],
    known: dict[str, Citation] | None = None,
    keys: Sequence[str] | None = None,
) -> list[Citation]:
    """Citations for ``records``, in the same order (each formatted as if alone).

    BibTeX keys are unique across ``records`` (or are ``keys``, made by ``bibtex_keys`` over a
    whole site when ``records`` is a part of it), so entries copied from several pages combine.
    ``known`` maps ``record_key(record, bibtex key)`` to citations made before (a build cache);
    it gets the new ones.
    """
    known = {} if known is None else known
    keys = bibtex_keys(records) if keys is None else keys
    wanted = [record_key(r, key) for r, key in zip(records, keys, strict=True)]
    missing = [n for n, k in enumerate(wanted) if k not in known]
    apas = apa_for_records([records[n] for n in missing])
    for n, apa in zip(missing, apas, strict=True):
        r = records[n]
        known[wanted[n]] = Citation(
            apa_text=apa.text,
            apa_html=apa.html,
            apa_in_text=apa.in_text,
            bibtex=bibtex_entry(r, keys[n]),
            ris=ris_entry(r),
            csl_json=json.dumps(_citable_csl(r), ensure_ascii=False, indent=2),
        )
    return [known[k] for k in wanted]


def _citable_csl(record: Record) -> dict:
    """The record's CSL-JSON without its source records' original text: the record page shows
    that once, under "Where this record comes from", and it would double the download."""
    item = to_csl(record)
    for source in item.get("custom", {}).get("sources", []):
        source.pop("original", None)
    return item


def record_key(record: Record, bibtex_key: str) -> str:
    """What a record's citations depend on: the record's every field and its BibTeX key."""
    text = f"{bibtex_key}\0{record!r}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=20).hexdigest()
