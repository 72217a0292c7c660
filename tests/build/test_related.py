"""Related records: shared topics (MeSH major topics weigh more), authors and rare words, from
bounded candidate lists."""

from __future__ import annotations

import json

import html5lib

from litsite.build.related import MAX_POSTINGS, related_records
from litsite.build.summary import summarize
from litsite.model import Person, Record, Topic

from ..site_helpers import build_site, make_site, record_page


def _record(title: str, topics: list[Topic], authors: list[str]) -> Record:
    return Record(title=title, topics=topics, authors=[Person(family=a) for a in authors])


def test_two_shared_features_relate_records_and_one_does_not():
    records = [
        _record("Zeta", [Topic("Asthma", "mesh", major=True), Topic("Children")], ["Ng"]),
        _record("Eta", [Topic("Asthma", "mesh"), Topic("Adults")], ["Ng"]),
        _record("Theta", [Topic("Asthma")], ["Roe"]),
        _record("Iota", [Topic("children"), Topic("Asthma")], ["Poe"]),
    ]
    related = related_records([summarize(r) for r in records])
    assert related == [[1, 3], [0], [], [0]]


def test_a_major_topic_weighs_more_than_a_minor_one():
    records = [
        _record("A", [Topic("Asthma", "mesh", major=True), Topic("Ozone", "mesh")], ["Ng"]),
        _record("B", [Topic("Ozone", "mesh")], ["Ng"]),
        _record("C", [Topic("Asthma", "mesh")], ["Ng"]),
        _record("D", [Topic("Ozone", "mesh"), Topic("Asthma", "mesh")], ["Lu"]),
    ]
    # C (major Asthma + Ng) and D (major Asthma + Ozone) tie, above B (Ozone + Ng).
    assert related_records([summarize(r) for r in records])[0] == [2, 3, 1]


def test_rare_title_words_count_and_common_features_are_not_candidates():
    common = [Topic("Everything")]
    records = [_record(f"Record {n}", common, [f"Author {n}"]) for n in range(MAX_POSTINGS + 5)]
    records += [
        _record("Pyrosequencing of soil microbiomes", common, ["X"]),
        _record("Soil microbiomes by pyrosequencing", common, ["Y"]),
    ]
    related = related_records([summarize(r) for r in records])
    assert related[:-2] == [[]] * (MAX_POSTINGS + 5)
    assert related[-2:] == [[len(records) - 1], [len(records) - 2]]


def test_the_record_page_lists_related_records(tmp_path):
    items = [
        {
            "id": "a",
            "title": "Ozone and asthma",
            "keyword": "ozone, asthma",
            "author": [{"family": "Ng"}],
            "issued": {"date-parts": [[2020]]},
        },
        {
            "id": "b",
            "title": "Asthma in cities",
            "keyword": "ozone, asthma",
            "author": [{"family": "Lu"}],
            "issued": {"date-parts": [[2021]]},
        },
        {
            "id": "c",
            "title": "Something else",
            "keyword": "birds",
            "author": [{"family": "Ng"}],
            "issued": {"date-parts": [[2019]]},
        },
    ]
    source = tmp_path / "in" / "items.json"
    source.parent.mkdir()
    source.write_text(json.dumps(items), "utf-8")
    site = build_site(make_site(tmp_path / "site", records=[source]))
    page = html5lib.parse(record_page(site, "a"), namespaceHTMLElements=False)
    section = page.find(".//section[@class='litsite-related']")
    assert section.find("h2").text == "Related records (1)"
    assert [(a.get("href"), a.text) for a in section.iter("a")] == [("../b/", "Asthma in cities")]
    assert page.find(".//section[@class='litsite-related']") is not None
    other = html5lib.parse(record_page(site, "c"), namespaceHTMLElements=False)
    assert other.find(".//section[@class='litsite-related']") is None
