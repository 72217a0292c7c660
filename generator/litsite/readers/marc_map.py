"""MARC 21 bibliographic fields -> the canonical record, whichever serialisation they came in.

The tables say which tag means what; the functions only strip ISBD punctuation (``Title :
subtitle /``) that catalogues write for cards and citations must not repeat.
"""

from __future__ import annotations

import re
import unicodedata

from pymarc import Field, Subfield
from pymarc import Record as MarcRecord

from ..model import AbstractSection, Link, Person, Record, Source, Topic
from ..normalize import (
    classify_url,
    clean_doi,
    collapse_layout_space,
    is_name_suffix,
    normalize,
    parse_date,
    parse_language,
    parse_name,
)

__all__ = ["marc_to_record", "strip_isbd", "LEADER_TYPES", "SUBJECT_SCHEMES"]

#: Leader/06 (type of record) -> CSL type; language material is refined by leader/07.
LEADER_TYPES = {
    "a": "book",
    "t": "manuscript",
    "c": "musical_score",
    "d": "musical_score",
    "e": "map",
    "f": "map",
    "g": "motion_picture",
    "i": "song",
    "j": "song",
    "k": "graphic",
    "o": "document",
    "p": "document",
    "r": "document",
}
#: Leader/07 (bibliographic level) for language material and computer files: a serial, a part
#: of a host item, or an integrating resource (a website).
_LEVEL_TYPES = {
    "s": "periodical",
    "a": "article-journal",
    "b": "article-journal",
    "i": "webpage",
}
#: Second indicator of 6XX -> subject vocabulary (7 means: named in $2).
SUBJECT_SCHEMES = {
    "0": "lcsh",
    "1": "lcshac",
    "2": "mesh",
    "3": "nal",
    "4": "local",
    "5": "cash",
    "6": "rvm",
}
_EDITOR_ROLES = {"edt", "editor", "ed", "ed.", "eds.", "hrsg", "hrsg.", "herausgeber"}
_AUTHOR_ROLES = {
    "aut",
    "author",
    "verfasser",
    "verfasserin",
    "cre",
    "creator",
    "prf",
    "performer",
    "cmp",
    "composer",
}
#: Words whose final period is part of the word, not ISBD punctuation.
_ABBREVIATIONS = set(
    "inc ltd co corp bros ed eds aufl bd hrsg etc jr sr st dept univ vol no pt".split()
)
_ISBD_END = re.compile(r"[\s/:;,=.]+$")


def strip_isbd(text: str) -> str:
    """``Title :`` -> ``Title``, ``Title. -`` -> ``Title``: the ISBD mark closing a catalogue
    field; an abbreviation keeps its period (``Inc.``, ``J. B.``)."""
    text = collapse_layout_space(text)
    text = re.sub(r"(\s+-+|[\s/:;,=])+$", "", text)
    if re.search(r"[\])]\.$", text):
        return text[:-1]  # "[1st ed.]." : a period after a bracket closes the area
    last = text.rsplit(" ", 1)[-1].rstrip(".").casefold()
    initial = len(last) == 1 and last.isalpha()
    if text.endswith(".") and (initial or last in _ABBREVIATIONS or "." in last):
        return text
    return _ISBD_END.sub("", text)


def _subfields(field: Field, codes: str) -> list[str]:
    return [strip_isbd(v) for v in field.get_subfields(*codes) if strip_isbd(v)]


def _first(marc: MarcRecord, tags: str, codes: str) -> str:
    for field in marc.get_fields(*tags.split()):
        if values := _subfields(field, codes):
            return values[0]
    return ""


def _title(marc: MarcRecord) -> str:
    """245 $a, then ``: $b``, then part number and name ($n $p) as ``. Bd. 1: Name``."""
    field = marc.get("245")
    if field is None:
        return ""
    title = strip_isbd(field.get("a") or "")
    if subtitle := strip_isbd(field.get("b") or ""):
        title = f"{title}: {subtitle}" if title else subtitle
    parts = _subfields(field, "np")
    if parts:
        stop = "" if title.endswith((".", "!", "?")) else "."
        title = f"{title}{stop} {': '.join(parts)}" if title else ": ".join(parts)
    return title


