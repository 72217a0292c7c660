"""The VuFind reader on the seed record (staff view), public-only views and Solr JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from litsite.model import PartialDate
from litsite.readers import read_file, read_paths
from litsite.report import Report
from tests.conftest import DATA, SEED


@pytest.fixture(scope="module")
def seed():
    report = Report()
    (record,) = read_paths([SEED], report)
    assert not report.problems
    return record


def test_seed_authors_in_order_with_family_given_split(seed):
    names = [(p.family, p.given) for p in seed.authors]
    assert names == [
        ("Swart", "Joost F"),
        ("de Roock", "Sytze"),
        ("Nievelstein", "Rutger A J"),
        ("Slaper-Cortenbach", "Ineke C M"),
        ("Boelens", "Jaap J"),
        ("Wulffraat", "Nico M"),
    ]


def test_seed_title_type_language(seed):
    assert seed.title == (
        "Bone-marrow derived mesenchymal stromal cells infusion in therapy refractory "
        "juvenile idiopathic arthritis patients"
    )
    assert seed.type == "article-journal"
    assert (seed.language.code, seed.language.name) == ("en", "English")


def test_seed_structured_abstract_keeps_text_unchanged(seed):
    assert [s.label for s in seed.abstract] == [
        "OBJECTIVES",
        "METHODS",
        "RESULTS",
        "CONCLUSION",
        "TRIAL REGISTRATION",
    ]
    assert "VAS well-being (75–56)" in seed.abstract[2].text
    assert "stopping the ‘failing’ biologic" in seed.abstract[3].text
    assert (
        seed.abstract[4].text == "Trial register.nl, http://https://www.trialregister.nl, NTR4146."
    )


def test_seed_dates_publisher_journal_topic(seed):
    assert seed.year == 2019
    assert seed.issued == PartialDate(2019, 10)
    assert seed.dates["available-date"] == PartialDate(2019, 4, 27)
    assert seed.dates["record"] == PartialDate(2019, 10, 2)
    assert seed.publisher == "Oxford University Press"
    assert seed.container_title == "Rheumatology (Oxford)"
    assert [(t.term, t.scheme) for t in seed.topics] == [("Clinical Science", "vufind")]


def test_seed_identifiers_and_links(seed):
    assert (seed.doi, seed.pmid, seed.pmcid) == (
        "10.1093/rheumatology/kez157",
        "31070229",
        "PMC6758577",
    )
    assert {link.kind: link.url for link in seed.links} == {
        "pmc": "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6758577/",
        "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/31070229",
        "doi": "https://doi.org/10.1093/rheumatology/kez157",
    }
    assert seed.source_ids == {"vufind": "pubmed-6758577"}
    assert seed.id == "pmid-31070229"


def test_seed_licence_rights_collection_institution(seed):
    assert seed.license == "http://creativecommons.org/licenses/by-nc/4.0/"
    assert seed.rights.startswith("© The Author(s) 2019. Published by Oxford University Press")
    assert seed.extra["collection"] == ["PubMed"]
    assert seed.extra["institution"] == ["National Center for Biotechnology Information"]


def test_seed_provenance_keeps_the_original_text(seed):
    (source,) = seed.sources
    assert source.reader == "vufind-view"
    assert source.original == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["public-view-es.txt", "public-view-en.txt"])
def test_public_view_alone(name):
    report = Report()
    (record,) = read_file(DATA / "vufind" / name, report)
    assert record.title.startswith("Bone-marrow derived")
    assert [p.family for p in record.authors][:2] == ["Swart", "de Roock"]
    assert len(record.authors) == 6
    assert record.year == 2019
    assert record.publisher == "Oxford University Press"
    assert record.language.code == "en"
    assert record.doi == "10.1093/rheumatology/kez157"
    assert record.type == "article-journal"
    assert any("start of the abstract" in str(w) for w in report.warnings)


def test_truncated_staff_view_reads_what_is_there_and_warns():
    report = Report()
    (record,) = read_file(DATA / "vufind" / "truncated-staff-view.txt", report)
    assert record.title.startswith("Bone-marrow derived")
    assert len(record.authors) == 6
    assert [s.label for s in record.abstract][0] == "OBJECTIVES"
    assert any("truncated" in str(w) for w in report.warnings)


def test_every_shared_vufind_json_converts(shared_dev: Path):
    counts = {}
    for path in sorted((shared_dev / "vufind").glob("*.json")):
        report = Report()
        counts[path.name] = [r.title for r in read_file(path, report)]
        assert not report.errors
    assert (
        counts["vufind-solr-multi-record.json"][0]
        == "The new international economic order: a bibliography"
    )
    assert len(counts["vufind-solr-multi-record.json"]) == 3
    assert counts["vufind-testbug2.json"] == [
        "La congiura dei Principi Napoletani 1701: (prima e seconda stesura)"
    ]


def test_solr_single_record_secondary_author_is_editor(shared_dev: Path):
    (record,) = read_file(shared_dev / "vufind" / "vufind-solr-single-record.json", Report())
    assert [(p.family, p.given) for p in record.editors] == [("Donskis", "Leonidas")]
    assert record.isbn == ["978-90-420-3464-8"]


def test_solr_title_from_its_marc_parts_without_isbd_marks():
    records = read_file(DATA / "vufind" / "solr-isbd-titles.json", Report())
    assert records[0].title == "Histoire de la lecture: une introduction"
    assert (records[0].publisher, records[0].collection_title) == (
        "Éditions du Seuil",
        "Points. Histoire",
    )


def test_solr_edition_without_its_isbd_area_mark():
    records = read_file(DATA / "vufind" / "solr-isbd-titles.json", Report())
    assert records[0].edition == "[2e éd.]"


def test_solr_title_without_parts_keeps_its_no_break_spaces():
    records = read_file(DATA / "vufind" / "solr-isbd-titles.json", Report())
    assert records[1].title == "Le\u00a0livre\u00a0: état des lieux"
