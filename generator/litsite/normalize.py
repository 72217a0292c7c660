"""Per-field clean-up shared by every reader: identifiers, links, names and dates.

Readers hand over what the source says; ``normalize(record)`` runs each field through its
cleaner in ``FIELD_CLEANERS`` (like Pelican's ``METADATA_PROCESSORS``), so that a DOI, a
PubMed link or a "Family, Given" name means the same thing whatever format it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from babel import Locale, UnknownLocaleError

from .model import Language, Link, PartialDate, Person, Record

__all__ = [
    "normalize",
    "clean_doi",
    "classify_url",
    "repair_url",
    "safe_url",
    "parse_name",
    "parse_date",
    "parse_language",
    "FIELD_CLEANERS",
    "collapse_layout_space",
    "is_name_suffix",
]

#: A DOI, or a shortDOI (``10/fqd6hj``, which doi.org resolves too) standing alone.
_DOI = re.compile(r"10\.\d{4,9}/\S+|^10/[a-z0-9]+$", re.I)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_PUBMED = re.compile(r"(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/(\d+)", re.I)
_PMC = re.compile(
    r"(?:ncbi\.nlm\.nih\.gov/pmc/articles|pmc\.ncbi\.nlm\.nih\.gov/articles)/(PMC\d+)", re.I
)
_DOUBLE_SCHEME = re.compile(r"^https?://(?=https?://)", re.I)
_SAFE_SCHEMES = ("http://", "https://")


def clean_doi(value: str) -> str:
    """``10.1093/rheumatology/kez157`` from a bare DOI, ``doi:…`` or a resolver URL."""
    value = _DOI_PREFIX.sub("", value.strip())
    match = _DOI.search(value)
    return match.group(0).rstrip(".,;") if match else ""


def repair_url(url: str) -> str:
    """Mend visibly broken URLs: ``http://https://x`` -> ``https://x``; trim stray punctuation."""
    url = _DOUBLE_SCHEME.sub("", url.strip())
    return url.rstrip(".,;")


def safe_url(url: str) -> str:
    """The URL if it is http(s), else ``""``: no ``javascript:``/``data:`` link reaches a page."""
    url = repair_url(url)
    return url if url.lower().startswith(_SAFE_SCHEMES) and len(url) > 8 else ""


def classify_url(url: str) -> Link:
    """A link with its kind; DOI links are rewritten to the ``https://doi.org/`` resolver."""
    url = repair_url(url)
    if url.startswith("/pmc/articles/") or url.startswith("/pubmed/"):
        url = "https://www.ncbi.nlm.nih.gov" + url
    if re.match(r"^https?://(dx\.)?doi\.org/", url, re.I) and (doi := clean_doi(url)):
        return Link(url=f"https://doi.org/{doi}", kind="doi")
    if _PUBMED.search(url):
        return Link(url=url, kind="pubmed")
    if _PMC.search(url):
        return Link(url=url, kind="pmc")
    if url.lower().endswith(".pdf"):
        return Link(url=url, kind="pdf")
    return Link(url=url, kind="fulltext")


#: White space a wrapped line or an exporter's indentation leaves; no-break and other typographic
#: spaces (``Titre\u00a0: sous-titre``) are the text itself and are kept.
_LAYOUT_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def collapse_layout_space(text: str) -> str:
    """Runs of layout white space as one space, trimmed; every other character as it was."""
    return _LAYOUT_SPACE.sub(" ", text).strip()


#: Name suffixes CSL keeps in ``suffix``: generational (Jr, Sr, Jnr, Snr), Roman (II–XIV) and
#: ordinal (2nd, 3rd, 4th) numbers, Esq. Case-sensitive: "JR" and "V" are MEDLINE initials.
_SUFFIX = re.compile(
    r"(?:Jr|Jnr|Sr|Snr|Esq)\.?|(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3}|XIV)|\d+(?:st|nd|rd|th)"
)


def is_name_suffix(word: str, alone: bool = False) -> bool:
    """Whether ``word`` is a name suffix; ``alone`` (no comma before it) rules out one letter."""
    return bool(_SUFFIX.fullmatch(word)) and not (alone and len(word) == 1)


def parse_name(text: str) -> Person:
    """A person from ``Family, Given[, Suffix]``, ``Family Suffix, Given`` or ``Given Family
    [Suffix]``; suffixes (Jr., III, 2nd) go to ``suffix`` as written.

    Catalogue dates ("Vico, Giambattista, 1668-1744.") and trailing ISBD punctuation are dropped;
    lowercase particles in the family part stay there ("de Roock, Sytze" -> family "de Roock").
    """
    text = collapse_layout_space(text).rstrip(",;:/ ")
    dotted = text.endswith(".")
    text = text.rstrip(".,;:/ ").strip()
    if "," in text:
        family, _, rest = text.partition(",")
        pieces = [p.strip() for p in rest.split(",") if p.strip()]
        pieces = [p for p in pieces if not re.fullmatch(r"[\d?\-–. ]+|ca\.? ?\d+.*", p)]
        given = pieces[0] if pieces else ""
        suffix = pieces[1] if len(pieces) > 1 and is_name_suffix(pieces[1]) else ""
        if suffix and pieces[-1] == suffix and dotted and suffix.isalpha():
            suffix += "."  # "Jr." lost its period with the trailing punctuation above
        family, _, last = family.strip().rpartition(" ")
        if family and is_name_suffix(last, alone=True) and not suffix:
            return Person(family=family, given=given, suffix=last)
        return Person(family=f"{family} {last}".strip(), given=given, suffix=suffix)
    words = text.split(" ")
    suffix = ""
    if len(words) > 2 and is_name_suffix(words[-1].rstrip("."), alone=True):
        suffix = words.pop()
        suffix += "." if dotted and suffix.isalpha() else ""
    if len(words) == 1:
        return Person(family=words[0], suffix=suffix)
    split = len(words) - 1
    while split > 1 and words[split - 1][:1].islower():
        split -= 1
    return Person(family=" ".join(words[split:]), given=" ".join(words[:split]), suffix=suffix)


