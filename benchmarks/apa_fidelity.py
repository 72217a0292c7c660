"""APA fidelity: litsite's APA against citeproc-js on the dev ground truth, by CSL type.

Run from the repository root:
    PYTHONPATH=generator python benchmarks/apa_fidelity.py [--show N] [--speed]
Reads ../shared/data/dev/ground-truth/apa7-citeproc-js/*.json (each case: a CSL item and
citeproc-js's text, HTML and in-text output for it alone). Each item takes the path a record
takes in litsite (``from_csl`` then ``to_csl``) before it is formatted. Prints the exact-match
share of text, HTML and in-text overall and per CSL type (targets: 99% overall, 95% for every
type with at least 10 cases) and the mismatches; ``--speed`` adds items/s cold (no cache; all
cores, then one) and cached. Files whose generator says it collapsed runs of spaces are compared
with litsite's runs of spaces collapsed the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from litsite.citations.styles import format_items
from litsite.csl import from_csl, to_csl

ROOT = Path(__file__).resolve().parents[1]
GROUND_TRUTH = ROOT.parent / "shared" / "data" / "dev" / "ground-truth" / "apa7-citeproc-js"
_CHECKS = {"text": "bibliography_text", "html": "bibliography_html", "in-text": "citation_text"}


def _cases() -> list[tuple[dict, bool]]:
    """Every case, with whether its file's strings have runs of spaces collapsed."""
    out = []
    for path in sorted(GROUND_TRUTH.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        collapsed = "collapsed" in str(data.get("generator", {}).get("whitespace", ""))
        out += [(case, collapsed) for case in data["cases"]]
    return out


def _speed(items: list[dict]) -> str:
    start = time.perf_counter()
    format_items(items, cache_dir=None, workers=1)
    single = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        format_items(items, cache_dir=Path(folder))
        cold = time.perf_counter() - start
        start = time.perf_counter()
        format_items(items, cache_dir=Path(folder))
        warm = time.perf_counter() - start
    n = len(items)
    return (
        f"cold {n / cold:.0f} items/s on all cores ({n / single:.0f} on one), cached {n / warm:.0f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=50, help="mismatches to print (default 50)")
    parser.add_argument("--speed", action="store_true", help="also measure items/s")
    args = parser.parse_args()
    if not GROUND_TRUTH.is_dir():
        print(f"{GROUND_TRUTH} is absent: nothing to measure", file=sys.stderr)
        return 2
    cases = _cases()
    items = [to_csl(from_csl(case["csl"])) for case, _ in cases]
    results = format_items(items, cache_dir=None)
    matched: dict[str, Counter] = {name: Counter() for name in _CHECKS}
    totals: Counter = Counter()
    shown = 0
    for (case, collapsed), got in zip(cases, results, strict=True):
        kind = case["csl"].get("type", "?")
        totals[kind] += 1
        mine = {
            "text": got.text if got else None,
            "html": got.html if got else None,
            "in-text": got.in_text if got else None,
        }
        for name, field in _CHECKS.items():
            expected, actual = case["apa"][field], mine[name]
            if collapsed and actual is not None:
                actual = re.sub(r"[ \t]+", " ", actual)
            if expected == actual:
                matched[name][kind] += 1
            elif shown < args.show:
                shown += 1
                print(f"- {case['input_file']} #{case['record_index']} {kind} ({name})")
                print(f"    citeproc-js: {expected}")
                print(f"    litsite:     {actual}")
    total = sum(totals.values())
    for name in _CHECKS:
        hits = sum(matched[name].values())
        print(f"{name:8} {hits}/{total} exact ({100 * hits / total:.1f}%)")
    print(f"\n{'CSL type':22} {'cases':>5} {'text':>7} {'html':>7} {'in-text':>7}")
    for kind, count in totals.most_common():
        shares = " ".join(f"{100 * matched[n][kind] / count:6.1f}%" for n in _CHECKS)
        print(f"{kind:22} {count:5} {shares}")
    if args.speed:
        print(f"speed    {_speed(items)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
