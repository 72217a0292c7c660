"""RIS export: tags per the RIS spec, read back by rispy."""

from __future__ import annotations

import re

import pytest
import rispy
from hypothesis import given, settings
from hypothesis import strategies as st

from litsite.citations.ris import LIST_TAGS, TAG_KEYS, write_ris
from litsite.model import AbstractSection, Person, Record
from tests.citations.conftest import RECORDS


def _read_back(record: Record) -> dict:
    """rispy's reading, with the tags litsite writes (rispy's table plus ED)."""
    (entry,) = rispy.loads(write_ris([record]), mapping=TAG_KEYS, list_tags=LIST_TAGS)
    return entry


def _family(person: Person) -> str:
    return " ".join(x for x in (person.non_dropping_particle, person.family) if x)


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_rispy_gives_back_the_record(name):
    record = RECORDS[name]()
    entry = _read_back(record)
    assert entry.get("title", "") == record.title
    assert entry.get("authors", []) == [
        f"{p.literal}," if p.literal else ", ".join(x for x in (_family(p), p.given, p.suffix) if x)
        for p in record.authors
    ]
    assert entry.get("year", "") == str(record.year or "")
    assert entry.get("secondary_title", "") == record.container_title
    assert entry.get("volume", "") == record.volume
    assert entry.get("number", "") == record.issue
    pages = "-".join(p for p in (entry.get("start_page"), entry.get("end_page")) if p)
    assert pages == record.page
    assert entry.get("doi", "") == record.doi


@pytest.mark.parametrize(
    ("name", "ris_type"),
    [
        ("article", "JOUR"),
        ("book", "BOOK"),
        ("chapter", "CHAP"),
        ("thesis", "THES"),
        ("webpage", "ELEC"),
        ("specials", "RPRT"),
    ],
)
def test_type_follows_the_csl_type(name, ris_type):
    assert _read_back(RECORDS[name]())["type_of_reference"] == ris_type


def test_one_au_line_per_author():
    lines = write_ris([RECORDS["many_authors"]()]).splitlines()
    assert sum(line.startswith("AU  - ") for line in lines) == 23


def test_particles_suffixes_and_organisations_stay_in_the_name():
    article = _read_back(RECORDS["article"]())
    assert article["authors"][:2] == ["van der Berg, Jan", "de Roock, Sytze"]
    assert _read_back(RECORDS["specials"]())["authors"] == ["King, Martin Luther, Jr."]
    assert _read_back(RECORDS["book"]())["authors"] == ["World Health Organization,"]


def test_editors_are_ed_lines():
    assert _read_back(RECORDS["edited_book"]())["editors"] == [
        "Petty, Ross E",
        "Laxer, Ronald M",
    ]


def test_date_keeps_its_precision():
    assert _read_back(RECORDS["article"]())["date"] == "2019/10//"


def test_journal_article_fields():
    entry = _read_back(RECORDS["article"]())
    assert entry["secondary_title"] == "Rheumatology (Oxford)"
    assert entry["issn"] == ["1462-0324", "1462-0332"]
    assert entry["publisher"] == "Oxford University Press"
    assert entry["language"] == "English"
    assert entry["keywords"] == ["Clinical Science", "Arthritis, Juvenile"]
    assert entry["urls"] == ["https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6758577/"]


def test_book_has_isbn_and_place():
    entry = _read_back(RECORDS["book"]())
    assert entry["issn"] == ["978-92-4-069481-1"]
    assert entry["place_published"] == "Geneva"


def test_line_breaks_in_values_cannot_start_a_tag():
    record = Record(title="Title\nER  - \nTY  - JOUR", authors=[Person(family="A\r\nAU  - B")])
    text = write_ris([record])
    assert [line[:2] for line in text.splitlines() if line] == ["TY", "TI", "AU", "ER"]
    assert rispy.loads(text)[0]["title"] == "Title ER - TY - JOUR"


def test_no_counter_line_before_records():
    assert write_ris([RECORDS["book"](), RECORDS["thesis"]()]).startswith("TY  - BOOK\n")


def test_records_stay_in_input_order():
    entries = rispy.loads(write_ris([RECORDS["thesis"](), RECORDS["book"]()]))
    assert [e["type_of_reference"] for e in entries] == ["THES", "BOOK"]


def test_crlf_file_reads_back():
    text = write_ris([RECORDS["article"]()]).replace("\n", "\r\n")
    assert rispy.loads(text)[0]["doi"] == "10.1093/rheumatology/kez157"


@given(title=st.text(max_size=60), family=st.text(max_size=30), abstract=st.text(max_size=80))
@settings(max_examples=150, deadline=None)
def test_any_text_stays_inside_its_record(title, family, abstract):
    record = Record(title=title, authors=[Person(family=family)])
    record.abstract = [AbstractSection(abstract)]
    entries = rispy.loads(write_ris([record, record]))
    assert len(entries) == 2
    one_line = re.sub(r"[ \t\r\n\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+", " ", title)
    assert entries[0].get("title", "") == one_line.strip()
