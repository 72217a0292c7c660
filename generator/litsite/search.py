"""A static search index that stays small per query at 100,000 records.

Pagefind and MkDocs' lunr index both make the browser load a list of every page (Pagefind's
``pf_meta`` is about 6.6 bytes a page: 663 KB at 100,000; lunr's index is 630 MB). This index
has no such list. Files under ``search/``:

- ``manifest.json``: the first term of each shard, document count, chunk size, facet names.
- ``t/<n>.json``: a shard: ``{term: [doc gap, weight, doc gap, weight, …]}`` for a run of
  consecutive terms (in sorted order) of about ``SHARD_BYTES``, so a query fetches one or two
  small shards per word, whatever the corpus size.
- ``d/<n>.json``: display data for ``CHUNK`` documents: ``[url, title, authors, year, source]``.
- ``f/<facet>.json``: facet values with counts (topic, year, type, language); the documents of
  value ``i`` are in ``f/<facet>/<i>.json`` (gaps, or a bitmap when common), fetched only
  when a visitor filters.

Terms are lowercase, accent-folded words (the client folds queries the same way). A word in more
than ``COMMON_KEEP`` documents keeps only its ``COMMON_KEEP`` best postings (listed in the
manifest as ``common``); the client ranks by it but does not filter on it.
"""

from __future__ import annotations

import base64
import bisect
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SearchDoc", "build_index", "tokens", "FIELD_WEIGHTS"]

SHARD_BYTES = 48_000
CHUNK = 20
COMMON_KEEP = 3_000

#: How much a word counts for a record, by the field it appears in.
FIELD_WEIGHTS = {"ids": 12, "title": 8, "authors": 8, "topics": 5, "source": 3, "abstract": 1}
_WORD = re.compile(r"[^\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f]")
_STOP = frozenset(
    """a an and are as at be by de del el en for from in is it la las los of on or que the to
    un una with y""".split()
)


@dataclass(slots=True)
class SearchDoc:
    """What the index knows of one record page."""

    url: str
    title: str
    authors: list[str] = field(default_factory=list)
    year: str = ""
    source: str = ""
    type: str = ""
    language: str = ""
    topics: list[str] = field(default_factory=list)
    abstract: str = ""
    ids: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """Lowercase without accents: the same in Python here and in the browser's search.js."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def tokens(text: str) -> list[str]:
    return [t for t in _WORD.findall(fold(text)) if t not in _STOP]


def _weights(doc: SearchDoc) -> dict[str, int]:
    fields = {
        "ids": " ".join(doc.ids),
        "title": doc.title,
        "authors": " ".join(doc.authors),
        "topics": " ".join(doc.topics),
        "source": doc.source,
        "abstract": doc.abstract,
    }
    weights: dict[str, int] = defaultdict(int)
    for name, text in fields.items():
        for term in tokens(text):
            weights[term] = min(weights[term] + FIELD_WEIGHTS[name], 99)
    return weights


def _shard_bounds(sizes: dict[str, int]) -> list[str]:
    """Cut the sorted terms into runs of about ``SHARD_BYTES``; each run's first term is its key.

    Terms sharing a prefix are neighbours, so a prefix query reads a few consecutive shards.
    """
    bounds: list[str] = []
    filled = SHARD_BYTES
    for term in sorted(sizes):
        if filled + sizes[term] > SHARD_BYTES:
            bounds.append(term)
            filled = 0
        filled += sizes[term]
    return bounds


def shard_number(term: str, bounds: list[str]) -> int:
    """The shard holding ``term``: the last run whose first term sorts before it."""
    return max(bisect.bisect_right(bounds, term) - 1, 0)


def _write_json(path: Path, data: object) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def build_index(docs: Iterable[SearchDoc], out_dir: Path) -> dict[str, int]:
    """Write the index for ``docs`` (numbered in order) into ``out_dir``; return file sizes."""
    postings: dict[str, list[int]] = defaultdict(list)
    facets: dict[str, dict[str, list[int]]] = {
        k: defaultdict(list) for k in ("topic", "year", "type", "language")
    }
    chunks: list[list[list[str]]] = []
    count = 0
    for number, doc in enumerate(docs):
        count += 1
        for term, weight in _weights(doc).items():
            postings[term] += (number, weight)
        for name, values in (
            ("topic", doc.topics),
            ("year", [doc.year]),
            ("type", [doc.type]),
            ("language", [doc.language]),
        ):
            for value in dict.fromkeys(v for v in values if v):
                facets[name][value].append(number)
        if number % CHUNK == 0:
            chunks.append([])
        chunks[-1].append(
            [
                doc.url,
                doc.title,
                "; ".join(doc.authors[:3]) + (" …" if len(doc.authors) > 3 else ""),
                doc.year,
                doc.source,
            ]
        )

    for term, flat in postings.items():
        if len(flat) // 2 > COMMON_KEEP:
            best = sorted(zip(flat[::2], flat[1::2], strict=True), key=lambda p: -p[1])[
                :COMMON_KEEP
            ]
            postings[term] = [x for pair in sorted(best) for x in pair]
    encoded = {term: _delta(flat) for term, flat in postings.items()}
    bounds = _shard_bounds({t: len(t) + 4 + len(json.dumps(v)) for t, v in encoded.items()})
    shards: list[dict[str, list[int]]] = [{} for _ in bounds]
    for term in sorted(encoded):
        shards[shard_number(term, bounds)][term] = encoded[term]

    out_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("t", "d", "f"):
        (out_dir / sub).mkdir(exist_ok=True)
    written: dict[str, int] = {}
    for i, terms in enumerate(shards):
        written[f"t/{i}.json"] = _write_json(out_dir / "t" / f"{i}.json", terms)
    for i, chunk in enumerate(chunks):
        written[f"d/{i}.json"] = _write_json(out_dir / "d" / f"{i}.json", chunk)
    for name, values in facets.items():
        (out_dir / "f" / name).mkdir(exist_ok=True)
        ordered = sorted(values.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        listing = [[value, len(numbers)] for value, numbers in ordered]
        written[f"f/{name}.json"] = _write_json(out_dir / "f" / f"{name}.json", listing)
        for i, (_, numbers) in enumerate(ordered):
            written[f"f/{name}/{i}.json"] = _write_json(
                out_dir / "f" / name / f"{i}.json", _doc_set(numbers, count)
            )
    manifest = {
        "version": 1,
        "docs": count,
        "chunk": CHUNK,
        "bounds": bounds,
        "facets": [name for name, values in facets.items() if values],
        "common": sorted(t for t, flat in postings.items() if len(flat) // 2 >= COMMON_KEEP),
    }
    written["manifest.json"] = _write_json(out_dir / "manifest.json", manifest)
    return written


def _delta(flat: list[int]) -> list[int]:
    """Doc numbers as gaps (smaller JSON); weights unchanged."""
    out, last = [], 0
    for doc, weight in zip(flat[::2], flat[1::2], strict=True):
        out += (doc - last, weight)
        last = doc
    return out


def _doc_set(numbers: list[int], count: int) -> dict[str, object]:
    """A facet value's documents: gaps for rare values, a base64 bitmap for common ones."""
    if len(numbers) * 3 < count / 6:
        return {"gaps": [n - (numbers[i - 1] if i else 0) for i, n in enumerate(numbers)]}
    bits = bytearray((count + 7) // 8)
    for n in numbers:
        bits[n >> 3] |= 1 << (n & 7)
    return {"bits": base64.b64encode(bytes(bits)).decode("ascii")}
