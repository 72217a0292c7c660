"""The MEDLINE (.nbib) reader on Biopython's PubMed exports and on the shared dev corpus."""

from __future__ import annotations

import pytest

from litsite.model import PartialDate
from litsite.readers import find_reader, read_file
from litsite.readers.pubmed_common import expand_pages, parse_pubmed_date
from litsite.report import Report
from tests.conftest import DATA, SEED, third_party
from tests.readers.reading import read_records

MEDLINE = DATA / "medline"


@pytest.fixture(scope="module")
def hifu():
    """pubmed_result3.txt: one record with a structured abstract and starred MeSH qualifiers."""
    (record,) = read_file(MEDLINE / "pubmed_result3.txt", Report())
    return record


@pytest.mark.parametrize(
    ("name", "count"),
    [("pubmed_result1.txt", 1), ("pubmed_result2.txt", 4), ("pubmed_result3.txt", 1)],
)
def test_every_record_in_a_file_isread_records(name, count):
    path = MEDLINE / name
    if not path.exists():
        path = third_party(f"medline/biopython-{name.replace('.txt', '.nbib')}")
    records, report = read_records(path)
    assert len(records) == count
    assert not report.problems


def test_txt_export_is_taken_for_medline_not_a_vufind_page():
    path = third_party("medline/biopython-pubmed_result1.nbib")
    assert find_reader(path, path.read_bytes()).name == "medline"


def test_vufind_page_is_not_taken_for_medline():
    assert find_reader(SEED, SEED.read_bytes()).name == "vufind-view"


def test_full_author_names_split_into_family_and_given():
    records, _ = read_records(third_party("medline/biopython-pubmed_result2.nbib"))
    assert [(p.family, p.given) for p in records[2].authors] == [
        ("de Hoon", "M J L"),
        ("Imoto", "S"),
        ("Nolan", "J"),
        ("Miyano", "S"),
    ]


def test_title_continuation_line_joined_and_final_period_dropped(hifu):
    assert hifu.title == (
        "Effects of different parameters in the fast scanning method for HIFU treatment"
    )


def test_journal_volume_issue_expanded_pages(hifu):
    assert (hifu.container_title, hifu.container_title_short) == ("Medical physics", "Med Phys")
    assert (hifu.volume, hifu.issue, hifu.page) == ("39", "10", "5795-5813")


def test_identifiers_and_date(hifu):
    assert (hifu.pmid, hifu.doi) == ("23039619", "10.1118/1.4748329")
    assert hifu.issued == PartialDate(year=2012, month=10)
    assert hifu.issn == ["0094-2405"]
    assert (hifu.language.code, hifu.language.name) == ("en", "English")


