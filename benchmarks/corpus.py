"""Corpora for the benchmarks: realistic synthetic PubMed-like records for the scale benchmark,
and the shared dev corpus (``../shared/data/dev``) as litsite reads it.

Field distributions follow real PubMed exports: 1–30 authors (accented and particle names),
150–300-word structured abstracts drawn from a Zipf-distributed vocabulary, MeSH-like topics
from a long-tailed vocabulary of about 2,000 terms, about 500 journals, years 1950–2026.
Deterministic for a given seed, so runs are comparable.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

from litsite.errors import RecordError
from litsite.model import AbstractSection, Language, PartialDate, Person, Record, Topic
from litsite.readers import read_file
from litsite.report import Report

SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"
#: The dev corpus' record folders (ground truth and styles are not records).
DEV_FORMATS = ("medline", "pubmed-xml", "ris", "bibtex", "csl-json", "vufind", "marc")

FAMILIES = (
    "Smith García Müller de Roock van der Berg Nguyễn Wang Kowalski O'Brien Ødegaard Dubois "
    "Rossi da Silva Papadopoulos Çelik Yılmaz Novák Johansson Fernández López Schröder Kim "
    "Tanaka Ivanov Swart Wulffraat Boelens Nievelstein Slaper-Cortenbach Martin Brown Lee"
).split(" ")
GIVENS = "Joost Sytze Ana José Zoë Åsa Łukasz Chloé Jürgen Mei Anh Olumide Raúl Inès Søren".split()
SYLLABLES = (
    "ar thr it is ca rd io mes en chy mal str om ce ll pa ti ent neu ro lo gy pha rm ac".split()
)
SECTION_LABELS = ("BACKGROUND", "OBJECTIVES", "METHODS", "RESULTS", "CONCLUSIONS")
TYPES = ("article-journal",) * 9 + ("chapter", "book", "paper-conference", "thesis")
LANGUAGES = (Language("en", "English"),) * 18 + (
    Language("es", "Spanish"),
    Language("de", "German"),
)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def _family(rng: random.Random) -> str:
    name = rng.choice(FAMILIES)
    if name in ("de", "van", "der", "da"):
        name = f"{name} {rng.choice(FAMILIES[-10:])}"
    return name


class Corpus:
    """A vocabulary shared by all records of one benchmark run."""

    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.words = list(dict.fromkeys(_word(self.rng) for _ in range(40_000)))
        self.word_weights = list(accumulate(1 / (rank + 1) for rank in range(len(self.words))))
        self.topics = [f"{_word(self.rng).title()} {_word(self.rng)}" for _ in range(2_000)]
        self.topic_weights = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(2_000)))
        self.journals = [
            f"Journal of {_word(self.rng).title()} {_word(self.rng).title()}" for _ in range(500)
        ]

    def _text(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.word_weights, k=n))

    def record(self, number: int) -> Record:
        rng = self.rng
        authors = [
            Person(family=_family(rng), given=f"{rng.choice(GIVENS)} {rng.choice('ABCDEFGHJK')}")
            for _ in range(min(30, max(1, int(rng.expovariate(1 / 6)))))
        ]
        words = rng.randint(150, 300)
        share = words // len(SECTION_LABELS)
        abstract = [
            AbstractSection(label=label, text=self._text(share).capitalize() + ".")
            for label in SECTION_LABELS
        ]
        topics = [
            Topic(term=t, scheme="mesh", major=rng.random() < 0.3)
            for t in dict.fromkeys(
                rng.choices(self.topics, cum_weights=self.topic_weights, k=rng.randint(3, 12))
            )
        ]
        year = rng.randint(1950, 2026)
        first_page = rng.randint(1, 2000)
        return Record(
            type=rng.choice(TYPES),
            title=self._text(rng.randint(6, 18)).capitalize(),
            authors=authors,
            container_title=rng.choice(self.journals),
            volume=str(rng.randint(1, 120)),
            issue=str(rng.randint(1, 12)),
            page=f"{first_page}-{first_page + rng.randint(2, 20)}",
            issued=PartialDate(year, rng.randint(1, 12)),
            abstract=abstract,
            topics=topics,
            doi=f"10.{rng.randint(1000, 9999)}/bench.{number}",
            pmid=str(10_000_000 + number),
            language=rng.choice(LANGUAGES),
        )

    def records(self, count: int) -> Iterator[Record]:
        for number in range(count):
            yield self.record(number)


def dev_records(dev: Path = SHARED_DEV) -> Iterator[tuple[str, list[Record]]]:
    """``(file relative to dev, its records)`` for every file of the dev corpus, read as
    ``litsite import`` reads it (bad records left out; unreadable files give none)."""
    for fmt in DEV_FORMATS:
        folder = dev / fmt
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if not path.is_file():
                continue
            try:
                records = read_file(path, Report())
            except RecordError:
                records = []
            yield f"{fmt}/{path.name}", records
