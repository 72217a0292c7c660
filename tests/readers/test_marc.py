"""The MARC readers (binary, MARCXML, MARC-in-JSON) on pymarc's files and the shared corpus."""

from __future__ import annotations

import pytest

from litsite.errors import RecordError
from litsite.readers import find_reader, read_file
from litsite.report import Report
from tests.conftest import DATA, third_party
from tests.readers.reading import read_records

MARC = DATA / "marc"


@pytest.fixture(scope="module")
def books():
    """pymarc's test.mrc: ten Library of Congress records for Perl books."""
    return read_file(third_party("marc/pymarc-test.mrc"), Report())


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("pymarc-test.mrc", "marc"),
        ("pymarc-batch.xml", "marcxml"),
        ("pymarc-batch.json", "marc-json"),
    ],
)
def test_each_serialisation_sniffed(name, reader):
    path = third_party(f"marc/{name}")
    assert find_reader(path, path.read_bytes()).name == reader


def test_every_record_in_a_binary_file_isread_records(books):
    assert len(books) == 10


def test_title_and_subtitle_without_isbd_punctuation(books):
    assert [r.title for r in books[:3]] == [
        "ActivePerl with ASP and ADO",
        "Programming the Perl DBI",
        "Perl: programmer's reference",
    ]


def test_main_and_added_entries_are_authors_in_order(books):
    assert [(p.family, p.given) for p in books[7].authors] == [
        ("Wall", "Larry"),
        ("Christiansen", "Tom"),
        ("Orwant", "Jon"),
    ]


def test_publication_statement_isbn_edition(books):
    record = books[7]
    assert (record.publisher, record.publisher_place, record.year) == (
        "O'Reilly",
        "Cambridge, Mass",
        2000,
    )
    assert (record.isbn, record.edition) == (["0596000278"], "3rd ed.")


def test_subjects_carry_their_vocabulary(books):
    assert [(t.term, t.scheme) for t in books[0].topics] == [
        ("Perl (Computer program language)", "lcsh"),
        ("Active server pages", "lcsh"),
        ("ActiveX", "lcsh"),
    ]


def test_language_type_and_control_numbers(books):
    record = books[0]
    assert (record.type, record.language.code) == ("book", "en")
    assert record.source_ids == {"marc:IMchF": "fol05731351", "lccn": "00020737"}


def test_physical_description_kept_as_extra(books):
    assert books[0].extra["physical description"][0].startswith("xxi, 289 p.")


def test_marc8_diacritics_converted_to_unicode():
    (record,), _ = read_records(MARC / "marc8.mrc")
    assert "De la solitude à la communauté" in record.note


def test_utf8_record_whose_leader_says_marc8_is_read_as_utf8():
    (record,), _ = read_records(third_party("marc/pymarc-utf8_without_leader_flag.mrc"))
    assert "De la solitude à la communauté" in record.note


def test_broken_records_reported_by_number_and_good_ones_kept():
    records, report = read_records(MARC / "bad_records.mrc")
    assert len(records) == 2
    assert [e.record for e in report.errors] == [2, 3, 4, 5, 6, 7, 9]
    assert all("unreadable MARC record" in e.message for e in report.errors)


def test_junk_between_binary_records_does_not_shift_them(tmp_path):
    records = (third_party("marc/pymarc-test.mrc")).read_bytes().split(b"\x1d")
    path = tmp_path / "junk.mrc"
    path.write_bytes(b"\x1d\x00\r\n".join(records))
    read, report = read_records(path)
    assert len(read) == 10
    assert not report.errors


def test_marcxml_and_marc_json_give_the_same_records():
    from_xml, _ = read_records(third_party("marc/pymarc-batch.xml"))
    from_json, _ = read_records(third_party("marc/pymarc-batch.json"))
    assert [(r.title, r.publisher, r.year) for r in from_xml] == [
        (r.title, r.publisher, r.year) for r in from_json
    ]
    assert [r.type for r in from_xml] == ["song", "book"]


def test_performer_of_a_sound_recording_is_its_author():
    (recording, _), _ = read_records(third_party("marc/pymarc-batch.xml"))
    assert (recording.authors[0].family, recording.authors[0].given) == ("Charles", "Ray")


