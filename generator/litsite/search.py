"""A static search index that stays small per query at 100,000 records, with every match
reachable.

Pagefind and MkDocs' lunr index both make the browser load a list of every page (Pagefind's
``pf_meta`` is about 6.6 bytes a page: 663 KB at 100,000; lunr's index is 630 MB). This index
has no such list. Documents are numbered newest first, so "newest" and "oldest" are the
number order and a year is a run of numbers. Files under ``search/``:

- ``manifest.json``: the first term of each shard, the document count, each year's run of
  numbers, the values of the small facets (type, language) with counts, the vocabulary buckets.
- ``t/<n>.json``: a shard: a run of consecutive terms (in sorted order) of about
  ``SHARD_BYTES``. A term holds ``[doc gap, weight, …]``, or, when it is in more than
  ``long_postings(docs)`` documents, ``{"n": count, "p": k}``: its postings are in ``p/<k>.json``
  (``{"bits": base64 bitmap of every document, "fields": {mask bit: documents}}``, see
  ``_long_term``). Nothing is cut, so every match is reachable and counts are exact.
- ``d/<n>.json``: display data of document ``n``: ``[[url, title, authors, year, source, type,
  language, [[topic group, topic], …], abstract, flags]]`` (``ROW``).
- ``f/<facet>/<hash>.json``: ``{value: {"n": count, "gaps"|"bits": …}}``, the documents of a
  facet value (topic, journal, type, language), found by ``value_hash`` of the value.
- ``v/<prefix>.json``: ``{word: document count}``, indexed words by their first letters, read
  only to suggest a correction for a word that matches nothing.

A weight is ``mask * 100 + score``: the score sums ``FIELD_WEIGHTS`` over the word's
occurrences (at most 99); the mask says in which fields it occurs (``MASKS``), for ``author:``,
``title:``, ``journal:`` queries and exact-name ranking. Besides words, the index holds title
word pairs (``"stromal cells"``: title phrases rank first), author keys (``"swart j"``: family
name and initial) and whole identifiers (``doi:``). Terms are lowercase, accent-folded (the
client folds queries the same way).
"""

from __future__ import annotations

import base64
import bisect
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "SearchDoc",
    "build_index",
    "tokens",
    "fold",
    "value_hash",
    "newest_first",
    "FIELD_WEIGHTS",
    "MASKS",
]

SHARD_BYTES = 16_000
#: Vocabulary buckets past this many words are split by the first two letters.
BUCKET_WORDS = 1_000

