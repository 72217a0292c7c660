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

from ..bibtex_map import (
    DATE_FIELDS,
    ENTRY_TYPES,
    NAME_FIELDS,
    OTHER_NAME_SLOTS,
    VARIABLE_FIELDS,
)
from ..csl import CSL_DATE_VARIABLES, CSL_TEXT_VARIABLES
from ..model import PartialDate, Person, Record
from ..normalize import safe_url
from .names import full_family

__all__ = [
    "ENTRY_TYPES",
    "VERBATIM_FIELDS",
    "write_bibtex",
    "bibtex_entry",
    "bibtex_fields",
    "bibtex_keys",
    "escape",
]

#: CSL rich-text markup -> LaTeX (a closing tag is "}"); ``nocase`` is a plain brace group.
_LATEX_MARKUP = {
    "<i>": "\\textit{",
    "<b>": "\\textbf{",
    "<sup>": "\\textsuperscript{",
    "<sub>": "\\textsubscript{",
    '<span style="font-variant:small-caps;">': "\\textsc{",
    '<span class="nocase">': "{",
}
_MARKUP = re.compile("(" + "|".join(map(re.escape, _LATEX_MARKUP)) + "|</(?:i|b|sup|sub|span)>)")
#: Fields that may hold CSL rich text (the title too, with its capitals protected).
RICH_FIELDS = frozenset({"journal", "booktitle", "series", "abstract", "note"})
#: Fields biblatex reads verbatim: written unescaped, read back as written.
VERBATIM_FIELDS = frozenset({"url", "doi"})
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
    "\u00a0": "~",  # a no-break space is LaTeX's tie
}
_ESCAPE = str.maketrans(_SPECIALS)
_SKIP_WORDS = set("a an the on of in at to for and la le el der".split())
_LIGATURE = re.compile(r"-(?=-)")
#: Layout space, line breaks included (a no-break space is text, and stays).
_SPACES = re.compile(r"[ \t\r\n\v\f\x1c-\x1f\x85\u2028\u2029]+")
_UNSAFE_IN_VERBATIM = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"})


def escape(text: str) -> str:
    """``text`` as BibTeX field content: LaTeX specials escaped, ``--`` kept two hyphens (LaTeX
    would set an en dash), whitespace on one line."""
    return _SPACES.sub(" ", _LIGATURE.sub("-{}", text.translate(_ESCAPE))).strip(" ")


def write_bibtex(records: Sequence[Record]) -> str:
    """One entry per record, in input order, keys unique across ``records``."""
    keys = bibtex_keys(records)
    return "\n".join(bibtex_entry(r, k) for r, k in zip(records, keys, strict=True))


def bibtex_entry(record: Record, key: str) -> str:
    """The record as one ``@type{key, field = {value}, …}`` entry."""
    fields = "".join(
        f"\n  {name} = {_render(name, value)}," for name, value in bibtex_fields(record)
    )
    return f"@{_entry_type(record)}{{{key},{fields.rstrip(',')}\n}}\n"


def _render(name: str, value: str | list) -> str:
    """A field's value as BibTeX source: names joined, escaped, verbatim or a bare number."""
    if name == "howpublished":
        return "{" + " ".join(f"\\url{{{_verbatim(url)}}}" for url in value) + "}"
    if name == "keywords":  # split at commas (and, by many readers, semicolons) not in braces
        return "{" + ", ".join(_keyword(term) for term in value) + "}"
    if isinstance(value, list):
        return "{" + _names(value) + "}"
    if name == "title":
        return "{" + _rich(value, protect=True) + "}"
    if name in RICH_FIELDS:
        return "{" + _rich(value, protect=False) + "}"
    if name == "pages":  # a range's en dash is "--" in BibTeX
        return "{" + escape(value).replace("–", "--") + "}"
    if name in VERBATIM_FIELDS:  # biblatex reads them verbatim: no escaping of "_" or "%"
        return "{" + _verbatim(value) + "}"
    if (name == "year" and value.isdigit()) or (name == "month" and value in _MONTHS):
        return value
    return "{" + escape(value) + "}"


def _keyword(term: str) -> str:
    return "{" + escape(term) + "}" if re.search("[,;]", term) else escape(term)


def _verbatim(url: str) -> str:
    """A URL or DOI as biblatex reads it verbatim, with what would unbalance the field
    percent-encoded."""
    return url.translate(_UNSAFE_IN_VERBATIM)


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
    kind = ENTRY_TYPES.get(record.type, ("misc", ""))[0]
    genre = " ".join([str(record.variables.get("genre") or ""), *record.extra.get("genre", [])])
    if kind == "phdthesis" and re.search(r"master|msc|m\.a\.", genre, re.I):
        return "mastersthesis"
    return kind


