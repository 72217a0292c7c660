"""BibTeX entries that BibTeX, biblatex, bibtexparser and pybtex all read as is.

A small serializer rather than pybtex's writer: the work is in the escaping, the name forms and
the keys, which no writer does for us. Choices, and where they deliberately differ from Better
BibTeX and citation.js (``ground-truth/bbt-export`` and ``citation-js-csl-to-bibtex`` in the
shared dev corpus):

- Non-ASCII text stays UTF-8 (both references convert it to ``{\\"o}``-style commands); every
  LaTeX special character is escaped, braces as ``\\textbraceleft{}``/``\\textbraceright{}`` so the
  braces of a field always balance.
- Title words with a capital letter (after the first word, or anywhere past a word's first
  letter) are protected in single braces, ``{Wikidata}``, as citation.js does (Better BibTeX uses
  ``{{…}}`` and word lists). CSL rich-text markup (``<i>``) is kept as text, not converted.
- Names are ``Family, Given`` joined by `` and ``; particles lead the family part so BibTeX
  reads them as its "von" part; suffixes go in the middle (``von Last, Jr, First``); organisations
  are double-braced. ``year`` is a number and ``month`` a month macro, as Better BibTeX writes.
- Keys are ``FamilyYearWord`` in ASCII (the first title word that is not an article or
  preposition), unique across one call with ``a``, ``b``… suffixes on repeats.
- ``url`` and ``doi`` are written verbatim (biblatex reads them verbatim); only links to
  http(s) are kept, and characters that would unbalance a field are percent-encoded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..model import Person, Record
from ..normalize import safe_url
from .names import full_family

__all__ = ["ENTRY_TYPES", "write_bibtex", "bibtex_entry", "bibtex_keys", "escape"]

#: CSL type -> BibTeX entry type (anything else is ``misc``).
ENTRY_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "review-book": "article",
    "book": "book",
    "classic": "book",
    "chapter": "incollection",
    "entry-encyclopedia": "incollection",
    "entry-dictionary": "incollection",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "manuscript": "unpublished",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_ESCAPE = str.maketrans(_SPECIALS)
_SKIP_WORDS = set("a an the on of in at to for and la le el der".split())
_UNSAFE_IN_VERBATIM = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"})


def escape(text: str) -> str:
    """``text`` as BibTeX field content: LaTeX specials escaped, whitespace on one line."""
    return " ".join(text.translate(_ESCAPE).split())


def write_bibtex(records: Sequence[Record]) -> str:
    """One entry per record, in input order, keys unique across ``records``."""
    keys = bibtex_keys(records)
    return "\n".join(bibtex_entry(r, k) for r, k in zip(records, keys, strict=True))


def bibtex_entry(record: Record, key: str) -> str:
    """The record as one ``@type{key, field = {value}, …}`` entry."""
    fields = "".join(f"\n  {name} = {value}," for name, value in _fields(record))
    return f"@{_entry_type(record)}{{{key},{fields.rstrip(',')}\n}}\n"


def bibtex_keys(records: Sequence[Record]) -> list[str]:
    """Stable citation keys: ``Swart2019Bone``; repeats get ``a``, ``b``… in input order."""
    keys: list[str] = []
    used: set[str] = set()
    for record in records:
        base = _base_key(record)
        key, n = base, 0
        while key.lower() in used:
            key = base + _suffix(n)
            n += 1
        used.add(key.lower())
        keys.append(key)
    return keys


def _suffix(n: int) -> str:
    """a, b, … z, aa, ab, …"""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(97 + rest) + letters
    return letters


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]", "", folded)


def _base_key(record: Record) -> str:
    people = record.authors or record.editors
    name = ""
    if people:
        first = people[0]
        # The family name's last word ("de Roock" -> Roock), an organisation's first word.
        parts = (first.family or first.literal or first.given).split()
        name = (parts[-1] if first.family.strip() else parts[0]) if parts else ""
    words = [w for w in re.split(r"[\s\-–—/:]+", record.title) if _ascii_word(w)]
    word = next((w for w in words if w.lower() not in _SKIP_WORDS), words[0] if words else "")
    year = _year(record)
    key = (
        _ascii_word(name).capitalize()
        + (year if year.isdigit() else "")
        + _ascii_word(word).capitalize()
    )
    return key or "anon"


def _year(record: Record) -> str:
    """The year, else one found in a literal date ("2015-1-29"), else the literal itself."""
    if record.year:
        return str(record.year)
    literal = record.issued.literal if record.issued else ""
    found = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", literal)
    return found.group(1) if found else literal


def _entry_type(record: Record) -> str:
    kind = ENTRY_TYPES.get(record.type, "misc")
    if kind == "phdthesis" and re.search(r"master|msc|m\.a\.", _extra(record, "genre"), re.I):
        return "mastersthesis"
    return kind


def _extra(record: Record, label: str) -> str:
    return " ".join(record.extra.get(label, []))


def _fields(record: Record) -> list[tuple[str, str]]:
    kind = _entry_type(record)
    out: list[tuple[str, str]] = []

    def add(name: str, value: str | None, *, raw: bool = False, verbatim: bool = False) -> None:
        if not value:
            return
        if verbatim:  # url and doi: biblatex reads them verbatim, so no escaping of "_" or "%"
            value = "{" + value.translate(_UNSAFE_IN_VERBATIM) + "}"
        out.append((name, value if raw or verbatim else "{" + escape(value) + "}"))

    if record.title.strip():
        out.append(("title", "{" + _protect(record.title) + "}"))
    for role, people in (("author", record.authors), ("editor", record.editors)):
        if names := _names(people):
            out.append((role, "{" + names + "}"))
    container = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle"}
    if kind in container:
        add(container[kind], record.container_title)
    elif record.container_title:
        add("howpublished", record.container_title)
    add("series", record.collection_title)
    add("volume", record.volume)
    add("number", record.issue if kind == "article" else record.number or record.issue)
    add("pages", re.sub(r"\s*[-–—]+\s*", "--", record.page))
    add("edition", record.edition)
    if year := _year(record):
        add("year", year, raw=year.isdigit())
        if record.issued and record.issued.month:
            add("month", _MONTHS[record.issued.month - 1], raw=True)
    publisher_field = {
        "phdthesis": "school",
        "mastersthesis": "school",
        "techreport": "institution",
    }
    add(publisher_field.get(kind, "publisher"), record.publisher)
    add("address", record.publisher_place)
    add("doi", record.doi, verbatim=True)
    add("url", _url(record), verbatim=True)
    add("pmid", record.pmid)
    add("pmcid", record.pmcid)
    add("issn", ", ".join(record.issn))
    add("isbn", ", ".join(record.isbn))
    add("abstract", record.abstract_text)
    add("keywords", ", ".join(t.term for t in record.topics))
    if record.language:
        add("language", record.language.name or record.language.code)
    add("note", record.note)
    return out


def _url(record: Record) -> str:
    """The record's best link that is not just its DOI again (doi= carries that)."""
    for link in record.links:
        if link.kind != "doi" and (url := safe_url(link.url)):
            return url
    return ""


