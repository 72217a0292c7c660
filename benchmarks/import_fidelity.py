"""Import fidelity: litsite's parse of every dev file against the found expected parses.

For each format folder of ``../shared/data/dev`` this reads every file through the READERS
table (as ``litsite import`` does) and compares the records with the expected CSL items in
``ground-truth/apa7-citeproc-js/`` (Zotero translators', Better BibTeX's and citation-js'
expected parses, and the CSL-JSON files' own items), matched by ``input_file`` and
``record_index``. Record counts are checked against ``PROVENANCE.json``.

Comparison rules (the same for every format):
- A key field is judged when the expected item has it; a value litsite has and the expected
  item lacks is counted apart as "extra" (Zotero drops fields its item type cannot hold, so
  an absent expected value is not evidence that litsite's is wrong).
- Expected values that are not what their field holds are not judged: a URL that is not
  http(s) (litsite keeps only http(s) links; a field holding several URLs must have each of
  them among litsite's links), a date Zotero could not parse (year 0), ISBN/ISSN text with
  no code in it, a page saying "no pagination specified". DOI resolver links are compared
  in their https://doi.org/ form.
- Text is compared after Unicode NFKC (``𝜇`` and ``μ`` agree), rich-text tags removed, white
  space collapsed and case folded; pages with any dash as ``-``; DOIs case-insensitively;
  given names without dots and spaces, family names with their particle (``van Raaij``, as
  Zotero's non-dropping-particle and a BibTeX von part both print); titles, abstracts and
  publishers without a final period (MEDLINE ends every title with one, MARC every field;
  styles add their own); in titles ``. `` and ``: `` alike (how a subtitle is joined to its
  title is style: BibLaTeX prints ``. ``, APA ``: ``); ISBN/ISSN as sets of codes without
  hyphens, where only an 8-character ISSN or a 10- or 13-character ISBN is a code (a DOI or
  a nine-digit typo in the field is not judged); languages as ISO codes (``ENG`` = ``en``).
- A URL field holds several URLs only where a new ``scheme://`` starts after white space; a
  URL with spaces in it (``…/Volume 9/Issue 2/x.pdf``) is one URL.

Counts: a file matches when litsite reads as many records as PROVENANCE.json says, or as many
as a documented dispute says (``fidelity_notes.COUNT_DISPUTES``, printed with its evidence).
Remaining differences are listed by cause (``--show FORMAT``): the causes found in the
expected parses' own choices are in ``fidelity_notes.QUIRKS``; they still count as
mismatches. Anything not documented there is printed as "unexplained".

``--jabref`` adds JabRef's expected BibTeX for JabRef's own inputs (read as CSL through
litsite's BibTeX reader; dates compared to the month, as BibTeX stops there). JabRef maps RIS
``M1`` to ``number`` and keeps ``VL - 50(2)`` whole, so expect lower figures there.

Run: ``PYTHONPATH=generator python benchmarks/import_fidelity.py [--show FORMAT|all] [--jabref]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from fidelity_notes import COUNT_DISPUTES, cause

from litsite.csl import to_csl
from litsite.errors import RecordError
from litsite.normalize import classify_url, parse_language, safe_url
from litsite.readers import read_file
from litsite.report import Report

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
FORMATS = ("medline", "pubmed-xml", "ris", "bibtex", "csl-json", "vufind", "marc")
GROUPS = ("zotero-translators", "bbt-import", "citation-js", "csl-json-files")
KEY_FIELDS = (
    "type",
    "title",
    "container-title",
    "author",
    "editor",
    "issued",
    "volume",
    "issue",
    "page",
    "DOI",
    "ISBN",
    "ISSN",
    "URL",
    "publisher",
    "language",
    "abstract",
)


#: CSL rich-text tags (``p < 0.001`` in an abstract is text, not the start of a tag).
_RICH_TAG = re.compile(r"</?(?:i|b|em|strong|sup|sub|sc|span)(?:\s[^<>]*)?>", re.I)


def _text(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = _RICH_TAG.sub("", text)
    text = re.sub(r"\s+:", ":", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _names(people: list[dict]) -> list[tuple[str, str]]:
    out = []
    for person in people or []:
        family = " ".join(
            p for p in (person.get("non-dropping-particle"), person.get("family")) if p
        ) or person.get("literal", "")
        given = " ".join(p for p in (person.get("given"), person.get("dropping-particle")) if p)
        out.append((_text(family), re.sub(r"[.\s]", "", _text(given))))
    return out


def _date(value: Any) -> tuple:
    if not value:
        return ()
    if isinstance(value, dict) and value.get("date-parts"):
        parts = value["date-parts"][0]
        numbers = tuple(int(p) for p in parts if str(p).strip().lstrip("-").isdigit())
        return numbers if numbers and numbers[0] else ()
    raw = value.get("raw") or value.get("literal") if isinstance(value, dict) else str(value)
    match = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(raw or ""))
    return tuple(int(g) for g in match.groups() if g) if match else (_text(raw),)


def _codes(value: Any) -> set[str]:
    """ISSNs (8 characters) and ISBNs (10 or 13) without hyphens; other text is no code."""
    values = value if isinstance(value, list) else re.split(r"[,;\s]+", str(value or ""))
    codes = {re.sub(r"[^0-9X]", "", str(v).upper()) for v in values}
    return {c for c in codes if len(c) in (8, 10, 13)}


def _language(value: Any) -> str:
    text = str(value or "").strip()
    language = parse_language(text.lower() if len(text) <= 3 else text)
    return language.code.split("-")[0] or _text(language.name)


def _field(item: dict, name: str) -> Any:
    """One key field of a CSL item in comparable form (``None``/empty when absent)."""
    value = item.get(name)
    if name in ("author", "editor"):
        return _names(value)
    if name == "issued":
        return _date(value)
    if name in ("ISBN", "ISSN"):
        return _codes(value)
    if name == "language":
        return _language(value) if value else ""
    if name == "page":
        page = re.sub(r"\s*[-–—‒−]+\s*", "-", _text(value))
        return "" if "specified" in page else page
    if name == "type":
        return str(value or "")
    if name == "title":
        return re.sub(r"\. ", ": ", _text(value).removesuffix("."))
    if name in ("container-title", "abstract", "publisher"):
        return _text(value).removesuffix(".")
    if name == "URL":
        urls = [
            unquote(u)
            for u in re.split(r"\s+(?=[a-z][a-z0-9+.-]*://)", str(value or ""), flags=re.I)
        ]
        return {_text(classify_url(u).url) for u in urls if safe_url(u)}
    return _text(value)


def compare(expected: dict, ours: dict, record_codes: dict) -> tuple[list[str], list[str]]:
    """``(mismatching fields, extra fields)`` for one record."""
    bad, extra = [], []
    for name in KEY_FIELDS:
        want = _field(expected, name)
        have = record_codes.get(name) if name in record_codes else _field(ours, name)
        if not want:
            if have and name != "type":
                extra.append(name)
            continue
        if name == "issued" and expected.get("_month_precision"):
            have = have[:2]  # BibTeX has no day: JabRef's expected dates stop at the month
        if not (want <= have if name in ("ISBN", "ISSN", "URL") else want == have):
            bad.append(name)
    return bad, extra


def _our_values(record) -> tuple[dict, dict]:
    """The record as CSL plus the multi-valued fields CSL keeps only one of."""
    item = to_csl(record)
    codes = {
        "ISBN": _codes(record.isbn),
        "ISSN": _codes(record.issn),
        "URL": {_text(unquote(link.url)) for link in record.links} | _field(item, "URL"),
    }
    return item, codes


def _difference(label: str, expected: dict, record, name: str) -> str:
    item, codes = _our_values(record)
    want, have = _field(expected, name), codes.get(name) or _field(item, name)
    if isinstance(want, str) and isinstance(have, str) and max(len(want), len(have)) > 100:
        same = len(os.path.commonprefix([want, have]))
        start = max(0, same - 30)
        want, have = f"…{want[start : start + 80]}…", f"…{have[start : start + 80]}…"
    return f"{label} {name}: want {want!r} got {have!r}"


def load_expected(dev: Path, jabref: bool = False) -> dict[tuple[str, int], dict]:
    expected: dict[tuple[str, int], dict] = {}
    for group in GROUPS:
        path = dev / "ground-truth" / "apa7-citeproc-js" / f"{group}.json"
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            key = (case["input_file"].removeprefix("dev/"), int(case["record_index"]))
            citation_key = case.get("citation_key") or case["csl"].get("citation-key")
            expected.setdefault(key, {**case["csl"], "_key": citation_key or ""})
    if jabref:
        expected.update({k: v for k, v in _jabref_expected(dev).items() if k not in expected})
    return expected


def _jabref_files(dev: Path) -> Iterator[tuple[Path, str]]:
    """Each JabRef expected-BibTeX file with the input it belongs to (relative to ``dev``)."""
    for path in sorted((dev / "ground-truth" / "jabref-importers").glob("*.expected.bib")):
        inputs = sorted(dev.glob(f"*/jabref-{path.name.removesuffix('.expected.bib')}.*"))
        if len(inputs) == 1:
            yield path, inputs[0].relative_to(dev).as_posix()


def _jabref_expected(dev: Path) -> dict[tuple[str, int], dict]:
    """JabRef's expected BibTeX for its own inputs, read as CSL (through litsite's BibTeX
    reader, so a BibTeX-reading error would show up here too)."""
    expected: dict[tuple[str, int], dict] = {}
    for path, rel in _jabref_files(dev):
        for index, record in enumerate(read_file(path, Report(), fmt="bibtex")):
            expected[(rel, index)] = {**to_csl(record), "_key": "", "_month_precision": True}
    return expected


def _match(records: list, expected: dict, taken: set[int], index: int):
    """The record an expected item describes: by citation key, then title, then position.

    Better BibTeX lists items in its own order, and Mendeley exports repeat or omit keys.
    """
    free = [p for p in range(len(records)) if p not in taken]
    key, title = expected.get("_key"), _text(expected.get("title"))
    same_key = [p for p in free if key and records[p].sources[0].source_id == key]
    same_title = [p for p in same_key or free if _text(records[p].title) == title]
    choice = (same_title or same_key or [index if index in free else None])[0]
    if choice is None or choice >= len(records):
        return None
    taken.add(choice)
    return records[choice]


@dataclass
class Tally:
    """Counts for one format (or one file), with the differences by cause."""

    files: int = 0
    read: int = 0
    want: int = 0
    counts_ok: int = 0
    disputed: int = 0
    compared: int = 0
    matched: int = 0
    unexplained: int = 0
    unread: int = 0
    mismatches: Counter[str] = field(default_factory=Counter)
    extras: Counter[str] = field(default_factory=Counter)
    count_notes: list[str] = field(default_factory=list)
    by_cause: dict[str, list[str]] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        for name in _SUMMED:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.mismatches.update(other.mismatches)
        self.extras.update(other.extras)
        self.count_notes += other.count_notes
        for why, lines in other.by_cause.items():
            self.by_cause.setdefault(why, []).extend(lines)

    @property
    def rate(self) -> str:
        return f"{100 * self.matched / self.compared:.1f}%" if self.compared else "-"

    def row(self, label: str) -> str:
        top = ", ".join(f"{name} {n}" for name, n in self.mismatches.most_common(5))
        return (
            f"{label:<11} {self.files:>5} {f'{self.read}/{self.want}':>14} "
            f"{f'{self.counts_ok}/{self.files}':>10} {self.disputed:>8} {self.compared:>8} "
            f"{f'{self.matched}/{self.compared}':>9} {self.rate:>7} {self.unexplained:>11}  {top}"
        )


_SUMMED = ("files", "read", "want", "counts_ok", "disputed", "compared", "matched")
_SUMMED += ("unexplained", "unread")
HEADER = (
    f"{'format':<11} {'files':>5} {'read/PROV.':>14} {'counts ok':>10} {'disputed':>8} "
    f"{'compared':>8} {'all-key-match':>17} {'unexplained':>11}  top mismatching fields"
)


def _check_count(tally: Tally, rel: str, truth: int | None) -> None:
    """Compare the records read with PROVENANCE.json, then with a documented dispute."""
    if tally.read == tally.want:
        tally.counts_ok = 1
        return
    count, reason = COUNT_DISPUTES.get(rel, (None, ""))
    said = f"{rel}: litsite reads {tally.read}, PROVENANCE.json says {tally.want}"
    if count is None or tally.read != count:
        tally.count_notes.append(f"{said}: MISMATCH" + (f" (disputed as {count})" * bool(reason)))
        return
    tally.counts_ok = tally.disputed = 1
    if truth is None:
        evidence = "no ground truth for this file"
    else:
        agrees = "agrees" if truth == count else "DISAGREES"
        evidence = f"ground truth lists {truth} item(s): {agrees}"
    tally.count_notes.append(f"{said}: PROVENANCE disputed: {reason} [{evidence}]")


def score_file(path: Path, rel: str, want: int, expected: dict, truth: int | None) -> Tally:
    """Read one file and compare its records with the expected items for it."""
    tally = Tally(files=1, want=want)
    try:
        records = read_file(path, Report())
    except RecordError:
        records, tally.unread = [], 1
    tally.read = len(records)
    _check_count(tally, rel, truth)
    index, taken = 0, set()
    while (rel, index) in expected:
        tally.compared += 1
        record = _match(records, expected[(rel, index)], taken, index)
        if record is None:
            tally.mismatches["(record missing)"] += 1
            tally.unexplained += 1
            tally.by_cause.setdefault("unexplained", []).append(f"{rel} #{index}: not read")
        else:
            bad, extra = compare(expected[(rel, index)], *_our_values(record))
            tally.mismatches.update(bad)
            tally.extras.update(extra)
            tally.matched += not bad
            causes = [cause(rel, index, name) for name in bad]
            tally.unexplained += "unexplained" in causes
            for name, why in zip(bad, causes, strict=True):
                line = _difference(f"{rel} #{index}", expected[(rel, index)], record, name)
                tally.by_cause.setdefault(why, []).append(line)
        index += 1
    return tally


def _truth_counts(dev: Path, expected: dict) -> dict[str, int]:
    """Items each input file has in the ground truth (JabRef's entries where it is alone)."""
    counts = Counter(rel for rel, _ in expected)
    entry = re.compile(r"^@(?!comment|string|preamble)\w+\s*[{(,]", re.M | re.I)
    for path, rel in _jabref_files(dev):
        if rel not in counts:
            counts[rel] = len(entry.findall(path.read_text(encoding="utf-8")))
    return counts


def run(dev: Path, show: str | None, jabref: bool) -> None:
    logging.getLogger("litsite").setLevel(logging.CRITICAL)
    expected = load_expected(dev, jabref)
    truth = _truth_counts(dev, load_expected(dev))
    counts = {
        e["file"].removeprefix("dev/"): e["records"]
        for e in json.loads((dev / "PROVENANCE.json").read_text(encoding="utf-8"))
    }
    print(HEADER)
    overall, shown = Tally(), None
    for fmt in FORMATS:
        folder = dev / fmt
        total = Tally()
        for path in sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []:
            rel = f"{fmt}/{path.name}"
            total.add(score_file(path, rel, counts.get(rel) or 0, expected, truth.get(rel)))
        overall.add(total)
        shown = total if fmt == show else shown
        if total.files and total.unread == total.files:
            print(f"{fmt:<11} {total.files:>5}  every file rejected: no reader for it yet?")
        else:
            print(total.row(fmt))
    print(overall.row("ALL"))
    print("\nRecord counts that differ from PROVENANCE.json:")
    print("\n".join(f"  {note}" for note in overall.count_notes) or "  none")
    if show == "all":
        _print_causes("all formats", overall)
    elif shown is not None:
        _print_causes(show, shown)


def _print_causes(fmt: str, tally: Tally) -> None:
    """Every remaining difference of one format, grouped by cause (unexplained first)."""
    print(f"\nDifferences in {fmt} by cause ({tally.compared - tally.matched} records):")
    for why in sorted(tally.by_cause, key=lambda c: (c != "unexplained", c)):
        print(f"- {why} ({len(tally.by_cause[why])}):")
        print("\n".join(f"    {line}" for line in tally.by_cause[why]))
    if tally.extras:
        print("extra fields (litsite has, expected lacks):", dict(tally.extras.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "dev")
    parser.add_argument("--show", help="list every difference of this format (or 'all') by cause")
    parser.add_argument(
        "--jabref",
        action="store_true",
        help="also compare with JabRef's expected BibTeX (ground-truth/jabref-importers)",
    )
    args = parser.parse_args()
    if not args.dev.is_dir():
        raise SystemExit(f"{args.dev} is absent: the shared corpus is needed for this benchmark")
    run(args.dev, args.show, args.jabref)


if __name__ == "__main__":
    main()