#: How much a word counts for a record, by the field it appears in.
FIELD_WEIGHTS = {"ids": 12, "title": 8, "authors": 8, "topics": 5, "source": 3, "abstract": 1}
#: Occurrences of a word counted per field: a word an abstract repeats twenty times is not
#: worth more than a title word.
REPEATS = 3
#: Bits of a posting's mask: which fields the term occurs in.
MASKS = {"title": 1, "authors": 2, "family": 4, "source": 8, "ids": 16, "topics": 32}
#: The positions of a display row (``d/<n>.json``), as the client reads them.
ROW = ("url", "title", "authors", "year", "source", "type", "language", "topics", "abstract")
#: Authors a display row names before "…".
SHOWN_AUTHORS = 6
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
    #: The scheme group of each topic (``pages.topics.topic_group``), same order as ``topics``.
    topic_groups: list[str] = field(default_factory=list)
    #: Marks a result shows next to its title (e.g. ``retracted``); the search page names them.
    flags: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """Lowercase without accents: the same in Python here and in the browser's search.js."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def tokens(text: str) -> list[str]:
    return [t for t in _WORD.findall(fold(text)) if t not in _STOP]


def value_hash(value: str) -> str:
    """FNV-1a (32 bits) over the code points of ``value``, as 8 hex digits: a facet value's
    file name, which the client computes the same way (so no list of values is needed)."""
    h = 0x811C9DC5
    for char in value:
        h = ((h ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def family_name(author: str) -> str:
    """``Swart`` of ``Swart, Joost F`` (an organisation's name is all family)."""
    return author.split(",", 1)[0]


def _author_keys(author: str) -> list[str]:
    """``swart j``: the family name's words and the first initial, as queries name authors."""
    family, _, given = author.partition(",")
    family_words, given_words = tokens(family), _WORD.findall(fold(given))
    if not family_words or not given_words:
        return []
    return [f"{' '.join(family_words)} {given_words[0][0]}"]


def _postings(doc: SearchDoc) -> dict[str, int]:
    """Each term of ``doc`` with its weight (``mask * 100 + score``)."""
    fields = {
        "ids": " ".join(doc.ids),
        "title": doc.title,
        "authors": " ".join(doc.authors),
        "topics": " ".join(doc.topics),
        "source": doc.source,
        "abstract": doc.abstract,
    }
    scores: dict[str, int] = defaultdict(int)
    masks: dict[str, int] = defaultdict(int)
    for name, text in fields.items():
        for term, times in Counter(tokens(text)).items():
            scores[term] += FIELD_WEIGHTS[name] * min(times, REPEATS)
            masks[term] |= MASKS.get(name, 0)
    for author in doc.authors:
        for term in tokens(family_name(author)) if "," in author else ():
            masks[term] |= MASKS["family"]
        for key in _author_keys(author):
            scores[key] += FIELD_WEIGHTS["authors"]
            masks[key] |= MASKS["authors"] | MASKS["family"]
    title = tokens(doc.title)
    for pair in dict.fromkeys(f"{a} {b}" for a, b in zip(title, title[1:], strict=False)):
        scores[pair] += FIELD_WEIGHTS["title"]
        masks[pair] |= MASKS["title"]
    for ident in doc.ids:
        whole = fold(ident).strip()
        if not _WORD.fullmatch(whole):
            scores[whole] += FIELD_WEIGHTS["ids"]
            masks[whole] |= MASKS["ids"]
    return {term: masks[term] * 100 + min(score, 99) for term, score in scores.items()}


def long_postings(docs: int) -> int:
    """Past this many documents a term's postings are a bitmap in a file of their own: a gap
    list costs about 5 bytes a document, a base64 bitmap ``docs / 6`` bytes in all."""
    return max(64, docs // 30)


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


def newest_first(docs: Iterable[SearchDoc]) -> list[SearchDoc]:
    """Documents in the index's numbering: by year, newest first (the caller's order within a
    year), undated last."""

    def year(doc: SearchDoc) -> int:
        return -int(doc.year) if doc.year.isdigit() else 1

    return sorted(docs, key=year)


def _row(doc: SearchDoc) -> list:
    authors = "; ".join(doc.authors[:SHOWN_AUTHORS])
    if len(doc.authors) > SHOWN_AUTHORS:
        authors += " …"
    groups = doc.topic_groups or ["keyword"] * len(doc.topics)
    topics = [[group, topic] for group, topic in zip(groups, doc.topics, strict=False)]
    values = (doc.url, doc.title, authors, doc.year, doc.source, doc.type, doc.language)
    return [*values, topics, doc.abstract, doc.flags]


def build_index(docs: Iterable[SearchDoc], out_dir: Path) -> dict[str, int]:
    """Write the index for ``docs`` into ``out_dir`` (numbered newest first); return file
    sizes."""
    ordered = newest_first(docs)
    count = len(ordered)
    postings: dict[str, list[int]] = defaultdict(list)
    facets: dict[str, dict[str, list[int]]] = {
        k: defaultdict(list) for k in ("topic", "journal", "type", "language")
    }
    years: dict[str, list[int]] = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("t", "d", "f", "p", "v"):
        (out_dir / sub).mkdir(exist_ok=True)
    written: dict[str, int] = {}
    for number, doc in enumerate(ordered):
        for term, weight in _postings(doc).items():
            postings[term] += (number, weight)
        for name, values in (
            ("topic", doc.topics),
            ("journal", [doc.source]),
            ("type", [doc.type]),
            ("language", [doc.language]),
        ):
            for value in dict.fromkeys(v for v in values if v):
                facets[name][value].append(number)
        years.setdefault(doc.year if doc.year.isdigit() else "", []).append(number)
        written[f"d/{number}.json"] = _write_json(out_dir / "d" / f"{number}.json", [_row(doc)])

    cutoff = long_postings(count)
    encoded: dict[str, object] = {}
    for term, flat in postings.items():
        if len(flat) // 2 > cutoff:
            file = len(encoded)
            written[f"p/{file}.json"] = _write_json(
                out_dir / "p" / f"{file}.json", _long_term(flat, count)
            )
            encoded[term] = {"n": len(flat) // 2, "p": file}
        else:
            encoded[term] = _delta(flat)
    bounds = _shard_bounds({t: len(t) + 4 + len(json.dumps(v)) for t, v in encoded.items()})
    shards: list[dict[str, object]] = [{} for _ in bounds]
    for term in sorted(encoded):
        shards[shard_number(term, bounds)][term] = encoded[term]
    for i, terms in enumerate(shards):
        written[f"t/{i}.json"] = _write_json(out_dir / "t" / f"{i}.json", terms)

    files: dict[str, dict[str, dict[str, dict]]] = defaultdict(lambda: defaultdict(dict))
    for name, values in facets.items():
        for value, numbers in values.items():
            files[name][value_hash(value)][value] = {"n": len(numbers), **_doc_set(numbers, count)}
    for name, by_hash in files.items():
        (out_dir / "f" / name).mkdir(exist_ok=True)
        for key, content in by_hash.items():
            written[f"f/{name}/{key}.json"] = _write_json(
                out_dir / "f" / name / f"{key}.json", content
            )
    buckets = _vocabulary(postings)
    for prefix, words in buckets.items():
        name = f"v/{_prefix_name(prefix)}.json"
        written[name] = _write_json(out_dir / name, words)

    first = 0
    runs = []
    for year, numbers in years.items():
        runs.append([year, first, len(numbers)])
        first += len(numbers)
    manifest = {
        "version": 2,
        "docs": count,
        "bounds": bounds,
        "years": runs,
        "values": {
            name: sorted(
                ([v, len(n)] for v, n in facets[name].items()), key=lambda vn: (-vn[1], vn[0])
            )
            for name in ("type", "language")
        },
        "vocabulary": sorted(buckets),
        "field_scores": {str(bit): FIELD_WEIGHTS.get(name, 0) for name, bit in MASKS.items()},
    }
    written["manifest.json"] = _write_json(out_dir / "manifest.json", manifest)
    return written


def _vocabulary(postings: dict[str, list[int]]) -> dict[str, dict[str, int]]:
    """Words of four letters or more with their document counts, by first letter (first two
    where a letter has more than ``BUCKET_WORDS``): what a misspelled word is corrected from."""
    words = {t: len(f) // 2 for t, f in postings.items() if len(t) >= 4 and t.isalpha()}
    per_letter = Counter(word[0] for word in words)
    buckets: dict[str, dict[str, int]] = defaultdict(dict)
    for word, df in sorted(words.items()):
        prefix = word[:2] if per_letter[word[0]] > BUCKET_WORDS else word[0]
        buckets[prefix][word] = df
    return buckets


def _prefix_name(prefix: str) -> str:
    """A bucket's file name: its letters' code points in hex (any script, any file system)."""
    return "-".join(f"{ord(c):x}" for c in prefix)


def _long_term(flat: list[int], count: int) -> dict[str, object]:
    """A common term: every document in a bitmap, and per field bit (``MASKS``) the documents
    where it is in that field; its score is read from the fields (``field_scores`` in the
    manifest), a bitmap per field being far smaller than a weight per document."""
    fields: dict[int, list[int]] = defaultdict(list)
    for doc, weight in zip(flat[::2], flat[1::2], strict=True):
        for bit in MASKS.values():
            if weight // 100 & bit:
                fields[bit].append(doc)
    return {
        **_doc_set(flat[::2], count, bitmap=True),
        "fields": {str(bit): _doc_set(docs, count) for bit, docs in sorted(fields.items())},
    }


def _delta(flat: list[int]) -> list[int]:
    """Doc numbers as gaps (smaller JSON); weights unchanged."""
    out, last = [], 0
    for doc, weight in zip(flat[::2], flat[1::2], strict=True):
        out += (doc - last, weight)
        last = doc
    return out


def _doc_set(numbers: list[int], count: int, bitmap: bool = False) -> dict[str, object]:
    """A set of documents: gaps for rare values, a base64 bitmap for common ones."""
    if not bitmap and len(numbers) * 3 < count / 6:
        return {"gaps": [n - (numbers[i - 1] if i else 0) for i, n in enumerate(numbers)]}
    bits = bytearray((count + 7) // 8)
    for n in numbers:
        bits[n >> 3] |= 1 << (n & 7)
    return {"bits": base64.b64encode(bytes(bits)).decode("ascii")}
