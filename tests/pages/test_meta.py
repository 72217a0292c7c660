"""Head metadata and COinS for reference managers and crawlers."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

from litsite.model import PartialDate, Person, Record
from litsite.pages.meta import coins, head_html, highwire_date, page_range


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
    head = head_html(Record(title="T"), "", {"bibtex": "../r.bib", "ris": "../r.ris"})
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