def _protect(title: str) -> str:
    """Escape a title and brace the words whose capitals must survive a style's case change."""
    parts = re.split(r"(\s+)", title.strip())
    out = []
    for index, word in enumerate(parts):
        if word.isspace() or not word:
            out.append(" " if word else "")
            continue
        capital_inside = any(c.isupper() for c in word[1:])
        capital_later = index > 0 and word[:1].isupper()
        escaped = escape(word)
        out.append("{" + escaped + "}" if capital_inside or capital_later else escaped)
    return "".join(out)


def _names(people: Sequence[Person]) -> str:
    """The ``and``-joined list, leaving out names with nothing in them."""
    return " and ".join(n for n in map(_name, people) if n.strip("{} "))


def _name(person: Person) -> str:
    """``von Last, Jr, First``; organisations and awkward parts are braced whole."""
    if person.is_organisation or not (person.family or person.given):
        return "{" + escape(person.literal or person.given) + "}"
    family = _brace_if_ambiguous(full_family(person) or person.given)
    given = _brace_if_ambiguous(person.given) if person.family else ""
    if person.suffix:
        return f"{family}, {_brace_if_ambiguous(person.suffix)}, {given}"
    return f"{family}, {given}" if given else family


def _brace_if_ambiguous(part: str) -> str:
    """Brace a name part holding a comma or the word "and", which would split the name list."""
    escaped = escape(part)
    if "," in part or re.search(r"\band\b", part, re.I):
        return "{" + escaped + "}"
    return escaped
