"""The curator's report: per record, what a person should look at before publishing, and across
the collection, the merges made and the near-duplicates left.

``record_findings`` is a pure function of one record (it runs where the record is summarised);
``near_duplicates`` works on titles only, grouped by a key, so it stays O(N). ``litsite check
--report`` prints the report; ``report: true`` adds it to the site as a page.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ftfy

from .csl import CSL_DATE_VARIABLES, CSL_NAME_VARIABLES, CSL_TEXT_VARIABLES
from .dedupe import _fold
from .i18n import N_
from .model import Record
from .pages.corrections import CORRECTIONS, own_mark

__all__ = ["CHECKS", "Check", "record_findings", "near_duplicates", "text_report"]

#: LaTeX a reader left undecoded: a command with an argument or a lone accent, braces, math.
_LATEX = re.compile(r"\\[A-Za-z]+\s*\{|\\['`^\"~=.][A-Za-z{]|\{\\|\$[^$\s][^$]{0,80}(?<=\S)\$")
#: Markup that is not CSL rich text (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<span>``, ``<sc>``):
#: JATS, HTML blocks, and character references left encoded.
_MARKUP = re.compile(
    r"</?(?!(?:i|b|em|strong|sup|sub|span|sc)\b)[a-z][\w:-]*(?:\s[^<>]*)?/?>|&(?:[a-z]+|#\d+|#x[\da-f]+);",
    re.I,
)
#: Free-text fields checked (notes are HTML by design: Zotero and RIS exports write them so).
_TEXT_FIELDS = ("title", "container_title", "publisher")
_KNOWN_VARIABLES = CSL_TEXT_VARIABLES | CSL_NAME_VARIABLES | CSL_DATE_VARIABLES
#: Publication types that have a DOI when they have a journal or proceedings.
_DOI_TYPES = {"article-journal", "paper-conference", "review", "article"}


def _texts(record: Record) -> Iterable[tuple[str, str]]:
    """``(field, text)`` of every free-text field a page shows."""
    for name in _TEXT_FIELDS:
        if text := getattr(record, name):
            yield name, text
    for section in record.abstract:
        yield "abstract", section.text
    for person in record.authors + record.editors:
        for part in (person.family, person.given, person.literal):
            if part:
                yield "author", part
    for topic in record.topics:
        yield "topics", topic.term


def _missing_ids(record: Record) -> list[str]:
    found = []
    if not record.doi and record.type in _DOI_TYPES and record.container_title and record.title:
        found.append("no DOI, though title and journal could find one (Crossref)")
    if not record.pmid and (record.pmcid or any(link.kind == "pubmed" for link in record.links)):
        found.append("no PMID, though it has a PMCID or a PubMed link")
    return found


def _markup(record: Record) -> list[str]:
    found = []
    for name, text in _texts(record):
        for pattern, what in ((_LATEX, "LaTeX"), (_MARKUP, "markup")):
            if match := pattern.search(text):
                found.append(f"{name}: leftover {what} {match.group(0)!r}")
    return found


def _mojibake(record: Record) -> list[str]:
    """Text that reads right once re-decoded (``CafÃ©`` is ``Café`` read as Windows-1252)."""
    found = []
    for name, text in _texts(record):
        if not text.isascii() and (fixed := ftfy.fix_encoding(text)) != text:
            found.append(f"{name}: {text!r} looks like mojibake of {fixed!r}")
    return found


def _dates(record: Record) -> list[str]:
    found = []
    this_year = datetime.date.today().year
    year = record.year
    if year is not None and not 1450 <= year <= this_year + 1:
        found.append(f"issued: year {year} is before printing or in the future")
    epub = record.dates.get("available-date")
    if year and epub and epub.year and abs(epub.year - year) > 3:
        found.append(f"available-date {epub.year} is far from the issued year {year}")
    return found


def _corrections(record: Record) -> list[str]:
    found = [
        f"{relation.kind}: {relation.citation or relation.pmid or relation.doi}"
        for relation in record.relations
        if relation.kind in CORRECTIONS
    ]
    if own_mark(record) and not found:
        found.append("marked retracted by its own record (status or publication type)")
    return found


def _unread(record: Record) -> list[str]:
    unknown = sorted(name for name in record.variables if name not in _KNOWN_VARIABLES)
    return [f"'{name}' kept as given, not understood" for name in unknown]


@dataclass(frozen=True)
class Check:
    """One thing a curator looks at, per record."""

    name: str
    #: Heading in the report (a msgid).
    label: str
    find: Callable[[Record], list[str]]


CHECKS = (
    Check("identifiers", N_("Missing DOI or PMID"), _missing_ids),
    Check("markup", N_("Leftover LaTeX or markup"), _markup),
    Check("mojibake", N_("Mojibake"), _mojibake),
    Check("dates", N_("Suspicious dates"), _dates),
    Check("corrections", N_("Retractions and corrections"), _corrections),
    Check("unread", N_("Fields not understood"), _unread),
)


def record_findings(record: Record) -> list[tuple[str, str]]:
    """``(check name, what was found)`` for every check that finds something in ``record``."""
    return [(check.name, message) for check in CHECKS for message in check.find(record)]


def near_duplicates(titles: list[tuple[str, str]]) -> list[list[str]]:
    """Groups of ids whose titles agree once folded (case, accents, punctuation) but which were
    not merged (``(id, title)`` in; dedupe merges only on title + year + first author)."""
    groups: dict[str, list[str]] = {}
    for record_id, title in titles:
        key = _fold(title)
        if len(key) >= 20:
            groups.setdefault(key, []).append(record_id)
    return [ids for ids in groups.values() if len(ids) > 1]


def text_report(
    findings: list[tuple[str, list[tuple[str, str]]]],
    merges: list,
    duplicates: list[list[str]],
) -> str:
    """The report as text (``litsite check --report``): counts first, then each record (by
    its label: file, record number, identifier) with what was found."""
    counts = {check.name: 0 for check in CHECKS}
    for _, found in findings:
        for name, _ in found:
            counts[name] += 1
    lines = [
        "Curator's report",
        *(f"  {check.label}: {counts[check.name]}" for check in CHECKS),
        f"  Merged duplicates: {len(merges)}",
        f"  Near-duplicates not merged: {len(duplicates)}",
        "",
    ]
    for label, found in findings:
        if found:
            lines.append(label)
            lines += [f"  [{name}] {message}" for name, message in found]
    if merges:
        lines += ["", "Merged duplicates:", *(f"  {merge}" for merge in merges)]
    if duplicates:
        lines += ["", "Near-duplicates not merged:", *(f"  {', '.join(g)}" for g in duplicates)]
    return "\n".join(lines) + "\n"
