"""Index facets: grouping, sorting and slugs."""

from __future__ import annotations

from litsite.model import PartialDate, Person, Record, Topic
from litsite.pages import indexes
from litsite.pages.indexes import build_facets as _build_facets
from litsite.pages.kinds import record_terms


def build_facets(records: list[Record], kinds: list[str], language: str):
    return _build_facets([record_terms(r) for r in records], kinds, language)


def _records(*topics: str) -> list[Record]:
    return [Record(title=f"R{n}", topics=[Topic(t)]) for n, t in enumerate(topics)]


def test_terms_differing_only_in_case_are_one_entry():
    facet = build_facets(_records("Asthma", "asthma", "ASTHMA "), ["topics"], "en")["topics"]
    assert [(t.label, t.records) for t in facet.terms] == [("Asthma", [0, 1, 2])]


def test_sorting_folds_diacritics():
    names = ["Zúñiga", "Álvarez", "Alonso", "Ortiz"]
    records = [Record(title="T", authors=[Person(family=n, given="A")]) for n in names]
    facet = build_facets(records, ["authors"], "en")["authors"]
    assert [t.label for t in facet.terms] == ["Alonso, A", "Álvarez, A", "Ortiz, A", "Zúñiga, A"]


def test_spanish_sorts_enye_after_n():
    records = _records("Ñandú", "Nube", "Oso")
    facet = build_facets(records, ["topics"], "es")["topics"]
    assert [t.label for t in facet.terms] == ["Nube", "Ñandú", "Oso"]


def test_slugs_that_clash_get_numbered():
    facet = build_facets(_records("C++", "C--", "C"), ["topics"], "en")["topics"]
    assert sorted(t.slug for t in facet.terms) == ["c", "c-2", "c-3"]


def test_slugs_are_safe_file_names():
    facet = build_facets(_records("../../etc/passwd", "CON", "a/b\\c"), ["topics"], "en")["topics"]
    assert all(t.slug.replace("-", "").isalnum() for t in facet.terms)


def test_years_run_newest_first():
    records = [Record(title="T", issued=PartialDate(year=y)) for y in (1999, 2021, 2005)]
    facet = build_facets(records, ["years"], "en")["years"]
    assert [t.label for t in facet.terms] == ["2021", "2005", "1999"]


def test_large_overviews_are_split_by_letter(monkeypatch):
    monkeypatch.setattr(indexes, "LETTER_THRESHOLD", 2)
    facet = build_facets(_records("Apple", "Avocado", "Éclair", "Banana"), ["topics"], "en")[
        "topics"
    ]
    assert {k: [t.label for t in v] for k, v in facet.groups().items()} == {
        "A": ["Apple", "Avocado"],
        "B": ["Banana"],
        "E": ["Éclair"],
    }


def test_authors_are_sections_of_letter_pages():
    records = [Record(title="T", authors=[Person(family="de Roock", given="Sytze")])]
    facet = build_facets(records, ["authors"], "en")["authors"]
    assert facet.link(facet.terms[0]) == ("authors/_d.md", "authors-de-roock-sytze")


def test_long_author_letters_split_by_two_letters(monkeypatch):
    monkeypatch.setattr(indexes, "GROUP_MAX", 1)
    names = ["Smith", "Swart", "Sánchez"]
    records = [Record(title="T", authors=[Person(family=n, given="A")]) for n in names]
    facet = build_facets(records, ["authors"], "en")["authors"]
    assert sorted(facet.groups()) == ["Sa", "Sm", "Sw"]


def test_listing_titles_render_rich_text_and_never_nest_links():
    row = {"url": "r.html", "title": "<i>E. coli</i> at https://x.org", "year": 2020}
    row |= {"authors": "", "source": "", "coins": ""}
    html = indexes.term_page([row], "en", title="T", overview_url="../", facet_title="Topics")
    assert '<a href="r.html" class="litsite-list-title"><i>E. coli</i> at https://x.org</a>' in html
