"""MARC 21 bibliographic records: binary ISO 2709 (``.mrc``), MARCXML and MARC-in-JSON.

pymarc decodes the binary and JSON forms (and converts MARC-8 to Unicode);
MARCXML goes through ``xmlsafe`` and becomes pymarc records too, so that one mapping,
``marc_to_record``, serves all three serialisations.
"""

from __future__ import annotations

import io
import json
import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path

from lxml import etree
from pymarc import Field, Indicators, JSONReader, Leader, Subfield
from pymarc import Record as MarcRecord
from pymarc.exceptions import PymarcException

from ..errors import RecordError
from ..model import Record, Source
from ..report import Report
from .encodings import CYRILLIC_ENCODINGS, cyrillic_encoding
from .marc_map import marc_to_record
from .xmlsafe import parse_xml

__all__ = ["MarcReader", "MarcXmlReader", "MarcJsonReader"]

_MARC_NS = "http://www.loc.gov/MARC21/slim"
#: What decoding or mapping can raise on a record that is not what MARC 21 says it is
#: (UnicodeDecodeError is a ValueError).
_RECORD_ERRORS = (PymarcException, ValueError, IndexError, KeyError, AttributeError, TypeError)


class _Complaints(logging.Handler):
    """What pymarc says about a record while decoding it (logging, warnings, MARC-8 stderr)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _pymarc_complaints() -> Iterator[_Complaints]:
    """Collect pymarc's complaints instead of letting them reach the terminal unattributed."""
    complaints = _Complaints()
    logger = logging.getLogger("pymarc")
    logger.addHandler(complaints)
    propagate, logger.propagate = logger.propagate, False
    stderr = io.StringIO()
    try:
        with warnings.catch_warnings(record=True) as caught, redirect_stderr(stderr):
            warnings.simplefilter("always")
            yield complaints
        complaints.messages += [str(w.message) for w in caught]
        complaints.messages += [line for line in stderr.getvalue().splitlines() if line.strip()]
    finally:
        logger.removeHandler(complaints)
        logger.propagate = propagate


def _mapped(
    path: Path, reader: str, records: Iterator[tuple[int, MarcRecord | None, str]], report: Report
) -> Iterator[Record]:
    """Map each pymarc record; a record that cannot be read or mapped is reported and skipped."""
    for index, marc, problem in records:
        if problem and marc is not None:
            report.warn(RecordError(path, problem, record=index))
        if marc is None:
            report.error(RecordError(path, f"unreadable MARC record: {problem}", record=index))
            continue
        source = Source(str(path), index, reader)
        try:
            yield marc_to_record(marc, source)
        except _RECORD_ERRORS as exc:
            report.error(RecordError(path, f"malformed MARC record: {exc}", record=index))


class MarcReader:
    """Binary MARC 21 (ISO 2709), MARC-8 or UTF-8."""

    name = "marc"
    suffixes = (".mrc", ".marc")

    def sniff(self, head: str) -> bool:
        # A leader: record length, then "22" (indicator and subfield-code counts) at 10-11
        # and a field terminator in the directory.
        return bool(re.match(r"\d{5}[\w ]{5}22\d{5}", head)) and "\x1e" in head

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]:
        yield from _mapped(path, self.name, _decoded(data), report)


def _decoded(data: bytes) -> Iterator[tuple[int, MarcRecord | None, str]]:
    """Records split at the record terminator, so junk between records (NULs, line ends) or
    one record's wrong length cannot shift its neighbours; pymarc decodes each one.
    """
    chunks = (c.lstrip(b"\x00\r\n\t ") for c in data.split(b"\x1d"))
    for index, chunk in enumerate((c for c in chunks if c.strip()), 1):
        encoding, note = "iso8859-1", ""
        if problem := _undeclared_encoding(chunk):
            encoding = cyrillic_encoding(re.sub(rb"\x1f.", b" ", chunk))
            if not encoding:
                yield index, None, problem
                continue
            note = (
                f"its leader says MARC-8, but its text is Cyrillic in "
                f"{CYRILLIC_ENCODINGS[encoding]}: read as such"
            )
        try:
            with _pymarc_complaints() as complaints:
                marc = MarcRecord(
                    data=chunk + b"\x1d", force_utf8=_is_utf8(chunk), file_encoding=encoding
                )
        except _RECORD_ERRORS as exc:
            yield index, None, str(exc) or type(exc).__name__
            continue
        yield index, marc, "; ".join(m for m in (note, _summary(complaints.messages)) if m)


#: Bytes MARC-8 gives a meaning to when no escape sequence changes its character sets: ASCII,
#: the non-sorting and joiner controls, ANSEL's letters and symbols, and its combining marks.
_MARC8_CONTROLS = set(b"\x88\x89\x8d\x8e")
_ANSEL_LETTERS = set(range(0xA1, 0xAF)) | set(range(0xB0, 0xBB)) | {0xBC, 0xBD}
_ANSEL = _ANSEL_LETTERS | set(range(0xC0, 0xC9)) | set(range(0xE0, 0xFC)) | {0xFE}
_COMBINING = set(range(0xE0, 0xFC)) | {0xFE}


