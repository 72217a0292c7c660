"""The sharded static search index: every word findable, each query reading few small files."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from litsite.search import SHARD_BYTES, SearchDoc, build_index, shard_number, tokens

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


def _postings(index: Path, term: str) -> dict[int, int]:
    manifest = json.loads((index / "manifest.json").read_text())
    shard = json.loads((index / "t" / f"{shard_number(term, manifest['bounds'])}.json").read_text())
    flat, doc, found = shard.get(term, []), 0, {}
    for gap, weight in zip(flat[::2], flat[1::2], strict=True):
        doc += gap
        found[doc] = weight
    return found


def test_tokens_fold_accents_and_case_and_drop_stop_words():
    assert tokens("Análisis de la Niñez") == ["analisis", "ninez"]


@pytest.mark.parametrize(
    "word", ["roock", "swart", "rheumatology", "kez157", "31070229", "clinical"]
)
def test_seed_is_found_by_author_journal_doi_pmid_topic(index: Path, word: str):
    assert 0 in _postings(index, word)


def test_title_words_outrank_abstract_words(index: Path):
    assert _postings(index, "infusion")[0] > _postings(index, "adverse")[0]


def test_accented_words_are_found_unaccented(index: Path):
    assert _postings(index, "nunez") == {1: 8}


def test_display_chunk_holds_url_title_authors(index: Path):
    chunk = json.loads((index / "d" / "0.json").read_text())
    assert chunk[0][:2] == ["records/pmid-31070229/", DOCS[0].title]
    assert chunk[1][2] == "Núñez, José"


def test_facets_list_values_and_their_documents(index: Path):
    years = json.loads((index / "f" / "year.json").read_text())
    assert sorted(years) == [["2019", 1], ["2020", 1]]
    position = [v for v, _ in years].index("2020")
    docs = json.loads((index / "f" / "year" / f"{position}.json").read_text())
    bits = base64.b64decode(docs["bits"]) if "bits" in docs else None
    assert docs.get("gaps") == [1] or (bits and bits[0] & 0b10)


def test_shards_stay_small_for_a_large_vocabulary(tmp_path: Path):
    docs = [SearchDoc(url=f"r/{i}/", title=f"word{i} other{i * 7}") for i in range(5000)]
    sizes = build_index(docs, tmp_path)
    shards = [size for name, size in sizes.items() if name.startswith("t/")]
    assert len(shards) > 3 and max(shards) <= SHARD_BYTES * 1.1
