"""The RIS reader on written and sdist fixtures, then on every RIS file of the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from litsite.model import PartialDate
from litsite.readers import read_file
from litsite.readers.ris import parse_ris_date
from litsite.report import Report
from tests.conftest import DATA

RIS = DATA / "ris"


@pytest.fixture(scope="module")
def written():
    report = Report()
    records = read_file(RIS / "written.ris", report)
    return records, report


def test_every_record_is_read_including_one_without_end_tag(written):
    records, _ = written
    assert [r.type for r in records] == ["article-journal", "book", "chapter"]


def test_missing_end_tag_is_reported_with_its_line(written):
    _, report = written
    assert [(p.record, p.line) for p in report.warnings] == [(2, 19)]
    assert "no 'ER  -' end tag" in str(report.warnings[0])


def test_accents_and_wrapped_title_survive_crlf(written):
    record = written[0][0]
    assert record.title == "Élan vital in the wrapped title"
    assert record.container_title == "Revue française"


def test_particle_stays_in_family_name(written):
    record = written[0][0]
    assert [(p.family, p.given) for p in record.authors] == [
        ("Müller", "Jürgen"),
        ("van der Berg", "Anna"),
    ]


def test_ris_date_with_empty_day(written):
    assert written[0][0].issued == PartialDate(2016, 12)


def test_issue_inside_volume_is_split(written):
    record = written[0][0]
    assert (record.volume, record.issue, record.page) == ("50", "2", "49-52")


def test_doi_url_becomes_bare_doi(written):
    assert written[0][0].doi == "10.1000/XYZ.123"


def test_several_urls_in_one_field(written):
    urls = [link.url for link in written[0][0].links]
    assert urls[:2] == ["https://a.example.org/x", "https://b.example.org/y"]


def test_several_issns_in_one_field(written):
    assert written[0][0].issn == ["1999-7777", "0222-6666"]


def test_starred_keyword_is_a_major_topic(written):
    topics = [(t.term, t.major) for t in written[0][0].topics]
    assert topics == [("Major topic", True), ("minor topic", False)]


def test_language_name_gets_its_code(written):
    assert written[0][0].language.code == "fr"


def test_a1_and_au_keep_file_order_and_ed_is_editor(written):
    chapter = written[0][2]
    assert [p.family for p in chapter.authors] == ["Zeta", "Alpha"]
    assert [p.family for p in chapter.editors] == ["Editor"]
    assert chapter.isbn == ["978-3-16-148410-0"]


def test_source_keeps_original_text_and_line(written):
    source = written[0][2].sources[0]
    assert (source.index, source.line, source.reader) == (3, 23, "ris")
    assert source.original.startswith("TY  - CHAP") and source.original.endswith("ER  - ")


def test_numbered_records_are_read():
    records = read_file(RIS / "colrev-lorem-ipsum.ris", Report())
    assert records[0].title == "Title of reference"
    assert [p.family for p in records[0].editors] == ["Glattauer"]


def test_jstor_export_header_is_ignored():
    records = read_file(RIS / "colrev-jstor.ris", Report())
    assert len(records) == 4
    assert records[0].container_title == "Random Technology"
    assert records[0].page == "30-33"


def test_latin1_file_is_decoded(tmp_path: Path):
    path = tmp_path / "latin1.ris"
    path.write_bytes("TY  - JOUR\nTI  - Café société\nER  - \n".encode("cp1252"))
    assert read_file(path, Report())[0].title == "Café société"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_cyrillic_code_page_file_is_decoded(tmp_path: Path, encoding: str):
    text = (
        "TY  - JOUR\nAU  - Толстой, Лев Николаевич\nTI  - Война и мир: история текста\n"
        "T2  - Вестник Московского университета\nPY  - 2019\nER  - \n"
    )
    path = tmp_path / "elibrary.ris"
    path.write_bytes(text.encode(encoding))
    (record,) = read_file(path, Report())
    assert (record.title, record.authors[0].family) == ("Война и мир: история текста", "Толстой")


def test_western_text_is_not_taken_for_cyrillic(tmp_path: Path):
    path = tmp_path / "latin1.ris"
    path.write_bytes("TY  - JOUR\nTI  - Naïve café\nER  - \n".encode("latin-1"))
    assert read_file(path, Report())[0].title == "Naïve café"


def test_utf16_file_is_decoded(tmp_path: Path):
    path = tmp_path / "utf16.ris"
    path.write_bytes("TY  - JOUR\r\nTI  - Ωmega\r\nER  - \r\n".encode("utf-16"))
    assert read_file(path, Report())[0].title == "Ωmega"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016/12//", PartialDate(2016, 12)),
        ("2019///", PartialDate(2019)),
        ("1998/04/27/Spring", PartialDate(1998, 4, 27, literal="Spring")),
        ("2014//", PartialDate(2014)),
    ],
)
def test_ris_dates(text, expected):
    assert parse_ris_date(text) == expected


def _provenance(shared_dev: Path) -> dict[str, int]:
    entries = json.loads((shared_dev / "PROVENANCE.json").read_text(encoding="utf-8"))
    return {e["file"].removeprefix("dev/"): e["records"] for e in entries}


def test_shared_ris_counts_match_provenance(shared_dev):
    counts = _provenance(shared_dev)
    for path in sorted((shared_dev / "ris").glob("*.ris")):
        records = read_file(path, Report())
        assert len(records) == counts[f"ris/{path.name}"], path.name


def test_shared_access_date_before_year_does_not_win(shared_dev):
    (record,) = read_file(shared_dev / "ris" / "jabref-RisImporterTestDate1.1.ris", Report())
    assert record.year == 2005


def test_shared_science_direct_date_and_greek_title(shared_dev):
    (record,) = read_file(shared_dev / "ris" / "jabref-RisImporterTestScience.ris", Report())
    assert record.issued == PartialDate(2016, 12)
    assert "ω" in record.title


def test_shared_mixed_a1_au_order(shared_dev):
    (record,) = read_file(shared_dev / "ris" / "zotero-ris-case09.ris", Report())
    assert [p.family for p in record.authors] == ["Georgiev", "Bello", "Carmi", "Cohen"]


def test_shared_two_issns_in_one_line(shared_dev):
    records = read_file(shared_dev / "ris" / "asreview-pubmed_zotero.ris", Report())
    assert any(len(r.issn) == 2 for r in records)


def test_embase_family_then_initials(tmp_path: Path):
    path = tmp_path / "embase.ris"
    path.write_text("TY  - JOUR\nA1  - Liu R.\nA1  - Adler D.G.\nA1  - A. Author-One\nER  - \n")
    people = [(p.family, p.given) for p in read_file(path, Report())[0].authors]
    assert people == [("Liu", "R."), ("Adler", "D.G."), ("Author-One", "A.")]


def test_compact_date_inside_prose():
    assert parse_ris_date("Start date: 20170812") == PartialDate(2017, 8, 12)


def test_page_placeholder_is_dropped(tmp_path: Path):
    path = tmp_path / "psycinfo.ris"
    path.write_text("TY  - JOUR\nSP  - No-Specified\nER  - \n")
    assert read_file(path, Report())[0].page == ""


def test_finer_date_of_the_same_year_wins(tmp_path: Path):
    path = tmp_path / "zotero.ris"
    path.write_text("TY  - JOUR\nPY  - 2013\nDA  - 2013/05/20/\nER  - \n")
    assert read_file(path, Report())[0].issued == PartialDate(2013, 5, 20)


def test_series_editor_of_a_journal_article_is_kept_in_extra(tmp_path: Path):
    path = tmp_path / "a3.ris"
    path.write_text("TY  - JOUR\nA2  - Editor, E.\nA3  - Series, S.\nER  - \n")
    record = read_file(path, Report())[0]
    assert ([p.family for p in record.editors], record.extra) == (
        ["Editor"],
        {"A3": ["Series, S."]},
    )


def test_pubmed_epub_date_in_edition_tag_is_a_date(tmp_path: Path):
    path = tmp_path / "pubmed.ris"
    path.write_text("TY  - JOUR\nET  - 2016/01/30\nER  - \n")
    record = read_file(path, Report())[0]
    assert (record.edition, record.dates["available-date"]) == ("", PartialDate(2016, 1, 30))


def test_initials_keep_their_dots(written):
    assert written[0][2].authors[0].given == "Z."


@pytest.fixture(scope="module")
def spec_types():
    return read_file(RIS / "spec-types.ris", Report())


def test_no_break_space_and_spaced_colon_are_kept(spec_types):
    assert spec_types[0].title == "Histoire du livre\u00a0: une introduction"
    assert spec_types[1].title == "Field notes : coastal survey"


def test_book_sp_is_its_number_of_pages_not_a_page_range(spec_types):
    book, thesis = spec_types[0], spec_types[5]
    assert (book.page, book.variables["number-of-pages"]) == ("", "674")
    assert (thesis.page, thesis.variables["number-of-pages"]) == ("", "231")


def test_article_sp_and_ep_stay_a_page_range(spec_types):
    assert spec_types[2].page == "12-19"
    assert "number-of-pages" not in spec_types[2].variables


def test_types_follow_the_ris_specification(spec_types):
    assert [r.type for r in spec_types] == [
        "book",
        "document",
        "article-journal",
        "report",
        "article-journal",
        "thesis",
    ]


def test_in_press_type_is_a_status(spec_types):
    assert spec_types[4].variables["status"] == "in press"


def test_book_name_tags_keep_their_roles(spec_types):
    book = spec_types[0]
    assert [p.family for p in book.authors] == ["Durand"]
    assert [p.family for p in book.editors] == ["Bernard"]
    assert [p.family for p in book.names["collection-editor"]] == ["Martin"]
    translator = book.names["translator"][0]
    assert (translator.family, translator.given, translator.suffix) == ("Smith", "John", "Jr.")


def test_thesis_advisor_is_a_contributor_not_an_editor(spec_types):
    thesis = spec_types[5]
    assert (thesis.editors, [p.family for p in thesis.names["contributor"]]) == ([], ["Bianchi"])


def test_print_and_electronic_issn_are_both_kept(spec_types):
    assert spec_types[2].issn == ["1234-5679", "2049-3630"]


def test_report_sn_is_its_number(spec_types):
    report = spec_types[3]
    assert (report.number, report.isbn, report.issn) == ("Working Paper No. 363", [], [])


def test_url_file_attachment_and_figure_stay_apart(spec_types):
    links = [(link.url, link.label) for link in spec_types[0].links]
    assert links == [
        ("https://example.org/livre", ""),
        ("https://example.org/livre.pdf", "File attachment"),
        ("https://example.org/figure1.png", "Figure"),
    ]