def bibtex_fields(record: Record) -> list[tuple[str, str | list[Person]]]:
    """``(field, value)`` in writing order, from the tables in ``litsite.bibtex_map``; values
    are plain text (escaping is ``bibtex_entry``'s job), name fields are lists of people."""
    kind = _entry_type(record)
    out: list[tuple[str, str | list[Person]]] = []

    def add(name: str, value: object) -> None:
        if value not in (None, "", []):
            out.append((name, value if isinstance(value, list) else str(value)))

    add("entrysubtype", ENTRY_TYPES.get(record.type, ("misc", record.type))[1])
    add("title", record.title.strip())
    add("author", _named(record.authors))
    add("editor", _named(record.editors))
    slots = iter(OTHER_NAME_SLOTS)
    for role, people in record.names.items():
        if role in NAME_FIELDS:
            add(NAME_FIELDS[role], _named(people))
        elif (slot := next(slots, None)) and _named(people):
            add(slot, _named(people))
            add(f"{slot}type", role)
    add("journal" if kind == "article" else "booktitle", record.container_title)
    add("shortjournal", record.container_title_short)
    add("series", record.collection_title)
    add("volume", record.volume)
    if kind == "article":
        add("number", record.issue)
    else:
        add("number", record.number)
        add("issue", record.issue)
    add("pages", re.sub(r"\s*(?:--?|–|—)\s*", "–", record.page))
    add("edition", record.edition)
    if record.issued and record.issued.year is not None:
        add("date", _edtf(record.issued))
    if year := _year(record):
        add("year", year)
        if record.issued and record.issued.month:
            add("month", _MONTHS[record.issued.month - 1])
    for name, date in record.dates.items():
        if name in CSL_DATE_VARIABLES:
            add(DATE_FIELDS.get(name, name), date.interval() or date.literal)
    publisher_field = {
        "phdthesis": "school",
        "mastersthesis": "school",
        "techreport": "institution",
    }
    add(publisher_field.get(kind, "publisher"), record.publisher)
    add("address", record.publisher_place)
    for name, value in record.variables.items():
        if isinstance(value, str) and name in CSL_TEXT_VARIABLES:
            add(VARIABLE_FIELDS.get(name, name), value)
    add("doi", record.doi)
    urls = _urls(record)
    add("url", urls[0] if urls else "")
    # More links than biblatex's one ``url``: classic BibTeX's place for links.
    add("howpublished", urls[1:])
    add("pmid", record.pmid)
    add("pmcid", record.pmcid)
    add("issn", ", ".join(record.issn))
    add("isbn", ", ".join(record.isbn))
    add("abstract", record.abstract_text)
    add("keywords", [t.term for t in record.topics])
    if record.language:
        add("language", record.language.name or record.language.code)
    add("license", record.license)  # biblatex-software's field
    add("note", record.note)
    return out


def _edtf(date: PartialDate) -> str:
    """biblatex's ``date``: ISO 8601, a range as ``start/end``, a season as EDTF ``1990-21``."""
    if isinstance(date.season, int) and 1 <= date.season <= 4 and not date.month:
        return f"{date.year:04d}-{20 + date.season}"
    return date.interval()


def _urls(record: Record) -> list[str]:
    """The record's http(s) links, best first, without those its DOI, PMID and PMCID give."""
    derived = {"doi", "pubmed", "pmc"}
    urls = [safe_url(x.url) for x in record.links if x.kind not in derived]
    urls += [safe_url(x.url) for x in record.links if x.kind in derived]
    return [u for u in dict.fromkeys(urls) if u]


def _rich(text: str, protect: bool) -> str:
    """Escaped text with CSL rich-text markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small
    caps, ``nocase``) as the LaTeX commands it stands for; markup that does not nest properly
    is text. With ``protect``, words whose capitals must survive a case change are braced."""
    parts = _MARKUP.split(text)
    depth = 0
    for tag in parts[1::2]:
        depth += -1 if tag.startswith("</") else 1
        if depth < 0:
            break
    if depth:
        parts = [text]
    out: list[str] = []
    words = 0
    for index, part in enumerate(parts):
        if index % 2:
            out.append(_LATEX_MARKUP.get(part, "}"))
            continue
        for piece in re.split(f"({_SPACES.pattern})", part):
            if not piece:
                continue
            if _SPACES.fullmatch(piece):
                out.append(" ")
                continue
            later = words > 0 and piece[:1].isupper()
            escaped = escape(piece)
            braced = protect and (later or any(c.isupper() for c in piece[1:]))
            out.append("{" + escaped + "}" if braced else escaped)
            words += 1
    return "".join(out).strip(" ")


def _named(people: list[Person]) -> list[Person]:
    """The people with something in their name."""
    return [p for p in people if _name(p).strip("{} ")]


def _names(people: Sequence[Person]) -> str:
    """The ``and``-joined list."""
    return " and ".join(map(_name, people))


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