def test_single_marc_json_object_is_one_record():
    (record,), _ = read_records(third_party("marc/pymarc-one.json"))
    assert record.isbn == ["0471383147"]


def test_marc_json_object_without_leader_is_reported(tmp_path):
    path = tmp_path / "two.json"
    good = (third_party("marc/pymarc-one.json")).read_text()
    path.write_text(f'[{good}, {{"fields": [], "leader_missing": true}}]')
    records, report = read_records(path)
    assert len(records) == 1
    assert [e.record for e in report.errors] == [2]


def test_marcxml_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    path = tmp_path / "hostile.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE collection [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<collection xmlns="http://www.loc.gov/MARC21/slim"><record>'
        '<datafield tag="245" ind1="0" ind2="0"><subfield code="a">Leak &x;</subfield>'
        "</datafield></record></collection>"
    )
    (record,), _ = read_records(path)
    assert "TOP-SECRET" not in record.title


# --- the shared dev corpus (../shared/data/dev/marc) -------------------------------------------

#: Records per file. PROVENANCE.md counts 2 in each jabref-* file because it counts the SRU
#: wrapper <zs:record> too; each holds one MARC record. invalid_marc_collection.xml (text before
#: the XML declaration) is rejected whole with one error.
DEV_COUNTS = {
    "jabref-MarcXMLParserTestInProceedings.xml": 1,
    "jabref-MarcXmlParserTestArticle.xml": 1,
    "jabref-MarcXmlParserTestBook.xml": 1,
    "jabref-MarcXmlParserTestNotes.xml": 1,
    "pymarc-batch.json": 2,
    "pymarc-batch.xml": 2,
    "pymarc-diacritic.mrc": 1,
    "pymarc-multi_isbn.mrc": 1,
    "pymarc-one.json": 1,
    "pymarc-one.mrc": 1,
    "pymarc-test.mrc": 10,
    "pymarc-utf8.xml": 1,
    "pymarc-utf8_without_leader_flag.mrc": 1,
    "vufind-journals.mrc": 10,
    "vufind-marc-lint-camel.mrc": 11,
    "vufind-marc-lint-record2.xml": 1,
    "vufind-marc-marc_collection.json": 2,
    "vufind-marc-marc_collection.mrc": 2,
    "vufind-marc-marc_collection.xml": 2,
    "vufind-marc-marc_collection_ns.xml": 3,
    "vufind-marc-marcreader.xml": 1,
    "vufind-marctraits.xml": 1,
    "vufind-testbug2.mrc": 1,
    "vufind-testpubfields.mrc": 1,
    "zotero-marc-case01.mrc": 1,
    "zotero-marc-case03.mrc": 1,
    "zotero-marcxml-case01.xml": 2,
    "zotero-marcxml-case02.xml": 1,
    "zotero-marcxml-case03.xml": 1,
    "zotero-marcxml-case06.xml": 1,
}


def test_dev_record_counts(shared_dev):
    paths = sorted((shared_dev / "marc").iterdir())
    counts = {p.name: len(read_records(p)[0]) for p in paths if "invalid" not in p.name}
    assert counts == DEV_COUNTS


def test_dev_invalid_collection_rejected_with_one_message(shared_dev):
    with pytest.raises(RecordError, match="not well-formed XML"):
        read_file(shared_dev / "marc" / "vufind-marc-invalid_marc_collection.xml", Report())


def test_dev_sru_response_with_undeclared_prefix_read_with_a_warning(shared_dev):
    (record,), report = read_records(shared_dev / "marc" / "jabref-MarcXmlParserTestArticle.xml")
    assert record.title == "Article 22 of the African Charter on Human and Peoples' Rights"
    assert record.page == "447-473"
    assert record.type == "chapter"
    assert record.container_title.endswith("Contemporary international law and human rights")
    assert "Namespace prefix zs" in report.warnings[0].message


def test_dev_editors_from_relator_terms(shared_dev):
    (record,), _ = read_records(shared_dev / "marc" / "zotero-marcxml-case03.xml")
    assert [(p.family, p.given) for p in record.editors] == [
        ("Sturm", "Tanja"),
        ("Köpfer", "Andreas"),
        ("Wagener", "Benjamin"),
    ]
    assert not record.authors


