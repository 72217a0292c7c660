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
- Text is compared after Unicode NFKC (``𝜇`` and ``μ`` agree), HTML tags removed, white
  space collapsed and case folded; pages with any dash as ``-``; DOIs case-insensitively;
  given names without dots and spaces; titles, abstracts and publishers without a final
  period (MEDLINE ends every title with one, MARC every field; styles add their own);
  ISBN/ISSN as sets of codes without hyphens; languages as ISO codes (``ENG`` = ``eng`` = ``en``).

``--jabref`` adds JabRef's expected BibTeX for JabRef's own inputs (read as CSL through
litsite's BibTeX reader; dates compared to the month, as BibTeX stops there). JabRef maps RIS
``M1`` to ``number`` and keeps ``VL - 50(2)`` whole, so expect lower figures there.

Run: ``PYTHONPATH=generator python benchmarks/import_fidelity.py [--show FORMAT] [--jabref]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

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


def _text(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = re.sub(r"<[^>]+>", "", text)
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
    values = value if isinstance(value, list) else re.split(r"[,;\s]+", str(value or ""))
    codes = {re.sub(r"[^0-9X]", "", str(v).upper()) for v in values}
    return {c for c in codes if len(c) >= 8}


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
    if name in ("title", "container-title", "abstract", "publisher"):
        return _text(value).removesuffix(".")
    if name == "URL":
        urls = [unquote(u) for u in str(value or "").split()]
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


def _show(label: str, expected: dict, record, bad: list[str]) -> None:
    item, codes = _our_values(record)
    diffs = [
        f"{f}: want {_field(expected, f)!r} got {codes.get(f) or _field(item, f)!r}" for f in bad
    ]
    print(f"  {label}: " + "; ".join(diffs))


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


def _jabref_expected(dev: Path) -> dict[tuple[str, int], dict]:
    """JabRef's expected BibTeX for its own inputs, read as CSL (through litsite's BibTeX
    reader, so a BibTeX-reading error would show up here too)."""
    expected: dict[tuple[str, int], dict] = {}
    for path in sorted((dev / "ground-truth" / "jabref-importers").glob("*.expected.bib")):
        stem = path.name.removesuffix(".expected.bib")
        inputs = sorted(dev.glob(f"*/jabref-{stem}.*"))
        if len(inputs) != 1:
            continue
        rel = inputs[0].relative_to(dev).as_posix()
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
    """Counts for one format (or one file)."""

    files: int = 0
    read: int = 0
    want: int = 0
    counts_ok: int = 0
    compared: int = 0
    matched: int = 0
    unread: int = 0
    mismatches: Counter[str] = field(default_factory=Counter)
    extras: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        for name in ("files", "read", "want", "counts_ok", "compared", "matched", "unread"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.mismatches.update(other.mismatches)
        self.extras.update(other.extras)

    @property
    def rate(self) -> str:
        return f"{100 * self.matched / self.compared:.1f}%" if self.compared else "-"


def score_file(path: Path, rel: str, want: int, expected: dict, show: bool) -> Tally:
    """Read one file and compare its records with the expected items for it."""
    tally = Tally(files=1, want=want)
    try:
        records = read_file(path, Report())
    except RecordError:
        records, tally.unread = [], 1
    tally.read, tally.counts_ok = len(records), int(len(records) == want)
    index, taken = 0, set()
    while (rel, index) in expected:
        tally.compared += 1
        record = _match(records, expected[(rel, index)], taken, index)
        if record is None:
            tally.mismatches["(record missing)"] += 1
        else:
            bad, extra = compare(expected[(rel, index)], *_our_values(record))
            tally.mismatches.update(bad)
            tally.extras.update(extra)
            tally.matched += not bad
            if bad and show:
                _show(f"{rel} #{index}", expected[(rel, index)], record, bad)
        index += 1
    if show and (not tally.counts_ok or tally.matched < tally.compared):
        print(f"  = {rel}: {tally.read}/{want} records, {tally.matched}/{tally.compared} match")
    return tally


def run(dev: Path, show: str | None, jabref: bool) -> None:
    logging.getLogger("litsite").setLevel(logging.CRITICAL)
    expected = load_expected(dev, jabref)
    counts = {
        e["file"].removeprefix("dev/"): e["records"]
        for e in json.loads((dev / "PROVENANCE.json").read_text(encoding="utf-8"))
    }
    print(
        f"{'format':<11} {'files':>5} {'read/expected':>14} {'counts ok':>10} "
        f"{'compared':>8} {'all-key-match':>13}  top mismatching fields"
    )
    for fmt in FORMATS:
        folder = dev / fmt
        total = Tally()
        for path in sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []:
            rel = f"{fmt}/{path.name}"
            total.add(score_file(path, rel, counts.get(rel) or 0, expected, show == fmt))
        if total.files and total.unread == total.files:
            print(f"{fmt:<11} {total.files:>5}  every file rejected: no reader for it yet?")
            continue
        top = ", ".join(f"{name} {n}" for name, n in total.mismatches.most_common(5))
        print(
            f"{fmt:<11} {total.files:>5} {f'{total.read}/{total.want}':>14} "
            f"{f'{total.counts_ok}/{total.files}':>10} {total.compared:>8} {total.rate:>13}  {top}"
        )
        if total.extras and show == fmt:
            print("  extra fields (litsite has, expected lacks):", dict(total.extras.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "dev")
    parser.add_argument("--show", help="print each mismatching record of this format")
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