def test_structured_abstract_sections(hifu):
    assert [s.label for s in hifu.abstract] == ["PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert hifu.abstract[0].text.startswith("High-intensity focused ultrasound is a promising")


def test_mesh_heading_with_starred_qualifier_is_a_major_topic(hifu):
    (heading,) = [t for t in hifu.topics if t.term.startswith("High-Intensity")]
    assert heading.scheme == "mesh"
    assert heading.qualifiers == ["adverse effects", "instrumentation", "methods"]
    assert heading.major


def test_mesh_heading_without_star_is_not_major(hifu):
    (humans,) = [t for t in hifu.topics if t.term == "Humans"]
    assert not humans.major


def test_publication_type_gives_csl_type_and_formats(hifu):
    assert hifu.type == "article-journal"
    assert hifu.formats == ["Journal Article", "Research Support, Non-U.S. Gov't"]


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_crlf_and_cr_line_ends_read_alike(tmp_path, newline):
    original = (third_party("medline/biopython-pubmed_result2.nbib")).read_bytes()
    path = tmp_path / "export.nbib"
    path.write_bytes(original.replace(b"\n", newline))
    records, _ = read_records(path)
    expected, _ = read_records(third_party("medline/biopython-pubmed_result2.nbib"))
    assert [(r.pmid, r.title, r.abstract) for r in records] == [
        (r.pmid, r.title, r.abstract) for r in expected
    ]


def test_windows_1252_export_decoded(tmp_path):
    text = (MEDLINE / "pubmed_result3.txt").read_text().replace("Qiao, Shan", "Qiáo, Shän")
    path = tmp_path / "export.nbib"
    path.write_bytes(text.encode("cp1252"))
    (record,), _ = read_records(path)
    assert (record.authors[0].family, record.authors[0].given) == ("Qiáo", "Shän")


def test_records_without_blank_lines_between_them_split_at_pmid(tmp_path):
    text = (third_party("medline/biopython-pubmed_result2.nbib")).read_text()
    path = tmp_path / "export.nbib"
    path.write_text("\n".join(line for line in text.splitlines() if line.strip()))
    records, _ = read_records(path)
    assert [r.pmid for r in records] == ["16403221", "16377612", "14871861", "14630660"]


def test_block_without_pmid_is_reported_and_neighbours_kept(tmp_path):
    text = (third_party("medline/biopython-pubmed_result2.nbib")).read_text()
    path = tmp_path / "export.nbib"
    path.write_text(text.replace("\n\nPMID- 14871861", "\n\nTI  - orphan title\n\nPMID- 14871861"))
    records, report = read_records(path)
    assert len(records) == 4
    (error,) = report.errors
    assert "no" in error.message and "PMID" in error.message and error.line is not None


def test_impossible_epub_date_reported_and_neighbours_kept(tmp_path):
    text = (third_party("medline/biopython-pubmed_result2.nbib")).read_text()
    path = tmp_path / "export.nbib"
    path.write_text(text.replace("DEP - 20060110", "DEP - 20061399"))
    records, report = read_records(path)
    assert len(records) == 3
    assert [e.record for e in report.errors] == [1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1996 Jul 9", PartialDate(year=1996, month=7, day=9)),
        ("2016/12//", PartialDate(year=2016, month=12)),
        ("2019 Spring", PartialDate(year=2019, season=1)),
        ("2019 Oct", PartialDate(year=2019, month=10)),
        ("1998 Dec-1999 Jan", PartialDate(year=1998, month=12)),
        ("2013 06 10", PartialDate(year=2013, month=6, day=10)),
        ("Winter", PartialDate(literal="Winter")),
    ],
)
def test_pubmed_dates(text, expected):
    assert parse_pubmed_date(text) == expected


@pytest.mark.parametrize(
    ("pages", "expected"),
    [("6913-7", "6913-6917"), ("454-81", "454-481"), ("e1001226", "e1001226"), ("67", "67")],
)
def test_abbreviated_page_ranges_expanded(pages, expected):
    assert expand_pages(pages) == expected


# --- the shared dev corpus (../shared/data/dev/medline) ----------------------------------------

#: Records per file, as ../shared/data/dev/PROVENANCE.md counts them (PMID/OWN lines).
DEV_COUNTS = {
    "biopython-pubmed_result1.nbib": 1,
    "biopython-pubmed_result2.nbib": 4,
    "colrev-eric.nbib": 1,
    "jabref-MedlinePlainImporterTestCompleteEntry.nbib": 1,
    "jabref-MedlinePlainImporterTestDOI.nbib": 1,
    "jabref-MedlinePlainImporterTestInproceeding.nbib": 1,
    "jabref-MedlinePlainImporterTestMultipleEntries.nbib": 5,
    "jabref-NbibImporterTest.nbib": 1,
    "ncbi-ctxp-PMC3362639.nbib": 1,
    "zotero-medlinenbib-case02.nbib": 2,
    "zotero-medlinenbib-case03.nbib": 1,
    "zotero-medlinenbib-case04.nbib": 1,
    "zotero-medlinenbib-case06.nbib": 1,
    "zotero-medlinenbib-case08.nbib": 2,
}