def _undeclared_encoding(chunk: bytes) -> str:
    """Why a record whose leader says MARC-8 (position 9 blank) is in another 8-bit encoding,
    or ``""``. Without escape sequences MARC-8 uses no byte outside ANSEL, and a combining mark
    always precedes a letter; Windows-1251 Cyrillic or Latin-1 text breaks one rule or the
    other. Such a record is read in the encoding it is in where that can be told (Cyrillic
    code pages, ``encodings.cyrillic_encoding``) and refused otherwise, never read as mojibake."""
    if chunk[9:10] != b" " or chunk.isascii() or b"\x1b" in chunk or _is_utf8(chunk):
        return ""
    for position, byte in enumerate(chunk):
        if byte < 0x80 or byte in _MARC8_CONTROLS:
            continue
        after = chunk[position + 1 : position + 2]
        base = after.isalnum() or (after and (after[0] in _ANSEL_LETTERS or after[0] in _COMBINING))
        if byte not in _ANSEL or (byte in _COMBINING and not base):
            return (
                f"its leader says MARC-8 (position 9 blank), but {_field_at(chunk, position)} "
                f"holds byte 0x{byte:02X}, which MARC-8 text cannot have there: the record is in "
                "another 8-bit encoding (Latin-1? Windows-1250?). Not read; convert the file to "
                "UTF-8 (e.g. yaz-marcdump -f <encoding> -t UTF-8 -o marc -l 9=97) and read it again"
            )
    return ""


def _field_at(chunk: bytes, position: int) -> str:
    """``field 245`` when the directory says which field holds byte ``position``."""
    try:
        base = int(chunk[12:17])
        directory = chunk[24 : chunk.index(b"\x1e")]
        for entry in range(0, len(directory) - 11, 12):
            tag = directory[entry : entry + 3].decode("ascii")
            length, start = (
                int(directory[entry + 3 : entry + 7]),
                int(directory[entry + 7 : entry + 12]),
            )
            if base + start <= position < base + start + length:
                return f"field {tag}"
    except ValueError:
        pass
    return f"byte {position}"


def _summary(messages: list[str]) -> str:
    """One warning per record: the first few distinct complaints and how many there were."""
    distinct = list(dict.fromkeys(m.strip()[:100] for m in messages))
    if not distinct:
        return ""
    more = f" (and {len(distinct) - 3} more)" if len(distinct) > 3 else ""
    return "pymarc: " + "; ".join(distinct[:3]) + more


def _is_utf8(chunk: bytes) -> bool:
    """Some records are UTF-8 although their leader says MARC-8 (position 9 blank); MARC-8
    diacritics are never valid UTF-8, so non-ASCII bytes that decode as UTF-8 are taken as such.
    """
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not chunk.isascii()


class MarcXmlReader:
    """MARCXML: ``<collection>``/``<record>`` in the MARC 21 slim namespace (or none)."""

    name = "marcxml"
    suffixes = (".xml", ".marcxml")

    def sniff(self, head: str) -> bool:
        if _MARC_NS in head:
            return True
        has_record = re.search(r"<(\w+:)?(collection|record)[\s>]", head)
        return bool(has_record and re.search(r"<(\w+:)?(leader|controlfield|datafield)[\s>]", head))

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]:
        root = parse_xml(path, data, report)
        elements = [e for e in root.iter() if _local(e) == "record" and _is_marc_record(e)]
        yield from _mapped(path, self.name, _from_elements(elements), report)


def _from_elements(elements: list[etree._Element]) -> Iterator[tuple[int, MarcRecord | None, str]]:
    for index, element in enumerate(elements, 1):
        try:
            yield index, _from_xml(element), ""
        except _RECORD_ERRORS as exc:
            yield index, None, f"line {element.sourceline}: {exc}"


def _local(element: etree._Element) -> str:
    """``datafield`` from ``{ns}datafield`` or ``marc:datafield`` (an undeclared prefix, read in
    recovery mode); ``""`` for entity references, which have no tag name.
    """
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _is_marc_record(element: etree._Element) -> bool:
    """A MARC ``record`` holds fields (an SRU ``zs:record`` wrapper only holds one)."""
    return any(_local(child) in ("datafield", "controlfield", "leader") for child in element)


def _from_xml(element: etree._Element) -> MarcRecord:
    """A pymarc record from a MARCXML ``<record>`` element."""
    marc = MarcRecord()
    for child in element:
        name = _local(child)
        text = child.text or ""
        if name == "leader" and len(text) == 24:
            marc.leader = Leader(text)
        elif name == "controlfield":
            marc.add_field(Field(tag=child.get("tag", ""), data=text))
        elif name == "datafield":
            subfields = [
                Subfield(code=sub.get("code", ""), value="".join(sub.itertext()))
                for sub in child
                if _local(sub) == "subfield"
            ]
            indicators = Indicators(child.get("ind1", " "), child.get("ind2", " "))
            marc.add_field(
                Field(tag=child.get("tag", ""), indicators=indicators, subfields=subfields)
            )
    return marc


class MarcJsonReader:
    """MARC-in-JSON: one ``{"leader": ..., "fields": [...]}`` object or a list of them."""

    name = "marc-json"
    suffixes = (".json",)

    def sniff(self, head: str) -> bool:
        return head.lstrip().startswith(("{", "[")) and '"leader"' in head and '"fields"' in head

    def read(self, path: Path, data: bytes, report: Report) -> Iterator[Record]:
        from . import decode

        try:
            payload = json.loads(decode(data, path))
        except json.JSONDecodeError as exc:
            raise RecordError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from exc
        items = payload if isinstance(payload, list) else [payload]
        yield from _mapped(path, self.name, _from_json(items), report)


def _from_json(items: list) -> Iterator[tuple[int, MarcRecord | None, str]]:
    """pymarc's JSON reader, one object at a time, so one malformed object spoils only itself."""
    for index, item in enumerate(items, 1):
        try:
            (marc,) = list(JSONReader(json.dumps(item)))
        except _RECORD_ERRORS as exc:
            yield index, None, f"not a MARC-in-JSON record ({type(exc).__name__}: {exc})"
            continue
        yield index, marc, ""
