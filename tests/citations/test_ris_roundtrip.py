"""RIS written by litsite and read back by litsite: every field RIS has a place for comes back.

One test per cause of loss found by ``benchmarks/roundtrip.py`` on the dev corpus.
"""

from __future__ import annotations

from pathlib import Path

from litsite.citations.ris import write_ris
from litsite.model import Link, PartialDate, Person, Record
from tests.citations.conftest import read_back


def _again(record: Record, tmp_path: Path) -> Record:
    return read_back(write_ris([record]), "export.ris", tmp_path)


def _lines(record: Record) -> list[str]:
    return write_ris([record]).splitlines()


def test_editors_series_editors_and_translators_keep_their_roles(tmp_path: Path):
    record = Record(
        type="book",
        title="Textbook of pediatric rheumatology",
        editors=[Person(family="Petty", given="Ross E")],
        names={
            "collection-editor": [Person(family="Editor", given="Series")],
            "translator": [Person(family="Frégnac", given="Claude")],
        },
    )
    lines = _lines(record)
    assert "ED  - Petty, Ross E" in lines
    assert "A2  - Editor, Series" in lines
    assert "A4  - Frégnac, Claude" in lines
    back = _again(record, tmp_path)
    assert (back.editors, back.names) == (record.editors, record.names)


def test_film_director_is_the_author_tag(tmp_path: Path):
    names = {"director": [Person(family="Kubrick", given="Stanley")]}
    record = Record(type="motion_picture", title="Dr. Strangelove", names=names)
    assert "AU  - Kubrick, Stanley" in _lines(record)
    assert _again(record, tmp_path).names == names


def test_every_issn_and_link_on_its_own_line(tmp_path: Path):
    record = Record(
        type="article-journal",
        title="T",
        issn=["1462-0324", "1462-0332"],
        links=[
            Link("https://lens.org/106-059-195-106-980", "other"),
            Link("https://www.nature.com/articles/s42256-020-00287-7", "publisher"),
        ],
    )
    lines = _lines(record)
    assert [x for x in lines if x.startswith("SN")] == ["SN  - 1462-0324", "SN  - 1462-0332"]
    assert len([x for x in lines if x.startswith("UR  - ")]) == 2
    back = _again(record, tmp_path)
    assert back.issn == record.issn
    assert sorted(x.url for x in back.links) == sorted(x.url for x in record.links)


def test_short_title_dates_and_catalogue_fields(tmp_path: Path):
    record = Record(
        type="article-journal",
        title="Psychological distress and the intersection of gender and physical disability",
        container_title="Journal of Health and Social Behavior",
        container_title_short="J Health Soc Behav",
        dates={"accessed": PartialDate(2022, 9, 20)},
        variables={
            "title-short": "Psychological distress",
            "call-number": "JA71 .P756 2015",
            "source": "SAGE Journals",
            "citation-key": "brown2014",
        },
    )
    lines = _lines(record)
    for line in (
        "J2  - J Health Soc Behav",
        "Y2  - 2022/09/20/",
        "ST  - Psychological distress",
        "CN  - JA71 .P756 2015",
        "DB  - SAGE Journals",
        "ID  - brown2014",
    ):
        assert line in lines
    back = _again(record, tmp_path)
    assert back.container_title_short == record.container_title_short
    assert back.dates == record.dates
    assert back.variables == record.variables


def test_note_lines_are_n1_lines(tmp_path: Path):
    note = "Export Date: 18 November 2019\nCODEN: PSYCD"
    record = Record(title="T", note=note)
    assert [x for x in _lines(record) if x.startswith("N1")] == [
        "N1  - Export Date: 18 November 2019",
        "N1  - CODEN: PSYCD",
    ]
    assert _again(record, tmp_path).note == note


def test_one_part_names_stay_one_name(tmp_path: Path):
    authors = [Person(family="Selvamani"), Person(literal="ASTRO-CM Team")]
    record = Record(type="article-journal", title="T", authors=authors)
    assert [x for x in _lines(record) if x.startswith("AU")] == [
        "AU  - Selvamani,",
        "AU  - ASTRO-CM Team,",
    ]
    assert [p.family for p in _again(record, tmp_path).authors] == ["Selvamani", "ASTRO-CM Team"]


def test_no_break_space_is_kept(tmp_path: Path):
    record = Record(title="T", abstract=[], note="Funding text\u00a01:\u00a0Funded by the DFG")
    assert _again(record, tmp_path).note == "Funding text\u00a01:\u00a0Funded by the DFG"


def test_pages_that_are_not_one_range_stay_whole(tmp_path: Path):
    record = Record(type="article-journal", title="T", page="431-456, 791-823")
    assert "SP  - 431-456, 791-823" in _lines(record)
    assert _again(record, tmp_path).page == "431-456, 791-823"


def test_a_year_with_no_date_in_it_is_kept(tmp_path: Path):
    record = Record(type="article-journal", title="T", issued=PartialDate(literal="in press"))
    assert "PY  - in press" in _lines(record)
    assert _again(record, tmp_path).issued == PartialDate(literal="in press")
