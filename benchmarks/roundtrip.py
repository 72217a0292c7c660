"""Round trip: every dev record exported to BibTeX, RIS and CSL-JSON, then read back.

For each record of ``../shared/data/dev`` (read as ``litsite import`` reads it, through
``corpus.dev_records``), each format is written by litsite's own writer and read back twice:

- by litsite's own reader for that format, comparing every field litsite holds that the format
  is meant to carry: for CSL-JSON the whole record (``to_csl``, ``custom`` included, provenance
  aside: the file read back names itself first); for BibTeX and RIS the record's CSL item
  (every CSL variable, every name role and date) plus every ISBN, ISSN, URL and keyword;
- by an independent parser (``bibtexparser`` 2 with pylatexenc decoding, ``rispy``, ``json``),
  comparing every field the writer wrote with the value it meant (LaTeX decoded; ``url`` and
  ``doi`` verbatim, as biblatex reads them; names as BibTeX splits them: von, last, jr, first).

It prints, per format and reader, the share of records with every field back, then the misses
grouped by cause (the field, and whether it was lost, changed or added); ``--show N`` lists up
to N examples per cause. Run: ``PYTHONPATH=generator python benchmarks/roundtrip.py``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bibtexparser
import rispy
from bibtexparser.middlewares.names import SeparateCoAuthors, SplitNameParts
from corpus import SHARED_DEV, dev_records
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from litsite.citations.bibtex import RICH_FIELDS, VERBATIM_FIELDS, bibtex_fields, write_bibtex
from litsite.citations.names import full_family
from litsite.citations.ris import LIST_TAGS, TAG_KEYS, ris_fields, write_ris
from litsite.csl import CSL_NAME_VARIABLES, from_csl, to_csl
from litsite.model import Person, Record
from litsite.readers import read_file
from litsite.report import Report

Item = dict[str, Any]


def _whole_family(person: dict[str, Any]) -> dict[str, Any]:
    """A CSL name with its particles in the family name: ``van Raaij`` whether a reader
    splits off the particle (BibTeX's von part) or not (MEDLINE's ``FAU``); a name of one part
    (a family name alone, or an organisation's) as a literal, which prints the same."""
    family = " ".join(
        person.pop(key, "") for key in ("dropping-particle", "non-dropping-particle", "family")
    ).split()
    if family and not (person.get("given") or person.get("suffix")):
        return {**person, "literal": " ".join(family)}
    return {**person, "family": " ".join(family)} if family else person


def held(record: Record, whole: bool) -> Item:
    """What litsite holds of a record, as the comparison sees it (see the module docstring)."""
    item = to_csl(record)
    if "page" in item:  # a range's delimiter is the style's (CSL's page-range-delimiter)
        item["page"] = re.sub(r"\s*[–—]\s*", "-", item["page"])
    for key, value in item.items():
        if key in CSL_NAME_VARIABLES and isinstance(value, list):
            item[key] = [_whole_family(dict(p)) for p in value]
    item.pop("id", None)
    custom = item.pop("custom", {})
    if whole:
        custom.pop("sources", None)
        return {**item, **{f"custom.{k}": v for k, v in custom.items()}}
    item.pop("URL", None)
    item.pop("ISBN", None)
    item.pop("ISSN", None)
    item.pop("keyword", None)
    item.update(
        {
            "URL": sorted({link.url for link in record.links}),
            "ISBN": record.isbn,
            "ISSN": record.issn,
            "keyword": [t.term for t in record.topics],
        }
    )
    return {k: v for k, v in item.items() if v not in ("", [], {}, None)}


Miss = tuple[str, Any, Any]


def compare(expected: Item, got: Item) -> list[Miss]:
    """``(cause, expected value, value read back)`` per differing field; the cause is the field
    and ``lost``, ``changed`` or ``added``."""
    misses = []
    for key in sorted(set(expected) | set(got)):
        if key not in got:
            misses.append((f"{key} lost", expected[key], None))
        elif key not in expected:
            misses.append((f"{key} added", None, got[key]))
        elif expected[key] != got[key]:
            misses.append((f"{key} changed", expected[key], got[key]))
    return misses


def _own(fmt: str, suffix: str, text: str) -> list[Record | None]:
    """Records litsite's own reader reads back from ``text``, by position (``None``: lost)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export{suffix}"
        path.write_text(text, encoding="utf-8")
        records = read_file(path, Report(), fmt=fmt)
    by_index: dict[int, Record] = {r.sources[0].index: r for r in records}
    return [by_index.get(i) for i in range(1, max(by_index, default=0) + 1)]


def _latex() -> LatexNodes2Text:
    """pylatexenc, plus LaTeX's text-mode names of its special characters it lacks or maps
    to look-alikes (U+02C6 for the circumflex)."""
    db = get_default_latex_context_db()
    specials = {"textbraceleft": "{", "textbraceright": "}", "textasciicircum": "^"}
    db.add_context_category(
        "text-specials",
        prepend=True,
        macros=[MacroTextSpec(name, simplify_repl=text) for name, text in specials.items()],
    )
    return LatexNodes2Text(latex_context=db, math_mode="verbatim", strict_latex_spaces=True)


_LATEX = _latex()


def _decode(text: str) -> str:
    return " ".join(_LATEX.latex_to_text(text).split())


def _bibtexparser_names(value: str) -> list[dict[str, str]]:
    (entry,) = bibtexparser.parse_string(
        "@misc{k, author = {" + value + "}}",
        append_middleware=[SeparateCoAuthors(), SplitNameParts()],
    ).entries
    return [
        _name_parts(
            first=_decode(" ".join(name.first)),
            last=_decode(" ".join(name.von + name.last)),
            jr=_decode(" ".join(name.jr)),
        )
        for name in entry["author"]
    ]


def _name_parts(**parts: str) -> dict[str, str]:
    """A name's non-empty parts; the von part counts as the family name's (see ``held``)."""
    return {k: " ".join(v.split()) for k, v in parts.items() if v.strip()}


def _expected_names(people: list[Person]) -> list[dict[str, str]]:
    out = []
    for person in people:
        if person.is_organisation or not (person.family or person.given):
            out.append(_name_parts(last=person.literal or person.given))
        else:
            family = full_family(person) or person.given
            given = person.given if person.family else ""
            out.append(_name_parts(first=given, last=family, jr=person.suffix))
    return out


def _bibtexparser_value(name: str, raw: str, value: Any) -> Any:
    """A field as an independent reader takes it: names as BibTeX splits them, keyword lists
    split at commas outside braces, ``\\url{}`` lists, verbatim fields as written, the rest
    LaTeX-decoded."""
    if name == "keywords":
        return [_decode(k) for k in _split_keywords(raw)]
    if name == "howpublished":
        return re.findall(r"\\url\{([^}]*)\}", raw)
    if isinstance(value, list):
        return _bibtexparser_names(raw)
    return raw.strip() if name in VERBATIM_FIELDS else _decode(raw)


def _split_keywords(raw: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for position, char in enumerate(raw + ","):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(raw[start:position].strip())
            start = position + 1
    return [p for p in parts if p]


def _plain(name: str, value: Any) -> Any:
    """What a field should decode to: rich-text markup is written as LaTeX commands, which a
    plain-text decoding drops."""
    if name in ("keywords", "howpublished"):
        return [" ".join(v.split()) for v in value]
    if isinstance(value, list):
        return _expected_names(value)
    if name == "title" or name in RICH_FIELDS:
        value = re.sub(r"</?(?:i|b|sup|sub|span)\b[^>]*>", "", value)
    return " ".join(value.split())


def bibtex_independent(records: list[Record], text: str) -> list[list[Miss]]:
    entries = bibtexparser.parse_string(text).entries
    causes = []
    for record, entry in zip(records, entries + [None] * len(records), strict=False):
        if entry is None:
            causes.append([("entry lost", None, None)])
            continue
        written = dict(bibtex_fields(record))
        expected = {name: _plain(name, value) for name, value in written.items()}
        got = {
            field.key: _bibtexparser_value(field.key, field.value, written.get(field.key))
            for field in entry.fields
        }
        causes.append(compare(expected, got))
    return causes


def ris_independent(records: list[Record], text: str) -> list[list[str]]:
    entries = rispy.loads(text, mapping=TAG_KEYS, list_tags=LIST_TAGS)
    causes = []
    for record, entry in zip(records, entries + [None] * len(records), strict=False):
        if entry is None:
            causes.append([("record lost", None, None)])
            continue
        causes.append(compare(ris_fields(record), entry))
    return causes


def csl_independent(records: list[Record], text: str) -> list[list[str]]:
    items = json.loads(text)
    return [compare(to_csl(r), item) for r, item in zip(records, items, strict=True)]


FORMATS: dict[str, tuple[Callable, str, str, bool, tuple[str, Callable]]] = {
    "bibtex": (write_bibtex, "bibtex", ".bib", False, ("bibtexparser", bibtex_independent)),
    "ris": (write_ris, "ris", ".ris", False, ("rispy", ris_independent)),
    "csl-json": (
        lambda rs: json.dumps([to_csl(r) for r in rs], ensure_ascii=False),
        "csl-json",
        ".json",
        True,
        ("json", csl_independent),
    ),
}


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


def _no_place(write: Callable, record: Record, cause: str) -> bool:
    """Whether a field lost is one the format has no place for: the export is the same
    without it."""
    field = cause.removesuffix(" lost")
    item = to_csl(record)
    if field not in item:
        return False
    without = {k: v for k, v in item.items() if k != field}
    return write([from_csl(without)]) == write([from_csl(item)])


def run(dev: Path, show: int) -> None:
    logging.getLogger("litsite").setLevel(logging.CRITICAL)
    records = [r for _, rs in dev_records(dev) for r in rs]
    for index, record in enumerate(records):
        record.id = record.id or f"r{index}"
    print(f"{len(records)} dev records\n")
    print(f"{'format':<9} {'reader':<13} {'every field back':>21} {'every field it can hold':>26}")
    report: dict[tuple[str, str], dict[str, list[str]]] = {}
    for fmt, (write, reader, suffix, whole, (other, independent)) in FORMATS.items():
        text = write(records)
        back = _own(reader, suffix, text)
        own = [
            compare(held(r, whole), held(b, whole))
            if b is not None
            else [("record lost", None, None)]
            for r, b in zip(records, back + [None] * len(records), strict=False)
        ]
        own = [
            [
                (f"{cause} (no place in {fmt})", want, got)
                if cause.endswith(" lost") and _no_place(write, record, cause)
                else (cause, want, got)
                for cause, want, got in found
            ]
            for record, found in zip(records, own, strict=True)
        ]
        for name, causes in (("litsite", own), (other, independent(records, text))):
            ok = sum(not c for c in causes)
            held_ok = sum(all("(no place" in c for c, _, _ in found) for found in causes)
            print(
                f"{fmt:<9} {name:<13} {ok / len(records):>8.1%} ({ok:>4}/{len(records)})"
                f" {held_ok / len(records):>13.1%} ({held_ok:>4}/{len(records)})"
            )
            grouped = defaultdict(list)
            for record, found in zip(records, causes, strict=True):
                for cause, want, got in found:
                    label = record.sources[0].label if record.sources else "?"
                    grouped[cause].append(f"{label}: {_short(want)} -> {_short(got)}")
            report[fmt, name] = grouped
    print("\nMisses by cause (records):")
    for (fmt, name), grouped in report.items():
        if not grouped:
            continue
        print(f"- {fmt} / {name}:")
        for cause, where in sorted(grouped.items(), key=lambda kv: -len(kv[1])):
            print(f"    {len(where):>4}  {cause}")
            for label in where[:show]:
                print(f"            {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=SHARED_DEV)
    parser.add_argument("--show", type=int, default=0, help="examples listed per cause")
    args = parser.parse_args()
    if not args.dev.is_dir():
        raise SystemExit(f"{args.dev} is absent: the shared corpus is needed for this benchmark")
    run(args.dev, args.show)


if __name__ == "__main__":
    sys.exit(main())