def _record_type(marc: MarcRecord) -> str:
    leader = str(marc.leader)
    kind = LEADER_TYPES.get(leader[6:7], "book")
    if kind == "book":  # language material and computer files (e-books, websites)
        kind = _LEVEL_TYPES.get(leader[7:8], kind)
        if marc.get("502") is not None:
            kind = "thesis"
        elif marc.get("111") is not None or marc.get("711") is not None:
            kind = "paper-conference" if marc.get("773") is not None else "book"
        elif kind == "article-journal" and marc.get("773") is not None:
            host = " ".join(v for f in marc.get_fields("773") for v in f.get_subfields("t", "d"))
            kind = "chapter" if re.search(r"\b(ed\.|edited|hrsg|isbn)\b", host, re.I) else kind
    return kind


def _person(field: Field) -> Person:
    """X00 (and a 720 uncontrolled name not marked as an organisation) is a person."""
    organisation = field.indicator1 == "2" or (field.get("7") or "").startswith("Organ")
    if field.tag.endswith("00") or (field.tag == "720" and not organisation):
        person = parse_name(field.get("a") or "")
        if numeration := strip_isbd(field.get("b") or ""):
            person.suffix = numeration
        title = strip_isbd(field.get("c") or "")  # $c: "Jr.", but also "Sir", "Baron", "Saint"
        if not person.suffix and is_name_suffix(title):
            person.suffix = title
        return person
    return Person(literal=" ".join(_subfields(field, "ab")))


def _add_people(record: Record, marc: MarcRecord) -> None:
    """1XX main entry, then 7XX added entries: editors by relator ($e/$4), others noted.

    A work entered under its title (no 1XX) is a compilation: its added entries without a
    relator are its editors, as Zotero reads them. Serials have no authors or editors.
    """
    entered_under_title = not marc.get_fields("100", "110", "111")
    for field in marc.get_fields("100", "110", "700", "710", "720"):
        if not (field.get("a") or "").strip():
            continue
        roles = {r.strip(" .,").casefold() for r in field.get_subfields("e", "4")}
        person = _person(field)
        if roles & _EDITOR_ROLES or (
            not roles and entered_under_title and record.type not in ("periodical", "webpage")
        ):
            record.editors.append(person)
        elif not roles and record.type == "periodical":
            record.extra.setdefault("related name", []).append(person.display())
        elif not roles or roles & _AUTHOR_ROLES or field.tag in ("100", "110"):
            record.authors.append(person)
        else:
            label = ", ".join(sorted(roles))
            record.extra.setdefault("contributor", []).append(f"{person.display()} ({label})")


def _add_publication(record: Record, marc: MarcRecord) -> None:
    """260, or 264 with second indicator 1 (publication); 008 gives the year when $c is silent."""
    fields = marc.get_fields("260") + [f for f in marc.get_fields("264") if f.indicator2 in "1 "]
    for field in fields:
        record.publisher_place = record.publisher_place or "; ".join(_subfields(field, "a"))
        record.publisher = record.publisher or "; ".join(_subfields(field, "b"))
        if record.issued is None and (date := field.get("c")):
            record.issued = parse_date(date)
    fixed = marc.get("008")
    year = fixed.data[7:11] if fixed is not None and fixed.data else ""
    if (record.issued is None or record.issued.year is None) and year.isdigit():
        record.issued = parse_date(year)


