"""The sharded static search index: every word findable, each query reading few small files."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from litsite.search import (
    SHARD_BYTES,
    SearchDoc,
    build_index,
    long_postings,
    shard_number,
    tokens,
    value_hash,
)

DOCS = [
    SearchDoc(
        url="records/pmid-31070229/",
        title="Bone-marrow derived mesenchymal stromal cells infusion",
        authors=["Swart, Joost F", "de Roock, Sytze"],
        year="2019",
        source="Rheumatology (Oxford)",
        type="article-journal",
        language="en",
        topics=["Clinical Science"],
        abstract="OBJECTIVES: To compare adverse events.",
        ids=["10.1093/rheumatology/kez157", "31070229"],
    ),
    SearchDoc(url="records/b/", title="Análisis de la niñez", authors=["Núñez, José"], year="2020"),
]


@pytest.fixture
def index(tmp_path: Path) -> Path:
    build_index(DOCS, tmp_path)
    return tmp_path


def _read(index: Path, name: str):
    return json.loads((index / name).read_text("utf-8"))


def _docs(entry: dict) -> list[int]:
    """A document set as the client decodes it (gaps or base64 bitmap)."""
    if "gaps" in entry:
        return [sum(entry["gaps"][: i + 1]) for i in range(len(entry["gaps"]))]
    bits = base64.b64decode(entry["bits"])
    return [n for n in range(len(bits) * 8) if bits[n >> 3] & (1 << (n & 7))]


def _postings(index: Path, term: str) -> dict[int, int]:
    """Document -> score (the weight without its field mask), from shard or postings file."""
    manifest = _read(index, "manifest.json")
    entry = _read(index, f"t/{shard_number(term, manifest['bounds'])}.json").get(term, [])
    if isinstance(entry, dict):
        file, scores = _read(index, f"p/{entry['p']}.json"), manifest["field_scores"]
        found = dict.fromkeys(_docs(file), 1)
        for bit, docs in file["fields"].items():
            for doc in _docs(docs):
                found[doc] += scores[bit]
        return found
    else:
        found, flat = {}, entry
    doc = 0
    for gap, weight in zip(flat[::2], flat[1::2], strict=True):
        doc += gap
        found[doc] = weight % 100
    return found


def _mask(index: Path, term: str, doc: int) -> int:
    manifest = _read(index, "manifest.json")
    flat = _read(index, f"t/{shard_number(term, manifest['bounds'])}.json")[term]
    docs = [sum(flat[0 : i + 1 : 2]) for i in range(0, len(flat), 2)]
    return flat[2 * docs.index(doc) + 1] // 100


def test_tokens_fold_accents_and_case_and_drop_stop_words():
    assert tokens("Análisis de la Niñez") == ["analisis", "ninez"]


@pytest.mark.parametrize(
    "word", ["roock", "swart", "rheumatology", "kez157", "31070229", "clinical"]
)
def test_seed_is_found_by_author_journal_doi_pmid_topic(index: Path, word: str):
    assert 1 in _postings(index, word)


def test_title_words_outrank_abstract_words(index: Path):
    assert _postings(index, "infusion")[1] > _postings(index, "adverse")[1]


def test_accented_words_are_found_unaccented(index: Path):
    assert _postings(index, "nunez") == {0: 8}


def test_display_row_holds_what_a_result_shows(index: Path):
    row = _read(index, "d/1.json")[0]
    assert row[:3] == ["records/pmid-31070229/", DOCS[0].title, "Swart, Joost F; de Roock, Sytze"]
    assert row[5:8] == ["article-journal", "en", [["keyword", "Clinical Science"]]]
    assert row[8] == "OBJECTIVES: To compare adverse events."


def test_documents_are_numbered_newest_first(index: Path):
    assert _read(index, "d/0.json")[0][1] == "Análisis de la niñez"
    assert _read(index, "manifest.json")["years"] == [["2020", 0, 1], ["2019", 1, 1]]


def test_facet_value_file_is_found_by_the_hash_of_the_value(index: Path):
    entry = _read(index, f"f/journal/{value_hash('Rheumatology (Oxford)')}.json")
    assert entry["Rheumatology (Oxford)"]["n"] == 1 and _docs(entry["Rheumatology (Oxford)"]) == [1]


def test_hash_is_fnv1a_over_code_points():
    assert value_hash("") == "811c9dc5" and value_hash("a") == "e40c292c"


def test_a_common_word_keeps_every_document(tmp_path: Path):
    count = 5000
    docs = [SearchDoc(url=f"r/{i}/", title=f"cells {i}", year="2000") for i in range(count)]
    build_index(docs, tmp_path)
    assert count > long_postings(count)
    assert sorted(_postings(tmp_path, "cells")) == list(range(count))


def test_author_family_name_and_initial_is_a_term(index: Path):
    assert _postings(index, "swart j") == {1: 8}
    assert _postings(index, "roock s") == {1: 8}


def test_family_names_are_marked_apart_from_given_names(index: Path):
    assert _mask(index, "swart", 1) & 4 and not _mask(index, "joost", 1) & 4


def test_title_word_pairs_are_terms(index: Path):
    assert 1 in _postings(index, "stromal cells")


def test_whole_doi_is_a_term(index: Path):
    assert _postings(index, "10.1093/rheumatology/kez157") == {1: 12}


def test_vocabulary_lists_words_by_first_letter(index: Path):
    manifest = _read(index, "manifest.json")
    assert "r" in manifest["vocabulary"]
    assert _read(index, "v/72.json")["rheumatology"] == 1


def test_shards_stay_small_for_a_large_vocabulary(tmp_path: Path):
    docs = [SearchDoc(url=f"r/{i}/", title=f"word{i} other{i * 7}") for i in range(5000)]
    sizes = build_index(docs, tmp_path)
    shards = [size for name, size in sizes.items() if name.startswith("t/")]
    assert len(shards) > 3 and max(shards) <= SHARD_BYTES * 1.1


def test_a_word_repeated_in_an_abstract_counts_less_than_a_title_word(tmp_path: Path):
    docs = [
        SearchDoc(url="r/a/", title="marrow", year="2001"),
        SearchDoc(url="r/b/", title="other", year="2000", abstract="marrow " * 20),
    ]
    build_index(docs, tmp_path)
    assert _postings(tmp_path, "marrow") == {0: 8, 1: 3}


def test_a_common_word_keeps_its_fields(tmp_path: Path):
    docs = [SearchDoc(url=f"r/{i}/", title="x", abstract="cells", year="2000") for i in range(99)]
    docs.append(SearchDoc(url="r/t/", title="cells", year="1999"))
    build_index(docs, tmp_path)
    found = _postings(tmp_path, "cells")
    assert len(found) == 100 and found[99] == 1 + 8 and found[0] == 1
