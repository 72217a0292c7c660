"""Style fidelity: litsite's CSL styles against citeproc-js, per style and site language.

Run from the repository root (needs node and npm):
    PYTHONPATH=generator python benchmarks/style_fidelity.py [--styles apa,ieee] [--show N]
Every CSL item of ../shared/data/dev/ground-truth/apa7-citeproc-js/*.json is rendered by
citeproc-js (npm ``citeproc``, installed by this script into a temporary folder) with each style
of ``citations.FORMATS`` and the locale litsite picks for an English and a Spanish site, with
the locale files pandoc carries (what litsite renders with); litsite renders the same item after
its trip through the record model (``from_csl`` then ``to_csl``). Prints the exact-match share
of the reference-list entry (text and HTML) and of the in-text citation, per style and language.
Runs of spaces, tabs and line breaks are compared as one space (as the APA ground truth's
newer files are).

``--items FILE`` measures on the CSL-JSON items of FILE instead (any third-party items: a check
out of sample, e.g. the inputs of the CSL test suite's fixtures).

``--fixtures tests/data/citeproc_js`` instead writes citeproc-js's output into each fixture
file there (its ``style``, ``locale`` and ``item``): the expected side of the compatibility
rules' tests; ``--seed RECORD OUT`` writes citeproc-js's output for one record in every style
and language. Review the diff.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from litsite.citations import FORMATS
from litsite.citations.styles import _pandoc, csl_locale, format_items, style
from litsite.csl import from_csl, to_csl

ROOT = Path(__file__).resolve().parents[1]
GROUND_TRUTH = ROOT.parent / "shared" / "data" / "dev" / "ground-truth" / "apa7-citeproc-js"
CITEPROC = "citeproc@2.4.63"
LANGUAGES = ("en", "es")
_ENTRY_DIV = re.compile(r'^\s*<div class="csl-entry">(.*)</div>\s*$', re.S)


def cases() -> list[dict]:
    return [
        case
        for path in sorted(GROUND_TRUTH.glob("*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
    ]


def items_cases(path: Path) -> list[dict]:
    """The items of a CSL-JSON file as cases (without citeproc-js's output: it is made here)."""
    items = json.loads(path.read_text(encoding="utf-8"))
    return [
        {"csl": item, "input_file": path.name, "record_index": n}
        for n, item in enumerate(items)
        if isinstance(item, dict)
    ]


def citeproc_module() -> str:
    """The npm ``citeproc`` package in a temporary folder (installed once, never committed)."""
    folder = Path(tempfile.gettempdir()) / f"litsite-{CITEPROC.replace('@', '-')}"
    module = folder / "node_modules" / "citeproc"
    if not module.is_dir():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder), CITEPROC],
            check=True,
            capture_output=True,
        )
    return str(module)


def pandoc_locale(lang: str) -> str:
    """The CSL locale file pandoc carries for ``lang`` (its citeproc embeds them verbatim)."""
    data = Path(_pandoc()).read_bytes()
    at = data.find(f'xml:lang="{lang}"'.encode())
    if at < 0:
        raise SystemExit(f"pandoc carries no {lang} locale")
    start = data.rfind(b"<?xml", 0, at)
    end = data.find(b"</locale>", at) + len(b"</locale>")
    return data[start:end].decode("utf-8")


def reference(items: list[dict], style_id: str, locale: str, module: str) -> list[dict]:
    langs = {locale, "en-US"}
    request = {
        "style": style(style_id).path.read_text(encoding="utf-8"),
        "locales": {lang: pandoc_locale(lang) for lang in langs},
        "lang": locale,
        "items": items,
    }
    done = subprocess.run(
        ["node", str(Path(__file__).with_name("citeproc_js_reference.js"))],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CITEPROC_MODULE": module},
    )
    return json.loads(done.stdout)