def _add_host(record: Record, marc: MarcRecord) -> None:
    """773 host item: the journal or book an article or chapter is in, with volume and pages."""
    for field in marc.get_fields("773"):
        # "$t Book title / edited by X": the statement of responsibility is not the title.
        title = (field.get("t") or "").split(" / ")[0]
        record.container_title = record.container_title or strip_isbd(title)
        record.issn += field.get_subfields("x")
        for text in field.get_subfields("g"):
            if pages := re.search(r"(?:pages:|[Ss]\.|[Pp]\.|Seite)\s*(\d+\s*[-–]\s*\d+|\d+)", text):
                record.page = record.page or pages.group(1).replace(" ", "")
            if volume := re.search(r"(?:volume:|[Vv]ol\.|Bd\.|^)\s*(\d+)", text):
                record.volume = record.volume or volume.group(1)
            if issue := re.search(r"(?:number:|[Nn]o\.|H\.|Heft)\s*(\d+)", text):
                record.issue = record.issue or issue.group(1)


def _add_topics(record: Record, marc: MarcRecord) -> None:
    """6XX subjects with their vocabulary; subdivisions ($v $x $y $z) become qualifiers."""
    for field in marc.get_fields("600", "610", "630", "650", "651", "655"):
        term = " ".join(_subfields(field, "abcdt" if field.tag in ("600", "610") else "a"))
        if not term:
            continue
        scheme = SUBJECT_SCHEMES.get(field.indicator2, "")
        if field.indicator2 == "7":
            scheme = (field.get("2") or "").strip() or "other"
        if field.tag == "655":
            scheme = f"genre:{scheme}" if scheme else "genre"
        record.topics.append(
            Topic(term=term, scheme=scheme or "subject", qualifiers=_subfields(field, "vxyz"))
        )


def _add_identifiers(record: Record, marc: MarcRecord) -> None:
    """001/003 and 035 system numbers, 010 LCCN, 020 ISBN, 022 ISSN, 024 DOI, 856 links."""
    if (control := marc.get("001")) is not None and control.data:
        agency = marc.get("003")
        system = f"marc:{agency.data.strip()}" if agency is not None and agency.data else "marc"
        record.source_ids[system] = control.data.strip()
    for value in (v for f in marc.get_fields("035") for v in f.get_subfields("a")):
        if match := re.match(r"\((\w[\w-]*)\)\s*(\S+)", value):
            system = "oclc" if match.group(1).upper() == "OCOLC" else match.group(1).lower()
            record.source_ids.setdefault(system, match.group(2))
    if lccn := _first(marc, "010", "a"):
        record.source_ids["lccn"] = lccn
    record.isbn += [v for f in marc.get_fields("020") for v in f.get_subfields("a")]
    record.issn += [v for f in marc.get_fields("022") for v in f.get_subfields("a")]
    for field in marc.get_fields("024"):
        if (field.get("2") or "").casefold() == "doi" and (doi := clean_doi(field.get("a") or "")):
            record.doi = record.doi or doi
    for field in marc.get_fields("856"):
        label = " ".join(_subfields(field, "3y"))
        for url in field.get_subfields("u"):
            link = classify_url(url)
            if field.indicator2 == "2" and link.kind not in ("doi", "pubmed", "pmc"):
                link = Link(url=link.url, kind="related")
            link.label = label
            record.links.append(link)


def _add_language(record: Record, marc: MarcRecord) -> None:
    """041 $a codes (several for translations), else 008/35-37."""
    codes = [c.strip() for f in marc.get_fields("041") for c in f.get_subfields("a") if c.strip()]
    fixed = marc.get("008")
    if not codes and fixed is not None and len(fixed.data or "") >= 38:
        codes = [fixed.data[35:38].strip()]
    codes = [c for c in codes if re.fullmatch(r"[a-z]{3}", c)]
    if codes:
        record.language = parse_language(codes[0])
        if len(codes) > 1:
            record.extra["language"] = codes


def _compose(marc: MarcRecord) -> None:
    """NFC everywhere: MARC-8 (and many UTF-8 catalogues) write ``ü`` as ``u`` + combining
    diaeresis, which would not match, sort or search like the same name typed by hand.
    """
    for field in marc.fields:
        if field.control_field:
            field.data = unicodedata.normalize("NFC", field.data or "")
        else:
            field.subfields = [
                Subfield(code=s.code, value=unicodedata.normalize("NFC", s.value))
                for s in field.subfields
            ]