#: ISO 639-2 codes for "undetermined", "multiple", "no linguistic content": not a language
#: (CLDR would otherwise guess English for ``und``).
_NO_LANGUAGE = {"und", "mul", "zxx", "mis"}


@cache
def _language_codes() -> dict[str, str]:
    """Language names in English, Spanish and their own tongue -> ISO 639-1/2 code (from CLDR)."""
    codes: dict[str, str] = {}
    for ui in ("en", "es"):
        for code, name in Locale(ui).languages.items():
            if "_" not in code:
                codes.setdefault(name.casefold(), code)
    return codes


def parse_language(text: str) -> Language:
    """``English`` -> en/English, ``eng`` or ``en`` -> en/English, as far as CLDR knows."""
    text = text.strip().rstrip(".")
    lowered = text.casefold()
    if lowered in _NO_LANGUAGE:
        return Language(name=text)
    if code := _language_codes().get(lowered):
        return Language(code=code, name=text)
    if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", text):
        code, name = _locale_language(text)
        return Language(code=code, name=name)
    return Language(name=text)


@cache
def _locale_language(tag: str) -> tuple[str, str]:
    """ISO 639 code and English name of a language tag (cached: CLDR lookups are slow)."""
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return tag, ""
    return locale.language, Locale(locale.language).get_display_name("en") or ""


_ISO_DATE = re.compile(r"\b(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?\b")


def parse_date(text: str) -> PartialDate | None:
    """The first ``YYYY[-MM[-DD]]`` (or ``/``-separated) date in ``text``; a literal otherwise."""
    text = text.strip()
    if not text:
        return None
    match = _ISO_DATE.search(text)
    if not match:
        return PartialDate(literal=text)
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        month = day = None
    if day is not None and not 1 <= day <= 31:
        day = None
    return PartialDate(year=year, month=month, day=day)


def _clean_links(record: Record) -> None:
    """Drop unsafe and duplicate links; fill DOI/PMID/PMCID from links that carry them."""
    seen: set[str] = set()
    links: list[Link] = []
    for link in record.links:
        url = safe_url(link.url)
        if not url or url in seen:
            continue
        seen.add(url)
        links.append(Link(url=url, kind=link.kind, label=link.label))
        if link.kind == "doi" and not record.doi:
            record.doi = clean_doi(url)
        if link.kind == "pubmed" and not record.pmid and (m := _PUBMED.search(url)):
            record.pmid = m.group(1)
        if link.kind == "pmc" and not record.pmcid and (m := _PMC.search(url)):
            record.pmcid = m.group(1).upper()
    record.links = links


def _clean_identifiers(record: Record) -> None:
    record.doi = clean_doi(record.doi) if record.doi else ""
    record.pmid = record.pmid.strip()
    pmcid = record.pmcid.strip().upper()
    record.pmcid = f"PMC{pmcid}" if pmcid.isdigit() else pmcid
    record.isbn = _unique_codes(record.isbn)
    record.issn = _unique_codes(record.issn)


def _unique_codes(values: list[str]) -> list[str]:
    """ISBNs/ISSNs without qualifiers ("0374249407 (pbk.) :" -> "0374249407"), each once."""
    codes = (re.sub(r"[\s:;,]*(\(.*\))?[\s:;,]*$", "", v.strip()) for v in values)
    return list(dict.fromkeys(c for c in codes if c))


def _add_identifier_links(record: Record) -> None:
    """Every DOI, PMID and PMCID gets its canonical link, even when the source gave none."""
    kinds = {link.kind for link in record.links}
    wanted = [
        ("doi", record.doi, "https://doi.org/{}"),
        ("pubmed", record.pmid, "https://pubmed.ncbi.nlm.nih.gov/{}/"),
        ("pmc", record.pmcid, "https://www.ncbi.nlm.nih.gov/pmc/articles/{}/"),
    ]
    for kind, value, template in wanted:
        if value and kind not in kinds:
            record.links.append(Link(url=template.format(value), kind=kind))


def _clean_text(record: Record) -> None:
    """Trim one-line fields and join their wrapped lines: reading decodes, it never rewrites
    (``Title : subtitle`` and no-break spaces stay as the source wrote them)."""
    for attr in (
        "title",
        "container_title",
        "publisher",
        "publisher_place",
        "collection_title",
        "edition",
    ):
        setattr(record, attr, collapse_layout_space(getattr(record, attr)))


def _clean_abstract(record: Record) -> None:
    """PubMed labels the unlabelled part of a structured abstract ``UNLABELLED``: no label."""
    for section in record.abstract:
        if section.label.strip().upper() == "UNLABELLED":
            section.label = ""


#: Cleaners run in this order by ``normalize``.
FIELD_CLEANERS: dict[str, Callable[[Record], None]] = {
    "text": _clean_text,
    "abstract": _clean_abstract,
    "identifiers": _clean_identifiers,
    "links": _clean_links,
    "identifier_links": _add_identifier_links,
}


def normalize(record: Record) -> Record:
    """Run every cleaner over the record (in place) and return it."""
    for cleaner in FIELD_CLEANERS.values():
        cleaner(record)
    return record
