"""Records written for these tests: the kinds of work and name a citation can get wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from litsite.model import Language, Link, PartialDate, Person, Record, Source, Topic
from litsite.readers import read_file
from litsite.report import Report


def _people(*names: str) -> list[Person]:
    """``Family|Given`` strings; a name without ``|`` is an organisation."""
    out = []
    for name in names:
        family, sep, given = name.partition("|")
        out.append(Person(family=family, given=given) if sep else Person(literal=name))
    return out


def _article() -> Record:
    return Record(
        type="article-journal",
        title="Mesenchymal stromal cells in Juvenile arthritis: a DNA study",
        authors=[
            Person(family="Berg", given="Jan", non_dropping_particle="van der"),
            Person(family="de Roock", given="Sytze"),
            Person(family="Slaper-Cortenbach", given="Ineke C M"),
            Person(family="Müller", given="Zoë"),
            Person(family="Durand", given="Jean-Pierre"),
        ],
        container_title="Rheumatology (Oxford)",
        volume="58",
        issue="10",
        page="1812-1817",
        issued=PartialDate(2019, 10),
        doi="10.1093/rheumatology/kez157",
        pmid="31070229",
        issn=["1462-0324", "1462-0332"],
        publisher="Oxford University Press",
        abstract=[],
        topics=[Topic("Clinical Science"), Topic("Arthritis, Juvenile", scheme="mesh")],
        language=Language("en", "English"),
        links=[Link("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6758577/", "pmc")],
        note="Open access",
        sources=[Source("content/test.ris", 1, "test")],
    )


def _book() -> Record:
    return Record(
        type="book",
        title="World report on ageing and health",
        authors=_people("World Health Organization"),
        publisher="WHO Press",
        publisher_place="Geneva",
        issued=PartialDate(2015),
        isbn=["978-92-4-069481-1"],
    )


def _chapter() -> Record:
    return Record(
        type="chapter",
        title="Process tracing",
        authors=_people("Bennett|Andrew", "Checkel|Jeffrey T."),
        editors=_people("Checkel|Jeffrey T."),
        container_title="Process tracing: from metaphor to analytic tool",
        publisher="Cambridge University Press",
        page="3-38",
        issued=PartialDate(2014),
    )


def _thesis() -> Record:
    return Record(
        type="thesis",
        title="Cell therapy for children",
        authors=_people("Swart|Joost F"),
        publisher="Utrecht University",
        issued=PartialDate(2020),
    )


def _webpage() -> Record:
    return Record(
        type="webpage",
        title="Juvenile idiopathic arthritis",
        authors=_people("National Health Service"),
        container_title="NHS",
        links=[Link("https://www.nhs.uk/conditions/juvenile-idiopathic-arthritis/", "fulltext")],
    )


def _many_authors() -> Record:
    return Record(
        type="article-journal",
        title="A consortium paper",
        authors=[Person(family=f"Author{n:02d}", given="A") for n in range(1, 24)],
        container_title="Nature",
        volume="1",
        issue="2",
        page="3-4",
        issued=PartialDate(2021),
        doi="10.1000/consortium",
    )


def _edited_book() -> Record:
    return Record(
        type="book",
        title="Handbook of rheumatology",
        editors=_people("Petty|Ross E", "Laxer|Ronald M"),
        publisher="Elsevier",
        issued=PartialDate(2016),
    )


def _no_author() -> Record:
    return Record(
        type="article-journal",
        title="Editorial: new year, new journal",
        container_title="The Lancet",
        volume="393",
        issue="10166",
        page="1",
        issued=PartialDate(2019, 1),
    )


def _specials() -> Record:
    return Record(
        type="report",
        title="Costs & benefits: 50% of $x_1 in C# {draft} ~ ^ \\ path",
        authors=[Person(family="King", given="Martin Luther", suffix="Jr.")],
        publisher="R&D Institute",
        number="TR_7",
        issued=PartialDate(2001),
    )


RECORDS = {
    "article": _article,
    "book": _book,
    "chapter": _chapter,
    "thesis": _thesis,
    "webpage": _webpage,
    "many_authors": _many_authors,
    "edited_book": _edited_book,
    "no_author": _no_author,
    "specials": _specials,
}


@pytest.fixture
def record(request: pytest.FixtureRequest) -> Record:
    """One record by name: ``@pytest.mark.parametrize("record", ["book"], indirect=True)``."""
    return RECORDS[request.param]()


@pytest.fixture
def records() -> dict[str, Record]:
    return {name: make() for name, make in RECORDS.items()}


def read_back(text: str, name: str, folder: Path) -> Record:
    """The one record litsite's own reader reads from an export written to ``folder/name``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    (record,) = read_file(path, Report())
    return record
