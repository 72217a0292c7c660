"""The OAI-PMH static repository (``oai.xml``), checked against the structure the Static
Repository specification and the OAI-PMH 2.0 / oai_dc schemas require (the XSDs are not
vendored: their element order and vocabularies are restated here)."""

from __future__ import annotations

import json
import re

from lxml import etree

from litsite.pages.oai import NAMESPACES

from ..site_helpers import build_site, make_site

SR, OAI, DC = (f"{{{NAMESPACES[k]}}}" for k in ("sr", "oai", "dc"))
#: Identify's children, in the order OAI-PMH.xsd's identifyType requires (the optional
#: compression and description elements are not written).
IDENTIFY = [
    "repositoryName",
    "baseURL",
    "protocolVersion",
    "adminEmail",
    "earliestDatestamp",
    "deletedRecord",
    "granularity",
]
#: The fifteen Dublin Core elements, the only ones oai_dc allows.
DC_ELEMENTS = set(
    "title creator subject description publisher contributor date type format identifier "
    "source language relation coverage rights".split()
)
RECORDS = [
    {
        "id": "one",
        "type": "article-journal",
        "title": "A <i>study</i>\u0002",
        "author": [{"family": "Ng", "given": "Ada"}],
        "container-title": "Journal of Tests",
        "keyword": "testing",
        "DOI": "10.1000/one",
        "issued": {"date-parts": [[2019, 4]]},
        "abstract": "What was found.",
    },
    {"id": "two", "type": "book", "title": "A book", "issued": {"date-parts": [[2001]]}},
]


def _site(tmp_path, **plugin):
    records = tmp_path / "in" / "records.json"
    records.parent.mkdir()
    records.write_text(json.dumps(RECORDS), "utf-8")
    config = make_site(
        tmp_path / "site", records=[records], plugin=plugin, site_url="https://lit.example.org/"
    )
    return build_site(config)


def test_the_static_repository_has_the_structure_the_specification_requires(tmp_path):
    site = _site(
        tmp_path, oai_email="curator@example.org", oai_gateway="https://gw.example.net/oai/"
    )
    root = etree.parse(str(site / "oai.xml")).getroot()
    assert root.tag == f"{SR}Repository"
    assert [c.tag for c in root] == [
        f"{SR}Identify",
        f"{SR}ListMetadataFormats",
        f"{SR}ListRecords",
    ]
    identify = root.find(f"{SR}Identify")
    assert [c.tag for c in identify] == [f"{OAI}{name}" for name in IDENTIFY]
    values = {c.tag[len(OAI) :]: c.text for c in identify}
    assert values["baseURL"] == "https://gw.example.net/oai/lit.example.org/oai.xml"
    assert values["protocolVersion"] == "2.0"
    assert values["adminEmail"] == "curator@example.org"
    assert values["granularity"] == "YYYY-MM-DD"
    assert values["deletedRecord"] == "no"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["earliestDatestamp"])
    (fmt,) = root.find(f"{SR}ListMetadataFormats")
    assert [c.text for c in fmt] == [
        "oai_dc",
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        "http://www.openarchives.org/OAI/2.0/oai_dc/",
    ]
    listing = root.find(f"{SR}ListRecords")
    assert listing.get("metadataPrefix") == "oai_dc"
    records = listing.findall(f"{OAI}record")
    assert [r.findtext(f"{OAI}header/{OAI}identifier") for r in records] == [
        "oai:lit.example.org:one",
        "oai:lit.example.org:two",
    ]
    for record in records:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record.findtext(f"{OAI}header/{OAI}datestamp"))
        (dc,) = record.find(f"{OAI}metadata")
        assert dc.tag == "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
        assert {child.tag[len(DC) :] for child in dc} <= DC_ELEMENTS


def test_a_record_as_dublin_core(tmp_path):
    site = _site(tmp_path, oai_email="curator@example.org")
    root = etree.parse(str(site / "oai.xml")).getroot()
    dc = root.find(f".//{OAI}record/{OAI}metadata")[0]
    found: dict[str, list[str]] = {}
    for child in dc:
        found.setdefault(child.tag[len(DC) :], []).append(child.text)
    assert found == {
        "title": ["A study"],
        "creator": ["Ng, Ada"],
        "subject": ["testing"],
        "description": ["What was found."],
        "date": ["2019-04"],
        "type": ["article-journal"],
        "identifier": ["https://lit.example.org/records/one/", "https://doi.org/10.1000/one"],
        "source": ["Journal of Tests"],
    }
    identify = root.find(f"{SR}Identify")
    assert identify.findtext(f"{OAI}baseURL") == "https://lit.example.org/oai.xml"


def test_no_administrator_no_repository(tmp_path):
    assert not (_site(tmp_path) / "oai.xml").exists()
