"""BibTeX written by litsite and read back by litsite: every field of the record comes back.

One test per cause of loss found by ``benchmarks/roundtrip.py`` on the dev corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from litsite.citations.bibtex import write_bibtex
from litsite.csl import to_csl
from litsite.model import Link, PartialDate, Person, Record, Topic
from tests.citations.conftest import read_back


def _again(record: Record, tmp_path: Path) -> Record:
    return read_back(write_bibtex([record]), "export.bib", tmp_path)


def test_full_date_is_biblatex_date_and_bibtex_year_month(tmp_path: Path):
    record = Record(type="article-journal", title="T", issued=PartialDate(2019, 10, 2))
    text = write_bibtex([record])
    assert "date = {2019-10-02}" in text
    assert "year = 2019," in text and "month = oct" in text
    assert _again(record, tmp_path).issued == PartialDate(2019, 10, 2)


def test_date_range_comes_back_whole(tmp_path: Path):
    issued = PartialDate(1999).with_end(PartialDate(2008))
    record = Record(type="book", title="Collected letters", issued=issued)
    assert "date = {1999/2008}" in write_bibtex([record])
    assert _again(record, tmp_path).issued == issued


def test_season_is_an_edtf_season(tmp_path: Path):
    record = Record(type="article-journal", title="T", issued=PartialDate(1990, season=1))
    assert "date = {1990-21}" in write_bibtex([record])
    assert _again(record, tmp_path).issued == PartialDate(1990, season=1)


def test_accessed_date_is_urldate(tmp_path: Path):
    record = Record(type="webpage", title="T", dates={"accessed": PartialDate(2022, 9, 20)})
    assert "urldate = {2022-09-20}" in write_bibtex([record])
    assert _again(record, tmp_path).dates == {"accessed": PartialDate(2022, 9, 20)}


def test_translator_and_book_author_are_biblatex_name_lists(tmp_path: Path):
    names = {
        "translator": [Person(family="Frégnac", given="Claude")],
        "container-author": [Person(family="Freud", given="Sigmund")],
    }
    record = Record(type="chapter", title="T", names=names)
    text = write_bibtex([record])
    assert "translator = {Frégnac, Claude}" in text
    assert "bookauthor = {Freud, Sigmund}" in text
    assert _again(record, tmp_path).names == names


def test_other_roles_are_typed_editors(tmp_path: Path):
    names = {
        "director": [Person(family="Doe", given="John")],
        "script-writer": [Person(family="Curtis", given="Michael")],
    }
    record = Record(type="motion_picture", title="Pilot", names=names)
    text = write_bibtex([record])
    assert "editora = {Doe, John},\n  editoratype = {director}" in text
    assert "editorb = {Curtis, Michael},\n  editorbtype = {script-writer}" in text
    assert _again(record, tmp_path).names == names


def test_csl_variables_have_biblatex_fields(tmp_path: Path):
    variables = {
        "genre": "Working paper",
        "status": "in press",
        "title-short": "Semenya",
        "number-of-pages": "248",
        "call-number": "JA71 .P756 2015",
    }
    record = Record(type="report", title="Semenya, ASA and IAAF", variables=variables)
    text = write_bibtex([record])
    for line in (
        "type = {Working paper}",
        "pubstate = {in press}",
        "shorttitle = {Semenya}",
        "pagetotal = {248}",
        "call-number = {JA71 .P756 2015}",
    ):
        assert line in text
    assert _again(record, tmp_path).variables == variables


@pytest.mark.parametrize(
    ("csl_type", "written"),
    [
        ("article-magazine", "@article{T,\n  entrysubtype = {magazine}"),
        ("article-newspaper", "@article{T,\n  entrysubtype = {newspaper}"),
        ("webpage", "@online{T,\n  title"),
        ("motion_picture", "@misc{T,\n  entrysubtype = {motion\\_picture}"),
        ("entry-dictionary", "@inreference{T,\n  entrysubtype = {dictionary}"),
    ],
)
def test_csl_type_comes_back(csl_type: str, written: str, tmp_path: Path):
    record = Record(type=csl_type, title="T")
    assert write_bibtex([record]).startswith(written)
    assert _again(record, tmp_path).type == csl_type


def test_keyword_with_a_comma_stays_one_keyword(tmp_path: Path):
    record = Record(title="T", topics=[Topic("Databases, Protein"), Topic("Algorithms")])
    assert "keywords = {{Databases, Protein}, Algorithms}" in write_bibtex([record])
    terms = [t.term for t in _again(record, tmp_path).topics]
    assert terms == ["Databases, Protein", "Algorithms"]


def test_every_link_comes_back(tmp_path: Path):
    links = [
        Link("http://eric.ed.gov/?id=ED620611", "fulltext"),
        Link("http://gateway.proquest.com/openurl?url_ver=Z39.88-2004&res_dat=xri:pqm", "other"),
        Link("https://dspace.library.uu.nl/bitstream/1874/332508/1/PNNOA_1_102.pdf", "pdf"),
    ]
    record = Record(title="T", links=links)
    text = write_bibtex([record])
    assert "url = {http://eric.ed.gov/?id=ED620611}" in text
    assert (
        "howpublished = {\\url{http://gateway.proquest.com/openurl?url_ver=Z39.88-2004&res_dat="
        "xri:pqm} \\url{https://dspace.library.uu.nl/bitstream/1874/332508/1/PNNOA_1_102.pdf}}"
    ) in text
    back = _again(record, tmp_path)
    assert sorted(x.url for x in back.links) == sorted(x.url for x in links)
    assert back.publisher == ""


def test_two_hyphens_stay_two_hyphens(tmp_path: Path):
    record = Record(title="The Bio* toolkits--a brief overview")
    assert "toolkits-{}-a" in write_bibtex([record])
    assert _again(record, tmp_path).title == "The Bio* toolkits--a brief overview"


def test_underscore_and_circumflex_come_back(tmp_path: Path):
    record = Record(title="Pipelined Radix-2^k FFT", note="<p>ASReview_not_seen</p>")
    back = _again(record, tmp_path)
    assert (back.title, back.note) == ("Pipelined Radix-2^k FFT", "<p>ASReview_not_seen</p>")


def test_rich_text_is_latex_markup():
    record = Record(title="The <i>Homo sapiens</i> genome and H<sub>2</sub>O")
    text = write_bibtex([record])
    assert "title = {The \\textit{{Homo} sapiens} genome and {H}\\textsubscript{2}{O}}" in text


def test_markup_that_does_not_nest_is_text():
    assert "title = {x</i> <i>y}" in write_bibtex([Record(title="x</i> <i>y")])


def test_licence_is_csl_license_and_a_biblatex_field(tmp_path: Path):
    record = Record(type="software", title="Scilab", license="Scilab license")
    assert to_csl(record)["license"] == "Scilab license" and "custom" not in to_csl(record)
    assert "license = {Scilab license}" in write_bibtex([record])
    assert _again(record, tmp_path).license == "Scilab license"


def test_no_break_space_is_a_tie(tmp_path: Path):
    record = Record(type="article-journal", title="T", container_title="J.\u00a0Organomet. Chem.")
    assert "journal = {J.~Organomet. Chem.}" in write_bibtex([record])
    assert _again(record, tmp_path).container_title == "J.\u00a0Organomet. Chem."
