"""An OAI-PMH Static Repository (``oai.xml``): the collection as one XML file that a Static
Repository Gateway serves to harvesters (BASE, OpenAIRE-style aggregators) as OAI-PMH 2.0.

The file follows the Static Repository specification
(http://www.openarchives.org/OAI/2.0/guidelines-static-repository.htm): ``Identify``,
``ListMetadataFormats`` (``oai_dc`` only) and ``ListRecords`` with one ``oai_dc`` record per
record, dated at day granularity. Serialised by lxml.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .feeds import xml_text
from .richtext import plain_text

__all__ = ["OaiRecord", "static_repository", "MAX_RECORDS", "NAMESPACES"]

SR = "http://www.openarchives.org/OAI/2.0/static-repository"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {"sr": SR, "oai": OAI, "oai_dc": OAI_DC, "dc": DC, "xsi": XSI}
#: The specification's limit: gateways may refuse a larger static repository.
MAX_RECORDS = 5000
_LOCATIONS = (
    f"{SR} http://www.openarchives.org/OAI/2.0/static-repository.xsd "
    f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
)
_DC_LOCATION = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"


@dataclass(frozen=True, slots=True)
class OaiRecord:
    """One record as Dublin Core: each field a list of values, in DC's element order."""

    identifier: str
    datestamp: str
    dc: dict[str, list[str]] = field(default_factory=dict)


def _add(parent: etree._Element, namespace: str, tag: str, text: str = "") -> etree._Element:
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}")
    if text:
        element.text = xml_text(text)
    return element


def static_repository(
    *, name: str, base_url: str, email: str, earliest: str, records: list[OaiRecord]
) -> bytes:
    """The static repository document; ``earliest`` and datestamps are ``YYYY-MM-DD``."""
    root = etree.Element(
        f"{{{SR}}}Repository",
        {f"{{{XSI}}}schemaLocation": _LOCATIONS},
        nsmap={None: SR, "oai": OAI, "xsi": XSI},
    )
    identify = _add(root, SR, "Identify")
    for tag, value in (
        ("repositoryName", name),
        ("baseURL", base_url),
        ("protocolVersion", "2.0"),
        ("adminEmail", email),
        ("earliestDatestamp", earliest),
        ("deletedRecord", "no"),
        ("granularity", "YYYY-MM-DD"),
    ):
        _add(identify, OAI, tag, value)
    formats = _add(root, SR, "ListMetadataFormats")
    dc_format = _add(formats, OAI, "metadataFormat")
    _add(dc_format, OAI, "metadataPrefix", "oai_dc")
    _add(dc_format, OAI, "schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _add(dc_format, OAI, "metadataNamespace", OAI_DC)
    listing = _add(root, SR, "ListRecords")
    listing.set("metadataPrefix", "oai_dc")
    for record in records:
        item = _add(listing, OAI, "record")
        header = _add(item, OAI, "header")
        _add(header, OAI, "identifier", record.identifier)
        _add(header, OAI, "datestamp", record.datestamp)
        metadata = _add(item, OAI, "metadata")
        dc = etree.SubElement(
            metadata,
            f"{{{OAI_DC}}}dc",
            {f"{{{XSI}}}schemaLocation": _DC_LOCATION},
            nsmap={"oai_dc": OAI_DC, "dc": DC},
        )
        for tag, values in record.dc.items():
            for value in values:
                if value.strip():
                    _add(dc, DC, tag, plain_text(value) if tag == "title" else value)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)