def test_dev_record_counts_match_provenance(shared_dev):
    counts = {p.name: len(read_records(p)[0]) for p in sorted((shared_dev / "medline").iterdir())}
    assert counts == DEV_COUNTS


def test_dev_junk_blocks_reported_with_their_lines(shared_dev):
    _, report = read_records(
        shared_dev / "medline" / "jabref-MedlinePlainImporterTestMultipleEntries.nbib"
    )
    assert [e.line for e in report.errors] == [55, 77]


def test_dev_particle_stays_in_family_name(shared_dev):
    article, _ = read_records(shared_dev / "medline" / "zotero-medlinenbib-case02.nbib")[0]
    assert (article.authors[0].family, article.authors[0].given) == ("van Raaij", "M J")
    assert article.pmcid == "PMC38908"


def test_dev_book_chapter_has_editors_book_and_place(shared_dev):
    _, chapter = read_records(shared_dev / "medline" / "zotero-medlinenbib-case02.nbib")[0]
    assert chapter.type == "chapter"
    assert chapter.container_title == "Cancer Syndromes"
    assert [e.family for e in chapter.editors] == [
        "Riegert-Johnson",
        "Boardman",
        "Hefferon",
        "Roberts",
    ]
    assert (chapter.publisher, chapter.publisher_place) == (
        "National Center for Biotechnology Information (US)",
        "Bethesda (MD)",
    )
    assert chapter.rights == "Copyright (c) 2009-, Douglas L Riegert-Johnson"


def test_dev_eric_thesis_with_crlf_line_ends(shared_dev):
    thesis, book = read_records(shared_dev / "medline" / "zotero-medlinenbib-case08.nbib")[0]
    assert (thesis.type, thesis.publisher, thesis.year) == ("thesis", "Drexel University", 2021)
    assert (thesis.authors[0].family, thesis.authors[0].given) == ("Leipzig", "Jeremy")
    assert thesis.source_ids["eric"] == "ED620611"
    assert (book.type, book.isbn) == ("book", ["978-1-5985-7192-9"])


def test_dev_structured_abstract_and_print_electronic_issns(shared_dev):
    (record,), _ = read_records(shared_dev / "medline" / "zotero-medlinenbib-case04.nbib")
    assert record.abstract[0].label == "OBJECTIVES"
    assert record.issn == ["1476-5616", "0033-3506"]
    assert record.doi == "10.1016/j.puhe.2015.01.018"


def test_dev_corporate_author_and_name_without_initials(shared_dev):
    (record,), _ = read_records(shared_dev / "medline" / "jabref-NbibImporterTest.nbib")
    assert (record.authors[2].family, record.authors[2].given) == ("Selvamani", "")
    assert record.authors[-1].literal == "corporater"
    assert [t.term for t in record.topics if t.scheme == "keyword"][:2] == [
        "Biomarkers",
        "electrophoresis",
    ]


def test_dev_copyright_notice_at_end_of_abstract_becomes_rights(shared_dev):
    (record,), _ = read_records(shared_dev / "medline" / "jabref-NbibImporterTest.nbib")
    assert record.abstract_text == "some things will be described"
    assert record.rights == "Copyright 2015 Tschechlov Press."


def test_unlabelled_abstract_prefix_is_not_a_label(tmp_path):
    path = tmp_path / "unlabelled.nbib"
    path.write_text("PMID- 1\nTI  - T.\nAB  - UNLABELLED: Just a dummy.\n", encoding="utf-8")
    (record,) = read_file(path, Report())
    assert [(s.label, s.text) for s in record.abstract] == [("", "Just a dummy.")]


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, [("Smith", "John A", "Jr"), ("Jones", "Robert", "III")]),
        (1, [("Smith", "J A", "Jr"), ("Brown", "J R", "")]),
    ],
)
def test_name_suffixes_in_full_and_short_names(index, expected):
    record = read_file(MEDLINE / "suffix.txt", Report())[index]
    assert [(p.family, p.given, p.suffix) for p in record.authors] == expected