#: 5XX notes a reader of the record wants (general, bibliography, contents, credits, language,
#: reproduction, system details…); not 502 (thesis), 520 (abstract) nor 506/540/588 (access,
#: terms of use, source of the description: cataloguing data).
NOTE_TAGS = tuple(
    f"5{n:02d}" for n in range(100) if f"5{n:02d}" not in {"502", "506", "520", "540", "588"}
)
#: ISBD punctuation before a 300 subfield, for records catalogued without it (leader/18 c, n).
_ISBD_300 = {"b": " : ", "c": " ; ", "e": " + "}


def _note(field: Field) -> str:
    return " ".join(s.value.strip() for s in field.subfields if s.code.isalpha() and s.value)


def _isbd(field: Field, leader: object) -> str:
    """A 300 field as ISBD writes it (``xxiv, 321 p. : ill. ; 24 cm. + 1 CD-ROM``): the
    catalogue's own punctuation is kept; records that omit it (leader/18 ``c`` or ``n``, as
    RDA records often do) get the separators added."""
    parts = [s for s in field.subfields if s.code in "abcefg" and s.value.strip()]
    omitted = str(leader)[18:19] in {"c", "n"}
    text = ""
    for part in parts:
        separator = _ISBD_300.get(part.code, " ") if omitted and text else " " if text else ""
        text += separator + part.value.strip()
    return text.strip()


def _add_call_numbers(record: Record, marc: MarcRecord) -> None:
    """LC (050) and local (090) call numbers as ``QA76.73.P98 L877 2004``; Dewey (082) without
    its segmentation marks (``005.13/3`` is the number 005.133)."""
    calls = [" ".join(_subfields(f, "ab")) for f in marc.get_fields("090", "050")]
    if calls := [c for c in dict.fromkeys(calls) if c]:
        record.variables["call-number"] = calls[0] if len(calls) == 1 else calls
    dewey = [
        c.replace("/", "").replace("'", "")
        for f in marc.get_fields("082")
        for c in _subfields(f, "a")
    ]
    if dewey:
        record.extra["dewey classification"] = list(dict.fromkeys(dewey))


def marc_to_record(marc: MarcRecord, source: Source) -> Record:
    """Map one pymarc record (from any serialisation) onto the canonical record."""
    _compose(marc)
    source.original = str(marc)
    record = Record(
        type=_record_type(marc),
        title=_title(marc),
        edition=_first(marc, "250", "a"),
        collection_title=_first(marc, "830 490", "a"),
        sources=[source],
    )
    _add_people(record, marc)
    _add_publication(record, marc)
    _add_host(record, marc)
    _add_topics(record, marc)
    _add_identifiers(record, marc)
    _add_language(record, marc)
    if series_number := _first(marc, "830 490", "v"):
        record.extra["series number"] = [series_number]
    abstracts = (
        re.sub(r"\s+", " ", " ".join(f.get_subfields("a", "b"))).strip()
        for f in marc.get_fields("520")
    )
    record.abstract = [AbstractSection(text=text) for text in abstracts if text]
    if notes := [_note(f) for f in marc.get_fields(*NOTE_TAGS)]:
        record.note = "\n".join(n for n in notes if n)
    if physical := [_isbd(f, marc.leader) for f in marc.get_fields("300")]:
        record.extra["physical description"] = [p for p in physical if p]
    _add_call_numbers(record, marc)
    if thesis := [" ".join(f.get_subfields("a", "b", "c", "d")) for f in marc.get_fields("502")]:
        record.extra["thesis"] = thesis
    record.source_ids = {k: v for k, v in record.source_ids.items() if v}
    source.source_id = next(iter(record.source_ids.values()), "")
    return normalize(record)
