"""The page plan: which pages exist, in what order records are listed."""

from __future__ import annotations

from litsite.build.plan import SitePlan
from litsite.build.summary import summarize
from litsite.model import PartialDate, Person, Record, Topic


def _plan(records: list[Record], **options) -> SitePlan:
    for n, record in enumerate(records):
        record.id = record.id or f"r{n}"
    settings = {
        "site_name": "Site",
        "kinds": ["topics", "authors", "years", "journals", "types"],
        "formats": ["apa", "bibtex", "ris", "csl-json"],
        "language": "en",
        "directory_urls": True,
        **options,
    }
    return SitePlan([summarize(r) for r in records], **settings)


def test_listings_run_newest_first_by_full_date():
    records = [
        Record(title="October", issued=PartialDate(2019, 10), topics=[Topic("Bone")]),
        Record(title="November", issued=PartialDate(2019, 11, 2), topics=[Topic("Bone")]),
        Record(title="Undated", topics=[Topic("Bone")]),
    ]
    (term,) = [p for p in _plan(records).listing_pages() if p.uri == "topics/bone.md"]
    assert [row["title"] for _, row in term.entries] == ["November", "October", "Undated"]


def test_a_record_page_links_to_where_its_terms_are_listed():
    record = Record(title="T", authors=[Person(family="de Roock", given="Sytze")])
    (page,) = _plan([record]).record_pages()
    assert page.links[("authors", "de Roock, Sytze")] == "authors/_d/#authors-de-roock-sytze"


def test_a_docs_file_at_a_generated_path_wins():
    plan = _plan([Record(title="T", id="x")], taken={"records/x.md"})
    assert list(plan.record_pages()) == [] and plan.skipped == ["records/x.md"]


def test_search_page_names_facet_values_in_the_interface_language():
    records = [
        Record(title="T", type="article-journal", topics=[Topic("Asthma", scheme="mesh")]),
    ]
    labels = _plan(records, language="es")._search_labels()
    assert labels["type"] == {"article-journal": "Artículo de revista"}
    assert labels["group"] == {"mesh": "Términos MeSH"}


def test_search_documents_run_newest_first():
    records = [
        Record(title="Old", issued=PartialDate(2001)),
        Record(title="New", issued=PartialDate(2020, 5)),
    ]
    assert [d.title for d in _plan(records).search_docs()] == ["New", "Old"]
