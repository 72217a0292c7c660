"""A record page's body, rendered straight from the seed record (no MkDocs)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litsite.citations import Citation, Entry
from litsite.model import AbstractSection, Person, Record, Topic
from litsite.pages.record import RecordLinks, record_body
from litsite.pages.render import linkify
from litsite.readers import read_paths
from litsite.report import Report

from ..conftest import ROOT, SEED

FORMATS = ["apa", "bibtex", "ris", "csl-json"]


def _links(**downloads: str) -> RecordLinks:
    return RecordLinks(term=lambda kind, term: f"../../{kind}/x/", downloads=downloads)


def _citation(**entries: Entry) -> Citation:
    return Citation({name.replace("_", "-"): entry for name, entry in entries.items()})


def _body(record: Record, citation: Citation | None = None, **downloads: str) -> str:
    return record_body(
        record,
        citation or _citation(),
        language="en",
        formats=FORMATS,
        links=_links(**downloads),
        root=str(ROOT),
    )


@pytest.fixture(scope="module")
def seed() -> Record:
    return read_paths([SEED], Report())[0]


def test_body_is_one_article_element(seed):
    body = _body(seed)
    assert body.startswith("<article") and body.rstrip().endswith("</article>")
    assert body.count("<article") == 1


def test_identifiers_link_to_their_resolvers(seed):
    body = _body(seed)
    assert (
        '<a href="https://doi.org/10.1093/rheumatology/kez157" rel="noopener noreferrer">' in body
    )
    assert "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6758577/" in body


def test_source_record_is_shown_collapsed_and_escaped(seed):
    body = _body(seed)
    assert '<details class="litsite-original">\n<summary>Source record</summary>' in body
    assert "Autores principales: Swart, Joost F" in body


def test_source_path_is_relative_to_the_site(seed):
    assert "<code>content/000_c1a4e26e8422d127.txt</code>" in _body(seed)


def test_cite_block_offers_selectable_text_and_download(seed):
    body = _body(
        seed, _citation(bibtex=Entry("@article{x,\n title={A}\n}")), bibtex="../pmid-31070229.bib"
    )
    assert '<textarea id="cite-bibtex-text"' in body and "readonly" in body
    assert '<a href="../pmid-31070229.bib" download="pmid-31070229.bib">' in body


def test_apa_shows_rendered_html_and_in_text_form(seed):
    html = "Swart, J. F. (2019). <i>Rheumatology</i>."
    citation = _citation(apa=Entry("", html, in_text="(Swart et al., 2019)"))
    body = _body(seed, citation)
    assert "<i>Rheumatology</i>" in body and "(Swart et al., 2019)" in body


def test_formats_with_no_text_are_left_out(seed):
    assert 'id="cite-ris"' not in _body(seed, _citation(ris=Entry("")))


def test_major_topics_are_marked():
    record = Record(title="T", topics=[Topic("Asthma", "mesh", major=True, qualifiers=["therapy"])])
    body = _body(record)
    assert "major topic" in body and "/ therapy" in body


def test_markdown_syntax_in_titles_stays_text():
    body = _body(Record(title="# Not a heading *nor emphasis*"))
    assert "<h1># Not a heading *nor emphasis*</h1>" in body


def test_author_names_are_escaped_inside_links():
    body = _body(Record(title="T", authors=[Person(family='"><b>x', given="Y")]))
    assert "&#34;&gt;&lt;b&gt;x, Y</a>" in body


def test_linkify_mends_double_scheme_and_keeps_punctuation_outside():
    html = str(linkify("see http://https://www.trialregister.nl, NTR4146."))
    link = '<a href="https://www.trialregister.nl" rel="noopener noreferrer">'
    assert html == f"see {link}https://www.trialregister.nl</a>, NTR4146."


def test_linkify_never_links_other_schemes():
    assert "<a" not in str(linkify("javascript:alert(1) data:text/html,x"))


def test_unlabelled_abstract_has_no_section_headings():
    body = _body(Record(title="T", abstract=[AbstractSection("Plain abstract.")]))
    assert "litsite-abstract-label" not in body and "Plain abstract." in body


def _tags(body: str) -> list[str]:
    """The start tags of ``body`` in order: its structure, whatever the text."""
    tags: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)

    Collect().feed(body)
    return tags


def _record_with(text: str) -> Record:
    return Record(
        title=text,
        authors=[Person(family=text, given=text)],
        container_title=text,
        abstract=[AbstractSection(text=text, label=text)],
        topics=[Topic(text)],
        publisher=text,
        extra={"field": [text]},
        license=text,
    )


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=60).filter(lambda t: t.strip() and "http" not in t.lower()))
def test_any_text_in_any_field_adds_no_markup(text):
    body = _body(_record_with(text))
    assert _tags(body) == _tags(_body(_record_with("x")))
    assert "{{" not in body and "{%" not in body


@given(text=st.text(max_size=60))
def test_no_control_characters_reach_the_page(text):
    body = _body(_record_with(text))
    assert not any(ord(ch) < 9 or 13 < ord(ch) < 32 for ch in body)


def test_apa_html_keeps_only_inline_reference_markup(seed):
    citation = _citation(
        apa=Entry("", 'A. <i>J</i>.<script>alert(1)</script><a href="javascript:x">y</a>')
    )
    body = _body(seed, citation)
    assert "A. <i>J</i>." in body and "<script" not in body and "javascript:" not in body


def _people(count: int) -> list[Person]:
    return [Person(family=f"Author{n:02d}", given="A") for n in range(1, count + 1)]


def test_authors_are_listed_once():
    body = _body(Record(title="T", authors=_people(3)))
    assert body.count("Author02, A") == 1


def test_long_author_lists_show_ten_and_the_rest_behind_show_all():
    body = _body(Record(title="T", authors=_people(64)))
    head, _, rest = body.partition('<details class="litsite-more-authors">')
    assert "Author10, A" in head and "Author11, A" not in head
    assert "<summary>Show all 64 authors</summary>" in rest
    assert "Author11, A" in rest and "Author64, A" in rest


def test_affiliations_are_numbered_once_each_in_order_of_first_appearance():
    authors = [
        Person(family="Lerro", given="C", affiliations=["NCI, Rockville, USA."]),
        Person(family="DellaValle", given="C", affiliations=["NCI, Rockville, USA.", "EWG"]),
    ]
    body = _body(Record(title="T", authors=authors))
    assert re.search(r"DellaValle, C</a><sup[^>]*>.*?1,2<span", body)
    affiliations = re.search(r"<ol>(.*?)</ol>", body, re.S)[1]
    assert re.findall(r"<li>(.*?)</li>", affiliations) == ["NCI, Rockville, USA.", "EWG"]


def test_orcid_links_to_orcid_org():
    body = _body(Record(title="T", authors=[Person(family="S", orcid="0000-0002-1825-0097")]))
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in body


def test_book_without_authors_names_its_editors_in_the_head_only():
    body = _body(Record(type="book", title="Python cookbook", editors=_people(2)))
    assert "(eds.)" in body and body.count("Author01, A") == 1
    assert "<dt>Editors</dt>" not in body


def test_rich_text_title_and_abstract_render_their_markup_and_nothing_else():
    record = Record(
        title="Growth of <i>E. coli</i> at V<sub>O2max</sub>",
        abstract=[AbstractSection("x<sup>2</sup><img src=x onerror=alert(1)>")],
    )
    body = _body(record)
    assert "Growth of <i>E. coli</i> at V<sub>O2max</sub></h1>" in body
    # Only CSL's tags are markup: anything else in the text is shown as text, never run.
    assert "x<sup>2</sup>&lt;img src=x onerror=alert(1)&gt;" in body and "<img" not in body


def test_angle_brackets_in_plain_text_stay_text():
    body = _body(Record(title="TSH <4.5 and <dna> tags"))
    assert "TSH &lt;4.5 and &lt;dna&gt; tags</h1>" in body


def test_topics_are_grouped_by_scheme_with_check_tags_apart():
    record = Record(
        title="T",
        topics=[
            Topic("Thyroid Gland", "mesh", major=True, qualifiers=["drug effects"]),
            Topic("Humans", "mesh"),
            Topic("pesticides", "keyword"),
        ],
    )
    body = _body(record)
    headings = re.findall(r"<h3>(.*?)</h3>", body.split('class="litsite-topics"')[1])
    assert headings[:3] == ["MeSH terms", "MeSH check tags", "Keywords"]
    assert '/ drug effects</span><span class="litsite-major" aria-hidden="true">*</span>' in body


def test_cite_block_is_one_tab_list_over_every_format(seed):
    citation = _citation(
        apa=Entry("A.", "A."),
        bibtex=Entry("@article{a,}"),
        ris=Entry("TY  - JOUR"),
        csl_json=Entry("[]"),
    )
    body = _body(seed, citation, bibtex="x.bib", ris="x.ris", **{"csl-json": "x.json"})
    tabs = re.search(r'<ul class="litsite-cite-tabs"[^>]*>(.*?)</ul>', body, re.S)[1]
    assert re.findall(r'href="#(cite-[a-z-]+)"', tabs) == [
        "cite-apa",
        "cite-bibtex",
        "cite-ris",
        "cite-csl-json",
    ]
    for panel in ("cite-apa", "cite-bibtex", "cite-ris", "cite-csl-json"):
        assert f'<div class="litsite-cite-format" id="{panel}" data-tabpanel>' in body
