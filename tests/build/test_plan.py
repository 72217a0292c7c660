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


def test_search_filters_come_from_the_index_kinds_table():
    records = [Record(title="T", issued=PartialDate(2020), topics=[Topic("Asthma")])]
    page = _plan(records)
    names = [f["name"] for f in page._search_filters()]
    assert names == ["topic", "year", "type"]
