"""Atom feeds in a built site: parsed by feedparser, checked against RFC 4287's required
elements, bounded, and linked from the pages they follow."""

from __future__ import annotations

import json

import feedparser
import html5lib
from lxml import etree

from litsite.build.plan import SitePlan
from litsite.build.sitewide import SiteWide, feed_files
from litsite.build.summary import summarize
from litsite.model import AbstractSection, PartialDate, Person, Record, Topic

from ..site_helpers import build_site, make_site

ATOM = "{http://www.w3.org/2005/Atom}"
RECORDS = [
    {
        "id": "old",
        "type": "article-journal",
        "title": "Older <i>in vitro</i> work",
        "author": [{"family": "Ng", "given": "Ada"}],
        "container-title": "Journal of Tests",
        "keyword": "Feeds",
        "issued": {"date-parts": [[2001, 5]]},
        "abstract": "Word " * 100,
        "DOI": "10.1000/old",
    },
    {
        "id": "new",
        "type": "article-journal",
        "title": "Newer work\u0001 with a control character",
        "author": [{"family": "Ng", "given": "Ada"}, {"family": "Roe", "given": "Bo"}],
        "container-title": "Journal of Tests",
        "keyword": "Feeds",
        "issued": {"date-parts": [[2020, 2, 3]]},
    },
]


def _site(tmp_path):
    records = tmp_path / "in" / "records.json"
    records.parent.mkdir()
    records.write_text(json.dumps(RECORDS), "utf-8")
    config = make_site(tmp_path / "site", records=[records], site_url="https://example.org/lit/")
    return build_site(config)


def _check_rfc4287(data: bytes) -> etree._Element:
    """The elements RFC 4287 requires of a feed and its entries (sections 4.1.1, 4.1.2)."""
    feed = etree.fromstring(data)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    entries = feed.findall(f"{ATOM}entry")
    assert feed.findall(f"{ATOM}author") or all(e.findall(f"{ATOM}author") for e in entries)
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.findall(f"{ATOM}link[@rel='alternate']") or entry.findall(f"{ATOM}content")
    return feed


def test_the_site_feed_lists_the_newest_records_first(tmp_path):
    site = _site(tmp_path)
    data = (site / "feed.xml").read_bytes()
    _check_rfc4287(data)
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert parsed.feed.title == "Test site"
    assert [e.title for e in parsed.entries] == [
        "Newer work with a control character",
        "Older in vitro work",
    ]
    newer, older = parsed.entries
    assert newer.link == "https://example.org/lit/records/new/"
    assert newer.id == "https://example.org/lit/records/new/"
    assert newer.updated == "2020-02-03T00:00:00Z"
    assert [a.name for a in newer.authors] == ["Ng, Ada", "Roe, Bo"]
    assert older.summary == "Word " * 59 + "Word …"
    assert parsed.feed.updated == "2020-02-03T00:00:00Z"


def test_topic_author_and_journal_feeds_are_linked_from_their_pages(tmp_path):
    site = _site(tmp_path)
    topic = (site / "topics/feeds/index.html").read_text("utf-8")
    head = html5lib.parse(topic, namespaceHTMLElements=False).find("head")
    link = head.find("link[@type='application/atom+xml']")
    assert (link.get("rel"), link.get("href")) == ("alternate", "../feeds.xml")
    parsed = feedparser.parse((site / "topics/feeds.xml").read_bytes())
    assert parsed.bozo == 0
    assert parsed.feed.title == "Test site: Topics: Feeds"
    assert parsed.feed.link == "https://example.org/lit/topics/feeds/"
    assert len(parsed.entries) == 2
    journal = feedparser.parse((site / "journals/journal-of-tests.xml").read_bytes())
    assert [e.link for e in journal.entries] == [
        "https://example.org/lit/records/new/",
        "https://example.org/lit/records/old/",
    ]
    roe = feedparser.parse((site / "authors/roe-bo.xml").read_bytes())
    assert [e.title for e in roe.entries] == ["Newer work with a control character"]
    letter = (site / "authors/_r/index.html").read_text("utf-8")
    assert 'href="../roe-bo.xml" type="application/atom+xml"' in letter


def test_the_home_page_names_the_site_feed(tmp_path):
    home = (_site(tmp_path) / "index.html").read_text("utf-8")
    head = html5lib.parse(home, namespaceHTMLElements=False).find("head")
    link = head.find("link[@type='application/atom+xml']")
    assert (link.get("rel"), link.get("href"), link.get("title")) == (
        "alternate",
        "feed.xml",
        "Test site",
    )


def test_a_feed_holds_the_newest_fifty_with_relative_links_without_site_url():
    records = [
        Record(
            id=f"r{n}",
            title=f"Record {n}",
            authors=[Person(family="Ng")],
            issued=PartialDate(year=1900 + n),
            topics=[Topic("Everything")],
            abstract=[AbstractSection("Text.")],
        )
        for n in range(60)
    ]
    plan = SitePlan(
        [summarize(r) for r in records],
        site_name="S",
        kinds=["topics"],
        formats=["bibtex"],
        language="en",
        directory_urls=False,
    )
    files = feed_files(plan, SiteWide(site_url="", build_date="2026-01-01"))
    assert sorted(files) == ["feed.xml", "topics/everything.xml"]
    parsed = feedparser.parse(
        files["topics/everything.xml"],
        response_headers={
            "content-location": "http://host/site/topics/everything.xml",
            "content-type": "application/atom+xml",
        },
    )
    assert parsed.bozo == 0
    assert len(parsed.entries) == 50
    assert parsed.entries[0].title == "Record 59"
    assert parsed.entries[-1].title == "Record 10"
    assert parsed.entries[0].link == "http://host/site/records/r59.html"
    assert parsed.entries[0].id.startswith("urn:uuid:")
    _check_rfc4287(files["feed.xml"])


def test_home_and_term_pages_chart_records_per_year(tmp_path):
    site = _site(tmp_path)
    svg = "{http://www.w3.org/2000/svg}"
    home = html5lib.parse((site / "index.html").read_text("utf-8"), namespaceHTMLElements=False)
    titles = [t.text for t in home.iterfind(f".//figure//{svg}title")]
    assert (len(titles), titles[0], titles[-1]) == (20, "2001: 1 record", "2020: 1 record")
    topic = html5lib.parse(
        (site / "topics/feeds/index.html").read_text("utf-8"), namespaceHTMLElements=False
    )
    rows = [[td.text for td in tr.findall("td")] for tr in topic.iterfind(".//figure//tbody/tr")]
    assert rows == [["2001", "1"], ["2020", "1"]]
