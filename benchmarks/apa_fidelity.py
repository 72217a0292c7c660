"""APA fidelity: litsite's APA against citeproc-js on the dev ground truth, and its speed.

Run from the repository root:
    PYTHONPATH=generator python benchmarks/apa_fidelity.py [--show N]
Reads ../shared/data/dev/ground-truth/apa7-citeproc-js/*.json (each case: a CSL item and
citeproc-js's text, HTML and in-text output for it alone) and prints the exact-match share for
text and HTML, the mismatches, and items/s cold (no cache; all cores, then one) and cached.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from litsite.citations.styles import format_items

ROOT = Path(__file__).resolve().parents[1]
GROUND_TRUTH = ROOT.parent / "shared" / "data" / "dev" / "ground-truth" / "apa7-citeproc-js"


def _cases() -> list[dict]:
    return [
        case
        for path in sorted(GROUND_TRUTH.glob("*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=50, help="mismatches to print (default 50)")
    args = parser.parse_args()
    if not GROUND_TRUTH.is_dir():
        print(f"{GROUND_TRUTH} is absent: nothing to measure", file=sys.stderr)
        return 2
    cases = _cases()
    items = [case["csl"] for case in cases]
    start = time.perf_counter()
    format_items(items, cache_dir=None, workers=1)
    single = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        start = time.perf_counter()
        results = format_items(items, cache_dir=cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        format_items(items, cache_dir=cache)
        warm = time.perf_counter() - start
    checks = {"text": 0, "html": 0, "in-text": 0}
    shown = 0
    for case, got in zip(cases, results, strict=True):
        want = case["apa"]
        pairs = {
            "text": (want["bibliography_text"], got.text if got else None),
            "html": (want["bibliography_html"], got.html if got else None),
            "in-text": (want["citation_text"], got.in_text if got else None),
        }
        for name, (expected, actual) in pairs.items():
            if expected == actual:
                checks[name] += 1
            elif shown < args.show:
                shown += 1
                print(f"- {case['input_file']} #{case['record_index']} ({name})")
                print(f"    citeproc-js: {expected}")
                print(f"    litsite:     {actual}")
    total = len(cases)
    for name, matched in checks.items():
        print(f"{name:8} {matched}/{total} exact ({100 * matched / total:.1f}%)")
    print(
        f"speed    cold {total / cold:.0f} items/s on all cores ({total / single:.0f} on one),"
        f" cached {total / warm:.0f} items/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