def test_dev_part_number_and_name_join_the_title(shared_dev):
    (record,), _ = read_records(shared_dev / "marc" / "zotero-marc-case03.mrc")
    assert (
        record.title
        == "Mathematik für Informatiker. Bd. 1: Diskrete Mathematik und lineare Algebra"
    )
    assert (record.isbn, record.language.code) == (["9783540774310"], "de")


def test_dev_subject_subdivisions_and_languages(shared_dev):
    (record,), _ = read_records(shared_dev / "marc" / "vufind-testbug2.mrc")
    (naples,) = record.topics
    assert (naples.term, naples.scheme) == ("Naples (Kingdom)", "lcsh")
    assert naples.qualifiers == ["History", "Spanish rule, 1442-1707", "Sources"]
    assert record.extra["language"] == ["ita", "lat"]


def test_dev_serials_are_periodicals_with_issn(shared_dev):
    records, _ = read_records(shared_dev / "marc" / "vufind-journals.mrc")
    assert {r.type for r in records} == {"periodical"}
    assert records[1].issn == ["0034-0049"]


def test_dev_pdf_link_from_856(shared_dev):
    (record,), _ = read_records(shared_dev / "marc" / "zotero-marcxml-case02.xml")
    assert [(x.url, x.kind) for x in record.links] == [
        ("http://www.ilo.org/public/libdoc/igo/2011/468303.pdf", "pdf")
    ]


@pytest.mark.parametrize(
    ("folder", "name", "reader"),
    [
        ("vufind", "vufind-solr-single-record.json", "vufind-solr"),
        ("vufind", "vufind-testbug2.json", "vufind-solr"),
        ("marc", "vufind-marc-marc_collection.json", "marc-json"),
        ("marc", "vufind-marctraits.xml", "marcxml"),
        ("marc", "zotero-marcxml-case06.xml", "marcxml"),
        ("pubmed-xml", "jabref-MedlineImporterTestBookArticleSet.xml", "pubmed-xml"),
    ],
)
def test_dev_json_and_xml_kinds_told_apart(shared_dev, folder, name, reader):
    path = shared_dev / folder / name
    assert find_reader(path, path.read_bytes()).name == reader


def test_marcxml_with_undeclared_prefix_read_with_a_warning(tmp_path):
    text = (third_party("marc/pymarc-batch.xml")).read_text()
    path = tmp_path / "prefixed.xml"
    path.write_text(
        text.replace("<marc:subfield", "<m:subfield").replace("</marc:subfield", "</m:subfield")
    )
    records, report = read_records(path)
    assert [r.title for r in records] == ["The Great Ray Charles", "The White House"]
    assert "Namespace prefix m" in report.warnings[0].message


def test_dev_uncontrolled_organisation_name_kept_with_its_role(shared_dev):
    (record,), _ = read_records(shared_dev / "marc" / "zotero-marcxml-case06.xml")
    assert record.extra["contributor"] == ["Meta Platforms, Inc. (data collector)"]


def test_cyrillic_record_whose_leader_says_marc8_is_read_in_its_code_page():
    records, report = read_records(MARC / "undeclared-8bit.mrc")
    assert records[0].title == "Война и мир"
    assert [(p.family, p.given) for p in records[0].authors] == [("Толстой", "Лев Николаевич")]
    (warning,) = report.warnings
    assert warning.record == 1 and "Cyrillic in Windows-1251" in str(warning)


def test_latin1_record_whose_leader_says_marc8_is_refused_by_name_not_read_as_mojibake():
    records, report = read_records(MARC / "undeclared-8bit.mrc")
    assert [r.title for r in records] == ["Война и мир", "Why we can't wait"]
    (error,) = report.errors
    assert (error.record, "field 245" in str(error)) == (3, True)
    assert "leader says MARC-8" in str(error) and "undeclared-8bit.mrc" in str(error)


def test_name_title_in_subfield_c_is_the_suffix():
    records, _ = read_records(MARC / "undeclared-8bit.mrc")
    (king,) = records[1].authors
    assert (king.family, king.given, king.suffix) == ("King", "Martin Luther", "Jr.")