def normalise(value: str | None, html: bool = False) -> str | None:
    if value is None:
        return None
    if html:
        found = _ENTRY_DIV.match(value)
        value = found.group(1) if found else value
        value = re.sub(r">[ \t\r\n]+<", "><", value)
    return re.sub(r"[ \t\r\n]+", " ", value).strip()


def _unwrap(value: str) -> str:
    """citeproc-js's own output without its outer entry div and the line breaks between tags."""
    found = _ENTRY_DIV.match(value)
    return re.sub(r">\n\s*<", "><", found.group(1) if found else value).strip()


def write_fixtures(folder: Path, module: str) -> None:
    for path in sorted(folder.glob("*.json")):
        fixture = json.loads(path.read_text(encoding="utf-8"))
        (out,) = reference([fixture["item"]], fixture["style"], fixture["locale"], module)
        fixture["citeproc-js"] = {k: _unwrap(v) for k, v in out.items()}
        text = json.dumps(fixture, ensure_ascii=False, indent=1) + "\n"
        path.write_text(text, encoding="utf-8")
        print(f"{path.name}: {fixture['citeproc-js'].get('text')}")


def write_seed(path: Path, seed: Path, module: str) -> None:
    """citeproc-js's output for the seed record in every style and language (a test's truth)."""
    from litsite.readers import read_paths
    from litsite.report import Report

    item = to_csl(read_paths([seed], Report())[0])
    out = {}
    for fmt in (f for f in FORMATS if f.style):
        for language in LANGUAGES:
            (want,) = reference([item], fmt.style, csl_locale(fmt.style, language), module)
            out[f"{fmt.id}/{language}"] = {k: _unwrap(v) for k, v in want.items()}
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, help="write citeproc-js output into fixtures")
    parser.add_argument("--seed", type=Path, nargs=2, metavar=("RECORD", "OUT"))
    parser.add_argument("--items", type=Path, help="measure on this CSL-JSON file's items")
    parser.add_argument("--styles", help="format ids, comma-separated (default: every style)")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--show", type=int, default=0, help="mismatches to print per style")
    args = parser.parse_args()
    if args.seed:
        write_seed(args.seed[1], args.seed[0], citeproc_module())
        return 0
    if args.fixtures:
        write_fixtures(args.fixtures, citeproc_module())
        return 0
    if not args.items and not GROUND_TRUTH.is_dir():
        print(f"{GROUND_TRUTH} is absent: nothing to measure", file=sys.stderr)
        return 2
    wanted = args.styles.split(",") if args.styles else [f.id for f in FORMATS if f.style]
    formats = [f for f in FORMATS if f.id in wanted]
    all_cases = items_cases(args.items) if args.items else cases()
    originals = [case["csl"] for case in all_cases]
    ours = [to_csl(from_csl(item)) for item in originals]
    module = citeproc_module()
    print(f"{len(originals)} items; citeproc-js {CITEPROC}; pandoc's CSL locales")
    print(f"{'style':10} {'lang':4} {'locale':6} {'text':>7} {'html':>7} {'in-text':>7}")
    for fmt in formats:
        for language in args.languages.split(","):
            locale = csl_locale(fmt.style, language)
            want = reference(originals, fmt.style, locale, module)
            got = format_items(ours, fmt.style, locale)
            counts = {"text": 0, "html": 0, "in_text": 0}
            shown = 0
            for case, expected, actual in zip(all_cases, want, got, strict=True):
                for name in counts:
                    html = name == "html"
                    left = normalise(expected.get(name), html)
                    right = normalise(getattr(actual, name) if actual else None, html)
                    if left == right:
                        counts[name] += 1
                    elif shown < args.show:
                        shown += 1
                        print(f"- {case['input_file']} #{case['record_index']} ({name})")
                        print(f"    citeproc-js: {left}\n    litsite:     {right}")
            shares = " ".join(f"{100 * n / len(want):6.1f}%" for n in counts.values())
            print(f"{fmt.id:10} {language:4} {locale:6} {shares}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
