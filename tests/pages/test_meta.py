"""Head metadata and COinS for reference managers and crawlers."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

import pytest

from litsite.build.theme import insert_head
from litsite.model import AbstractSection, Language, PartialDate, Person, Record, Topic
from litsite.pages.meta import coins, head_html, highwire_date, page_range

from .schema_org import problems


def test_page_range_gives_first_and_last_page_apart():
    assert page_range("123–130") == ("123", "130")
    assert page_range("e1234") == ("e1234", "")


def test_date_is_slash_separated_to_known_precision():
    assert highwire_date(PartialDate(2019, 4, 27)) == "2019/04/27"
    assert highwire_date(PartialDate(2019)) == "2019"


def test_head_has_separate_page_tags_and_absolute_public_url():
    record = Record(title="T", page="10-20", issued=PartialDate(2020))
    head = head_html(record, "https://x.org/records/r/", {})
    assert '<meta name="citation_firstpage" content="10">' in head
    assert '<meta name="citation_lastpage" content="20">' in head
    assert '<meta name="citation_public_url" content="https://x.org/records/r/">' in head


def test_head_omits_urls_when_the_site_url_is_unknown():
    assert "citation_public_url" not in head_html(Record(title="T"), "", {})


def test_json_ld_escapes_angle_brackets_and_ampersands():
    head = head_html(Record(title="</script><script>alert(1)</script> & co"), "", {})
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)[1]
    assert "<" not in block and "&" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script> & co"


def test_meta_content_is_attribute_escaped():
    head = head_html(Record(title='"><script>x</script>'), "", {})
    assert '<meta name="citation_title" content="&#34;&gt;&lt;script&gt;x&lt;/script&gt;">' in head


def test_alternate_links_name_each_download():
    head = head_html(Record(title="T"), "", {"bib": "../r.bib", "ris": "../r.ris"})
    assert (
        '<link rel="alternate" type="application/x-bibtex" title="BibTeX" href="../r.bib">' in head
    )
    assert 'type="application/x-research-info-systems"' in head


def test_coins_carries_authors_family_first_and_identifiers():
    record = Record(
        title="T",
        container_title="J",
        authors=[Person(family="de Roock", given="Sytze")],
        doi="10.1/x",
        pmid="1",
    )
    kev = parse_qs(coins(record))
    assert kev["rft.au"] == ["de Roock, Sytze"]
    assert kev["rft_id"] == ["info:doi/10.1/x", "info:pmid/1"]
    assert kev["rft.jtitle"] == ["J"]


def _json_ld(head: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)[1]
    return json.loads(block)


def _metas(head: str) -> list[tuple[str, str]]:
    return re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', head)


THESIS = Record(
    type="thesis",
    title="Bone marrow niches in <i>Danio rerio</i>",
    authors=[
        Person(
            family="Swart",
            given="Joost F",
            orcid="https://orcid.org/0000-0002-1825-009x",
            affiliations=["Utrecht University", "UMC Utrecht"],
        )
    ],
    publisher="Utrecht University",
    issued=PartialDate(2019, 10),
    abstract=[AbstractSection("We studied zebrafish.")],
)


def test_each_author_is_followed_by_their_institutions_and_orcid():
    tags = _metas(head_html(THESIS, "", {}))
    start = tags.index(("citation_author", "Swart, Joost F"))
    assert tags[start + 1 : start + 4] == [
        ("citation_author_institution", "Utrecht University"),
        ("citation_author_institution", "UMC Utrecht"),
        ("citation_author_orcid", "https://orcid.org/0000-0002-1825-009X"),
    ]


def test_thesis_names_its_institution_and_title_is_plain_text():
    tags = dict(_metas(head_html(THESIS, "", {})))
    assert tags["citation_dissertation_institution"] == "Utrecht University"
    assert tags["citation_title"] == "Bone marrow niches in Danio rerio"
    assert "citation_journal_title" not in tags and "citation_publisher" not in tags
    assert tags["DC.type"] == "thesis"


def test_description_is_the_abstract_never_the_site_or_citation():
    head = head_html(THESIS, "https://x.org/r.html", {}, site_name="Site", cited="Swart (2019).")
    tags = dict(_metas(head))
    assert tags["description"] == tags["citation_abstract"] == "We studied zebrafish."
    assert tags["og:description"] == "We studied zebrafish."
    assert tags["og:url"] == "https://x.org/r.html" and tags["og:site_name"] == "Site"
    bare = dict(_metas(head_html(Record(title="T"), "", {}, cited="Anon. (2019). T.")))
    assert "description" not in bare and "og:description" not in bare
    assert bare["twitter:description"] == "Anon. (2019). T."


def test_long_abstract_description_is_cut_at_a_word():
    words = " ".join(["pesticide"] * 80)
    tags = dict(_metas(head_html(Record(title="T", abstract=[AbstractSection(words)]), "", {})))
    assert len(tags["description"]) <= 301 and tags["description"].endswith("pesticide…")
    assert tags["citation_abstract"] == words


def test_theme_description_is_replaced_on_record_pages():
    page = '<head><meta name="description" content="A site.">\n</head><body></body>'
    assert insert_head(page, "<x>") == "<head><x></head><body></body>"


def test_conference_paper_and_chapter_name_their_containers():
    paper = Record(type="paper-conference", title="T", container_title="Proc. AFIPS")
    tags = _metas(head_html(paper, "", {}))
    names = [n for n, _ in tags]
    assert names.index("citation_inbook_title") < names.index("citation_conference_title")
    chapter = dict(
        _metas(head_html(Record(type="chapter", title="T", container_title="B"), "", {}))
    )
    assert chapter["citation_inbook_title"] == "B"


@pytest.mark.parametrize(
    "record",
    [
        THESIS,
        Record(
            type="article-journal",
            title="T",
            container_title="J",
            issn=["1234-5678"],
            volume="4",
            issue="2",
            page="10-20",
            doi="10.1/x",
            license="https://creativecommons.org/licenses/by/4.0/",
            topics=[Topic("Humans", "mesh")],
        ),
        Record(
            type="book", title="B", isbn=["0596001673"], edition="2nd ed.", publisher="O'Reilly"
        ),
        Record(type="chapter", title="C", container_title="B", page="3-9", editors=[Person("E")]),
        Record(type="report", title="R", publisher="WHO", language=Language("en", "English")),
    ],
    ids=["thesis", "article", "book", "chapter", "report"],
)
def test_json_ld_is_valid_schema_org(record):
    data = _json_ld(head_html(record, "https://x.org/r.html", {}))
    assert problems(data) == []


def test_schema_org_checker_finds_what_is_not_schema_org():
    found = problems(
        {
            "@type": "Book",
            "pageStart": "1",
            "colour": "red",
            "license": "CC BY",
            "author": {"@type": "Periodical", "name": "x"},
        }
    )
    assert len(found) == 4, found


def test_json_ld_puts_an_article_in_its_issue_volume_and_journal():
    record = Record(title="T", container_title="J", issn=["1234-5678"], volume="4", issue="2")
    part = _json_ld(head_html(record, "", {}))["isPartOf"]
    assert part["@type"] == "PublicationIssue" and part["issueNumber"] == "2"
    assert part["isPartOf"]["volumeNumber"] == "4"
    assert part["isPartOf"]["isPartOf"] == {
        "@type": "Periodical",
        "name": "J",
        "issn": ["1234-5678"],
    }


def test_every_record_page_of_the_default_site_has_valid_schema_org(default_site):
    for page in sorted((default_site / "records").glob("*.html")):
        assert problems(_json_ld(page.read_text("utf-8"))) == [], page.name
