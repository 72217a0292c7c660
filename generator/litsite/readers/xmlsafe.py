"""XML parsing that no record file can turn against the machine reading it.

Entity resolution, DTD loading and network access are off and huge trees are refused, so a file
can neither read local files (XXE), fetch URLs, nor expand entities exponentially ("billion
laughs"). A DOCTYPE line such as PubMed's is harmless under these settings.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..errors import RecordError
from ..report import Report

__all__ = ["parse_xml", "safe_xml_parser"]


def safe_xml_parser(*, recover: bool = False) -> etree.XMLParser:
    """An lxml parser that never resolves entities, loads a DTD or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )


def parse_xml(path: Path, data: bytes, report: Report) -> etree._Element:
    """The document's root element; malformed XML is one error naming the line.

    SRU responses often use a prefix (``zs:``) they never declare; that one slip is read
    anyway, with a warning, since the records inside are intact.
    """
    try:
        return etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        if "Namespace prefix" in exc.msg and "is not defined" in exc.msg:
            root = etree.fromstring(data, safe_xml_parser(recover=True))
            if root is not None:
                report.warn(RecordError(path, f"{exc.msg}; read anyway", line=exc.lineno))
                return root
        raise RecordError(path, f"not well-formed XML: {exc.msg}", line=exc.lineno) from exc
